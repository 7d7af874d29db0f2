package org.memsim.trace.mst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceTesting;

class MstFormatTest {
    static final String EVERY_KIND = String.join("\n",
        "# a comment line",
        "site 1 main;handle_request",
        "file 2 /var/lib/data.bin",
        "type 3 java.lang.String",
        "start 1",
        "switch 1 7",
        "alloc 0 4096 site=1",
        "alloc 1 200 align=64 addr=0x55550010",
        "calloc 2 4 25",
        "realloc 0 100 addr=0x55550100",
        "bstore 0 0 100",
        "bload 0 8 8",
        "free 0",
        "free null",
        "load 0x1fff000778 8",
        "store 0x1fff000770 8",
        "modify 0x4033e06 1",
        "ifetch 0x401ab70 3",
        "brk 0x555555559000",
        "mmap 0x7f0000000000 8192 rw- private|anonymous",
        "mmap 0x7f0000100000 4096 r-- shared file=2 offset=4096",
        "munmap 0x7f0000000000 4096",
        "mprotect 0x7f0000001000 4096 r--",
        "madvise 0x7f0000001000 4096 dontneed",
        "msync 0x7f0000100000 4096",
        "fork 1 2",
        "exit 2 -1",
        "new 10 24 2 type=3",
        "new 11 16 0",
        "ref 10 0 11",
        "ref 10 1 null",
        "root 10",
        "unroot 10",
        "safepoint");

    @Test
    void everyKindRoundTripsThroughText() throws Exception {
        List<String> first = TraceTesting.lines(EVERY_KIND);
        assertEquals(33, first.size());
        byte[] written = TraceTesting.write(new MstFormat(), EVERY_KIND);
        assertEquals(first, TraceTesting.read(new MstFormat(), written));
        assertTrue(new String(written, java.nio.charset.StandardCharsets.UTF_8).startsWith(MstWriter.HEADER));
    }

    @Test
    void acceptsCrLfBlanksAndTrailingComments() throws Exception {
        List<String> got = TraceTesting.read(new MstFormat(), "alloc 1 16   # note\r\n\r\n\tfree 1\r\nload 4096 4");
        assertEquals(List.of("alloc 1 16", "free 1", "load 0x1000 4"), got);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alloc 1 -5|line 1 column 9: expected size (decimal digits), found '-5'",
        "alloc 1 99999999999999999999|line 1 column 9: size is too large",
        "alloc 1|line 1 column 8: expected a space before the size",
        "frob 3|line 1 column 1: expected an event keyword",
        "alloc 1 16 colour=red|line 1 column 12: expected an option (align= addr= site=)",
        "load 0x10 8 extra|line 1 column 13: expected the end of the line",
        "mmap 0x1000 4096 rwz private|expected a protection",
        "site 0 main|site numbers start at 1",
    })
    void badLinesNameLineColumnAndExpectation(String line, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(new MstFormat(), "# header\n" + line.replace("line 1", "line 2")));
        assertTrue(e.getMessage().contains(message.replace("line 1", "line 2")), e.getMessage());
        assertTrue(e.getMessage().startsWith("test-input line 2"), e.getMessage());
    }

    @Test
    void sniffsOwnHeaderAndKeywords() {
        MstFormat f = new MstFormat();
        byte[] h = (MstWriter.HEADER + "\n").getBytes();
        assertEquals(100, f.sniff(h, h.length, "x"));
        byte[] k = "alloc 1 2\nfree 1\n".getBytes();
        assertTrue(f.sniff(k, k.length, "x") > 0);
        byte[] n = "a 1 2 3\n".getBytes();
        assertEquals(0, f.sniff(n, n.length, "x"));
    }
}
