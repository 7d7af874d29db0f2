package org.memsim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures of programs found on the machine (each skipped with a message when missing). */
class RealProgramsTest {
    @TempDir
    Path dir;

    @Test
    void python() throws Exception {
        Captures.assumeCompiler();
        Path python = Captures.assumeTool("python3");
        String[] cmd = {python.toString(), "-c", "d = {i: str(i) * 3 for i in range(2000)}; print(len(d), sum(map(len, d.values())))"};
        String plain = Captures.plain(dir, cmd);
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, cmd);
        assertEquals("2000 20670\n", plain);
        assertEquals(plain, c.stdout());
        assertTrue(c.summary().allocations() > 1000, "CPython allocates: " + c.summary().allocations());
        assertTrue(c.of("freeptr").isEmpty(), "every free CPython makes names a block: " + c.of("freeptr"));
        assertEquals(0, c.summary().topStatus());
    }

    @Test
    void sort() throws Exception {
        Captures.assumeCompiler();
        Path sort = Captures.assumeTool("sort");
        Path in = dir.resolve("words.txt");
        Files.writeString(in, "pear\napple\nfig\nbanana\ncherry\n");
        String plain = Captures.plain(dir, sort.toString(), in.toString());
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, sort.toString(), in.toString());
        assertEquals("apple\nbanana\ncherry\nfig\npear\n", plain);
        assertEquals(plain, c.stdout());
        assertTrue(c.summary().allocations() > 0);
        assertTrue(c.of("freeptr").isEmpty(), c.of("freeptr").toString());
    }

    @Test
    void gccCompilingAFileRunsSeveralProcesses() throws Exception {
        Captures.assumeCompiler();
        Path gcc = Captures.assumeTool("gcc");
        Path src = dir.resolve("small.c");
        Files.writeString(src, "int twice(int x) { return 2 * x; }\n");
        Path obj = dir.resolve("small.o");
        Captures.Captured c = Captures.capture(dir, Capturer.Options.CALLS, gcc.toString(), "-c", "-o", obj.toString(), src.toString());
        assertEquals(0, c.summary().topStatus());
        assertTrue(Files.size(obj) > 0, "gcc wrote the object file");
        assertTrue(c.summary().processes() >= 3, "gcc, cc1, as: " + c.summary().processes());
        assertTrue(c.of("fork").size() >= 2, c.of("fork").toString());
        assertTrue(c.of("start").size() >= 3, "each exec'd program starts afresh: " + c.of("start"));
        assertTrue(c.summary().allocations() > 1000);
    }
}
