package org.memsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memsim paging} and {@code memsim vm}: output shapes, options, and bad input. */
class VmCommandsTest {
    @TempDir
    Path dir;

    @Test
    void pagingPrintsEveryReferenceAndTheTotals() {
        CliRun r = CliRun.of("paging", "--policy", "fifo", "--frames", "3", "--refs", "1,2,3,4,1,2,5,1,2,3,4,5");
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("policy fifo, 3 frames, 12 references"), out);
        assertTrue(out.contains("  4     4  MISS    1        4 2 3"), out);
        assertTrue(out.contains("  8     1  HIT     -        5 1 2"), out);
        assertTrue(out.contains("12 references: 3 hits, 9 misses (page faults), hit ratio 25.0%"), out);
        CliRun four = CliRun.of("paging", "--policy", "fifo", "--frames", "4", "--refs", "1 2 3 4 1 2 5 1 2 3 4 5");
        assertTrue(four.out().contains("2 hits, 10 misses"), four.out());
    }

    @Test
    void pagingJsonHasTheIssuesShape() {
        CliRun r = CliRun.of("paging", "--policy", "lru", "--frames", "3", "--refs", "7,0,1,2,0", "--json");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"policy\":\"lru\",\"frames\":3,\"hits\":1,\"misses\":4,\"accesses\":["
            + "{\"page\":7,\"hit\":false,\"evicted\":null,\"frames\":[7,null,null]},"
            + "{\"page\":0,\"hit\":false,\"evicted\":null,\"frames\":[7,0,null]},"
            + "{\"page\":1,\"hit\":false,\"evicted\":null,\"frames\":[7,0,1]},"
            + "{\"page\":2,\"hit\":false,\"evicted\":7,\"frames\":[2,0,1]},"
            + "{\"page\":0,\"hit\":true,\"evicted\":null,\"frames\":[2,0,1]}]}", r.out().strip());
    }

    @Test
    void pagingReadsAReferenceFileAndNamesBadLines() throws Exception {
        Path refs = dir.resolve("refs.txt");
        Files.writeString(refs, "# Silberschatz\n7\n0\n\n1 # a comment\n2\n0\n3\n0\n4\n2\n3\n0\n3\n2\n1\n2\n0\n1\n7\n0\n1\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("paging", "--policy", "opt", "--frames", "3", "--refs-file", refs.toString(), "--csv");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("ref,page,result,evicted,frames\n1,7,MISS,-,7 - -\n"), r.out());
        assertEquals(21, r.out().lines().count(), "a header and 20 references");
        assertEquals(9, r.out().lines().filter(l -> l.contains(",MISS,")).count(), "OPT: 9 faults");
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "1\n2\nthree\n", StandardCharsets.UTF_8);
        CliRun b = CliRun.of("paging", "--refs-file", bad.toString());
        assertEquals(2, b.status());
        assertTrue(b.err().contains("bad.txt line 3: 'three' is not a page number"), b.err());
        assertFalse(b.hasStackTrace(), b.err());
        CliRun both = CliRun.of("paging", "--refs", "1", "--refs-file", bad.toString());
        assertEquals(2, both.status());
        assertTrue(both.err().contains("exactly one of --refs"), both.err());
        CliRun neg = CliRun.of("paging", "--refs", "1,-2");
        assertEquals(2, neg.status());
        CliRun frames = CliRun.of("paging", "--refs", "1", "--frames", "0");
        assertEquals(2, frames.status());
        CliRun policy = CliRun.of("paging", "--refs", "1", "--policy", "mru");
        assertEquals(2, policy.status());
        assertTrue(policy.err().contains("valid: fifo, lru, clock, second-chance, lfu, random, opt, aging, ws"), policy.err());
    }

    @Test
    void vmReportsPerProcessAndInTotal() {
        CliRun r = CliRun.of("vm", "gen:shared-file:pages=16");
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.contains("vm x86-64  tlb auto  policy clock  kernel linux"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("    1  running")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("    2  running")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("total")), out);
        assertTrue(out.contains("TLB: "), out);
        assertTrue(out.contains("Overcommit mode 1"), out);
        assertTrue(out.contains("disk I/O"), out);
    }

    @Test
    void vmJsonCarriesProcessesTotalsAndSeries() {
        CliRun r = CliRun.of("vm", "gen:switches:processes=3,switches=30", "--json", "--tlb", "tlb:asid=true");
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        for (String key : List.of("\"spec\":{\"vm\":\"x86-64\",\"tlb\":\"tlb:asid=true\"", "\"processes\":[{\"pid\":1,", "\"pid\":3,",
            "\"total\":{\"events\":", "\"tlb\":{\"present\":true", "\"asidSwitches\":", "\"memory\":{\"frames\":2097152",
            "\"nanosByLayer\":{", "\"series\":{\"vm.faults\":[[", "\"tlb.missRatePermille\":[[", "\"kernel.residentPages\":[[")) {
            assertTrue(out.contains(key), key + " missing in " + out);
        }
    }

    @Test
    void vmOptionsShapeTheMachine() throws Exception {
        CliRun r = CliRun.of("vm", "gen:access:pattern=stride,span=1m,stride=4k,count=512,writes=1", "--frames", "64", "--swap", "1m",
            "--policy", "opt", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"frames\":64,"), r.out());
        assertTrue(r.out().contains("\"majorFaults\":192"), "OPT keeps 64 of the 256 pages of the loop for its second pass: " + r.out());
        CliRun lru = CliRun.of("vm", "gen:access:pattern=stride,span=1m,stride=4k,count=512,writes=1", "--frames", "64", "--swap", "1m",
            "--policy", "lru", "--json");
        assertTrue(lru.out().contains("\"majorFaults\":256"), "LRU misses every page of a loop larger than memory: " + lru.out());
        CliRun csv = CliRun.of("vm", "gen:isolation", "--csv", "--page-size", "16k", "--ram", "64m");
        assertEquals(0, csv.status(), csv.err());
        assertTrue(csv.out().startsWith("pid,state,events,accesses,TLB misses,minor faults,major faults"), csv.out());
        Path html = dir.resolve("report");
        CliRun h = CliRun.of("vm", "gen:isolation", "--html", html.toString());
        assertEquals(0, h.status(), h.err());
        String page = Files.readString(html.resolve("index.html"));
        assertTrue(page.contains("<svg") && page.contains("Over time"), "the report has the time series");
        CliRun bad = CliRun.of("vm", "gen:isolation", "--overcommit", "3");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("overcommit=3 is not one of 0, 1, 2"), bad.err());
        CliRun both = CliRun.of("vm", "gen:isolation", "--frames", "10", "--ram", "1m");
        assertEquals(2, both.status());
        CliRun thp = CliRun.of("vm", "gen:access:span=8m,stride=4k,count=2048", "--thp", "always", "--json");
        assertTrue(thp.out().contains("\"thpFaults\":4"), thp.out());
    }

    @Test
    void listShowsTlbsAndPolicies() {
        CliRun t = CliRun.of("list", "tlb");
        assertTrue(t.out().contains("l2=1536x12"), t.out());
        CliRun p = CliRun.of("list", "policies");
        assertTrue(p.out().contains("second-chance") && p.out().contains("window=1000"), p.out());
    }
}
