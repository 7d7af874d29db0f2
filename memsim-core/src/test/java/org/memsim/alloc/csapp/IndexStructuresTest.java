package org.memsim.alloc.csapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The host-side indexes behind the boundary-tag heap, against plain Java collections. */
class IndexStructuresTest {

    @ParameterizedTest
    @CsvSource({"1, true", "2, true", "3, false", "4, false"})
    void rankBitmapAgreesWithATreeSet(long seed, boolean ranked) {
        Random r = new Random(seed);
        RankBitmap b = new RankBitmap(100, ranked);
        TreeSet<Long> set = new TreeSet<>();
        long range = 200_000;
        for (int i = 0; i < 6_000; i++) {
            long x = r.nextInt(100) < 90 ? r.nextInt(2000) : (long) (r.nextDouble() * range);
            b.ensure(x + 1);
            if (r.nextBoolean()) {
                b.set(x);
                set.add(x);
            } else {
                b.clear(x);
                set.remove(x);
            }
            long q = (long) (r.nextDouble() * range);
            assertEquals(set.contains(q), b.get(q));
            if (ranked) {
                assertEquals(set.headSet(q).size(), b.rank(q), "rank " + q);
            }
            Long next = set.ceiling(q);
            assertEquals(next == null ? -1 : next, b.nextSet(q), "nextSet " + q);
            long limit = q + r.nextInt(5000);
            assertEquals(next == null || next >= limit ? -1 : next, b.nextSet(q, limit), "nextSet " + q + " below " + limit);
            Long prev = set.floor(q);
            assertEquals(prev == null ? -1 : prev, b.prevSet(q), "prevSet " + q);
            if (ranked && !set.isEmpty()) {
                int k = r.nextInt(set.size());
                assertEquals(set.stream().skip(k).findFirst().orElseThrow(), b.select(k));
            }
            assertEquals(set.size(), b.count());
        }
        b.clearRange(0, range);
        assertEquals(0, b.count());
        assertEquals(-1, b.nextSet(0));
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void maxIndexFindsTheFirstBlockThatFits(long seed) {
        Random r = new Random(seed);
        TreeMap<Long, Long> blocks = new TreeMap<>(); // granule -> size
        RankBitmap members = new RankBitmap(64);
        MaxIndex idx = new MaxIndex(new MaxIndex.Words() {
            @Override
            public long members(int w) {
                return members.word(w);
            }

            @Override
            public long size(long g) {
                return blocks.get(g);
            }
        }, members.wordCount());
        long range = 300_000;
        for (int i = 0; i < 6_000; i++) {
            long g = (long) (r.nextDouble() * range);
            members.ensure(g + 1);
            idx.ensure(members.wordCount());
            Long old = blocks.get(g);
            if (old != null) {
                blocks.remove(g);
                members.clear(g);
                idx.removed(g, old);
            } else {
                long size = 1 + (long) (Math.pow(r.nextDouble(), 4) * 5000);
                blocks.put(g, size);
                members.set(g);
                idx.added(g, size);
            }
            long from = (long) (r.nextDouble() * range);
            long need = 1 + (long) (Math.pow(r.nextDouble(), 3) * 6000);
            long expected = -1;
            for (var e : blocks.tailMap(from, true).entrySet()) {
                if (e.getValue() >= need) {
                    expected = e.getKey();
                    break;
                }
            }
            assertEquals(expected, idx.firstAtLeast(from, need), "first block at or after " + from + " holding " + need);
            assertEquals(blocks.values().stream().mapToLong(Long::longValue).max().orElse(0), idx.max());
        }
        idx.verify("test", members.wordCount());
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7})
    void sizeIndexFindsTheSmallestThatFitsEarliestFirst(long seed) {
        Random r = new Random(seed);
        SizeIndex idx = new SizeIndex();
        TreeMap<Long, Long> keys = new TreeMap<>();
        for (int i = 0; i < 6_000; i++) {
            long size = 2 + (long) (Math.pow(r.nextDouble(), 3) * 100_000);
            long pos = r.nextInt(1000);
            long key = SizeIndex.key(size, pos);
            if (keys.containsKey(key)) {
                assertTrue(idx.remove(key));
                keys.remove(key);
            } else {
                idx.insert(key, pos * 7);
                keys.put(key, pos * 7);
            }
            long need = 2 + (long) (Math.pow(r.nextDouble(), 3) * 110_000);
            var e = keys.ceilingEntry(SizeIndex.key(need, 0));
            assertEquals(e == null ? -1 : e.getValue(), idx.ceiling(SizeIndex.key(need, 0)));
            if (e != null) {
                assertEquals(e.getKey(), idx.lastKey);
            }
            assertEquals(keys.isEmpty() ? 0 : SizeIndex.sizeOf(keys.lastKey()), idx.maxSize());
        }
        idx.verify("test");
        assertEquals(keys.size(), idx.size());
    }
}
