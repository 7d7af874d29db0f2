package org.memsim.alloc.freelist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bucketed size-ordered list gives the B+-tree one's answers — block, size and search length of
 * first, next, best and worst fit, the rover's moves — on seeded random inserts, splits and removes,
 * in both orders; with {@code huge}, a block past the buckets' sizes moves it to the tree midway.
 */
class SizeOrderedListTest {
    private static final long HEAP = 0x7000_0000L;
    private static final long ALIGN = 16;

    @ParameterizedTest
    @CsvSource({"1, true, false", "2, false, false", "3, true, true", "4, false, true"})
    void answersAsTheTreeList(long seed, boolean ascending, boolean huge) {
        Random r = new Random(seed);
        SizeOrderedList fast = new SizeOrderedList(ascending, HEAP, ALIGN);
        TreeSizeOrderedList ref = new TreeSizeOrderedList(ascending);
        List<long[]> blocks = new ArrayList<>(); // {start, size}
        long nextStart = HEAP;
        for (int i = 0; i < 40_000; i++) {
            int op = r.nextInt(10);
            if (blocks.isEmpty() || op < 4 || (huge && i == 20_000)) {
                long size = ALIGN * (r.nextInt(3) == 0 ? 2 + r.nextInt(40) : 2 + (long) (Math.pow(r.nextDouble(), 3) * 5_000));
                if (huge && i == 20_000) {
                    size = ALIGN << 32;
                }
                long start = nextStart;
                nextStart += size + ALIGN * r.nextInt(3);
                fast.insert(start, size);
                ref.insert(start, size);
                blocks.add(new long[] {start, size});
            } else {
                long need = ALIGN * (1 + (long) (Math.pow(r.nextDouble(), 3) * 5_000));
                String what = switch (op) {
                    case 4, 5 -> "next";
                    case 6 -> "first";
                    case 7 -> "best";
                    default -> "worst";
                };
                long a = switch (what) {
                    case "next" -> fast.nextFit(need);
                    case "first" -> fast.firstFit(need);
                    case "best" -> fast.bestFit(need);
                    default -> fast.worstFit(need);
                };
                long b = switch (what) {
                    case "next" -> ref.nextFit(need);
                    case "first" -> ref.firstFit(need);
                    case "best" -> ref.bestFit(need);
                    default -> ref.worstFit(need);
                };
                String at = what + " fit of " + need + " at op " + i;
                assertEquals(b, a, at);
                if (what.equals("next") || what.equals("first")) {
                    assertEquals(ref.examined(), fast.examined(), "search length of " + at);
                }
                if (b < 0) {
                    continue;
                }
                assertEquals(ref.foundSize(), fast.foundSize(), "size of " + at);
                long size = ref.foundSize();
                int k = indexOf(blocks, b);
                if (size - need >= 2 * ALIGN && r.nextBoolean()) { // split: the remainder stays listed
                    fast.replace(b, size, b + need, size - need);
                    ref.replace(b, size, b + need, size - need);
                    fast.setRover(b + need, size - need);
                    ref.setRover(b + need, size - need);
                    blocks.set(k, new long[] {b + need, size - need});
                } else {
                    fast.setRover(b, size);
                    ref.setRover(b, size);
                    fast.remove(b, size);
                    ref.remove(b, size);
                    blocks.remove(k);
                }
            }
            if (op == 9 && !blocks.isEmpty()) { // a removal away from the rover's path (a merge with a freed neighbour)
                long[] x = blocks.remove(r.nextInt(blocks.size()));
                fast.remove(x[0], x[1]);
                ref.remove(x[0], x[1]);
            }
            assertEquals(ref.size(), fast.size());
            assertEquals(ref.largest(), fast.largest());
        }
        assertEquals(huge, fast.isWide());
        for (long[] x : blocks) {
            assertTrue(fast.contains(x[0], x[1]));
        }
    }

    /** Thousands of blocks of one size (a crowded size bucket, which moves the buckets to their tree) answer as the tree list. */
    @ParameterizedTest
    @CsvSource({"true", "false"})
    void thousandsOfOneSizeAnswerAlike(boolean ascending) {
        Random r = new Random(9);
        SizeOrderedList fast = new SizeOrderedList(ascending, HEAP, ALIGN);
        TreeSizeOrderedList ref = new TreeSizeOrderedList(ascending);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            long start = HEAP + ALIGN * 4 * r.nextInt(1 << 24);
            if (starts.contains(start)) {
                continue;
            }
            long size = i % 7 == 0 ? ALIGN * (3 + r.nextInt(100)) : ALIGN * 2;
            fast.insert(start, size);
            ref.insert(start, size);
            starts.add(start);
            long need = ALIGN * (1 + r.nextInt(3));
            assertEquals(ref.firstFit(need), fast.firstFit(need));
            assertEquals(ref.examined(), fast.examined());
            assertEquals(ref.bestFit(need), fast.bestFit(need));
            assertEquals(ref.worstFit(need), fast.worstFit(need));
        }
        assertFalse(fast.isWide()); // the keys still fit: the crowding is SizeIndex's own
        assertEquals(ref.size(), fast.size());
    }

    /** A block of the largest size a key holds (2^29 - 1 granules), whose next size (asked for by a descending rank) is past the keys, ranks right. */
    @ParameterizedTest
    @CsvSource({"true", "false"})
    void theLargestKeySizeStillRanks(boolean ascending) {
        SizeOrderedList fast = new SizeOrderedList(ascending, HEAP, ALIGN);
        TreeSizeOrderedList ref = new TreeSizeOrderedList(ascending);
        long huge = ALIGN * ((1L << 29) - 1);
        long[][] blocks = {{HEAP, 64}, {HEAP + 1024, huge}, {HEAP + 1024 + huge + 64, 128}, {HEAP + 2048 + huge, 64}};
        for (long[] x : blocks) {
            fast.insert(x[0], x[1]);
            ref.insert(x[0], x[1]);
        }
        for (long need : new long[] {16, 100, 200, huge}) {
            for (int round = 0; round < 3; round++) { // the rover moves on to each block found
                long found = ref.nextFit(need);
                assertEquals(found, fast.nextFit(need), "next fit of " + need);
                assertEquals(ref.examined(), fast.examined());
                if (found >= 0) {
                    ref.setRover(found, ref.foundSize());
                    fast.setRover(found, fast.foundSize());
                }
            }
            assertEquals(ref.firstFit(need), fast.firstFit(need), "first fit of " + need);
            assertEquals(ref.examined(), fast.examined());
        }
    }

    private static int indexOf(List<long[]> blocks, long start) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i)[0] == start) {
                return i;
            }
        }
        throw new AssertionError("no block at " + start);
    }
}
