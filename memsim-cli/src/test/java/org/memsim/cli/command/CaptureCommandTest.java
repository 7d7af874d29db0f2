package org.memsim.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.cli.CliRun;
import org.memsim.real.NativeBuild;

/** {@code memsim capture} end to end: the trace it writes replays through replay, real and vm. */
class CaptureCommandTest {
    @TempDir
    Path dir;

    private Path program() throws Exception {
        Assumptions.assumeTrue(NativeBuild.compiler() != null, "gcc (or cc) is not installed: memsim capture cannot build its shim");
        Path c = dir.resolve("prog.c");
        Files.writeString(c, """
            #include <stdlib.h>
            #include <string.h>
            int main(void) {
                char *keep[16];
                for (int i = 0; i < 16; i++) { keep[i] = malloc(100 + 50 * i); memset(keep[i], i, 100); }
                for (int i = 0; i < 16; i += 2) free(keep[i]);
                char *big = calloc(1000, 100);
                big = realloc(big, 200000);
                free(big);
                for (int i = 1; i < 16; i += 2) free(keep[i]);
                return 0;
            }
            """, StandardCharsets.UTF_8);
        Path exe = dir.resolve("prog");
        Process p = new ProcessBuilder(NativeBuild.compiler().toString(), "-O0", "-o", exe.toString(), c.toString())
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        return exe;
    }

    @Test
    void capturedTraceReplaysThroughReplayRealAndVm() throws Exception {
        Path exe = program();
        Path trace = dir.resolve("prog.msb");
        CliRun r = CliRun.of("capture", "-o", trace.toString(), "--", exe.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("exited with status 0"), r.err());
        assertTrue(r.err().contains("17 allocations"), r.err());
        assertTrue(Files.size(trace) > 0);
        CliRun replay = CliRun.of("replay", trace.toString(), "--json");
        assertEquals(0, replay.status(), replay.err());
        assertTrue(replay.out().contains("\"ops\":35"), "16 malloc, 1 calloc, 1 realloc, 17 free: " + replay.out());
        CliRun real = CliRun.of("real", trace.toString());
        assertEquals(0, real.status(), real.err());
        CliRun vm = CliRun.of("vm", trace.toString());
        assertEquals(0, vm.status(), vm.err());
    }

    @Test
    void jsonSummaryAndTextFormatAndNoOverwriteWithoutForce() throws Exception {
        Path exe = program();
        Path trace = dir.resolve("prog.mst");
        CliRun r = CliRun.of("capture", "-o", trace.toString(), "--json", "--stacks", "--", exe.toString());
        assertEquals(0, r.status(), r.err());
        for (String key : new String[] {"\"format\":\"mst\"", "\"exitStatus\":0", "\"allocations\":17", "\"frees\":17",
            "\"processes\":1", "\"threads\":1", "\"wallNanos\":", "\"kinds\":{"}) {
            assertTrue(r.err().contains(key), key + " in " + r.err());
        }
        String text = Files.readString(trace);
        assertTrue(text.startsWith("# memsim-trace v1"), text);
        assertTrue(text.contains("\nsite 1 "), "--stacks defines sites");
        CliRun again = CliRun.of("capture", "-o", trace.toString(), "--", exe.toString());
        assertEquals(2, again.status());
        assertTrue(again.err().contains("exists; pass --force"), again.err());
        assertEquals(text, Files.readString(trace), "the existing trace is untouched");
        assertEquals(0, CliRun.of("capture", "-o", trace.toString(), "--force", "--", exe.toString()).status());
    }

    @Test
    void aMissingProgramIsExitTwoWithoutAStackTrace() {
        Assumptions.assumeTrue(NativeBuild.compiler() != null, "gcc (or cc) is not installed");
        CliRun r = CliRun.of("capture", "-o", dir.resolve("t.msb").toString(), "--", "no-such-program-memsim");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no-such-program-memsim: command not found"), r.err());
        assertFalse(r.hasStackTrace(), r.err());
        assertFalse(Files.exists(dir.resolve("t.msb")));
        CliRun ext = CliRun.of("capture", "-o", dir.resolve("t.unknown").toString(), "--", "true");
        assertEquals(2, ext.status());
        assertFalse(ext.hasStackTrace(), ext.err());
    }
}
