package org.memsim.gc;

/**
 * What a collector needs from the runtime and promises to it, as one-line getters with safe
 * defaults (MMTk's {@code PlanConstraints}); each plan overrides a few. Drivers ask these, never
 * {@code instanceof}.
 */
public class Constraints {
    /** Whether objects may move (copying, compaction): addresses change across a collection. */
    public boolean movesObjects() {
        return false;
    }

    /** Whether every reference write goes through the plan's write barrier. */
    public boolean needsWriteBarrier() {
        return false;
    }

    /** Whether root additions and removals are reported to the plan (reference counting). */
    public boolean needsRootEvents() {
        return false;
    }

    /** Whether a full collection frees every unreachable object (false for plain reference counting). */
    public boolean collectsCycles() {
        return true;
    }

    /** Whether the plan traces from roots (false: it counts references). */
    public boolean tracing() {
        return true;
    }

    /** Whether the heap is split into generations. */
    public boolean generational() {
        return false;
    }
}
