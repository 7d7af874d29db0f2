package org.memsim.gc.rc;

import java.util.Arrays;
import java.util.List;
import org.memsim.gc.CollectionKind;
import org.memsim.gc.Constraints;
import org.memsim.gc.GcContext;
import org.memsim.gc.ObjectTable;
import org.memsim.gc.Plan;
import org.memsim.gc.space.FreeListSpace;
import org.memsim.gc.space.IntStack;
import org.memsim.spec.Param;
import org.memsim.spec.Params;

/**
 * Reference counting as CPython does it: every object counts the references to it (slots and
 * roots); a count reaching zero frees the object at once and decrements what it referenced,
 * cascading. Objects live in pymalloc-like size classes (16-byte steps to 512 bytes; larger ones
 * take whole blocks, as CPython hands them to malloc). With {@code cycles=true} the
 * {@link CycleDetector} runs by CPython's thresholds; with {@code cycles=false} (like
 * {@code gc.disable()}) cycles are never freed and the final report counts them as leaked.
 */
public final class RcPlan extends Plan {
    /** The spec keys. */
    public static final List<Param> PARAMS = List.of(
        Param.of("cycles", "true", "run the cycle detector (false: plain reference counting, like gc.disable())"),
        Param.of("threshold0", "700", "container allocations minus deallocations that trigger a generation-0 collection"),
        Param.of("threshold1", "10", "generation-0 collections that trigger a generation-1 collection"),
        Param.of("threshold2", "10", "generation-1 collections that trigger a full collection"),
        Param.of("heap", "1g", "most heap the program may use"));

    private final String spec;
    private final RcConstraints constraints;
    private final FreeListSpace space;
    private final CycleDetector detector;
    private final IntStack pending = new IntStack(64);
    private int[] rc = new int[1024];
    private final double updateNs;
    private final double freeNs;

    public RcPlan(Params p, GcContext ctx) {
        super(ctx);
        boolean cycles = p.bool("cycles");
        spec = "rc:cycles=" + cycles;
        constraints = new RcConstraints(cycles);
        long heap = p.bytes("heap");
        space = new FreeListSpace("pymalloc", ctx.heap, Math.min(heap, ctx.heap.bytes()), 16 << 10, FreeListSpace.pymallocClasses());
        detector = cycles ? new CycleDetector(this, ctx, (int) p.number("threshold0", 1, 1L << 30),
            (int) p.number("threshold1", 1, 1 << 20), (int) p.number("threshold2", 1, 1 << 20)) : null;
        updateNs = ctx.cost.rcUpdateNs;
        freeNs = ctx.cost.rcFreeNs;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public Constraints constraints() {
        return constraints;
    }

    @Override
    public long allocate(long bytes) {
        if (detector != null) {
            detector.maybeCollect(); // CPython: gc_alloc → _PyObject_GC_Link, before the new object is tracked
        }
        long at = space.alloc(bytes);
        if (at < 0 && detector != null) {
            detector.collect(2, CollectionKind.FULL);
            at = space.alloc(bytes);
        }
        return at;
    }

    @Override
    public void postAlloc(int i) {
        if (i >= rc.length) {
            rc = Arrays.copyOf(rc, Math.max(i + 1, rc.length + (rc.length >> 1)));
        }
        rc[i] = 0;
        if (detector != null) {
            detector.tracked(i);
        }
    }

    @Override
    public void writeBarrier(int src, int slot, int old, int target) {
        if (target >= 0) {
            inc(target);
        }
        if (old >= 0) {
            dec(old);
        }
    }

    @Override
    public void rootAdded(int i) {
        inc(i);
    }

    @Override
    public void rootRemoved(int i, long count) {
        dec(i);
    }

    @Override
    public void registerReleased(int i) {
        if (table.isUsed(i) && rc[i] == 0) {
            release(i);
        }
    }

    private void inc(int i) {
        rc[i]++;
        ctx.stats.rcUpdates.inc();
        ctx.assist(updateNs);
    }

    private void dec(int i) {
        ctx.stats.rcUpdates.inc();
        ctx.assist(updateNs);
        if (--rc[i] == 0 && ctx.roots.register() != i) {
            release(i);
        }
    }

    /** Count zero: free {@code first} and everything only it kept alive (iteratively, no recursion). */
    private void release(int first) {
        pending.push(first);
        long freed = 0;
        long updates = 0;
        while (!pending.isEmpty()) {
            int i = pending.pop();
            int n = table.slotCount(i);
            for (int k = 0; k < n; k++) {
                int t = table.slot(i, k);
                if (t >= 0) {
                    updates++;
                    if (--rc[t] == 0 && ctx.roots.register() != t) {
                        pending.push(t);
                    }
                }
            }
            freeObject(i);
            freed++;
        }
        ctx.stats.rcUpdates.add(updates);
        ctx.assist(updates * updateNs + freed * freeNs);
    }

    /** Frees one object: out of its generation list, its cell back to the space. */
    void freeObject(int i) {
        if (detector != null) {
            detector.untracked(i);
        }
        space.free(offset(i));
        free(i);
    }

    /** Decrements a count without freeing (the detector frees garbage itself). */
    void decrementOnly(int i) {
        rc[i]--;
    }

    int count(int i) {
        return rc[i];
    }

    /** A decrement made while the detector clears garbage: may cascade to objects outside the collected generations. */
    void decrementFromGarbage(int i) {
        if (table.isUsed(i) && --rc[i] == 0 && ctx.roots.register() != i) {
            release(i);
        }
    }

    @Override
    public void verify() {
        space.verify();
    }

    @Override
    public void finalCollection() {
        if (detector != null) {
            detector.collect(2, CollectionKind.FULL);
        }
    }

    @Override
    public long heapBytes() {
        return space.blockBytesInUse();
    }

    @Override
    public long heapLimitBytes() {
        return space.capacity();
    }

    ObjectTable objects() {
        return table;
    }
}
