package org.memsim.alloc.csapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The host-side indexes behind the boundary-tag heap, against plain Java collections. */
class IndexStructuresTest {

    @ParameterizedTest
    @CsvSource({"1, true, 200000", "2, true, 200000", "3, false, 200000", "4, false, 200000", "5, true, 3000000", "6, false, 3000000"})
    void rankBitmapAgreesWithATreeSet(long seed, boolean ranked, long range) {
        Random r = new Random(seed);
        RankBitmap b = new RankBitmap(100, ranked);
        TreeSet<Long> set = new TreeSet<>();
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
    @ValueSource(longs = {4, 5, 6, 8})
    void fitTreeFindsTheFirstBlockThatFitsAndCountsTheWalk(long seed) {
        Random r = new Random(seed);
        TreeMap<Long, Long> blocks = new TreeMap<>(); // member -> size
        TreeMap<Integer, Long> walked = new TreeMap<>(); // leaf -> walked entries
        RankBitmap members = new RankBitmap(64, false);
        FitTree tree = new FitTree(members, new RankBitmap(64, false), new FitTree.Words() { // no block starts: every size comes from size()
            @Override
            public long size(long m) {
                return blocks.get(m);
            }

            @Override
            public long walked(int w) {
                return walked.getOrDefault(w, 0L);
            }
        }, members.wordCount(), false);
        long range = seed == 8 ? 1L << 26 : seed == 6 ? 12_000 : 300_000; // seed 8: enough leaves for several pages and levels; seed 6: one level of groups
        for (int i = 0; i < 6_000; i++) {
            long g = r.nextInt(4) == 0 && !blocks.isEmpty() ? blocks.firstKey() : (long) (r.nextDouble() * range);
            int leaf = (int) ((long) (r.nextDouble() * range) >>> 6);
            members.ensure(Math.max(g, (long) leaf << 6) + 1);
            tree.ensure(members.wordCount());
            Long old = blocks.get(g);
            if (old != null && r.nextBoolean()) {
                blocks.remove(g);
                members.clear(g);
                tree.removed(g, old);
            } else if (old != null) {
                long size = Math.max(1, old - 1 - r.nextInt((int) Math.min(old, 100)));  // shrinks: a split
                blocks.put(g, size);
                tree.moved(g, old, g, size);
            } else {
                long size = 1 + (long) (Math.pow(r.nextDouble(), 4) * 5000);
                blocks.put(g, size);
                members.set(g);
                tree.added(g, size);
            }
            int delta = walked.getOrDefault(leaf, 0L) > 0 && r.nextBoolean() ? -1 : 1;
            walked.merge(leaf, (long) delta, Long::sum);
            tree.addCount(leaf, delta);

            long need = 1 + (long) (Math.pow(r.nextDouble(), 3) * 6000);
            long first = -1;
            for (var e : blocks.entrySet()) {
                if (e.getValue() >= need) {
                    first = e.getKey();
                    break;
                }
            }
            long total = walked.values().stream().mapToLong(Long::longValue).sum();
            assertEquals(first, tree.firstFit(need), "first block holding " + need);
            long before = first < 0 ? total : walked.headMap((int) (first >>> 6)).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(before, tree.skipped, "entries before the leaf of " + first);
            int q = (int) ((long) (r.nextDouble() * range) >>> 6);
            assertEquals(walked.headMap(q).values().stream().mapToLong(Long::longValue).sum(), tree.countBefore(q), "count before leaf " + q);

            long from = (long) (r.nextDouble() * range);
            long expected = -1;
            for (var e : blocks.tailMap(from, true).entrySet()) {
                if (e.getValue() >= need) {
                    expected = e.getKey();
                    break;
                }
            }
            assertEquals(expected, tree.firstAtLeast(from, need), "first block at or after " + from + " holding " + need);
            if (i % 7 == 0) {
                assertEquals(blocks.values().stream().mapToLong(Long::longValue).max().orElse(0), tree.max());
            }
            if (i % 500 == 0) {
                tree.verify("test");
            }
        }
        tree.verify("test");
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void freeListsFindEveryBlocksNode(long seed) {
        Random r = new Random(seed);
        FreeLists lists = new FreeLists(4, false);
        java.util.HashMap<Long, Integer> classOf = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            long g = r.nextInt(i < 10_000 ? 5_000 : 500) * 3L; // grows the table, then shrinks the population
            if (classOf.containsKey(g)) {
                int n = lists.node(g);
                lists.detach(classOf.remove(g), n);
                lists.release(n);
            } else {
                int c = r.nextInt(4);
                int n = r.nextBoolean() ? lists.linkFront(c, lists.newNode(g, 3)) : lists.linkBack(c, lists.newNode(g, 3));
                classOf.put(g, c);
                assertEquals(n, lists.node(g));
            }
            long q = r.nextInt(5_000) * 3L + (r.nextInt(4) == 0 ? 1 : 0);
            int n = lists.node(q);
            assertEquals(classOf.containsKey(q), n != FreeLists.NIL, "node of " + q);
            if (n != FreeLists.NIL) {
                assertEquals(q, lists.granule[n]);
            }
            assertEquals(classOf.size(), lists.mapped());
            assertEquals(classOf.size(), lists.total());
        }
    }
}
