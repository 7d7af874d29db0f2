package org.memsim.alloc.freelist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link FitIndex} against a sorted map of (size, list position) on seeded random operations, for
 * each kind of list position, with and without a block too large for the size buckets (which moves
 * every entry to the wide index partway through).
 */
class FitIndexTest {
    private static final long HEAP = 0x5555_0000L;
    private static final long ALIGN = 16;

    private record Key(long size, long position) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(size, o.size);
            return c != 0 ? c : Long.compare(position, o.position);
        }
    }

    /** An index for a kind of list position; "fifo-worst" is worst fit's on a FIFO list, which keys positions counted down. */
    private static FitIndex index(String kind) {
        return kind.equals("address") ? FitIndex.byAddress(HEAP, ALIGN)
            : FitIndex.bySequence(HEAP, ALIGN, kind.equals("lifo"), kind.equals("fifo-worst"));
    }

    @ParameterizedTest
    @CsvSource({"1, address, false", "2, lifo, false", "3, fifo, false", "4, address, true", "5, lifo, true", "6, fifo, true",
        "7, fifo-worst, false", "8, fifo-worst, true"})
    void answersAsASortedMap(long seed, String kind, boolean huge) {
        Random r = new Random(seed);
        FitIndex idx = index(kind);
        TreeMap<Key, Long> ref = new TreeMap<>();
        long seq = 0;
        for (int i = 0; i < 30_000; i++) {
            if ((huge && i == 15_000) || ref.isEmpty() || r.nextInt(5) < 3) {
                long size = ALIGN * (r.nextInt(3) == 0 ? 1 + r.nextInt(60) : 1 + (long) (Math.pow(r.nextDouble(), 3) * 40_000));
                if (huge && i == 15_000) {
                    size = ALIGN << 40; // past the buckets' 2^29 granules
                }
                long start = HEAP + ALIGN * r.nextInt(1 << 24);
                long position = kind.equals("address") ? start : kind.equals("lifo") ? -++seq : ++seq; // FIFO: counting up
                Key k = new Key(size, position);
                if (ref.containsKey(k)) {
                    continue;
                }
                idx.insert(size, position, start);
                ref.put(k, start);
            } else if (r.nextBoolean()) {
                Key k = ref.ceilingKey(new Key(ALIGN * r.nextInt(40_000), Long.MIN_VALUE));
                k = k == null ? ref.firstKey() : k;
                long start = ref.remove(k);
                if (r.nextBoolean() && k.size > ALIGN) { // a split: the remainder keeps the position (or moves with the start)
                    long cut = ALIGN * (1 + r.nextInt((int) Math.min(k.size / ALIGN - 1, 1000)));
                    long position = kind.equals("address") ? start + cut : k.position;
                    idx.replace(k.size, k.position, k.size - cut, position, start + cut);
                    ref.put(new Key(k.size - cut, position), start + cut);
                } else {
                    idx.remove(k.size, k.position);
                }
                assertFalse(idx.contains(k.size, k.position, start));
            }
            long need = ALIGN * (1 + (long) (Math.pow(r.nextDouble(), 3) * 45_000)) - r.nextInt((int) ALIGN);
            if (!kind.equals("fifo-worst")) {
                Map.Entry<Key, Long> best = ref.ceilingEntry(new Key(need, Long.MIN_VALUE));
                assertEquals(best == null ? -1 : best.getValue(), idx.best(need), "best fit for " + need);
                if (best != null) {
                    assertEquals(best.getKey().size, idx.foundSize());
                }
            }
            Map.Entry<Key, Long> worst = ref.isEmpty() ? null : ref.ceilingEntry(new Key(ref.lastKey().size, Long.MIN_VALUE));
            boolean worstFits = worst != null && worst.getKey().size >= need;
            assertEquals(worstFits ? worst.getValue() : -1, idx.worst(need), "worst fit for " + need);
            if (worstFits) {
                assertEquals(worst.getKey().size, idx.foundSize());
                assertEquals(worst.getKey().position, idx.foundPosition());
            }
            assertEquals(ref.isEmpty() ? 0 : ref.lastKey().size, idx.largest());
            assertEquals(ref.size(), idx.size());
        }
        assertEquals(huge, idx.isWide());
        for (var e : ref.entrySet()) {
            assertTrue(idx.contains(e.getKey().size, e.getKey().position, e.getValue()));
        }
    }

    /** Thousands of blocks of one size (a crowded size bucket, which moves the buckets to their tree) answer as the map. */
    @ParameterizedTest
    @CsvSource({"address", "lifo", "fifo", "fifo-worst"})
    void thousandsOfOneSizeAnswerAlike(String kind) {
        FitIndex idx = index(kind);
        TreeMap<Key, Long> ref = new TreeMap<>();
        Random r = new Random(3);
        long seq = 0;
        for (int i = 0; i < 6000; i++) {
            long start = HEAP + ALIGN * 8 * i;
            long size = i % 5 == 0 ? ALIGN * (2 + r.nextInt(50)) : ALIGN * 4;
            long position = kind.equals("address") ? start : kind.equals("lifo") ? -++seq : ++seq; // FIFO: counting up
            idx.insert(size, position, start);
            ref.put(new Key(size, position), start);
            long need = ALIGN * (1 + r.nextInt(8));
            if (!kind.equals("fifo-worst")) {
                Map.Entry<Key, Long> best = ref.ceilingEntry(new Key(need, Long.MIN_VALUE));
                assertEquals(best == null ? -1 : best.getValue(), idx.best(need));
            } else if (i % 7 == 0) {
                Map.Entry<Key, Long> worst = ref.ceilingEntry(new Key(ref.lastKey().size, Long.MIN_VALUE));
                assertEquals(worst.getValue(), idx.worst(1));
            }
        }
        assertFalse(idx.isWide()); // the keys still fit: the crowding is SizeIndex's own
        Map.Entry<Key, Long> worst = ref.ceilingEntry(new Key(ref.lastKey().size, Long.MIN_VALUE));
        assertEquals(worst.getValue(), idx.worst(1));
    }
}
