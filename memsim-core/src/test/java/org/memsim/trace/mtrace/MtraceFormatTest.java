package org.memsim.trace.mtrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.InputException;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.UnsupportedEventException;
import org.memsim.trace.addr.AddressStreams;

class MtraceFormatTest {
    static final MtraceFormat FORMAT = new MtraceFormat();

    static byte[] resource(String name) throws Exception {
        try (var in = MtraceFormatTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void realSampleGivesTheProgramsCallsWithCallers() throws Exception {
        assertEquals(List.of(
            "site 1 ./program:[0x11a0]",
            "alloc 0 32 addr=0x559ff80f24a0 site=1",
            "site 2 ./program:[0x11b3]",
            "alloc 1 100 addr=0x559ff80f24d0 site=2",        // calloc(4, 25): mtrace prints the product
            "site 3 ./program:[0x11c8]",
            "realloc 0 100 addr=0x559ff80f2540 site=3",      // "<" then ">"
            "site 4 ./program:[0x11d8]",
            "free 1 site=4",
            "site 5 ./program:[0x11e4]",
            "free 0 site=5"), TraceTesting.read(FORMAT, resource("glibc-mtrace.txt")));
    }

    @Test
    void realRunWithSymbolsFailuresAndLibcCallers() throws Exception {
        List<String> got = TraceTesting.read(FORMAT, resource("glibc-mtrace-symbols.txt"));
        assertEquals("site 1 ./mtd:(main+17)[0x11d0]", got.get(0));
        assertTrue(got.contains("alloc 2 200 addr=0x55dd13784600 site=5"), got.toString());   // posix_memalign: alignment lost
        assertTrue(got.contains("alloc 4 9223372036854775807 site=10"), got.toString());      // + (nil) 0x7fff…: failed
        assertTrue(got.contains("realloc 5 9223372036854775807 site=12"), got.toString());    // ! ptr size: failed realloc
        assertTrue(got.contains("alloc 6 0 addr=0x55dd137846f0 site=13"), got.toString());    // size printed as 0
        assertEquals("alloc 7 4096 addr=0x55dd13784710 site=14", got.get(got.size() - 1));  // stdio's buffer
    }

    @Test
    void everyLineShape() throws Exception {
        String log = String.join("\n",
            "= Start",
            "@ ./prog:[0x11a0] + 0x1000 0x20",
            "@ ./prog:(main+17)[0x11d0] + (nil) 0x7fffffffffffffff",
            "+ 0x2000 0",
            "@ [0x7f0000001234] - 0x1000",
            "@ ./prog:[0x11a0] < 0x2000",
            "@ ./prog:[0x11a0] > 0x3000 0x40",
            "@ ./prog:[0x11a0] ! 0x3000 0x100",
            "- 0x3000",
            "- 0xdead",
            "< 0x4444",
            "> 0x5000 0x8",
            "! (nil) 0x10",
            "@ /lib/x86_64-linux-gnu/libc.so.6:(_IO_file_doallocate+8c)[0x758cc] + 0x5000 0x1000",
            "@ a b:[0x1] - 0x6000",
            "= End", "");
        assertEquals(List.of(
            "site 1 ./prog:[0x11a0]",
            "alloc 0 32 addr=0x1000 site=1",
            "site 2 ./prog:(main+17)[0x11d0]",
            "alloc 1 9223372036854775807 site=2",
            "alloc 2 0 addr=0x2000",
            "site 3 0x7f0000001234",
            "free 0 site=3",
            "realloc 2 64 addr=0x3000 site=1",
            "realloc 2 256 site=1",
            "free 2",
            "free 3",
            "realloc 4 8 addr=0x5000",                   // the old block was not traced: a fresh id
            "realloc 5 16",
            "site 4 /lib/x86_64-linux-gnu/libc.so.6:(_IO_file_doallocate+8c)[0x758cc]",
            "free 4",                                      // 0x5000 was still live: released untraced
            "alloc 6 4096 addr=0x5000 site=4",
            "site 5 a b:[0x1]",
            "free 7 site=5"), TraceTesting.read(FORMAT, log));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void randomStreamsRoundTrip(long seed) throws Exception {
        String mst = AddressStreams.generate(AddressStreams.Dialect.MTRACE, seed, 400);
        byte[] written = TraceTesting.write(FORMAT, mst);
        assertEquals(TraceTesting.lines(mst), TraceTesting.read(FORMAT, written));
        assertEquals(95, FORMAT.sniff(written, written.length, "x"));
    }

    @Test
    void writerPrintsMtraceShapesAndDropsWhatMtraceCannotSay() throws Exception {
        String text = new String(TraceTesting.write(FORMAT, String.join("\n",
            "site 1 ./prog:(main+17)[0x11d0];./prog:(_start+5)[0x1000]",
            "site 2 0x7f00aa;0x7f00bb",
            "site 3 main;start",
            "start 5",
            "alloc 0 32 addr=0x55aa site=1",
            "calloc 1 4 25 addr=0x55bb site=2",
            "alloc 2 0 align=64 addr=0x55cc site=3",
            "realloc 0 100 addr=0x55dd site=1",
            "realloc 7 8 addr=0x55ee",
            "realloc 2 0",
            "free null",
            "free 1",
            "free 99",
            "switch 5 6")), StandardCharsets.US_ASCII);
        assertEquals(String.join("\n",
            "= Start",
            "@ ./prog:(main+17)[0x11d0] + 0x55aa 0x20",
            "@ [0x7f00aa] + 0x55bb 0x64",
            "+ 0x55cc 0",
            "@ ./prog:(main+17)[0x11d0] < 0x55aa",
            "@ ./prog:(main+17)[0x11d0] > 0x55dd 0x64",
            "+ 0x55ee 0x8",
            "- 0x55cc",
            "- 0x55bb",
            "- 0xdead0000",
            "= End", ""), text);
    }

    @Test
    void writerRefusesWhatItCannotWrite() {
        InputException e = assertThrows(InputException.class, () -> TraceTesting.write(FORMAT, "alloc 0 16"));
        assertTrue(e.getMessage().startsWith("test-output: format mtrace records the address"), e.getMessage());
        assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(FORMAT, "start 1\nstart 2"));
        assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(FORMAT, "mmap 0x1000 4096 rw- private"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "@ ./prog:[0x1] < 0x10\\n+ 0x20 0x1|line 3 column 1: expected the '>' line that completes the realloc begun with '<' on line 2",
        "> 0x10 0x1|line 2 column 1: a '>' line (the new block of a realloc) must follow a '<' line",
        "@ ./prog + 0x10 0x1|line 2 column 3: expected a caller such as ./prog:[0x11a0]",
        "+ 0x10|line 2 column 7: expected a space before the size",
        "* 0x10|line 2 column 1: expected an mtrace line",
        "+ 0x10 0x20 extra|line 2 column 13: expected the end of the line",
        "- nil|line 2 column 3: expected pointer (hex digits)",
        "+ 0x10 0x10000000000000000|line 2 column 8: size has more than 16 hex digits",
        "@x - 0x10|line 2 column 2: expected ' '",
        "< 0x10|line 2: the realloc begun with '<' has no '>' line (the log ends)",
    })
    void malformedLinesNameLineColumnAndExpectation(String lines, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(FORMAT, "= Start\n" + lines.replace("\\n", "\n") + "\n"));
        assertTrue(e.getMessage().startsWith("test-input " + message), e.getMessage());
    }

    @Test
    void sniffing() throws Exception {
        org.memsim.trace.addr.SniffChecks.assertSniffs(FORMAT);
        byte[] noStart = "@ ./p:[0x1] + 0x10 0x20\n- 0x10\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(70, FORMAT.sniff(noStart, noStart.length, "x"));
    }
}
