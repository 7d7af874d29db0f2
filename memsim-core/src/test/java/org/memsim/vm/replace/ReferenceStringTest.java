package org.memsim.vm.replace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Page replacement reproduces the textbooks exactly: Silberschatz, Galvin &amp; Gagne, Operating System
 * Concepts (9th ed., §9.4, figures 9.12, 9.14, 9.15) for FIFO, OPT and LRU on the reference string
 * 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1, and Belady's anomaly (Belady, Nelson &amp; Shedler 1969) on
 * 1 2 3 4 1 2 5 1 2 3 4 5. Properties that must hold for any string are checked on seeded random ones.
 */
class ReferenceStringTest {
    static final long[] SILBERSCHATZ = {7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1};
    static final long[] BELADY = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};

    @ParameterizedTest(name = "{0} with {1} frames: {2} faults")
    @CsvSource({"fifo,3,15", "lru,3,12", "opt,3,9", "fifo,4,10", "lru,4,8", "opt,4,8"})
    void textbookFaultCounts(String policy, int frames, long faults) {
        ReferenceString.Result r = ReferenceString.run(SILBERSCHATZ, frames, policy);
        assertEquals(faults, r.misses());
        assertEquals(SILBERSCHATZ.length - faults, r.hits());
    }

    @ParameterizedTest(name = "Belady string, {0} with {1} frames: {2} faults")
    @CsvSource({"fifo,3,9", "fifo,4,10", "lru,3,10", "lru,4,8", "opt,3,7", "opt,4,6"})
    void beladyString(String policy, int frames, long faults) {
        assertEquals(faults, ReferenceString.run(BELADY, frames, policy).misses());
    }

    @Test
    void beladysAnomalyMoreFramesMoreFaults() {
        long three = ReferenceString.run(BELADY, 3, "fifo").misses();
        long four = ReferenceString.run(BELADY, 4, "fifo").misses();
        assertTrue(four > three, "FIFO: " + three + " faults with 3 frames, " + four + " with 4");
    }

    private static List<Long> evictions(ReferenceString.Result r) {
        return r.steps().stream().filter(s -> s.evicted() != ReferenceString.NONE).map(ReferenceString.Step::evicted)
            .collect(Collectors.toList());
    }

    @Test
    void fifoEvictsInTheTextbooksOrderAndFramesMatchFigure912() {
        ReferenceString.Result r = ReferenceString.run(SILBERSCHATZ, 3, "fifo");
        assertEquals(List.of(7L, 0L, 1L, 2L, 3L, 0L, 4L, 2L, 3L, 0L, 1L, 2L), evictions(r));
        // figure 9.12, the frames after each fault (columns): 7, 7 0, 7 0 1, 2 0 1, 2 3 1, 2 3 0, 4 3 0, ...
        assertArrayEquals(new long[] {7, -1, -1}, r.steps().get(0).frames());
        assertArrayEquals(new long[] {2, 0, 1}, r.steps().get(3).frames());
        assertArrayEquals(new long[] {2, 3, 1}, r.steps().get(5).frames());
        assertArrayEquals(new long[] {4, 3, 0}, r.steps().get(7).frames());
        assertArrayEquals(new long[] {7, 0, 1}, r.steps().get(19).frames());
        assertTrue(r.steps().get(4).hit(), "the 0 at position 5 hits");
    }

    @Test
    void lruAndOptEvictInTheTextbooksOrder() {
        assertEquals(List.of(7L, 1L, 2L, 3L, 0L, 4L, 0L, 3L, 2L), evictions(ReferenceString.run(SILBERSCHATZ, 3, "lru")));
        assertEquals(List.of(7L, 1L, 0L, 4L, 3L, 2L), evictions(ReferenceString.run(SILBERSCHATZ, 3, "opt")));
    }

    static long[] randomString(long seed, int length, int pages) {
        Random r = new Random(seed);
        long[] refs = new long[length];
        for (int i = 0; i < length; i++) {
            // some locality: mostly near the previous page
            refs[i] = i > 0 && r.nextInt(4) > 0 ? Math.floorMod(refs[i - 1] + r.nextInt(5) - 2, pages) : r.nextInt(pages);
        }
        return refs;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void optIsNeverBeatenAndLruHasNoAnomaly(long seed) {
        long[] refs = randomString(seed, 400, 12);
        long previousLru = Long.MAX_VALUE;
        for (int frames = 1; frames <= 12; frames++) {
            long opt = ReferenceString.run(refs, frames, "opt").misses();
            for (String p : new String[] {"fifo", "lru", "clock", "second-chance", "lfu", "random:seed=" + seed, "aging", "ws:window=5"}) {
                long misses = ReferenceString.run(refs, frames, p).misses();
                assertTrue(opt <= misses, p + " beat OPT with " + frames + " frames: " + misses + " < " + opt);
            }
            long lru = ReferenceString.run(refs, frames, "lru").misses();
            assertTrue(lru <= previousLru, "LRU is a stack algorithm: more frames never fault more");
            previousLru = lru;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void clockAndSecondChanceMakeTheSameDecisions(long seed) {
        long[] refs = randomString(seed, 500, 10);
        for (int frames = 1; frames <= 8; frames++) {
            List<Long> clock = evictions(ReferenceString.run(refs, frames, "clock"));
            List<Long> second = evictions(ReferenceString.run(refs, frames, "second-chance"));
            assertEquals(clock, second, frames + " frames");
        }
    }

    @Test
    void clockGivesReferencedPagesASecondChance() {
        // 3 frames: 1 2 3 fill (all referenced); 4 sweeps the circle clearing bits, evicts 1; then 2 is referenced,
        // 5 arrives: the hand is at 2 (bit set: cleared, skipped), evicts 3
        ReferenceString.Result r = ReferenceString.run(new long[] {1, 2, 3, 4, 2, 5}, 3, "clock");
        assertEquals(List.of(1L, 3L), evictions(r));
    }

    @Test
    void lfuEvictsTheLeastUsedOldestFirst() {
        ReferenceString.Result r = ReferenceString.run(new long[] {1, 1, 1, 2, 2, 3, 4, 3, 5}, 3, "lfu");
        // 1 has 3 uses, 2 has 2, 3 has 1: 4 evicts 3; 3 comes back and evicts 4 (1 use, 1 and 2 have more);
        // its count restarted at 1, so 5 evicts 3 again
        assertEquals(List.of(3L, 4L, 3L), evictions(r));
    }

    @Test
    void agingPrefersRecentlyUsedPages() {
        // tick every reference: 1 2 3 are loaded; 1 is used again, so 2 has the smallest counter when 4 arrives
        ReferenceString.Result r = ReferenceString.run(new long[] {1, 2, 3, 1, 4}, 3, "aging:bits=8,tick=1");
        assertEquals(List.of(2L), evictions(r));
    }

    @Test
    void workingSetFollowsTheWindow() {
        // window 3: after 1 2 3 4 only 2 3 4 were referenced in the last 3 references, so 1 leaves on its own
        ReferenceString.Result r = ReferenceString.run(new long[] {1, 2, 3, 4, 4, 4, 4}, 8, "ws:window=3");
        assertArrayEquals(new long[] {-1, 2, 3, 4, -1, -1, -1, -1}, r.steps().get(3).frames());
        long resident = java.util.Arrays.stream(r.steps().get(6).frames()).filter(f -> f >= 0).count();
        assertEquals(1, resident, "only page 4 was referenced in the last 3 references");
        assertEquals(4, r.misses());
    }

    @Test
    void randomIsSeeded() {
        long[] refs = randomString(99, 300, 20);
        assertEquals(evictions(ReferenceString.run(refs, 5, "random:seed=3")), evictions(ReferenceString.run(refs, 5, "random:seed=3")));
        assertTrue(!evictions(ReferenceString.run(refs, 5, "random:seed=3")).equals(evictions(ReferenceString.run(refs, 5, "random:seed=4"))));
    }

    @Test
    void optLookaheadLimitsWhatItSees() {
        long full = ReferenceString.run(SILBERSCHATZ, 3, "opt").misses();
        long myopic = ReferenceString.run(SILBERSCHATZ, 3, "opt:lookahead=1").misses();
        assertTrue(myopic >= full);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(org.memsim.InputException.class, () -> ReferenceString.run(new long[] {1}, 0, "lru"));
        assertThrows(org.memsim.spec.SpecException.class, () -> ReferenceString.run(new long[] {1}, 3, "belady"));
        assertThrows(org.memsim.InputException.class, () -> ReferenceString.run(new long[] {1, -2}, 3, "lru"));
    }
}
