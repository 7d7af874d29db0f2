package org.memsim.vm;

/**
 * Virtual page number → page-table entry for one address space. An entry packs the frame number
 * and the protection/state bits:
 * <pre>
 *  63            12 11 10   9  8     4   3   2   1   0
 * +----------------+--+------+--------+---+---+---+---+
 * |   frame (pfn)  |  | level|   --   | D | X | W | R |
 * +----------------+--+------+--------+---+---+---+---+   (D = dirty)
 * </pre>
 * {@code level} is 0 for an entry that maps one base page, 1 for a huge leaf one level up (2 MiB
 * with 4 KiB pages: an x86-64 PDE with PS set), 2 for a leaf two levels up (1 GiB, a PDPTE with PS).
 * A huge leaf's pfn is the first frame of its physically contiguous run; {@link #frameOf} gives the
 * frame of one base page inside it. Implementations differ in shape (one hashed level, an x86-64
 * radix tree) and in what the table itself costs in memory.
 */
public interface PageTable {
    /** Returned by {@link #lookup} for an unmapped page. */
    long NOT_PRESENT = -1;

    long READ = 1;
    long WRITE = 2;
    long EXEC = 4;
    long DIRTY = 8;
    /** Protection bits of an entry. */
    long PROT_MASK = 7;
    int LEVEL_SHIFT = 9;
    long LEVEL_MASK = 3L << LEVEL_SHIFT;
    int PFN_SHIFT = 12;

    static long entry(long pfn, int prot) {
        return (pfn << PFN_SHIFT) | (prot & 7);
    }

    /** A huge leaf {@code level} levels above the base pages (1 or 2). */
    static long hugeEntry(long pfn, int prot, int level) {
        return (pfn << PFN_SHIFT) | ((long) level << LEVEL_SHIFT) | (prot & 7);
    }

    static long pfn(long entry) {
        return entry >>> PFN_SHIFT;
    }

    /** 0 for a base page, 1 or 2 for a huge leaf. */
    static int level(long entry) {
        return (int) ((entry & LEVEL_MASK) >>> LEVEL_SHIFT);
    }

    /** The frame holding base page {@code vpn}, whose (possibly huge) entry is {@code entry}. */
    static long frameOf(long entry, long vpn, int bitsPerLevel) {
        int level = level(entry);
        return level == 0 ? pfn(entry) : pfn(entry) + (vpn & ((1L << (bitsPerLevel * level)) - 1));
    }

    /** The entry for {@code vpn} (a huge leaf when one covers it), or {@link #NOT_PRESENT}. */
    long lookup(long vpn);

    /** Installs or replaces the base-page entry for {@code vpn}. */
    void map(long vpn, long entry);

    /** Removes the base-page entry for {@code vpn}; returns it or {@link #NOT_PRESENT}. */
    long unmap(long vpn);

    /** Number of present entries (a huge leaf counts once). */
    long present();

    /** Base pages mapped: a 2 MiB leaf counts 512 with 4 KiB pages. */
    default long presentPages() {
        return present();
    }

    /** Simulated memory the table structure itself occupies, in pages. */
    long tablePages();

    /** Levels of the tree a walk reads: 1 for a single-level table, 4 or 5 for x86-64. */
    default int levels() {
        return 1;
    }

    /** Bits of the virtual page number each level translates (9 for x86-64 with 4 KiB pages). */
    default int bitsPerLevel() {
        return 9;
    }

    /** Whether leaves {@code level} levels above base pages can be mapped (huge pages). */
    default boolean supportsHuge(int level) {
        return false;
    }

    /** Installs a huge leaf covering the aligned range that contains {@code vpn}. */
    default void mapHuge(long vpn, long entry) {
        throw new UnsupportedOperationException("this page table has no huge pages");
    }

    /** Removes the huge leaf of {@code level} covering {@code vpn}; returns it or {@link #NOT_PRESENT}. */
    default long unmapHuge(long vpn, int level) {
        return NOT_PRESENT;
    }

    /** Whether no entry (base or huge) lies in the {@code level}-aligned range containing {@code vpn}. */
    default boolean rangeEmpty(long vpn, int level) {
        long span = 1L << (bitsPerLevel() * level);
        long first = vpn & -span;
        for (long v = first; v < first + span; v++) {
            if (lookup(v) != NOT_PRESENT) {
                return false;
            }
        }
        return true;
    }

    /** Visits every present entry; a huge leaf once, with the first vpn of its range. */
    void forEach(Visitor visitor);

    /** Receives (vpn, entry) pairs. */
    @FunctionalInterface
    interface Visitor {
        void visit(long vpn, long entry);
    }
}
