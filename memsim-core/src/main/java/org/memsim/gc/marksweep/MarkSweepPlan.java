package org.memsim.gc.marksweep;

import org.memsim.gc.CollectionKind;
import org.memsim.gc.Constraints;
import org.memsim.gc.GcContext;
import org.memsim.gc.HeapSizing;
import org.memsim.gc.Marker;
import org.memsim.gc.Plan;
import org.memsim.gc.space.FreeListSpace;
import org.memsim.spec.Params;

/**
 * Stop-the-world mark-sweep (McCarthy 1960; MMTk's {@code MS}): objects live in segregated free
 * lists; when an allocation finds no free cell within the heap size, the world stops, everything
 * reachable from the roots is marked, and a sweep over every object frees the unmarked cells back
 * to their blocks. The pause is the mark (live objects and their slots) plus the sweep (all objects).
 */
public final class MarkSweepPlan extends Plan {
    private final String spec;
    private final HeapSizing sizing;
    private final FreeListSpace space;
    private final Marker marker = new Marker();
    private final Constraints constraints = new MarkSweepConstraints();

    public MarkSweepPlan(Params p, GcContext ctx) {
        super(ctx);
        sizing = new HeapSizing(p);
        spec = "marksweep:heap=" + p.string("heap") + ",max=" + p.string("max");
        space = new FreeListSpace("mark-sweep", ctx.heap, sizing.max(), 64 << 10, FreeListSpace.goClasses());
        space.setCapacity(sizing.capacity());
    }

    @Override public String spec() { return spec; }
    @Override public Constraints constraints() { return constraints; }

    @Override
    public long allocate(long bytes) {
        long at = space.alloc(bytes);
        return at >= 0 ? at : allocSlow(bytes);
    }

    /** No free cell within the heap size: collect, grow if still too full, and as a last resort grow to the maximum. */
    private long allocSlow(long bytes) {
        collect(CollectionKind.FULL);
        long at = space.alloc(bytes);
        while (at < 0 && sizing.growToMax()) {
            space.setCapacity(sizing.capacity());
            at = space.alloc(bytes);
        }
        return at;
    }

    private void collect(CollectionKind kind) {
        marker.markAll(table, ctx.roots);
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
        ctx.stats.objectsMarked.add(marker.marked);
        double work = marker.cost(ctx.cost) + swept * ctx.cost.gcSweepNs;
        if (sizing.resize(space.cellBytesInUse())) {
            space.setCapacity(sizing.capacity());
        }
        ctx.pause(kind, work, marker.marked + " marked, " + freed + " swept free");
        marker.trim();
    }

    @Override
    public void verify() {
        space.verify();
    }

    @Override
    public void finalCollection() {
        collect(CollectionKind.FULL);
    }

    @Override public long heapBytes() { return space.blockBytesInUse(); }
    @Override public long heapLimitBytes() { return space.capacity(); }

    /** Collects now (tests and benchmarks). */
    public void collectNow() {
        collect(CollectionKind.FULL);
    }

    /** The marker of the last collection (benchmarks read its counts). */
    public Marker marker() {
        return marker;
    }
}
