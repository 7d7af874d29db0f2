package org.memsim.vm.tlb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packed recency order (and the stamp fallback for wide sets) against a plain reference LRU:
 * a list per set, most recent first. Seeded random lookups, fills, invalidations and clears.
 */
class SetAssociativeTlbTest {

    /** The reference: per set, tag → value in recency order (most recent last, as LinkedHashMap keeps access order). */
    static final class ReferenceLru {
        final List<LinkedHashMap<Long, Long>> sets = new ArrayList<>();
        final int ways;

        ReferenceLru(int sets, int ways) {
            this.ways = ways;
            for (int s = 0; s < sets; s++) {
                this.sets.add(new LinkedHashMap<>(16, 0.75f, true));
            }
        }

        LinkedHashMap<Long, Long> set(long tag) {
            return sets.get((int) tag & (sets.size() - 1));
        }

        long lookup(long tag) {
            Long v = set(tag).get(tag);
            return v == null ? Tlb.MISS : v;
        }

        void fill(long tag, long value) {
            LinkedHashMap<Long, Long> s = set(tag);
            if (!s.containsKey(tag) && s.size() == ways) {
                s.remove(s.keySet().iterator().next());
            }
            s.put(tag, value);
        }

        void invalidate(long tag) {
            set(tag).remove(tag);
        }
    }

    @ParameterizedTest(name = "{0} entries, {1} ways")
    @CsvSource({"8,1", "8,2", "64,4", "1536,12", "64,16", "32,32", "4,4"})
    void behavesLikeAReferenceLru(int entries, int ways) {
        SetAssociativeTlb t = new SetAssociativeTlb("t", entries, ways);
        ReferenceLru ref = new ReferenceLru(entries / ways, ways);
        Random r = new Random(entries * 31L + ways);
        int tagSpace = entries * 3;
        for (int step = 0; step < 200_000; step++) {
            long tag = r.nextInt(tagSpace);
            int op = r.nextInt(100);
            if (op < 55) {
                assertEquals(ref.lookup(tag), t.lookup(tag), "lookup " + tag + " at step " + step);
            } else if (op < 70) {
                long a = t.lookupForFill(tag);
                assertEquals(ref.lookup(tag), a, "lookupForFill " + tag + " at step " + step);
                if (a == Tlb.MISS) {
                    t.fill(tag, step);
                    ref.fill(tag, step);
                }
            } else if (op < 95) {
                t.fill(tag, step);
                ref.fill(tag, step);
            } else if (op < 99) {
                t.invalidate(tag);
                ref.invalidate(tag);
            } else if (r.nextInt(50) == 0) {
                t.clear();
                for (LinkedHashMap<Long, Long> s : ref.sets) {
                    s.clear();
                }
            }
        }
        int valid = 0;
        for (LinkedHashMap<Long, Long> s : ref.sets) {
            valid += s.size();
        }
        assertEquals(valid, t.valid());
    }

    @ParameterizedTest(name = "{0} ways")
    @CsvSource({"4", "12", "16"})
    void recencyOrderIsAPermutation(int ways) {
        SetAssociativeTlb t = new SetAssociativeTlb("t", ways, ways);
        Random r = new Random(ways);
        for (int i = 0; i < 10_000; i++) {
            long tag = r.nextInt(ways * 2);
            if (r.nextBoolean()) {
                t.fill(tag, i);
            } else if (r.nextInt(10) == 0) {
                t.invalidate(tag);
            } else {
                t.lookup(tag);
            }
            int[] order = t.recency(0).clone();
            java.util.Arrays.sort(order);
            int[] expected = new int[ways];
            for (int w = 0; w < ways; w++) {
                expected[w] = w;
            }
            assertArrayEquals(expected, order, "step " + i);
        }
    }
}
