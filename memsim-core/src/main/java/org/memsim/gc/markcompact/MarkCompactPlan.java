package org.memsim.gc.markcompact;

import org.memsim.gc.CollectionKind;
import org.memsim.gc.Compactor;
import org.memsim.gc.Constraints;
import org.memsim.gc.GcContext;
import org.memsim.gc.HeapSizing;
import org.memsim.gc.Marker;
import org.memsim.gc.Plan;
import org.memsim.gc.space.BumpSpace;
import org.memsim.spec.Params;

/**
 * Stop-the-world mark-compact (HotSpot's serial full GC, MMTk's {@code MC}): allocation bumps a
 * pointer through one contiguous space; when it reaches the heap size, everything reachable is
 * marked and the live objects slide down to the start in address order ({@link Compactor}), so
 * free memory is one block again and there is no fragmentation.
 */
public final class MarkCompactPlan extends Plan {
    private final String spec;
    private final HeapSizing sizing;
    private final BumpSpace space;
    private final Marker marker = new Marker();
    private final Compactor compactor = new Compactor();
    private final Constraints constraints = new MarkCompactConstraints();
    private int[] members = new int[1024];

    public MarkCompactPlan(Params p, GcContext ctx) {
        super(ctx);
        sizing = new HeapSizing(p);
        spec = "markcompact:heap=" + p.string("heap") + ",max=" + p.string("max");
        space = new BumpSpace("compact", ctx.heap, sizing.max());
        space.setCapacity(sizing.capacity());
    }

    @Override public String spec() { return spec; }
    @Override public Constraints constraints() { return constraints; }

    @Override
    public long allocate(long bytes) {
        long at = space.alloc(bytes);
        return at >= 0 ? at : allocSlow(bytes);
    }

    private long allocSlow(long bytes) {
        collect();
        long at = space.alloc(bytes);
        while (at < 0 && sizing.growToMax()) {
            space.setCapacity(sizing.capacity());
            at = space.alloc(bytes);
        }
        return at;
    }

    private void collect() {
        marker.markAll(table, ctx.roots);
        int n = 0;
        if (members.length < table.live()) {
            members = new int[table.live() + (table.live() >> 1)];
        }
        for (int i = 0, h = table.high(); i < h; i++) {
            if (table.isUsed(i)) {
                members[n++] = i;
            }
        }
        compactor.compact(this, ctx, space, members, n, this::free);
        ctx.stats.objectsMarked.add(marker.marked);
        if (sizing.resize(space.used())) {
            space.setCapacity(sizing.capacity());
        }
        ctx.pause(CollectionKind.FULL, marker.cost(ctx.cost) + compactor.work,
            marker.marked + " marked, " + compactor.moved + " slid (" + compactor.movedBytes + " bytes)");
        marker.trim();
        if (members.length > (1 << 20) && table.live() < members.length / 4) {
            members = new int[1024];
        }
    }

    @Override public void finalCollection() { collect(); }
    @Override public long heapBytes() { return space.used(); }
    @Override public long heapLimitBytes() { return space.capacity(); }
}
