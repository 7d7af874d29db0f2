package org.memsim.gc;

import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.EventClock;
import org.memsim.gc.space.HeapReservation;
import org.memsim.kernel.SystemCalls;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.vm.MemoryPort;

/**
 * What a collector plan works with: the object table and roots, the heap reservation it carves
 * spaces from, the kernel and memory port beneath (so pages fault and stay resident for real),
 * the cost model and clock, and the run's statistics. {@link #pause} is the one place a
 * stop-the-world pause is recorded, charged and (with checking on) verified by the {@link Oracle}.
 */
public final class GcContext {
    public final ObjectTable table;
    public final Roots roots;
    public final HeapReservation heap;
    public final SystemCalls kernel;
    public final MemoryPort memory;
    public final CostModel cost;
    public final SimClock clock;
    public final Metrics metrics;
    public final EventClock events;
    public final LayerLog log;
    public final GcStats stats;
    private boolean check;
    private Constraints constraints = new Constraints();
    private long checks;
    private Runnable spaceCheck;

    public GcContext(ObjectTable table, Roots roots, HeapReservation heap, SystemCalls kernel, MemoryPort memory, CostModel cost,
                     SimClock clock, Metrics metrics, EventClock events, LayerLog log) {
        this.table = table;
        this.roots = roots;
        this.heap = heap;
        this.kernel = kernel;
        this.memory = memory;
        this.cost = cost;
        this.clock = clock;
        this.metrics = metrics;
        this.events = events;
        this.log = log;
        this.stats = new GcStats(metrics);
    }

    /** Runs the {@link Oracle} after every collection (tests always do; {@code memsim gc --check}). */
    public void setCheck(boolean check) {
        this.check = check;
    }

    public boolean checking() {
        return check;
    }

    void setConstraints(Constraints c) {
        constraints = c;
    }

    /** The plan's own invariant checker, run after the oracle when checking. */
    void setSpaceCheck(Runnable check) {
        spaceCheck = check;
    }

    /** Oracle runs so far. */
    public long checks() {
        return checks;
    }

    /**
     * Ends a stop-the-world collection whose work cost {@code workNs}: the pause is the fixed
     * safepoint cost plus the work divided over the GC threads.
     */
    public void pause(CollectionKind kind, double workNs, String what) {
        pause(kind, workNs, what, cost.gcPauseNs);
    }

    /**
     * A pause with its own fixed cost: 0 for a collector that runs inside one interpreter thread and
     * needs no safepoint (CPython's cycle detector runs under the GIL, at an allocation).
     */
    public void pause(CollectionKind kind, double workNs, String what, double fixedNs) {
        double ns = fixedNs + workNs / cost.gcThreads;
        clock.charge(Layer.RUNTIME, ns);
        stats.pause(kind, ns, workNs, events.index());
        if (log.enabled()) {
            log.note(Layer.RUNTIME, kind.label() + " collection: " + what + ", pause " + Math.round(ns) + " ns");
        }
        if (check) {
            checks++;
            String where = kind.label() + " collection at event " + events.index();
            Oracle.verify(table, roots, kind.full() && constraints.collectsCycles(), where);
            Oracle.verifyLayout(table, where);
            if (spaceCheck != null) {
                spaceCheck.run();
            }
        }
    }

    /** Collector work done beside the mutator (concurrent marking): work, not pause. */
    public void concurrentWork(double ns) {
        stats.work(ns);
    }

    /** Collector work the mutator did itself (an allocation assist): it stalls the mutator. */
    public void assist(double ns) {
        clock.charge(Layer.RUNTIME, ns);
        stats.assist(ns);
    }

    /** Simulated time so far, every layer. */
    public double now() {
        return clock.totalNanos();
    }
}
