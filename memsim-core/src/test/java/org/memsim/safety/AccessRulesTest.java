package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that keep the checker quiet on correct programs and loud on wrong ones: partial loads, realloc, definedness. */
class AccessRulesTest {
    private static List<FindingKind> kinds(String trace) {
        return Checks.text(trace).findings().stream().map(Finding::kind).filter(k -> k != FindingKind.LEAK).toList();
    }

    @Test
    void anAlignedWordLoadPartlyPastTheEndIsNotAnErrorLikeMemcheck() {
        // a 20-byte string: a word-at-a-time routine reads the aligned 8-byte word at +16, 4 bytes of which lie past the end
        String t = "alloc 1 20 addr=0x4052a0\nstore 0x4052a0 20\nload 0x4052b0 8\n";
        assertEquals(List.of(), kinds(t));
    }

    @Test
    void vectorLoadsOfStringRoutinesAreNotChecked() {
        // strlen-avx2 reads 32 bytes from a 5-byte string; memchr's loop reads aligned vectors into a freed block
        String t = "alloc 1 5 addr=0x4052a0\nalloc 2 64 addr=0x405300\nfree 2\nstore 0x4052a0 5\n"
            + "load 0x4052a0 32\nload 0x405300 32\nload 0x405310 16\n";
        assertEquals(List.of(), kinds(t));
        assertEquals(List.of(FindingKind.USE_AFTER_FREE), kinds(t + "load 0x405300 8\n"), "scalar loads still are");
    }

    @Test
    void anUnalignedOrWhollyOutsideLoadIsStillAnOverflow() {
        assertEquals(List.of(FindingKind.HEAP_OVERFLOW),
            kinds("alloc 1 20 addr=0x4052a0\nstore 0x4052a0 20\nload 0x4052b1 8\n"));
        assertEquals(List.of(FindingKind.HEAP_OVERFLOW),
            kinds("alloc 1 16 addr=0x4052a0\nstore 0x4052a0 16\nload 0x4052b0 8\n"));
    }

    @Test
    void aPartialStoreIsAlwaysAnError() {
        assertEquals(List.of(FindingKind.HEAP_OVERFLOW),
            kinds("alloc 1 20 addr=0x4052a0\nstore 0x4052b0 8\n"));
    }

    @Test
    void reallocCarriesDefinednessAndTheOldBlockIsFreed() {
        String t = "alloc 1 16 addr=0x1000\nstore 0x1000 16\nrealloc 1 64 addr=0x2000\n"
            + "load 0x2000 8\n"        // copied: defined
            + "load 0x2010 8\n"        // grown part: never written
            + "load 0x1000 8\n"        // the old block, freed by realloc
            + "free 1\n";
        CheckResult r = Checks.text(t);
        assertEquals(List.of(FindingKind.UNINITIALIZED_READ, FindingKind.USE_AFTER_FREE), r.findings().stream().map(Finding::kind).toList());
        Finding uaf = r.findings().get(1);
        assertEquals(5, uaf.event());
        assertEquals(2, uaf.freeEvent(), "freed by the realloc");
    }

    @Test
    void reallocInPlaceKeepsTheBlockAndMovesItsEnd() {
        String t = "alloc 1 32 addr=0x1000\nstore 0x1000 32\nrealloc 1 16 addr=0x1000\nload 0x1000 8\nload 0x1010 8\n"
            + "realloc 1 48 addr=0x1000\nload 0x1008 8\nload 0x1020 8\nfree 1\n";
        CheckResult r = Checks.text(t);
        assertEquals(List.of("heap-overflow@4", "uninitialized-read@7"),
            r.findings().stream().map(f -> f.kind().json() + "@" + f.event()).toList());
    }

    @Test
    void reallocOfAFreedBlockIsADoubleFree() {
        CheckResult r = Checks.text("alloc 1 16 addr=0x1000\nfree 1\nrealloc 1 32 addr=0x3000\nfree 1\n");
        assertEquals(List.of(FindingKind.DOUBLE_FREE), r.findings().stream().map(Finding::kind).toList());
        assertTrue(r.findings().get(0).what().startsWith("realloc()"), r.findings().get(0).what());
    }

    @Test
    void freeOfNullAndFailedMallocAreFine() {
        assertEquals(List.of(), kinds("free null\nalloc 1 9223372036854775807\nfree null\n"));
    }

    @Test
    void accessesOutsideTheHeapAreNotTheCheckersBusiness() {
        assertEquals(List.of(), kinds("alloc 1 16 addr=0x555555559000\nstore 0x7ffffffde000 8\nload 0x7ffffffde000 8\n"
            + "load 0x601040 8\nfree 1\n"));
    }
}
