package org.memsim.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SizeIndex} against a sorted map on seeded random operations. */
class SizeIndexTest {
    @ParameterizedTest
    @CsvSource({"6, false", "7, false", "8, true", "9, true"})
    void sizeIndexFindsTheSmallestThatFitsEarliestFirst(long seed, boolean refIsPosition) {
        Random r = new Random(seed);
        SizeIndex idx = new SizeIndex(refIsPosition);
        TreeMap<Long, Long> keys = new TreeMap<>();
        for (int i = 0; i < 6_000; i++) {
            long size = 2 + (long) (Math.pow(r.nextDouble(), 3) * 100_000);
            long pos = r.nextInt(1000);
            long key = SizeIndex.key(size, pos);
            long ref = refIsPosition ? pos : pos * 7;
            if (keys.containsKey(key)) {
                assertTrue(idx.remove(key));
                keys.remove(key);
            } else {
                idx.insert(key, ref);
                keys.put(key, ref);
            }
            long need = 2 + (long) (Math.pow(r.nextDouble(), 3) * 110_000);
            var e = keys.ceilingEntry(SizeIndex.key(need, 0));
            assertEquals(e == null ? -1 : e.getValue(), idx.ceiling(SizeIndex.key(need, 0)));
            if (e != null) {
                assertEquals(e.getKey(), idx.lastKey());
            }
            assertEquals(keys.isEmpty() ? 0 : SizeIndex.sizeOf(keys.lastKey()), idx.maxSize());
        }
        idx.verify("test");
        assertEquals(keys.size(), idx.size());
        assertFalse(idx.inTree());
    }

    /**
     * Best fit's own pattern on few sizes (long buckets): take the smallest that fits, put back a
     * remainder, LIFO positions that fall, address positions anywhere; every answer, removal and
     * containment as a sorted map's.
     */
    @ParameterizedTest
    @CsvSource({"11, false", "12, true", "13, false", "14, true"})
    void sizeIndexKeepsLongBucketsInOrder(long seed, boolean refIsPosition) {
        Random r = new Random(seed);
        SizeIndex idx = new SizeIndex(refIsPosition);
        TreeMap<Long, Long> keys = new TreeMap<>();
        long nextPos = SizeIndex.key(1, 0) - 1; // LIFO-like positions count down
        for (int i = 0; i < 20_000; i++) {
            long size = r.nextInt(4) == 0 ? 1024 + r.nextInt(5000) : 2 + r.nextInt(6);
            long pos = r.nextBoolean() ? nextPos-- : r.nextInt(1 << 20);
            long key = SizeIndex.key(size, pos);
            long ref = refIsPosition ? pos : r.nextInt(1 << 30);
            int op = r.nextInt(3);
            if (op == 0 && !keys.containsKey(key)) {
                idx.insert(key, ref);
                keys.put(key, ref);
            } else if (op == 1) {
                long need = size - r.nextInt(2);
                var e = keys.ceilingEntry(SizeIndex.key(need, 0));
                assertEquals(e == null ? -1 : e.getValue(), idx.ceiling(SizeIndex.key(need, 0)));
                if (e != null) {
                    assertEquals(e.getKey(), idx.lastKey());
                    assertTrue(idx.contains(e.getKey(), e.getValue()));
                    assertTrue(idx.remove(e.getKey()));
                    keys.remove(e.getKey());
                    assertFalse(idx.remove(e.getKey()));
                }
            } else if (!keys.isEmpty()) {
                Long k = keys.floorKey(key);
                if (k != null) {
                    assertTrue(idx.remove(k));
                    keys.remove(k);
                }
            }
            if ((i & 255) == 0) {
                idx.verify("test");
            }
        }
        idx.verify("test");
        assertEquals(keys.size(), idx.size());
        for (var e : keys.entrySet()) {
            assertTrue(idx.contains(e.getKey(), e.getValue()));
        }
        assertFalse(idx.inTree());
    }

