package org.memsim.gc.concurrent;

/**
 * Go's GC pacer, reduced to its rules ({@code runtime/mgcpacer.go}, Go 1.19+): the heap goal is
 * the live heap marked by the last cycle times {@code 1 + GOGC/100}, at least the 4 MiB minimum,
 * and with a soft memory limit ({@code GOMEMLIMIT}) no more than the limit allows; a cycle starts
 * when the heap reaches the trigger, {@code trigger} of the way from the live heap to the goal
 * (Go keeps it between 0.7 and 0.95 of the runway); mutator assists are charged so that marking
 * ends by the goal: assist work per byte allocated = remaining mark work / remaining runway.
 */
final class Pacer {
    private final double gogc;
    private final long minHeap;
    private final long limit;
    private final double triggerFraction;
    private long goal;
    private long trigger;

    Pacer(double gogc, long minHeap, long limit, double triggerFraction) {
        this.gogc = gogc;
        this.minHeap = minHeap;
        this.limit = limit;
        this.triggerFraction = triggerFraction;
        update(0);
    }

    /** After a cycle that left {@code live} bytes marked: the next goal and trigger. */
    void update(long live) {
        long g = gogc < 0 ? Long.MAX_VALUE / 4 : Math.max(minHeap, (long) (live * (1 + gogc / 100)));
        if (limit > 0) {
            g = Math.min(g, limit);
        }
        g = Math.max(g, live + 64 * 1024); // always some runway: past the limit, cycles run back to back
        goal = g;
        trigger = live + (long) ((g - live) * triggerFraction);
    }

    long goal() {
        return goal;
    }

    long trigger() {
        return trigger;
    }

    long limit() {
        return limit;
    }
}
