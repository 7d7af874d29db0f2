package org.memsim.alloc.freelist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.trace.gen.SeededRandom;

/** {@link BlockStarts} agrees with a {@code TreeSet} on seeded random sets, clears, neighbour queries and words. */
class BlockStartsTest {

    @ParameterizedTest(name = "granules below 2^{0}")
    @ValueSource(ints = {10, 16, 24, 34})
    void nextAndPrevAgreeWithATreeSet(int bits) {
        for (long seed = 1; seed <= 3; seed++) {
            SeededRandom r = new SeededRandom(seed * 31 + bits);
            BlockStarts starts = new BlockStarts();
            TreeSet<Long> ref = new TreeSet<>();
            long range = 1L << bits;
            for (int op = 0; op < 20_000; op++) {
                long g = r.nextDouble() < 0.7 && !ref.isEmpty() ? near(r, ref, range) : r.nextLong(0, range);
                if (r.nextDouble() < 0.55) {
                    starts.set(g);
                    ref.add(g);
                } else {
                    starts.clear(g);
                    ref.remove(g);
                }
                long q = r.nextLong(0, range + 100);
                String at = "op " + op + ", seed " + seed + ", query " + q;
                assertEquals(or(ref.ceiling(q)), starts.next(q), "next at " + at);
                assertEquals(or(ref.floor(q)), starts.prev(q), "prev at " + at);
                assertEquals(ref.contains(q), starts.get(q), "get at " + at);
                assertEquals(ref.size(), starts.count(), "count at " + at);
                long word = 0;
                for (long s : ref.subSet(q & ~63L, true, q | 63L, true)) {
                    word |= 1L << s;
                }
                assertEquals(word, starts.wordOrZero(q), "word at " + at);
            }
        }
    }

    private static long near(SeededRandom r, TreeSet<Long> ref, long range) {
        Long below = ref.floor(r.nextLong(0, range));
        long base = below == null ? ref.first() : below;
        return Math.min(range - 1, Math.max(0, base + r.nextLong(-70, 70)));
    }

    private static long or(Long v) {
        return v == null ? -1 : v;
    }
}
