package org.memsim.trace.lackey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.event.TextRecorder;
import org.memsim.trace.TraceReader;

/**
 * Runs the real tool: compiles a tiny C program with gcc and traces it with
 * {@code valgrind --tool=lackey --trace-mem=yes}; skipped when gcc or valgrind is missing.
 */
class LackeyValgrindTest {
    private static final String PROGRAM = String.join("\n",
        "#include <stdlib.h>",
        "#include <string.h>",
        "int main(void) {",
        "    volatile long sum = 0;",
        "    long *a = malloc(64 * sizeof(long));",
        "    for (int i = 0; i < 64; i++) a[i] = i;",
        "    for (int i = 0; i < 64; i++) sum += a[i];",
        "    a[3]++;",
        "    free(a);",
        "    return sum == 2016 ? 0 : 1;",
        "}",
        "");

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("process-output.txt").toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out: " + command);
        String output = Files.readString(dir.resolve("process-output.txt"));
        assertEquals(0, p.exitValue(), command + " failed:\n" + output);
    }

    @Test
    void parsesWhatLackeyReallyPrints(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("gcc"), "gcc is not installed: skipping the real-Lackey test");
        assumeTrue(onPath("valgrind"), "valgrind is not installed: skipping the real-Lackey test");
        Files.writeString(dir.resolve("prog.c"), PROGRAM);
        run(dir, List.of("gcc", "-O0", "-o", "prog", "prog.c"));
        run(dir, List.of("valgrind", "--tool=lackey", "--trace-mem=yes", "--log-file=trace.lackey", "./prog"));

        byte[] bytes = Files.readAllBytes(dir.resolve("trace.lackey"));
        String text = new String(bytes, StandardCharsets.US_ASCII);
        List<String> expected = new ArrayList<>();
        Matcher m = LackeyFormatTest.ACCESS_LINE.matcher(text);
        while (m.find()) {
            expected.add(LackeyFormatTest.expectedLine(m));
        }
        assertTrue(expected.size() > 10_000, "a whole process (loader included) makes many accesses: " + expected.size());

        LackeyFormat format = new LackeyFormat();
        assertEquals(100, format.sniff(bytes, Math.min(bytes.length, 1 << 16), "trace.lackey"));
        TextRecorder rec = new TextRecorder();
        long events;
        try (TraceReader r = format.reader(Files.newInputStream(dir.resolve("trace.lackey")), "trace.lackey")) {
            events = r.replay(rec);
        }
        assertEquals(expected.size(), events);
        assertEquals(expected.get(0), rec.lines().get(0));
        assertEquals(expected.get(expected.size() - 1), rec.lines().get(rec.lines().size() - 1));
        assertEquals(expected, rec.lines());
    }
}
