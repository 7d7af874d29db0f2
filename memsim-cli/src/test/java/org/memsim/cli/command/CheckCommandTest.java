package org.memsim.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.cli.CliRun;

/** {@code memsim check}: text, JSON, exit codes and bad input. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private Path trace(String text) throws Exception {
        Path p = dir.resolve("t.mst");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void cleanTraceExitsZero() {
        CliRun r = CliRun.of("check", "gen:request-loop:requests=50");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("No findings."), r.out());
    }

    @Test
    void findingsExitOneWithAParagraphEachAndASummaryTable() throws Exception {
        Path t = trace("site 1 main;make\nalloc 1 24 addr=0x4052a0 site=1\nfree 1\nload 0x4052a0 8\nload 0x4052a0 8\n");
        CliRun r = CliRun.of("check", t.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().contains("use-after-free at event 2, address 0x4052a0 (2 times)"), r.out());
        assertTrue(r.out().contains("block 1 of 24 bytes: allocated at event 0 (main;make), freed at event 1"), r.out());
        assertTrue(r.out().matches("(?s).*use-after-free\\s+1\\s+2.*"), r.out());
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Path t = trace("alloc 5 24 addr=0x4052a0\nstore 0x4052b8 8\nfree 5\nfree 5\n");
        CliRun r = CliRun.of("check", t.toString(), "--json");
        assertEquals(1, r.status(), r.err());
        String j = r.out().strip();
        assertTrue(j.startsWith("{\"trace\":"), j);
        assertTrue(j.contains("{\"kind\":\"heap-overflow\",\"event\":1,\"address\":" + 0x4052b8
            + ",\"block\":{\"id\":5,\"size\":24,\"allocEvent\":0,\"freeEvent\":null"), j);
        assertTrue(j.contains("{\"kind\":\"double-free\",\"event\":3,\"address\":" + 0x4052a0
            + ",\"block\":{\"id\":5,\"size\":24,\"allocEvent\":0,\"freeEvent\":2"), j);
        assertTrue(j.contains("\"leakSummary\":{\"snapshots\":false"), j);
    }

    @Test
    void stillReachableIsNotAFinding() throws Exception {
        Path t = trace("alloc 1 16 addr=0x1000\nword 0x601040 0x1000\n");
        CliRun r = CliRun.of("check", t.toString());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("still reachable: 16 B in 1 block"), r.out());
    }

    @Test
    void maxFindingsSaysHowManyWereLeftOut() {
        CliRun r = CliRun.of("check", "gen:request-loop:requests=20,free=false", "--max-findings", "3", "--json");
        assertEquals(1, r.status());
        assertTrue(r.out().contains("\"suppressed\":17"), r.out());
    }

    @Test
    void ptmallocShowsTheAbort() throws Exception {
        Path t = trace("alloc 1 24\nfree 1\nfree 1\n");
        CliRun r = CliRun.of("check", t.toString(), "--allocator", "ptmalloc");
        assertEquals(1, r.status());
        assertTrue(r.out().contains("The simulated process died at event 2: SIGABRT: free(): double free detected in tcache 2"), r.out());
    }

    @Test
    void vmLayerReportsAStackOverflow() {
        CliRun r = CliRun.of("check", "gen:stack-heap:heap=0x7ffffe000000,stack=0x7ffffffff000,heapStep=64k,frame=64k,steps=1000",
            "--vm", "x86-64:ram=8g", "--kernel", "linux:unmapped=segv,heapStart=0x7ffffe000000,mmapBase=0x7ffffffdd000,stackLimit=64m",
            "--json");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().contains("{\"kind\":\"stack-overflow\",\"event\":743,\"address\":" + 0x7fffff07f000L), r.out());
    }

    @Test
    void badInputIsExitTwoWithFileAndLine() throws Exception {
        Path t = trace("alloc 1 24\nalloc 1 -5\n");
        CliRun r = CliRun.of("check", t.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("t.mst line 2"), r.err());
        assertFalse(r.hasStackTrace(), r.err());
    }

    @Test
    void anAllocationOfALiveIdIsBadInputNamingTheLine() throws Exception {
        Path t = trace("alloc 1 24\n# comment\nalloc 1 24\n");
        CliRun r = CliRun.of("check", t.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("line 3") && r.err().contains("already live"), r.err());
        assertFalse(r.hasStackTrace(), r.err());
    }

    @Test
    void badOptionsAreExitTwo() {
        for (String[] args : new String[][] {
            {"check", "gen:request-loop", "--redzone", "lots"},
            {"check", "gen:request-loop", "--allocator", "nope"},
            {"check", "gen:request-loop", "--max-findings", "-1"},
            {"check", dir.resolve("missing.mst").toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertFalse(r.hasStackTrace(), r.err());
        }
    }
}
