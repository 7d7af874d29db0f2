package org.memsim.gc.semispace;

import org.memsim.gc.CollectionKind;
import org.memsim.gc.Constraints;
import org.memsim.gc.Evacuator;
import org.memsim.gc.GcContext;
import org.memsim.gc.HeapSizing;
import org.memsim.gc.Plan;
import org.memsim.gc.space.BumpSpace;
import org.memsim.spec.Params;

/**
 * Semispace copying (Fenichel–Yochelson 1969 with Cheney's scan; MMTk's {@code SS}): the heap is
 * two halves; the program bumps through one; when it is full, the survivors are copied to the
 * other ({@link Evacuator}) and the halves swap. The pause is proportional to the live data only,
 * never to the garbage, at the price of half the heap standing empty.
 * <pre>
 *   from-space |==live==garbage==live===garbage==|   to-space |live|live|........|
 * </pre>
 */
public final class SemiSpacePlan extends Plan {
    private final String spec;
    private final HeapSizing sizing;
    private BumpSpace from;
    private BumpSpace to;
    private final Evacuator evacuator = new Evacuator();
    private final Constraints constraints = new SemiSpaceConstraints();

    public SemiSpacePlan(Params p, GcContext ctx) {
        super(ctx);
        sizing = new HeapSizing(p);
        spec = "semispace:heap=" + p.string("heap") + ",max=" + p.string("max");
        from = new BumpSpace("semispace-0", ctx.heap, sizing.max() / 2);
        to = new BumpSpace("semispace-1", ctx.heap, sizing.max() / 2);
        from.setCapacity(sizing.capacity() / 2);
        to.setCapacity(sizing.capacity() / 2);
    }

    @Override public String spec() { return spec; }
    @Override public Constraints constraints() { return constraints; }

    @Override
    public long allocate(long bytes) {
        long at = from.alloc(bytes);
        return at >= 0 ? at : allocSlow(bytes);
    }

    private long allocSlow(long bytes) {
        collect();
        long at = from.alloc(bytes);
        while (at < 0 && sizing.growToMax()) {
            from.setCapacity(sizing.capacity() / 2);
            to.setCapacity(sizing.capacity() / 2);
            at = from.alloc(bytes);
        }
        return at;
    }

    private void collect() {
        table.clearMarks();
        to.setCapacity(to.reserved());
        to.reset();
        evacuator.begin();
        Evacuator.Destination dest = (i, size) -> to.alloc(size);
        ctx.roots.forEach(r -> evacuator.root(ctx, r, i -> true, dest));
        evacuator.drain(ctx, i -> true, dest);
        long dead = 0;
        for (int i = 0, n = table.high(); i < n; i++) {
            if (table.isUsed(i) && !table.isMarked(i)) {
                free(i);
                dead++;
            }
        }
        BumpSpace t = from;
        from = to;
        to = t;
        ctx.stats.objectsMarked.add(evacuator.copied);
        ctx.stats.objectsCopied.add(evacuator.copied);
        ctx.stats.bytesCopied.add(evacuator.copiedBytes);
        sizing.resize(from.used() * 2);
        from.setCapacity(sizing.capacity() / 2);
        to.setCapacity(sizing.capacity() / 2);
        ctx.pause(CollectionKind.FULL, evacuator.cost(ctx.cost), evacuator.copied + " copied (" + evacuator.copiedBytes
            + " bytes), " + dead + " left behind");
        evacuator.trim();
    }

    @Override public void finalCollection() { collect(); }
    @Override public long heapBytes() { return from.used() + to.used(); }
    @Override public long heapLimitBytes() { return sizing.capacity(); }
}
