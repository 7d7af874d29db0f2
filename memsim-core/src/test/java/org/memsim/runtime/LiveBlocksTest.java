package org.memsim.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LiveBlocks} against a boxed map under random puts, updates and takes, packed and escaped
 * entries alike, with ids at random and in the orders traces number blocks (so the {@link IdWindow}
 * slides, grows, jumps and switches off).
 */
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

    /**
     * Allocation-ordered ids: each step allocates the next id (sometimes after a jump, sometimes an old
     * id again) or frees a random live one, with a long-lived minority, checked against a map.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void allocationOrderedIdsAgreeWithAMap(int pattern) {
        SplittableRandom r = new SplittableRandom(11 + pattern);
        LiveBlocks t = new LiveBlocks();
        Map<Long, long[]> ref = new HashMap<>();
        java.util.List<Long> live = new java.util.ArrayList<>();
        long next = pattern == 3 ? 5_000_000_000L : 0;
        for (int step = 0; step < 300_000; step++) {
            int liveTarget = pattern == 1 ? 20_000 : 1_000;
            if (live.isEmpty() || (live.size() < liveTarget && r.nextInt(2) == 0) || live.size() < liveTarget / 2) {
                long id;
                switch (pattern) {
                    case 2: // descending ids: everything below the window
                        id = 10_000_000L - next++;
                        break;
                    case 4: // mostly sequential, with jumps forward and old ids reused
                        int k = r.nextInt(100);
                        id = k == 0 ? (next += 1 + r.nextInt(1 << 20)) : k == 1 && next > 0 ? r.nextLong(next) : next++;
                        break;
                    default:
                        id = next++;
                }
                if (ref.containsKey(id)) {
                    continue;
                }
                long a = randomAddress(r);
                long s = randomSize(r);
                t.put(id, a, s);
                ref.put(id, new long[] {a, s});
                live.add(id);
            } else {
                // frees favour young blocks: a fifth of the live set lives long
                int at = r.nextInt(5) == 0 ? r.nextInt(live.size()) : live.size() - 1 - r.nextInt(Math.min(live.size(), 50));
                long id = live.get(at);
                live.set(at, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                long[] gone = ref.remove(id);
                long e = t.take(id);
                assertEquals(gone[0], t.takenAddress(e), "taken address of " + id);
                assertEquals(gone[1], t.takenSize(e), "taken size of " + id);
                assertEquals(LiveBlocks.MISSING, t.get(id), "gone " + id);
            }
            long probe = live.isEmpty() || r.nextBoolean() ? next - r.nextInt(3000) : live.get(r.nextInt(live.size()));
            long e = t.get(probe);
            long[] want = ref.get(probe);
            if (want == null) {
                assertEquals(LiveBlocks.MISSING, e, "not live: " + probe);
            } else {
                assertEquals(want[0], t.address(e, probe), "address of " + probe);
                assertEquals(want[1], t.size(e, probe), "size of " + probe);
            }
            assertEquals(ref.size(), t.size());
        }
        Map<Long, long[]> seen = new HashMap<>();
        t.forEach((id, address, size) -> seen.put(id, new long[] {address, size}));
        assertEquals(ref.size(), seen.size());
        ref.forEach((id, want) -> assertTrue(java.util.Arrays.equals(want, seen.get(id)), "entry " + id));
        t.clear();
        assertEquals(0, t.size());
        assertEquals(LiveBlocks.MISSING, t.get(next - 1));
    }

    @Test
    void denseAllocationOrderedIdsCostAboutEightBytesEach() {
        LiveBlocks t = new LiveBlocks();
        int n = 1 << 20;
        for (int id = 0; id < n; id++) {
            t.put(id, 0x10000L + 16L * id, 24);
        }
        assertEquals(n, t.size());
        assertTrue(t.footprintBytes() < 9L * n, "bytes per block: " + (double) t.footprintBytes() / n);
        assertEquals(0x10000L + 16L * 12345, t.address(t.get(12345), 12345));
    }
}
