package org.memsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void replayPrintsOneRowPerAllocator() {
        CliRun r = CliRun.of("replay", "gen:request-loop:requests=100", "--allocator", "freelist", "--allocator", "freelist:fit=best");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("freelist:fit=best"), r.out());
        assertTrue(r.out().contains("heap high-water"), r.out());
    }

    @Test
    void replayJsonHasTheDocumentedFields() {
        CliRun r = CliRun.of("replay", "gen:request-loop:requests=10,free=false", "--json");
        assertEquals(0, r.status(), r.err());
        for (String key : List.of("\"trace\":", "\"results\":[", "\"allocator\":\"freelist\"", "\"ops\":10", "\"failedOps\":0",
            "\"peakLiveBytes\":40960", "\"heapHighWaterBytes\":", "\"utilization\":", "\"pageFaults\":", "\"residentPages\":")) {
            assertTrue(r.out().contains(key), key + " missing in " + r.out());
        }
    }

    @Test
    void replayCsvIsRawNumbers() {
        CliRun r = CliRun.of("replay", "gen:request-loop:requests=10,free=false", "--csv");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("allocator,ops,failed,peak live,heap high-water,utilization,page faults,resident pages,time", lines[0]);
        assertTrue(lines[1].startsWith("freelist,10,0,40960,"), lines[1]);
    }

    @Test
    void badTraceLineIsExitTwoWithFileLineAndNoStackTrace() throws Exception {
        Path bad = write("bad.mst", "alloc 1 16\nalloc 2 -5\n");
        CliRun r = CliRun.of("replay", bad.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("bad.mst line 2 column 9: expected size (decimal digits), found '-5'"), r.err());
        assertFalse(r.hasStackTrace(), r.err());
    }

    @Test
    void unknownIdIsExitTwoNamingTheLine() throws Exception {
        Path bad = write("unknown.mst", "alloc 1 16\nfree 2\n");
        CliRun r = CliRun.of("replay", bad.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown.mst line 2: free of id 2, which is not live"), r.err());
    }

    @Test
    void garbageAndEmptyFilesAndDirectoriesAreClearErrors() throws Exception {
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 7, 7, 7});
        CliRun r = CliRun.of("info", garbage.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("cannot tell the trace format"), r.err());
        Path empty = write("empty.txt", "");
        assertEquals(2, CliRun.of("replay", empty.toString()).status());
        CliRun d = CliRun.of("replay", dir.toString());
        assertEquals(2, d.status());
        assertTrue(d.err().contains("is a directory"), d.err());
        CliRun missing = CliRun.of("replay", dir.resolve("nope.mst").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertFalse(r.hasStackTrace() || d.hasStackTrace() || missing.hasStackTrace());
    }

    @Test
    void unknownSpecsListWhatIsValid() {
        CliRun r = CliRun.of("replay", "gen:request-loop", "--allocator", "tcmalloc");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown allocator 'tcmalloc'; valid: freelist"), r.err());
        CliRun g = CliRun.of("replay", "gen:request-loop:colour=red");
        assertEquals(2, g.status());
        assertTrue(g.err().contains("unknown key 'colour' for generator 'request-loop'; valid: requests=1000"), g.err());
    }

    @Test
    void hostileSizesFailAsMallocNotAsTheHost() throws Exception {
        Path t = write("huge.mst", "alloc 1 9223372036854775807\nbstore 1 0 9223372036854775807\n");
        CliRun r = CliRun.of("replay", t.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("SIGSEGV"), "writing through the NULL that malloc returned faults: " + r.out());
    }

    @Test
    void opsLogHasOneRowPerOp() throws Exception {
        Path log = dir.resolve("ops.csv");
        CliRun r = CliRun.of("replay", "gen:request-loop:requests=3", "--ops-log", log.toString());
        assertEquals(0, r.status(), r.err());
        List<String> rows = Files.readAllLines(log);
        assertEquals("index,op,id,size,address,searched", rows.get(0));
        assertEquals(7, rows.size());
        assertTrue(rows.get(1).matches("0,malloc,0,4096,93824992251920,\\d+"), rows.get(1));
        assertTrue(rows.get(2).startsWith("2,free,0,4096,,"), rows.get(2));
        CliRun again = CliRun.of("replay", "gen:request-loop:requests=3", "--ops-log", log.toString());
        assertEquals(2, again.status(), "an existing file is not overwritten without --force");
        assertEquals(0, CliRun.of("replay", "gen:request-loop:requests=3", "--ops-log", log.toString(), "--force").status());
    }

    @Test
    void convertRoundTripsAndNeverOverwritesInput() throws Exception {
        Path in = write("in.mst", "alloc 1 16\nstore 0x1000 8\nfree 1\n");
        Path out = dir.resolve("out.mst.zst");
        CliRun c = CliRun.of("convert", in.toString(), "-o", out.toString());
        assertEquals(0, c.status(), c.err());
        CliRun info = CliRun.of("info", out.toString(), "--json");
        assertTrue(info.out().contains("\"format\":\"mst+zstd\""), info.out());
        assertTrue(info.out().contains("\"events\":3"), info.out());
        CliRun self = CliRun.of("convert", in.toString(), "-o", in.toString(), "--force");
        assertEquals(2, self.status());
        assertTrue(self.err().contains("is also an input"), self.err());
        assertEquals("alloc 1 16\nstore 0x1000 8\nfree 1\n", Files.readString(in));
    }

    @Test
    void convertPointsGeneratedWorkloadsToGenerate() throws Exception {
        Path out = dir.resolve("g.msb");
        CliRun c = CliRun.of("convert", "gen:sizes:ops=100", "-o", out.toString());
        assertEquals(2, c.status());
        assertTrue(c.err().contains("memsim generate sizes:ops=100 -o " + out), c.err());
        assertFalse(Files.exists(out));
        assertEquals(0, CliRun.of("generate", "sizes:ops=100", "-o", out.toString()).status());
        assertTrue(Files.size(out) > 0);
    }

    @Test
    void generateIsDeterministic() throws Exception {
        Path a = dir.resolve("a.mst");
        Path b = dir.resolve("b.mst");
        assertEquals(0, CliRun.of("generate", "sizes", "-p", "ops=500", "--seed", "9", "-o", a.toString()).status());
        assertEquals(0, CliRun.of("generate", "sizes:ops=500", "--seed", "9", "-o", b.toString()).status());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        Path c = dir.resolve("c.mst");
        assertEquals(0, CliRun.of("generate", "sizes", "-p", "ops=500", "--seed", "10", "-o", c.toString()).status());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void runExitsOneWhenAnExpectationFails() throws Exception {
        Path sc = write("s.scenario", "workload: gen:request-loop:requests=10,free=false\nexpect: liveBlocksAtEnd == 0\n");
        CliRun r = CliRun.of("run", sc.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("FAILED liveBlocksAtEnd == 0"), r.out());
        Path bad = write("bad.scenario", "workload: gen:request-loop\nexpct: ops > 1\n");
        CliRun b = CliRun.of("run", bad.toString());
        assertEquals(2, b.status());
        assertTrue(b.err().contains("bad.scenario line 2: unknown key 'expct'"), b.err());
    }

    @Test
    void shippedScenariosPass() throws java.io.IOException {
        List<java.nio.file.Path> files;
        try (var list = java.nio.file.Files.list(java.nio.file.Path.of("../examples"))) {
            files = list.filter(f -> f.toString().endsWith(".scenario")).sorted().toList();
        }
        assertTrue(files.size() >= 20, "examples/ has its scenarios: " + files);
        for (java.nio.file.Path f : files) {
            CliRun r = CliRun.of("run", f.toString());
            assertEquals(0, r.status(), f + ": " + r.out() + r.err());
        }
    }
}