    /**
     * The queries beyond best fit's ceiling, on sizes spread over exact and range buckets: rank
     * (keys below, also of the key a query found), floor (largest at most), and the earliest of the
     * largest (worst fit).
     */
    @ParameterizedTest
    @CsvSource({"21, false, false", "22, true, false", "23, false, false", "24, false, true", "25, true, true"})
    void ranksFloorsAndTheEarliestOfTheLargestAgreeWithASortedMap(long seed, boolean refIsPosition, boolean crowd) {
        Random r = new Random(seed);
        SizeIndex idx = new SizeIndex(refIsPosition);
        TreeMap<Long, Long> keys = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            // with crowd, half the keys share one size: its bucket passes CROWDED and the index moves to its tree
            long size = crowd && r.nextBoolean() ? 5 : r.nextInt(3) == 0 ? 1 + r.nextInt(40) : 1 + (long) (Math.pow(r.nextDouble(), 4) * 3_000_000);
            long pos = r.nextInt(1 << 16);
            long key = SizeIndex.key(size, pos);
            if (keys.containsKey(key)) {
                assertTrue(idx.remove(key));
                keys.remove(key);
            } else if (r.nextInt(4) != 0 || keys.isEmpty()) {
                long ref = refIsPosition ? pos : r.nextInt(1 << 30);
                idx.insert(key, ref);
                keys.put(key, ref);
            } else if (r.nextBoolean()) {
                long k = keys.ceilingKey(key) == null ? keys.firstKey() : keys.ceilingKey(key);
                assertTrue(idx.remove(k));
                keys.remove(k);
            } else { // a split: the found block's key gives way to a smaller size, at its position or further on
                long k = keys.ceilingKey(key) == null ? keys.firstKey() : keys.ceilingKey(key);
                assertEquals(keys.get(k), idx.ceiling(k)); // found first, as a malloc does
                long size2 = Math.max(1, SizeIndex.sizeOf(k) - r.nextInt(3) * (1 + r.nextInt(600)));
                long k2 = SizeIndex.key(size2, Math.min((1 << 16) + 700, SizeIndex.positionOf(k) + r.nextInt(2) * (1 + r.nextInt(600))));
                if (!keys.containsKey(k2) || k2 == k) {
                    long ref2 = refIsPosition ? SizeIndex.positionOf(k2) : r.nextInt(1 << 30);
                    assertTrue(idx.replace(k, k2, ref2));
                    keys.remove(k);
                    keys.put(k2, ref2);
                }
            }
            long probe = SizeIndex.key(1 + (long) (Math.pow(r.nextDouble(), 4) * 3_100_000), r.nextInt(1 << 16));
            assertEquals(keys.headMap(probe).size(), idx.rank(probe), "rank");
            var f = keys.floorEntry(probe);
            assertEquals(f == null ? -1 : f.getValue(), idx.floor(probe), "floor");
            if (f != null) {
                assertEquals(f.getKey(), idx.lastKey());
                assertEquals(keys.headMap(f.getKey()).size(), idx.rankOfLast(), "rank of the key found");
            }
            var c = keys.ceilingEntry(probe);
            if (c != null && r.nextBoolean()) {
                assertEquals(c.getValue(), idx.ceiling(probe));
                if (r.nextBoolean()) { // an insert elsewhere may shift the found entry: rankOfLast must notice
                    long k3 = SizeIndex.key(SizeIndex.sizeOf(c.getKey()), r.nextInt(1 << 16));
                    if (!keys.containsKey(k3)) {
                        idx.insert(k3, refIsPosition ? SizeIndex.positionOf(k3) : 7);
                        keys.put(k3, refIsPosition ? SizeIndex.positionOf(k3) : 7L);
                    }
                }
                assertEquals(keys.headMap(c.getKey()).size(), idx.rankOfLast(), "rank of the key found");
            }
            var w = keys.isEmpty() ? null : keys.ceilingEntry(SizeIndex.key(SizeIndex.sizeOf(keys.lastKey()), 0));
            assertEquals(w == null ? -1 : w.getValue(), idx.earliestOfLargest(), "earliest of the largest");
            if ((i & 1023) == 0) {
                idx.verify("test");
            }
        }
        idx.verify("test");
        assertEquals(crowd, idx.inTree());
        long[] all = idx.keysAndRefs();
        int j = 0;
        for (var e : keys.entrySet()) {
            assertEquals(e.getKey(), all[j++]);
            assertEquals(e.getValue(), all[j++]);
        }
    }

    /** A bucket that held thousands of blocks gives its array back as they go, and still answers. */
    @ParameterizedTest
    @CsvSource({"false", "true"})
    void aBucketShrinksAsItsBlocksGo(boolean refIsPosition) {
        SizeIndex idx = new SizeIndex(refIsPosition);
        TreeMap<Long, Long> keys = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            long key = SizeIndex.key(7, 10L * i);
            idx.insert(key, refIsPosition ? 10L * i : i);
            keys.put(key, refIsPosition ? 10L * i : i);
        }
        assertTrue(idx.bucketCapacity(7) >= 3000);
        Random r = new Random(4);
        while (keys.size() > 10) {
            Long c = keys.ceilingKey(SizeIndex.key(7, r.nextInt(30_000)));
            long k = c == null ? keys.firstKey() : c;
            assertTrue(idx.remove(k));
            keys.remove(k);
        }
        assertTrue(idx.bucketCapacity(7) <= 64, "capacity " + idx.bucketCapacity(7));
        idx.verify("test");
        for (var e : keys.entrySet()) {
            assertTrue(idx.contains(e.getKey(), e.getValue()));
        }
        assertEquals(keys.firstEntry().getValue(), idx.ceiling(SizeIndex.key(7, 0)));
    }
}
