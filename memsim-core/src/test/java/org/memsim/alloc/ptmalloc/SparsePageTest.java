package org.memsim.alloc.ptmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SparsePage} against a sorted map of slot → code, on seeded random insertions and removals. */
class SparsePageTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void agreesWithASortedMap(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] page = SparsePage.empty();
        TreeMap<Integer, Integer> ref = new TreeMap<>();
        int[] old = new int[1];
        int range = 1 + r.nextInt(WordStore.PAGE_WORDS); // some pages crowded, some sparse
        int peak = 0;
        for (int op = 0; op < 50_000; op++) {
            int slot = r.nextInt(range);
            if (r.nextInt(3) > 0) {
                int code = 1 + r.nextInt(SparsePage.CODE_MASK);
                page = SparsePage.put(page, slot, code, old);
                Integer prev = ref.put(slot, code);
                assertEquals(prev == null ? 0 : prev, old[0]);
            } else {
                SparsePage.remove(page, slot, old);
                Integer prev = ref.remove(slot);
                assertEquals(prev == null ? 0 : prev, old[0]);
            }
            assertEquals(ref.size(), SparsePage.count(page));
            assertEquals(ref.getOrDefault(slot, 0), SparsePage.get(page, slot));
            peak = Math.max(peak, ref.size());
            assertTrue(page.length - 1 <= Math.max(4, peak + peak / 4 + 4), "capacity stays within a quarter of the most words held");
        }
        int i = 1;
        for (Map.Entry<Integer, Integer> e : ref.entrySet()) {
            assertEquals(e.getKey(), SparsePage.slotAt(page, i));
            assertEquals(e.getValue(), SparsePage.codeAt(page, i));
            i++;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1023})
    void aPageEmptiedKeepsItsArray(int slot) {
        int[] old = new int[1];
        int[] page = SparsePage.put(SparsePage.empty(), slot, 5, old);
        SparsePage.remove(page, slot, old);
        assertEquals(5, old[0]);
        assertEquals(0, SparsePage.count(page));
        assertEquals(0, SparsePage.get(page, slot));
    }
}
