package org.memsim.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.cli.CliRun;

/**
 * memcheck's rule for partial loads (its default {@code --partial-loads-ok=yes}), on hand-written
 * traces: a naturally aligned load of 4, 8, 16 or 32 bytes that is partly inside a block is not an
 * error (glibc's vector string functions make such loads all the time: {@code strlen} on a 7-byte
 * string reads 32 aligned bytes); the same load unaligned is one, vector or not. The corpus programs
 * {@code clean-strdup} and {@code partial-vector-load} show it on real programs.
 */
class PartialLoadRuleTest {
    @TempDir
    Path dir;

    private CliRun check(String trace) throws Exception {
        Path p = dir.resolve("t.mst");
        Files.writeString(p, trace);
        return CliRun.of("check", p.toString(), "--json");
    }

    @Test
    void anAlignedVectorLoadPartlyInsideABlockIsNoError() throws Exception {
        CliRun r = check("alloc 0 7 addr=0x40000\nstore 0x40000 4\nstore 0x40003 4\nload 0x40000 32\nload 0x40000 16\nfree 0\n");
        assertEquals(0, r.status(), "memcheck accepts aligned partial loads; memsim reports: " + r.out() + r.err());
    }

    @Test
    void rawLoadsWiderThanEightBytesAreNotChecked() throws Exception {
        // memcheck: "Invalid read of size 16 … 8 bytes inside a block of size 16" (corpus heap-overflow-vector-read).
        // memsim's documented limit: a wide raw load may be glibc's vectorised string code reading ahead
        // (memcheck replaces that code; an address trace cannot tell who loaded), so it is not checked.
        CliRun r = check("alloc 0 16 addr=0x40000\nstore 0x40000 8\nstore 0x40008 8\nload 0x40008 16\nfree 0\n");
        assertEquals(0, r.status(), r.out() + r.err());
        CliRun narrow = check("alloc 0 16 addr=0x40000\nstore 0x40000 8\nstore 0x40008 8\nload 0x40010 8\nfree 0\n");
        assertEquals(1, narrow.status(), "an 8-byte load past the end is still found: " + narrow.out());
        assertTrue(narrow.out().contains("\"kind\":\"heap-overflow\""), narrow.out());
    }

    @Test
    void anUnalignedLoadPartlyOutsideIsAnOverflow() throws Exception {
        CliRun r = check("alloc 0 7 addr=0x40000\nstore 0x40000 4\nstore 0x40003 4\nload 0x40001 8\nfree 0\n");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("\"kind\":\"heap-overflow\""), r.out());
    }
}
