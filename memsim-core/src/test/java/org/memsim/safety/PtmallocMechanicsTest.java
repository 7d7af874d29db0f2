package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What errors do to glibc 2.36's state, shown by the checker with {@code --allocator ptmalloc}. */
class PtmallocMechanicsTest {
    private static final CheckOptions PTMALLOC = CheckOptions.defaults().withAllocator("ptmalloc");

    private static String fastbinDup() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            sb.append("alloc ").append(i).append(" 24\n");          // events 0-8
        }
        for (int i = 1; i <= 7; i++) {
            sb.append("free ").append(i).append('\n');             // 9-15: the tcache bin of 32-byte chunks is full
        }
        sb.append("free 8\nfree 9\nfree 8\n");                        // 16, 17, 18: a, b, a into the fastbin
        for (int i = 10; i <= 19; i++) {
            sb.append("alloc ").append(i).append(" 24\n");          // 19-28
        }
        return sb.toString();
    }

    @Test
    void aFastbinDoubleFreeGivesTwoLiveBlocksOneChunk() {
        CheckResult r = Checks.text(fastbinDup(), PTMALLOC);
        List<Finding> df = Checks.of(r, FindingKind.DOUBLE_FREE);
        assertEquals(1, df.size());
        Finding f = df.get(0);
        assertEquals(18, f.event());
        assertEquals(8, f.blockId());
        assertEquals(16, f.freeEvent());
        assertNull(r.death(), "glibc does not notice: the chunk on top of the fastbin was b, not a");
        assertEquals(1, r.twoOwners());
        assertTrue(f.effects().get(0).contains("accepted the second free"), f.effects().toString());
        String owners = f.effects().get(1);
        assertTrue(owners.startsWith("event 28: the allocator returned " + Checker.hex(f.address()) + " for block 19, but block 17"), owners);
        assertTrue(owners.contains("two live blocks, one chunk"), owners);
    }

    @Test
    void aTcacheDoubleFreeAbortsLikeGlibc() {
        CheckResult r = Checks.text("alloc 1 24\nfree 1\nfree 1\nalloc 2 24\nbstore 2 0 64\n", PTMALLOC);
        assertEquals("SIGABRT: free(): double free detected in tcache 2", r.death());
        assertEquals(2, r.deathEvent());
        assertEquals(List.of(FindingKind.DOUBLE_FREE), r.findings().stream().map(Finding::kind).toList(),
            "nothing after the abort is checked, not even leaks");
        assertTrue(r.findings().get(0).effects().get(0).contains("glibc aborts: free(): double free detected in tcache 2"));
    }

    @Test
    void anOverflowRewritesTheNextChunksSizeField() {
        CheckResult r = Checks.resource("bstore-overflow.mst", PTMALLOC);
        Finding f = Checks.of(r, FindingKind.HEAP_OVERFLOW).get(0);
        assertTrue(f.why().contains("header of the next chunk"), f.why());
        assertTrue(f.effects().get(0).matches("event 2: the next chunk's size field at 0x[0-9a-f]+ changes from 0x21 to "
            + "0x4141414141414141 .*"), f.effects().get(0));
        assertEquals(4, r.deathEvent(), "glibc's free of the next chunk reads the bad size");
        assertTrue(r.death().startsWith("SIGABRT: "), r.death());
    }

    @Test
    void offByOneGrowsTheNextChunk() {
        CheckResult r = Checks.text("alloc 1 24\nalloc 2 24\nbstore 1 24 1\n", PTMALLOC);
        Finding f = Checks.of(r, FindingKind.HEAP_OVERFLOW).get(0);
        assertTrue(f.effects().get(0).contains("changes from 0x21 to 0x41 (glibc now sees a chunk of 64 bytes there)"), f.effects().get(0));
    }

    @Test
    void aCapturedTraceReplacedByPtmallocKeepsItsFindingsAndShowsTheEffect() {
        CheckResult plain = Checks.resource("heap-overflow.mst", CheckOptions.defaults());
        CheckResult placed = Checks.resource("heap-overflow.mst", PTMALLOC);
        assertEquals(plain.findings().stream().map(f -> f.kind() + "@" + f.event() + ":" + f.address()).toList(),
            placed.findings().stream().map(f -> f.kind() + "@" + f.event() + ":" + f.address()).toList());
        Finding f = Checks.of(placed, FindingKind.HEAP_OVERFLOW).get(0);
        assertTrue(f.effects().get(0).contains("changes from 0x21 to 0x41"), f.effects().toString());
        assertTrue(Checks.of(plain, FindingKind.HEAP_OVERFLOW).get(0).effects().isEmpty());
    }

    @Test
    void aDanglingWriteLandsInTheBlockThatGotTheMemory() {
        CheckResult r = Checks.text("alloc 1 24\nfree 1\nalloc 2 24\nbstore 1 0 8\n", PTMALLOC);
        Finding f = Checks.of(r, FindingKind.USE_AFTER_FREE).get(0);
        assertEquals(3, f.event());
        assertEquals(1, f.blockId());
        assertEquals("this memory now belongs to block 2 allocated at event 2: the dangling pointer overwrites someone else's data",
            f.why());
    }

    @Test
    void aDanglingWriteIntoATcacheChunkPoisonsItsNextPointer() {
        CheckResult r = Checks.text("alloc 1 24\nalloc 2 24\nfree 2\nfree 1\nbstore 1 0 8\nalloc 3 24\nalloc 4 24\n", PTMALLOC);
        Finding f = Checks.of(r, FindingKind.USE_AFTER_FREE).get(0);
        assertTrue(f.effects().get(0).contains("the allocator word at"), f.effects().toString());
        assertTrue(r.death() != null && r.death().contains("tcache"), "glibc 2.36 catches the misaligned next pointer: " + r.death());
    }

    @Test
    void twoOwnersAreSeenInTheSimulatedHeapOfARecordedTrace() {
        // the real program's allocator (recorded addresses) never gave one chunk twice; the model, fed the same calls, does
        StringBuilder sb = new StringBuilder();
        long a = 0x4052a0;
        for (int i = 1; i <= 9; i++) {
            sb.append("alloc ").append(i).append(" 24 addr=0x").append(Long.toHexString(a + 0x20 * i)).append('\n');
        }
        for (int i = 1; i <= 7; i++) {
            sb.append("free ").append(i).append('\n');
        }
        sb.append("free 8\nfree 9\nfree 8\n");
        for (int i = 10; i <= 19; i++) {
            sb.append("alloc ").append(i).append(" 24 addr=0x").append(Long.toHexString(0x500000 + 0x20 * i)).append('\n');
        }
        CheckResult r = Checks.text(sb.toString(), PTMALLOC);
        assertEquals(1, r.twoOwners());
        assertEquals("recorded addresses, re-placed by ptmalloc", r.placement());
    }

    @Test
    void blockRelativeUnderflowThroughTheApi() {
        Checker c = new Checker(PTMALLOC);
        c.alloc(1, 32, 0, 0, 0);
        c.blockLoad(1, -8, 8);
        c.free(1, 0);
        c.end();
        Finding f = c.result().findings().get(0);
        assertEquals(FindingKind.HEAP_UNDERFLOW, f.kind());
        assertEquals(1, f.event());
        assertTrue(f.what().contains("8 bytes before the start of a 32-byte block"), f.what());
    }
}
