package org.memsim.trace.mtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.addr.AddressStreams;
import org.memsim.trace.addr.NativeTools;

/**
 * Runs a program under glibc's mtrace (MALLOC_TRACE with libc_malloc_debug.so preloaded) and reads
 * its log; checks the writer's output with glibc's own {@code mtrace} script. Skipped where the
 * tools are missing.
 */
class MtraceRealToolTest {
    @TempDir
    Path dir;

    static Path mallocDebugLibrary() throws Exception {
        for (String d : List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib")) {
            Path p = Path.of(d, "libc_malloc_debug.so.0");
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void theMtraceVariantOfTheSampleProgram() throws Exception {
        Path lib = mallocDebugLibrary();
        Assumptions.assumeTrue(lib != null, "glibc's libc_malloc_debug.so.0 (glibc 2.34+) not found: skipping");
        Path exe = NativeTools.compile("gcc", NativeTools.resource(getClass(), "mtrace-program.c", dir), dir);
        Path log = dir.resolve("mtrace.log");
        NativeTools.Result r = NativeTools.run(dir, Map.of("MALLOC_TRACE", log.toString(), "LD_PRELOAD", lib.toString()), exe.toString());
        assertEquals(0, r.status, r.output);

        // the log, independently of the parser
        List<String> lines = Files.readAllLines(log);
        assertEquals("= Start", lines.get(0));
        assertEquals("= End", lines.get(lines.size() - 1));
        String plus32 = NativeTools.grep(log, "^@ \\S+ \\+ 0x[0-9a-f]+ 0x20$").get(0);
        assertEquals(1, NativeTools.grep(log, "^@ \\S+ \\+ 0x[0-9a-f]+ 0x64$").size());     // calloc(4, 25)
        String less = NativeTools.grep(log, "^@ \\S+ < 0x[0-9a-f]+$").get(0);
        String more = NativeTools.grep(log, "^@ \\S+ > 0x[0-9a-f]+ 0x64$").get(0);
        assertEquals(1, NativeTools.grep(log, "^@ \\S+ \\+ 0x[0-9a-f]+ 0xc8$").size());     // posix_memalign(…, 64, 200)
        String a = field(plus32, "\\+ (0x[0-9a-f]+) ");
        assertEquals(a, field(less, "< (0x[0-9a-f]+)$"));
        String moved = field(more, "> (0x[0-9a-f]+) ");

        List<String> events = TraceTesting.read(new MtraceFormat(), Files.readAllBytes(log));
        assertTrue(events.contains("alloc 0 32 addr=" + a + " site=1"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("alloc 1 100 addr=0x[0-9a-f]+ site=2")), events.toString());
        assertTrue(events.contains("realloc 0 100 addr=" + moved + " site=3"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("alloc 2 200 addr=0x[0-9a-f]+ site=\\d+")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("free 1 site=\\d+")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("free 2 site=\\d+")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("free 0 site=\\d+")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("alloc \\d+ 9223372036854775807 site=\\d+")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("realloc \\d+ 9223372036854775807 site=\\d+")), events.toString());
    }

    private static String field(String line, String regex) {
        Matcher m = Pattern.compile(regex).matcher(line);
        assertTrue(m.find(), line);
        return m.group(1);
    }

    @Test
    void glibcsMtraceScriptReadsTheWriterOutput() throws Exception {
        Path script = NativeTools.require("mtrace");
        Assumptions.assumeTrue(NativeTools.which("perl") != null, "perl is not on the PATH: skipping");
        String mst = AddressStreams.generate(AddressStreams.Dialect.MTRACE, 99, 300);
        Path file = dir.resolve("written.mtrace");
        Files.write(file, TraceTesting.write(new MtraceFormat(), mst));

        // the blocks still live at the end, by address
        Map<String, String> addressOfId = new HashMap<>();
        for (String line : TraceTesting.lines(mst)) {
            String[] p = line.split(" ");
            if (line.startsWith("alloc ") || line.startsWith("realloc ")) {
                addressOfId.put(p[1], line.replaceAll(".*addr=(0x[0-9a-f]+).*", "$1"));
            } else if (line.startsWith("free ")) {
                addressOfId.remove(p[1]);
            }
        }
        Set<Long> live = new TreeSet<>();
        addressOfId.values().forEach(a -> live.add(Long.decode(a)));

        NativeTools.Result r = NativeTools.run(dir, Map.of(), script.toString(), file.toString());
        Set<Long> reported = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(0x[0-9a-f]+)\\s+\\S+\\s+at ").matcher(r.output);
        while (m.find()) {
            reported.add(Long.decode(m.group(1)));
        }
        assertEquals(live, reported, r.output);
        assertTrue(live.isEmpty() == r.output.contains("No memory leaks."), r.output);
    }
}
