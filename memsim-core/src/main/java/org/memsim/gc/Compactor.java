package org.memsim.gc;

import java.util.Arrays;
import org.memsim.gc.space.BumpSpace;

/**
 * Sliding compaction (the LISP2 algorithm, as HotSpot's serial full GC and MMTk's
 * {@code MarkCompact} do it): marked objects of a bump space, in address order, slide down to
 * the space's start, keeping their order; dead ones are freed. The three passes (compute
 * forwarding addresses, update references, move) are charged per live object, per reference
 * slot and per byte moved.
 */
public final class Compactor {
    private long[] keys = new long[0];

    /** Result of the last {@link #compact}: simulated work in ns. */
    public double work;
    public long moved;
    public long movedBytes;
    public long dead;

    /**
     * Compacts the objects of {@code space} listed in {@code members} (indexes, any order); the
     * unmarked ones are freed through {@code freer}. Returns the number of live objects, whose
     * indexes are left in address order in {@code members[0 … n)}.
     */
    public int compact(Plan plan, GcContext ctx, BumpSpace space, int[] members, int count, java.util.function.IntConsumer freer) {
        ObjectTable t = ctx.table;
        if (keys.length < count) {
            keys = new long[Math.max(count, keys.length + (keys.length >> 1))];
        }
        int live = 0;
        dead = 0;
        long refs = 0;
        for (int j = 0; j < count; j++) {
            int i = members[j];
            if (t.isMarked(i)) {
                keys[live++] = (Integer.toUnsignedLong(t.granule(i)) << 31) | i;
            } else {
                freer.accept(i);
                dead++;
            }
        }
        Arrays.sort(keys, 0, live);
        long to = space.start();
        moved = 0;
        movedBytes = 0;
        for (int j = 0; j < live; j++) {
            int i = (int) (keys[j] & 0x7FFFFFFFL);
            members[j] = i;
            long from = Integer.toUnsignedLong(t.granule(i)) << 3;
            int size = t.size(i);
            refs += t.slotCount(i);
            if (from != to) {
                moved++;
                movedBytes += size;
                t.setGranule(i, (int) (to >>> 3));
                ctx.memory.write(ctx.heap.address(to), size);
            }
            to += size;
        }
        space.resetTo(to);
        work = live * 2 * ctx.cost.gcCopyObjectNs + refs * ctx.cost.gcScanRefNs + movedBytes * ctx.cost.gcCopyByteNs
            + dead * ctx.cost.gcSweepNs;
        ctx.stats.objectsCopied.add(moved);
        ctx.stats.bytesCopied.add(movedBytes);
        if (keys.length > (1 << 20) && live < keys.length / 4) {
            keys = new long[0];
        }
        return live;
    }
}
