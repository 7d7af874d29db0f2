package org.memsim.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IdTable} against a boxed map under random puts, updates, removes and misses, dense and sparse keys. */
class IdTableTest {
    @ParameterizedTest
    @ValueSource(ints = {100, 5_000, 1 << 30})
    void agreesWithAMap(int keyRange) {
        SplittableRandom r = new SplittableRandom(keyRange);
        IdTable t = new IdTable();
        Map<Integer, Long> ref = new HashMap<>();
        for (int step = 0; step < 300_000; step++) {
            int key = 1 + r.nextInt(keyRange);
            int what = r.nextInt(8);
            if (what < 3 || (step > 150_000 && what < 5)) {
                Long want = ref.remove(key);
                assertEquals(want == null ? IdTable.MISSING : want, t.remove(key), "remove " + key);
            } else {
                long v = r.nextLong(Long.MAX_VALUE);
                t.put(key, v);
                ref.put(key, v);
            }
            int probe = 1 + r.nextInt(keyRange);
            Long want = ref.get(probe);
            assertEquals(want == null ? IdTable.MISSING : want, t.get(probe), "get " + probe);
            assertEquals(ref.size(), t.size());
        }
        Map<Integer, Long> seen = new HashMap<>();
        t.forEach(seen::put);
        assertEquals(ref, seen);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 1_000_000})
    void staysBetweenThirteenAndFifteenBytesAnEntryWhenLarge(int n) {
        IdTable t = new IdTable();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            t.put(1 + r.nextInt(Integer.MAX_VALUE - 1), i);
        }
        double perEntry = (double) t.footprintBytes() / t.size();
        assertTrue(perEntry >= 12.9 && perEntry <= 15.5, "bytes per entry: " + perEntry);
    }
}
