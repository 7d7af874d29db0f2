package org.memsim.alloc.freelist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.memsim.trace.gen.SeededRandom;

/**
 * {@link FreeStarts} over {@link HeapBlocks}: on seeded random heaps whose blocks turn free and used,
 * split and merge (a free block's size never changes while it is free), first fit from any point
 * finds the block, and counts the entries, that a linear walk of a {@code TreeMap} of the blocks
 * finds; the summaries pass {@link FreeStarts#verify()} after every step.
 */
class FreeStartsTest {
    private static final long BASE = 0x10000;
    private static final int SHIFT = 4;

    @Test
    void firstFitAgreesWithALinearWalk() {
        for (long seed = 1; seed <= 4; seed++) {
            SeededRandom r = new SeededRandom(seed);
            long heapG = seed == 4 ? 1 << 20 : 40_000;
            HeapBlocks blocks = new HeapBlocks(BASE, 1L << SHIFT, true);
            blocks.end(BASE + (heapG << SHIFT));
            TreeMap<Long, Boolean> ref = new TreeMap<>(); // start granule -> free
            for (long g = 0; g < heapG; g += 1 + (r.nextDouble() < 0.01 ? r.nextLong(0, 20_000) : r.nextLong(0, 40))) {
                ref.put(g, false);
                blocks.addStart(BASE + (g << SHIFT));
            }
            for (int op = 0; op < 6000; op++) {
                long g = ref.floorKey(r.nextLong(0, heapG));
                double d = r.nextDouble();
                if (d < 0.6) {
                    flip(blocks, ref, g, heapG);
                } else if (d < 0.8 && !ref.get(g) && size(ref, g, heapG) > 1) {
                    long cut = g + 1 + r.nextLong(0, size(ref, g, heapG) - 1);
                    ref.put(cut, false); // split a used block
                    blocks.addStart(BASE + (cut << SHIFT));
                } else if (!ref.get(g) && ref.higherKey(g) != null && !ref.get(ref.higherKey(g))) {
                    long next = ref.higherKey(g); // merge two used blocks
                    ref.remove(next);
                    blocks.removeStart(BASE + (next << SHIFT));
                }
                long from = r.nextLong(0, heapG);
                long until = r.nextDouble() < 0.5 ? Long.MAX_VALUE : from + r.nextLong(0, heapG);
                long need = 1 + (r.nextDouble() < 0.2 ? r.nextLong(0, 25_000) : r.nextLong(0, 60));
                long already = r.nextLong(0, 5);
                long[] expected = walk(ref, heapG, from, until, need, already);
                FreeStarts free = blocks.free();
                long found = until == Long.MAX_VALUE && from == 0 && already == 0 ? free.firstFit(need) : free.firstFit(from, until, need, already);
                String at = "op " + op + ", seed " + seed + ": from " + from + " until " + until + " need " + need;
                assertEquals(expected[0], found, "block at " + at);
                assertEquals(expected[1], free.examined(), "examined at " + at);
                Map.Entry<Long, Boolean> next = ref.ceilingEntry(from);
                while (next != null && !next.getValue()) {
                    next = ref.higherEntry(next.getKey());
                }
                assertEquals(next == null ? -1 : next.getKey(), free.next(from), "next free at " + at);
                free.verify();
            }
        }
    }

    private static void flip(HeapBlocks blocks, TreeMap<Long, Boolean> ref, long g, long heapG) {
        long a = BASE + (g << SHIFT);
        long bytes = size(ref, g, heapG) << SHIFT;
        if (ref.get(g)) {
            ref.put(g, false);
            blocks.markUsed(a, bytes);
        } else {
            ref.put(g, true);
            blocks.markFree(a, bytes);
        }
    }

    private static long size(TreeMap<Long, Boolean> ref, long g, long heapG) {
        Long next = ref.higherKey(g);
        return (next == null ? heapG : next) - g;
    }

    /** {found granule or -1, examined}: the free blocks in [from, until) in address order. */
    private static long[] walk(TreeMap<Long, Boolean> ref, long heapG, long from, long until, long need, long already) {
        long n = already;
        for (Map.Entry<Long, Boolean> e : ref.tailMap(from, true).entrySet()) {
            if (e.getKey() >= until) {
                break;
            }
            if (e.getValue()) {
                n++;
                if (size(ref, e.getKey(), heapG) >= need) {
                    return new long[] {e.getKey(), n};
                }
            }
        }
        return new long[] {-1, n};
    }
}
