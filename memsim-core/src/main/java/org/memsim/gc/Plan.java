package org.memsim.gc;

/**
 * A garbage collector (MMTk's {@code Plan}): owns its spaces, places new objects, hears the
 * mutator's barriers, decides when to collect by its own heap-size rule, and collects. The
 * runtime calls, per managed event:
 * <ol>
 *   <li>{@link #allocate} (which may collect first), then {@link #postAlloc} once the object exists;</li>
 *   <li>{@link #writeBarrier} after a reference slot changed, if {@link Constraints#needsWriteBarrier};</li>
 *   <li>{@link #rootAdded}/{@link #rootRemoved}/{@link #registerReleased}, if {@link Constraints#needsRootEvents};</li>
 *   <li>{@link #safepoint} at safepoint events; {@link #finalCollection} at the end of the trace.</li>
 * </ol>
 * Plans free through {@link #free}, which keeps the table, the statistics and the roots in step.
 */
public abstract class Plan {
    protected final GcContext ctx;
    protected final ObjectTable table;

    protected Plan(GcContext ctx) {
        this.ctx = ctx;
        this.table = ctx.table;
    }

    /** The plan's spec as given ({@code marksweep:heap=64m}). */
    public abstract String spec();

    public abstract Constraints constraints();

    /**
     * Places a new object of {@code bytes} (a multiple of 8) and returns its offset from the heap
     * base, collecting first if the plan's rule says so; -1 when even a full collection leaves no
     * room (the program's out-of-memory error).
     */
    public abstract long allocate(long bytes);

    /** The object now exists at index {@code i}. */
    public void postAlloc(int i) {}

    /** Slot {@code slot} of {@code src} has just changed from {@code old} to {@code target} (either may be NONE): a post-write barrier. */
    public void writeBarrier(int src, int slot, int old, int target) {}

    public void rootAdded(int i) {}

    /** {@code i} lost one root reference; {@code count} are left. */
    public void rootRemoved(int i, long count) {}

    /** The allocation register moved off {@code i}. */
    public void registerReleased(int i) {}

    /** All mutators are at a safepoint. */
    public void safepoint() {}

    /** The trace is over: one last full collection of the plan's own kind. */
    public abstract void finalCollection();

    /** Bytes the plan's spaces hold for objects now (blocks, used extents): its heap footprint. */
    public abstract long heapBytes();

    /** The heap size the plan allows itself now (its trigger or capacity), for heap-vs-limit figures. */
    public abstract long heapLimitBytes();

    /** Checks the plan's spaces' invariants (with checking on, after every collection); throws IllegalStateException. */
    public void verify() {}

    /** Frees object {@code i}: the plan's space must have reclaimed its cell already. */
    protected final void free(int i) {
        ctx.stats.objectsFreed.inc();
        ctx.stats.bytesFreed.add(table.size(i));
        table.free(i);
    }

    /** Rounds a request to the 8-byte granule every space allocates in. */
    public static long granuleBytes(long size) {
        return Math.max(8, (size + 7) & ~7L);
    }

    /** The address of an object as the memory port sees it. */
    protected final long address(int i) {
        return ctx.heap.address((long) Integer.toUnsignedLong(table.granule(i)) << 3);
    }

    /** Writes {@code bytes} at an offset through the MMU (first touches fault, pages become resident). */
    protected final void touch(long offset, long bytes) {
        ctx.memory.write(ctx.heap.address(offset), bytes);
    }

    /** Sets the address column of {@code i} from a heap offset. */
    protected final void place(int i, long offset) {
        table.setGranule(i, (int) (offset >>> 3));
    }

    /** The heap offset of {@code i}. */
    protected final long offset(int i) {
        return Integer.toUnsignedLong(table.granule(i)) << 3;
    }
}
