package org.memsim.trace.vgmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.addr.NativeTools;

/** Runs the real Valgrind on small programs and reads its log; skipped where gcc or valgrind is missing. */
class VgMallocRealToolTest {
    @TempDir
    Path dir;

    private Path valgrind(Path exe) throws Exception {
        NativeTools.require("valgrind");
        Path log = dir.resolve("valgrind.log");
        NativeTools.Result r = NativeTools.run(dir, Map.of(), "valgrind", "--trace-malloc=yes", "--log-file=" + log, exe.toString());
        assertEquals(0, r.status, r.output);
        return log;
    }

    private static String one(List<String> lines, String what) {
        assertEquals(1, lines.size(), "expected one " + what + " line, got " + lines);
        return lines.get(0);
    }

    private static String hexGroup(String line, String regex) {
        Matcher m = Pattern.compile(regex).matcher(line);
        assertTrue(m.find(), line);
        return m.group(1).toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void theSampleProgramsFourAllocationCallsArePresent() throws Exception {
        Path exe = NativeTools.compile("gcc", NativeTools.resource(getClass(), "/org/memsim/trace/addr/sample-program.c", dir), dir);
        Path log = valgrind(exe);

        // the log itself, checked independently of the parser
        String malloc = one(NativeTools.grep(log, "^--\\d+-- malloc\\(32\\) = 0x[0-9A-F]+$"), "malloc(32)");
        String calloc = one(NativeTools.grep(log, "^--\\d+-- calloc\\(4,25\\) = 0x[0-9A-F]+$"), "calloc(4,25)");
        String realloc = one(NativeTools.grep(log, "^--\\d+-- realloc\\(0x[0-9A-F]+,100\\) = 0x[0-9A-F]+$"), "realloc(…,100)");
        String aligned = one(NativeTools.grep(log, "^--\\d+-- (memalign|posix_memalign)\\(al 64, size 200\\)( = 0x[0-9A-F]+)?$"),
            "memalign(al 64, size 200)");
        String a = hexGroup(malloc, "= 0x([0-9A-F]+)$");
        String b = hexGroup(calloc, "= 0x([0-9A-F]+)$");
        assertEquals(a, hexGroup(realloc, "realloc\\(0x([0-9A-F]+),"));
        String moved = hexGroup(realloc, "= 0x([0-9A-F]+)$");

        List<String> events = TraceTesting.read(new VgMallocFormat(), Files.readAllBytes(log));
        assertTrue(events.get(0).startsWith("start "), events.get(0));
        assertTrue(events.contains("alloc 0 32 addr=0x" + a), events.toString());
        assertTrue(events.contains("calloc 1 4 25 addr=0x" + b), events.toString());
        assertTrue(events.contains("realloc 0 100 addr=0x" + moved), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("alloc 2 200 align=64")), events.toString());
        if (aligned.contains(" = 0x")) {
            assertTrue(events.contains("alloc 2 200 align=64 addr=0x" + hexGroup(aligned, "= 0x([0-9A-F]+)$")));
            assertTrue(events.contains("free 2"), events.toString());
        }
        assertTrue(events.contains("free 1"), events.toString());
        assertTrue(events.contains("free 0"), events.toString());
        assertEquals(events.size(), events.stream().filter(e -> e.matches("(start|alloc|calloc|realloc|free) .*")).count());
    }

    @Test
    void reallocQuirksParse() throws Exception {
        Path exe = NativeTools.compile("gcc", NativeTools.resource(getClass(), "/org/memsim/trace/addr/realloc-quirks.c", dir), dir);
        Path log = valgrind(exe);
        List<String> events = TraceTesting.read(new VgMallocFormat(), Files.readAllBytes(log));
        assertTrue(events.stream().anyMatch(e -> e.matches("realloc 0 40 addr=0x[0-9a-f]+")), events.toString());
        assertTrue(events.contains("realloc 0 0"), events.toString());   // realloc(p, 0) returned NULL: freed
        assertTrue(events.stream().anyMatch(e -> e.matches("realloc \\d+ 9223372036854775807")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("calloc \\d+ 9223372036854775807 2")), events.toString());
    }

    @Test
    void cxxOperatorsParse() throws Exception {
        Path src = NativeTools.resource(getClass(), "/org/memsim/trace/addr/cxx-operators.cpp", dir);
        Path exe = NativeTools.compile("g++", src, dir);
        Path log = valgrind(exe);
        assertTrue(!NativeTools.grep(log, "^--\\d+-- _Znwm\\(4\\) = 0x").isEmpty());
        List<String> events = TraceTesting.read(new VgMallocFormat(), Files.readAllBytes(log));
        assertTrue(events.stream().anyMatch(e -> e.matches("alloc \\d+ 64 align=64 addr=0x[0-9a-f]+")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.matches("alloc \\d+ 128 align=64 addr=0x[0-9a-f]+")), events.toString());
        long allocs = events.stream().filter(e -> e.matches("(alloc|calloc) .*addr=.*")).count();
        assertTrue(allocs >= 12, events.toString());
        // the program forks; both processes write to the one log file
        long pids = NativeTools.grep(log, "^--\\d+-- ").stream().map(l -> l.substring(0, l.indexOf("-- ") + 2)).distinct().count();
        assertEquals(pids, events.stream().filter(e -> e.startsWith("start ")).count(), events.toString());
    }
}
