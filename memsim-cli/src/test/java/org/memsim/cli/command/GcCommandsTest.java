package org.memsim.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.cli.CliRun;

/** The interfaces scripts depend on: memsim sizeof, memsim generate node-cycle, memsim gc --json. */
class GcCommandsTest {
    @TempDir
    Path dir;

    @Test
    void sizeofJsonIsTheDocumentedShape() {
        CliRun r = CliRun.of("sizeof", "--runtime", "cpython", "--json", "int:42", "list-of-int:10000000");
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"runtime\":\"cpython\",\"sizes\":[{\"spec\":\"int:42\",\"bytes\":28},"
            + "{\"spec\":\"list-of-int:10000000\",\"bytes\":360000056}]}", r.out().trim());
        CliRun np = CliRun.of("sizeof", "--runtime", "numpy", "--json", "array:int64:10000000");
        assertTrue(np.out().contains("\"bytes\":80000112"), np.out());
    }

    @Test
    void sizeofUnknownSpecIsExitTwo() {
        CliRun r = CliRun.of("sizeof", "--runtime", "go", "dict");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("runtime go has no size for 'dict'"), r.err());
        assertFalse(r.hasStackTrace(), r.err());
        CliRun bad = CliRun.of("sizeof", "--runtime", "cpython", "lst:3");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("unknown spec 'lst:3'"), bad.err());
        assertEquals(2, CliRun.of("sizeof", "--runtime", "jvm", "int:1").status());
    }

    @Test
    void nodeCycleLeaksUnderPlainReferenceCountingOnly() throws Exception {
        Path f = dir.resolve("nc.mst");
        CliRun g = CliRun.of("generate", "node-cycle", "--param", "pairs=500", "-o", f.toString());
        assertEquals(0, g.status(), g.err());
        assertTrue(Files.readString(f, StandardCharsets.UTF_8).contains("ref 1 0 0"));
        CliRun r = CliRun.of("gc", f.toString(), "--collector", "rc:cycles=false", "--collector", "rc", "--collector", "marksweep",
            "--collector", "generational", "--json", "--check");
        assertEquals(0, r.status(), r.err());
        for (String key : List.of("\"collectors\":[", "\"spec\":\"rc:cycles=false\"", "\"collections\":", "\"objectsFreed\":",
            "\"objectsLeaked\":", "\"peakHeapBytes\":", "\"pauseP50Ns\":", "\"pauseP99Ns\":", "\"pauseMaxNs\":", "\"gcWorkNs\":")) {
            assertTrue(r.out().contains(key), key + " missing in " + r.out());
        }
        String out = r.out();
        int rcPlain = out.indexOf("\"spec\":\"rc:cycles=false\"");
        int rc = out.indexOf("\"spec\":\"rc\"");
        assertTrue(out.substring(rcPlain, rc).contains("\"objectsLeaked\":1000"), out);
        assertTrue(out.substring(rc).contains("\"objectsLeaked\":0"), out);
        assertFalse(out.substring(rc).contains("\"objectsLeaked\":1000"), out);
    }

    @Test
    void gcTableAndErrors() {
        CliRun r = CliRun.of("gc", "gen:request-scoped:requests=200", "--collector", "semispace", "--collector", "regional");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("pause p99") && r.out().contains("regional"), r.out());
        CliRun bad = CliRun.of("gc", "gen:node-cycle:pairs=1", "--collector", "boehm");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("unknown collector 'boehm'"), bad.err());
        CliRun key = CliRun.of("gc", "gen:node-cycle:pairs=1", "--collector", "rc:cycle=false");
        assertEquals(2, key.status());
        assertTrue(key.err().contains("unknown key 'cycle'"), key.err());
    }

    @Test
    void aTraceNamingADeadObjectIsExitTwoWithItsLine() throws Exception {
        Path f = dir.resolve("bad.mst");
        Files.writeString(f, "new 1 16 1\nroot 1\nref 1 0 7\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("gc", f.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("line 3") && r.err().contains("object 7"), r.err());
        assertFalse(r.hasStackTrace(), r.err());
    }
}
