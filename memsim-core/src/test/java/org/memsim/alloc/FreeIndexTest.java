package org.memsim.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FreeIndex} against a {@link TreeMap} of its two-part keys on seeded random inserts and
 * removes (list sizes from a handful, within one leaf, to many leaves, with runs of equal sizes):
 * every search, rank, first and last entry and the in-order walk agree.
 */
class FreeIndexTest {
    /** Key (a, b) as a comparable pair. */
    private record Key(long a, long b) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(a, o.a);
            return c != 0 ? c : Long.compare(b, o.b);
        }
    }

    private record Block(long start, long size) {}

    @ParameterizedTest
    @ValueSource(ints = {5, 40, 300, 5_000})
    void agreesWithTreeMap(int target) {
        SplittableRandom r = new SplittableRandom(target * 31L + 7);
        FreeIndex index = new FreeIndex();
        TreeMap<Key, Block> ref = new TreeMap<>();
        List<Key> keys = new ArrayList<>();
        for (int step = 0; step < 60_000; step++) {
            boolean add = keys.isEmpty() || (keys.size() < target ? r.nextInt(10) < 6 : r.nextInt(10) < 4);
            if (add) {
                long a = r.nextInt(4) == 0 ? -r.nextInt(50) : r.nextInt(target < 100 ? 20 : 2000); // many equal sizes
                long b = r.nextLong(1L << 40) - (1L << 39);
                Key k = new Key(a, b);
                if (ref.containsKey(k)) {
                    continue;
                }
                Block blk = new Block(r.nextLong(1L << 40), Math.abs(a));
                index.insert(a, b, blk.start);
                ref.put(k, blk);
                keys.add(k);
            } else if (r.nextInt(4) == 0) { // a split's remainder: a new key, often near the old one
                int j = r.nextInt(keys.size());
                Key k = keys.get(j);
                if (r.nextBoolean()) {
                    index.lowerBound(k.a, k.b); // as a malloc finds the block it then splits
                }
                Key nk = r.nextBoolean() ? new Key(k.a - r.nextInt(3), k.b + r.nextInt(5) - 2)
                    : new Key(r.nextInt(2000), r.nextLong(1L << 40));
                if (ref.containsKey(nk) && !nk.equals(k)) {
                    continue;
                }
                Block blk = new Block(r.nextLong(1L << 40), Math.abs(nk.a));
                assertTrue(index.replace(k.a, k.b, nk.a, nk.b, blk.start));
                ref.remove(k);
                ref.put(nk, blk);
                keys.set(j, nk);
            } else {
                int j = r.nextInt(keys.size());
                Key k = keys.get(j);
                if (r.nextBoolean()) {
                    index.lowerBound(k.a, k.b); // as a malloc finds the block it then unlinks
                }
                keys.set(j, keys.get(keys.size() - 1));
                keys.remove(keys.size() - 1);
                assertTrue(index.remove(k.a, k.b));
                assertFalse(index.remove(k.a, k.b));
                ref.remove(k);
            }
            assertEquals(ref.size(), index.size());
            if (step % 7 == 0) {
                probe(index, ref, r);
            }
        }
        walk(index, ref);
        while (!keys.isEmpty()) {
            Key k = keys.remove(keys.size() - 1);
            assertTrue(index.remove(k.a, k.b));
            ref.remove(k);
            if (keys.size() % 17 == 0) {
                probe(index, ref, r);
            }
        }
        assertEquals(0, index.size());
        assertEquals(0, index.first());
        assertEquals(0, index.lastSize());
    }

    private static void probe(FreeIndex index, TreeMap<Key, Block> ref, SplittableRandom r) {
        Key q = new Key(r.nextInt(2100) - 60, r.nextInt(3) == 0 ? Long.MIN_VALUE : r.nextLong(1L << 40) - (1L << 39));
        if (!ref.isEmpty() && r.nextBoolean()) {
            q = ref.ceilingKey(q) != null ? ref.ceilingKey(q) : q; // an existing key
        }
        Map.Entry<Key, Block> ceil = ref.ceilingEntry(q);
        int node = index.lowerBound(q.a, q.b);
        assertEquals(node, index.lowerBoundRanked(q.a, q.b));
        assertEquals(ref.headMap(q).size(), index.foundRank());
        if (ceil == null) {
            assertEquals(0, node);
        } else {
            assertEquals(ceil.getKey(), new Key(index.key1(node), index.key2(node)));
            assertEquals(ceil.getValue(), new Block(index.start(node), index.blockSize(node)));
        }
        assertEquals(ref.headMap(q).size(), index.rank(q.a, q.b));
        Key lower = ref.lowerKey(q);
        int prev = index.before(q.a, q.b);
        assertEquals(lower, prev == 0 ? null : new Key(index.key1(prev), index.key2(prev)));
        int found = index.find(q.a, q.b);
        assertEquals(ref.containsKey(q), found != 0);
        if (found != 0) {
            assertEquals(ref.get(q).start, index.start(found));
        }
        if (ref.isEmpty()) {
            assertEquals(0, index.first());
            assertEquals(0, index.lastSize());
        } else {
            int f = index.first();
            assertEquals(ref.firstKey(), new Key(index.key1(f), index.key2(f)));
            assertEquals(ref.lastEntry().getValue().size, index.lastSize());
            Key largest = ref.ceilingKey(new Key(ref.lastKey().a, Long.MIN_VALUE));
            int l = index.firstOfLargest();
            assertEquals(largest, new Key(index.key1(l), index.key2(l)));
        }
    }

    private static void walk(FreeIndex index, TreeMap<Key, Block> ref) {
        List<Key> seen = new ArrayList<>();
        index.forEach((a, b, s, z) -> {
            seen.add(new Key(a, b));
            assertEquals(ref.get(new Key(a, b)), new Block(s, z));
        });
        assertEquals(new ArrayList<>(ref.keySet()), seen);
    }

    @Test
    void ascendingAndDescendingRunsSplitAndMergeLeaves() {
        FreeIndex index = new FreeIndex();
        TreeMap<Key, Block> ref = new TreeMap<>();
        for (int i = 0; i < 1000; i++) { // appends only: every split leaves a half-full leaf behind
            index.insert(7, i, i * 16L);
            ref.put(new Key(7, i), new Block(i * 16L, 7));
        }
        for (int i = -1; i > -1000; i--) { // prepends only
            index.insert(7, i, i * 16L);
            ref.put(new Key(7, i), new Block(i * 16L, 7));
        }
        walk(index, ref);
        for (int i = -999; i < 1000; i += 2) {
            assertTrue(index.remove(7, i));
            ref.remove(new Key(7, i));
        }
        walk(index, ref);
        assertEquals(ref.size(), index.size());
        assertEquals(-998, index.key2(index.firstOfLargest())); // a run of equal sizes over many leaves
        assertEquals(ref.headMap(new Key(7, 0)).size(), index.rank(7, 0));
    }
}
