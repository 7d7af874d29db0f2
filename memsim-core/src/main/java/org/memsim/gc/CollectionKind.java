package org.memsim.gc;

/** What one collection covered: part of the heap (minor, young, mixed, cycle-detector generation) or all of it. */
public enum CollectionKind {
    /** A nursery collection of a generational heap. */
    MINOR("minor", false),
    /** A G1 young-only collection. */
    YOUNG("young", false),
    /** A G1 mixed collection: young regions and old regions chosen by garbage. */
    MIXED("mixed", false),
    /** CPython's cycle detector over generations younger than the oldest. */
    PARTIAL_CYCLES("cycles-young", false),
    /** A concurrent cycle (its short stop-the-world phases; marking runs beside the mutator). */
    CONCURRENT("concurrent", false),
    /** The whole heap, stop-the-world. */
    FULL("full", true);

    private final String label;
    private final boolean full;

    CollectionKind(String label, boolean full) {
        this.label = label;
        this.full = full;
    }

    public String label() {
        return label;
    }

    /** Whether this collection covers the whole heap, so every unreachable object must be freed after it. */
    public boolean full() {
        return full;
    }
}
