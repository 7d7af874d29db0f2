package org.memsim.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LiveBlocks} against a boxed map under random puts, updates and takes, packed and escaped entries alike. */
class LiveBlocksTest {
    private static long randomAddress(SplittableRandom r) {
        switch (r.nextInt(10)) {
            case 0: return 0;                                   // a failed allocation
            case 1: return 0x555555559000L + r.nextInt(1 << 20);  // any alignment (escapes when odd)
            case 2: return 1L << 47 | 16L * r.nextInt(1 << 20);   // beyond 47 bits (escapes)
            default: return 0x555555559000L + 16L * r.nextInt(1 << 24);
        }
    }

    private static long randomSize(SplittableRandom r) {
        return r.nextInt(20) == 0 ? (1L << 19) + r.nextInt(1 << 30) : r.nextInt(1 << 19);
    }

    private static long randomId(SplittableRandom r) {
        return r.nextInt(20) == 0 ? Integer.MAX_VALUE - 2L + r.nextInt(5) + (r.nextBoolean() ? 1L << 40 : 0) : r.nextInt(60_000);
    }

    @Test
    void agreesWithAMap() {
        SplittableRandom r = new SplittableRandom(7);
        LiveBlocks t = new LiveBlocks();
        Map<Long, long[]> ref = new HashMap<>();
        for (int step = 0; step < 400_000; step++) {
            long id = randomId(r);
            if (r.nextInt(3) == 0) {
                long[] gone = ref.remove(id);
                long e = t.take(id);
                if (gone == null) {
                    assertEquals(LiveBlocks.MISSING, e);
                } else {
                    assertEquals(gone[0], t.takenAddress(e), "taken address of " + id);
                    assertEquals(gone[1], t.takenSize(e), "taken size of " + id);
                }
            } else {
                long a = randomAddress(r);
                long s = randomSize(r);
                t.put(id, a, s);
                ref.put(id, new long[] {a, s});
            }
            long probe = randomId(r);
            long e = t.get(probe);
            long[] want = ref.get(probe);
            if (want == null) {
                assertEquals(LiveBlocks.MISSING, e);
            } else {
                assertEquals(want[0], t.address(e, probe), "address of " + probe);
                assertEquals(want[1], t.size(e, probe), "size of " + probe);
            }
            assertEquals(ref.size(), t.size());
        }
        int[] seen = {0};
        t.forEach((id, address, size) -> {
            long[] want = ref.get(id);
            assertTrue(want != null && want[0] == address && want[1] == size, "entry " + id);
            seen[0]++;
        });
        assertEquals(ref.size(), seen[0]);
        assertEquals(LiveBlocks.MISSING, t.get(-1));
    }
}
