package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One hand-written trace per finding kind: the kind, the event index, the address and the block, exactly. */
class FindingKindsTest {
    private static Finding only(CheckResult r, FindingKind kind) {
        List<Finding> fs = Checks.of(r, kind);
        assertEquals(1, fs.size(), () -> kind + " findings: " + r.findings().stream().map(Finding::what).toList());
        return fs.get(0);
    }

    private static void block(Finding f, long id, long size, long allocEvent, long freeEvent) {
        assertEquals(id, f.blockId(), "block id");
        assertEquals(size, f.blockSize(), "block size");
        assertEquals(allocEvent, f.allocEvent(), "allocation event");
        assertEquals(freeEvent, f.freeEvent(), "free event");
    }

    @Test
    void useAfterFree() {
        CheckResult r = Checks.resource("use-after-free.mst", CheckOptions.defaults());
        Finding f = only(r, FindingKind.USE_AFTER_FREE);
        assertEquals(3, f.event());
        assertEquals(0x4052b0, f.address());
        assertEquals("write", f.access());
        assertEquals(4, f.accessSize());
        block(f, 1, 64, 0, 2);
        assertEquals("main;make_buffer", r.site(f.allocSite()));
        assertEquals("main;release", r.site(f.freeSite()));
        assertTrue(f.what().contains("16 bytes inside block 1 of 64 bytes, freed"), f.what());
        assertEquals(1, r.findings().size(), "nothing else: the block was freed, so no leak");
    }

    @Test
    void doubleFree() {
        CheckResult r = Checks.resource("double-free.mst", CheckOptions.defaults());
        Finding f = only(r, FindingKind.DOUBLE_FREE);
        assertEquals(2, f.event());
        assertEquals(0x4052a0, f.address());
        block(f, 7, 100, 0, 1);
        assertEquals("main;parse", r.site(f.site()));
        assertEquals(1, r.findings().size());
    }

    @Test
    void invalidFreeOfAnInteriorPointer() {
        CheckResult r = Checks.resource("invalid-free.mst", CheckOptions.defaults());
        Finding f = only(r, FindingKind.INVALID_FREE);
        assertEquals(1, f.event());
        assertEquals(0x4052b0, f.address());
        block(f, 1, 48, 0, -1);
        assertTrue(f.what().contains("16 bytes inside block 1"), f.what());
        Finding leak = only(r, FindingKind.LEAK);
        assertEquals(2, leak.event(), "leaks are reported at the end of the trace");
    }

    @Test
    void invalidFreeOfAPointerNoBlockOwns() {
        CheckResult r = Checks.text("alloc 1 48 addr=0x4052a0\nfree 1\nfreeptr 0x7ffd1000\n");
        Finding f = only(r, FindingKind.INVALID_FREE);
        assertEquals(2, f.event());
        assertEquals(0x7ffd1000L, f.address());
        assertEquals(-1, f.blockId());
    }

    @Test
    void heapOverflowByOneByte() {
        CheckResult r = Checks.resource("heap-overflow.mst", CheckOptions.defaults());
        Finding f = only(r, FindingKind.HEAP_OVERFLOW);
        assertEquals(3, f.event());
        assertEquals(0x4052b8, f.address());
        assertEquals(1, f.accessSize());
        block(f, 1, 24, 0, -1);
        assertTrue(f.what().contains("0 bytes after the end of a 24-byte block"), f.what());
    }

    @Test
    void heapUnderflowRead() {
        CheckResult r = Checks.resource("heap-underflow.mst", CheckOptions.defaults());
        Finding f = only(r, FindingKind.HEAP_UNDERFLOW);
        assertEquals(2, f.event());
        assertEquals(0x405298, f.address());
        assertEquals("read", f.access());
        block(f, 1, 32, 0, -1);
        assertTrue(f.what().contains("8 bytes before the start of a 32-byte block"), f.what());
    }

    @Test
    void uninitialisedReadButNotOfCallocMemory() {
        CheckResult r = Checks.resource("uninitialized-read.mst", CheckOptions.defaults());
        Finding f = only(r, FindingKind.UNINITIALIZED_READ);
        assertEquals(3, f.event());
        assertEquals(0x4052a8, f.address());
        block(f, 1, 16, 0, -1);
    }

    @Test
    void leaksClassifiedLikeMemcheck() {
        CheckResult r = Checks.resource("leak.mst", CheckOptions.defaults());
        List<Finding> leaks = Checks.of(r, FindingKind.LEAK);
        assertEquals(4, leaks.size(), "block 1 is still reachable, not a finding");
        for (Finding f : leaks) {
            assertEquals(9, f.event(), "at the process's exit event");
        }
        assertEquals(List.of("2 definitely lost", "3 indirectly lost", "4 possibly lost", "5 definitely lost"),
            leaks.stream().map(f -> f.blockId() + " " + f.classification()).toList());
        assertEquals(0x405100, leaks.get(0).address());
        LeakScan.Summary s = r.leaks();
        assertTrue(s.snapshots());
        assertEquals(1, s.blocks()[3], "still reachable");
        assertEquals(32, s.bytes()[3]);
        assertEquals(64, s.bytes()[0], "definitely lost bytes");
    }

    @Test
    void aCycleOfLostBlocksIsOneDefiniteAndOneIndirect() {
        CheckResult r = Checks.text("alloc 1 16 addr=0x1000\nalloc 2 16 addr=0x2000\nword 0x1000 0x2000\nword 0x2000 0x1000\n");
        assertEquals(List.of("definitely lost", "indirectly lost"),
            Checks.of(r, FindingKind.LEAK).stream().map(Finding::classification).toList());
    }

    @Test
    void withoutSnapshotsEveryUnfreedBlockIsAnUnclassifiedLeak() {
        CheckResult r = Checks.text("alloc 1 16 addr=0x1000\nalloc 2 16 addr=0x2000\nfree 1\n");
        Finding f = only(r, FindingKind.LEAK);
        assertEquals("unknown", f.classification());
        block(f, 2, 16, 1, -1);
        assertEquals(3, f.event());
    }

    @Test
    void stillReachableAloneIsClean() {
        CheckResult r = Checks.text("alloc 1 16 addr=0x1000\nword 0x601040 0x1000\n");
        assertTrue(r.findings().isEmpty(), () -> r.findings().toString());
        assertEquals(false, r.hasFindings());
    }

    @Test
    void blockRelativeOverflowInSimulatedPlacement() {
        CheckResult r = Checks.resource("bstore-overflow.mst", CheckOptions.defaults());
        Finding f = only(r, FindingKind.HEAP_OVERFLOW);
        assertEquals(2, f.event());
        block(f, 1, 24, 0, -1);
        assertNotNull(f.why());
    }

    @Test
    void repeatsAreFoldedWithACount() {
        StringBuilder sb = new StringBuilder("alloc 1 8 addr=0x1000\nfree 1\n");
        for (int i = 0; i < 50; i++) {
            sb.append("load 0x1000 8\n");
        }
        CheckResult r = Checks.text(sb.toString());
        Finding f = only(r, FindingKind.USE_AFTER_FREE);
        assertEquals(50, f.count());
        assertEquals(2, f.event(), "the first occurrence");
    }

    @Test
    void maxFindingsCapsDistinctFindings() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("alloc ").append(i).append(" 8 addr=").append(0x1000 + 0x100 * i).append('\n');
        }
        CheckResult r = Checks.text(sb.toString(), CheckOptions.defaults().withMaxFindings(3));
        assertEquals(3, r.findings().size());
        assertEquals(7, r.suppressed());
        assertTrue(r.hasFindings());
    }
}
