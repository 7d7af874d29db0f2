package org.memsim.gc.concurrent;

import java.util.List;
import org.memsim.gc.CollectionKind;
import org.memsim.gc.Constraints;
import org.memsim.gc.GcContext;
import org.memsim.gc.Marker;
import org.memsim.gc.Plan;
import org.memsim.gc.space.FreeListSpace;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * A Go-like concurrent mark-sweep collector: size-classed spans of 8 KiB (Go's mspans), no
 * moving, no generations. When the heap reaches the {@link Pacer}'s trigger a cycle starts with a
 * short stop-the-world phase (sweep termination, root scan); the mark then runs beside the
 * program — background workers use a quarter of {@code procs} — and what the snapshot found
 * reachable, plus everything allocated during the cycle (allocated black), survives. If the
 * program allocates faster than the workers mark, its allocations assist: they stall for their
 * share of the remaining work. A second short pause (mark termination) ends the mark; the sweep
 * frees the rest beside the program. The scavenger returns free spans to the kernel
 * ({@code madvise(MADV_DONTNEED)}) when the retained heap exceeds the goal by 10% or, with a soft
 * limit, 95% of it — so resident memory follows the limit.
 */
public final class ConcurrentPlan extends Plan {
    public static final List<Param> PARAMS = List.of(
        Param.of("gogc", "100", "GOGC: heap growth over the live heap before the next cycle, in percent (-1: off)"),
        Param.of("limit", "0", "GOMEMLIMIT: soft memory limit in bytes (0: none)"),
        Param.of("min", "4m", "smallest heap goal (Go: 4 MiB)"),
        Param.of("procs", "4", "GOMAXPROCS: background marking gets a quarter of them"),
        Param.of("trigger", "0.7", "fraction of the runway from live heap to goal at which a cycle starts"),
        Param.of("scavenge", "true", "return free spans to the kernel (false: keep every page, as with madvise disabled)"),
        Param.of("max", "8g", "address space the heap may grow into; past it an allocation fails"));

    private final String spec;
    private final FreeListSpace space;
    private final Pacer pacer;
    private final Marker marker = new Marker();
    private final Constraints constraints = new ConcurrentConstraints();
    private final double markRate;
    private final boolean scavenge;
    private boolean cycle;
    private double remainingWork;
    private double lastNow;
    private long startMarkedBytes;
    private final org.memsim.metrics.Counter scavenged;

    public ConcurrentPlan(Params p, GcContext ctx) {
        super(ctx);
        double gogc = p.real("gogc");
        long limit = p.bytes("limit");
        long min = p.bytes("min");
        long procs = p.number("procs", 1, 1024);
        double trigger = p.real("trigger");
        long max = p.bytes("max");
        if (!(trigger > 0 && trigger <= 1) || max < (1 << 20) || max > (16L << 30)) {
            throw new SpecException("concurrent: trigger must be in (0, 1], max from 1m to 16g");
        }
        scavenge = p.bool("scavenge");
        spec = "concurrent:gogc=" + p.string("gogc") + (limit > 0 ? ",limit=" + p.string("limit") : "");
        space = new FreeListSpace("spans", ctx.heap, max, 8 << 10, FreeListSpace.goClasses());
        pacer = new Pacer(gogc, min, limit, trigger);
        markRate = procs * 0.25;
        scavenged = ctx.metrics.counter("gc.concurrent.scavengedBytes", "bytes", "free span bytes returned to the kernel (MADV_DONTNEED)");
        ctx.metrics.sampledGauge("gc.concurrent.heapGoal", "bytes", "the pacer's heap goal", pacer::goal);
    }

    @Override public String spec() { return spec; }
    @Override public Constraints constraints() { return constraints; }

    @Override
    public long allocate(long bytes) {
        if (cycle) {
            progress(bytes);
        } else if (space.cellBytesInUse() + bytes > pacer.trigger()) {
            startCycle();
        }
        long at = space.alloc(bytes);
        return at >= 0 ? at : allocSlow(bytes);
    }

    /** The address space is exhausted: a stop-the-world collection (runtime.GC), then one more try. */
    private long allocSlow(long bytes) {
        if (cycle) {
            finishCycle(true);
        }
        stopTheWorld(CollectionKind.FULL);
        return space.alloc(bytes);
    }

    @Override
    public void postAlloc(int i) {
        if (cycle) {
            table.mark(i); // allocated black
        }
    }

    private void startCycle() {
        marker.markAll(table, ctx.roots);
        startMarkedBytes = 0;
        remainingWork = marker.marked * ctx.cost.gcMarkNs + marker.refs * ctx.cost.gcScanRefNs;
        cycle = true;
        lastNow = ctx.now();
        ctx.pause(CollectionKind.CONCURRENT, marker.roots * ctx.cost.gcRootNs, "cycle start: sweep termination, "
            + marker.roots + " roots; " + marker.marked + " objects to mark beside the program");
        ctx.stats.objectsMarked.add(marker.marked);
    }

    /** Background marking since the last allocation, then this allocation's assist. */
    private void progress(long bytes) {
        double now = ctx.now();
        double background = Math.min(remainingWork, (now - lastNow) * markRate);
        lastNow = now;
        remainingWork -= background;
        ctx.concurrentWork(background);
        if (remainingWork > 0) {
            long runway = pacer.goal() - space.cellBytesInUse();
            double assist = runway <= bytes ? remainingWork : remainingWork * bytes / runway;
            assist = Math.min(assist, remainingWork);
            ctx.assist(assist);
            remainingWork -= assist;
        }
        if (remainingWork <= 1e-9) {
            finishCycle(false);
        }
    }

    /** Mark termination (a short pause), then the sweep beside the program, the new goal and the scavenger. */
    private void finishCycle(boolean force) {
        if (force && remainingWork > 0) {
            ctx.assist(remainingWork);
        }
        remainingWork = 0;
        cycle = false;
        long freed = sweep();
        pacer.update(space.cellBytesInUse());
        ctx.pause(CollectionKind.CONCURRENT, ctx.roots.size() * ctx.cost.gcRootNs, "mark termination; " + freed
            + " objects swept; next goal " + pacer.goal() + " bytes");
        scavenge();
        marker.trim();
    }

    private long sweep() {
        long swept = 0;
        long freed = 0;
        for (int i = 0, n = table.high(); i < n; i++) {
            if (table.isUsed(i)) {
                swept++;
                if (!table.isMarked(i)) {
                    space.free(offset(i));
                    free(i);
                    freed++;
                }
            }
        }
        ctx.concurrentWork(swept * ctx.cost.gcSweepNs);
        return freed;
    }

    /** Gives free spans back when the retained heap is over its target. */
    private void scavenge() {
        if (!scavenge) {
            return;
        }
        long retained = space.blockBytesInUse() + space.unreleasedEmptyBytes();
        long target = pacer.limit() > 0 ? (long) (pacer.limit() * 0.95) : (long) (pacer.goal() * 1.1);
        if (retained > target) {
            long released = space.releaseEmptyBlocks();
            scavenged.add(released);
            ctx.concurrentWork(released / 4096.0 * ctx.cost.syscallNs);
        }
    }

    /** runtime.GC(): a complete stop-the-world mark and sweep. */
    private void stopTheWorld(CollectionKind kind) {
        marker.markAll(table, ctx.roots);
        long freed = sweep();
        pacer.update(space.cellBytesInUse());
        ctx.stats.objectsMarked.add(marker.marked);
        ctx.pause(kind, marker.cost(ctx.cost), marker.marked + " marked, " + freed + " freed (stop-the-world)");
        scavenge();
        marker.trim();
    }

    @Override
    public void verify() {
        space.verify();
    }

    @Override
    public void finalCollection() {
        if (cycle) {
            finishCycle(true);
        }
        stopTheWorld(CollectionKind.FULL);
    }

    @Override
    public long heapBytes() {
        return space.blockBytesInUse();
    }

    @Override
    public long heapLimitBytes() {
        return pacer.goal();
    }

    /** The soft limit, 0 for none. */
    public long softLimit() {
        return pacer.limit();
    }
}
