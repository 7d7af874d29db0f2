package org.memsim.trace.heaptrack;

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
import org.memsim.trace.addr.SniffChecks;

class HeaptrackFormatTest {
    static final HeaptrackFormat FORMAT = new HeaptrackFormat();

    static byte[] resource(String name) throws Exception {
        try (var in = HeaptrackFormatTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static final String MAIN = "0x7f09c07df249;0x7f09c07df304;0x562ca30920c0"; // __libc_start_call_main … _start

    @Test
    void realRawSample() throws Exception {
        assertEquals(List.of(
            "site 1 0x7f09c04a57b9;0x7f09c09bfa1d;0x7f09c09bfb03;0x7f09c09d5b9f",
            "alloc 0 72704 addr=0x562cdaf20530 site=1",            // libstdc++'s emergency pool, before main
            "site 2 0x562ca309219a;" + MAIN,
            "alloc 1 32 addr=0x562cdaf321d0 site=2",
            "site 3 0x562ca30921ad;" + MAIN,
            "alloc 2 100 addr=0x562cdaf322c0 site=3",              // calloc(4, 25)
            "free 1",                                               // realloc: heaptrack records free(old) …
            "site 4 0x562ca30921c2;" + MAIN,
            "alloc 3 100 addr=0x562cdaf32390 site=4",              // … then malloc(new)
            "free 2",
            "site 5 0x562ca30921fe;" + MAIN,
            "alloc 4 200 addr=0x562cdaf32500 site=5",              // posix_memalign: alignment lost
            "free 4",
            "free 3",
            "free 0"), TraceTesting.read(FORMAT, resource("heaptrack-raw.txt")));
    }

    @Test
    void realInterpretedFileOfTheSameRun() throws Exception {
        String main = "main;__libc_start_call_main;__libc_start_main_impl;_start";
        assertEquals(List.of(
            "site 1 0x7f7216ea57b9;call_init;call_init;_dl_init;0x7f7217388b9f",
            "alloc 0 72704 site=1",
            "site 2 " + main, "alloc 1 32 site=2",
            "site 3 " + main, "alloc 2 100 site=3",
            "free 1",
            "site 4 " + main, "alloc 3 100 site=4",
            "free 2",
            "site 5 " + main, "alloc 4 200 site=5",
            "free 4", "free 3", "free 0"), TraceTesting.read(FORMAT, resource("heaptrack-interpreted.txt")));
    }

    @Test
    void everyRawLineKind() throws Exception {
        String raw = String.join("\n",
            "v 10400 3",
            "x 6 ./prog",
            "X ./prog --flag",
            "I 1000 5e298d",
            "S leak:libfoo.so",
            "m 1 -",
            "m 1 x 562ca3091000 0 740 1000 229",
            "t 401000 0",
            "t 401100 1",
            "+ 20 2 1000",
            "+ 0 0 2000",                      // no trace
            "c 5",
            "t 401200 1",
            "+ 30 3 3000",
            "+ 40 2 1000",                     // 0x1000 still live: freed untraced first
            "- 2000",
            "- 9999",                          // never allocated (attached late, or a bug)
            "A",
            "R 3b6",
            "# a comment",
            "",
            "- 1000", "");
        assertEquals(List.of(
            "site 1 0x401100;0x401000",
            "alloc 0 32 addr=0x1000 site=1",
            "alloc 1 0 addr=0x2000",
            "site 2 0x401200;0x401000",
            "alloc 2 48 addr=0x3000 site=2",
            "free 0",
            "alloc 3 64 addr=0x1000 site=1",
            "free 1",
            "free 4",
            "free 3"), TraceTesting.read(FORMAT, raw));
    }

    @Test
    void interpretedFilesFreeTheNewestBlockOfAnAllocationInfo() throws Exception {
        String interpreted = String.join("\n",
            "v 10400 3",
            "X ./prog",
            "s 4 main",
            "s 3 f g",                         // sized strings may hold blanks
            "i 401000 0 1",
            "i 401100 0 2 0 3 1 0 0",          // function, file, line, then an inlined frame
            "i 401200 0",
            "t 1 0",
            "t 2 1",
            "t 3 2",
            "a 20 2",
            "a 30 3",
            "+ 0", "+ 0", "+ 1",
            "- 0",                             // frees the second "+ 0" (LIFO)
            "- 1", "- 0",
            "- 1",                             // more frees than allocations: an invalid free
            "# strings: 2", "");
        assertEquals(List.of(
            "site 1 f g;main;main",
            "alloc 0 32 site=1",
            "alloc 1 32 site=1",
            "site 2 0x401200;f g;main;main",
            "alloc 2 48 site=2",
            "free 1", "free 2", "free 0",
            "free 3"), TraceTesting.read(FORMAT, interpreted));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void randomStreamsRoundTrip(long seed) throws Exception {
        String mst = AddressStreams.generate(AddressStreams.Dialect.HEAPTRACK, seed, 400);
        byte[] written = TraceTesting.write(FORMAT, mst);
        assertEquals(TraceTesting.lines(mst), TraceTesting.read(FORMAT, written));
        assertEquals(95, FORMAT.sniff(written, written.length, "x"));
    }

    @Test
    void writerWritesAMinimalRawFile() throws Exception {
        String text = new String(TraceTesting.write(FORMAT, String.join("\n",
            "site 1 0x401100;0x401000",
            "site 2 0x401200;0x401000",
            "site 3 main;start",
            "alloc 0 32 addr=0x1000 site=1",
            "calloc 1 4 25 addr=0x2000 site=2",
            "alloc 2 16 align=64 addr=0x3000 site=3",
            "realloc 0 100 addr=0x4000 site=1",
            "realloc 9 8 addr=0x5000",
            "realloc 2 0",
            "free null",
            "free 1",
            "free 77")), StandardCharsets.US_ASCII);
        assertEquals(String.join("\n",
            "v 10400 3",
            "X memsim",
            "t 401000 0",
            "t 401100 1",
            "+ 20 2 1000",
            "t 401200 1",
            "+ 64 3 2000",
            "+ 10 0 3000",                      // symbolic frames have no instruction pointers
            "- 1000",
            "+ 64 2 4000",
            "+ 8 0 5000",
            "- 3000",
            "- 2000",
            "- dead0000", ""), text);
    }

    @Test
    void writerRefusesWhatItCannotWrite() {
        InputException e = assertThrows(InputException.class, () -> TraceTesting.write(FORMAT, "calloc 0 1 16"));
        assertTrue(e.getMessage().startsWith("test-output: format heaptrack records the address"), e.getMessage());
        assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(FORMAT, "switch 1 1\nswitch 2 1"));
        assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(FORMAT, "new 1 16 0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "+ 10 0 1000|line 1 column 1: expected the heaptrack header line 'v HEAPTRACK_VERSION FILE_VERSION'",
        "v 10400 4|line 1 column 9: file format version 4 is newer than memsim understands (at most 3)",
        "v 10400 3\\nv 10400 3|line 2: a second 'v' header line",
        "v 10400 3\\nt 401000 5|line 2 column 10: parent trace index 5 is not defined by an earlier 't' line (0 so far)",
        "v 10400 3\\n+ 10 3 1000|line 2 column 6: trace index 3 is not defined by an earlier 't' line",
        "v 10400 3\\nq 1|line 2 column 1: expected a heaptrack line kind",
        "v 10400 3\\nvx|line 2 column 1: expected a heaptrack line: one character for its kind, then a space",
        "v 10400 3\\nm 1 -\\na 10 0|line 3: a line of kind 'a' from an interpreted heaptrack file in a raw one",
        "v 10400 3\\na 10 0\\n+ 5|line 3: allocation info index 5 is not defined by an earlier 'a' line (1 so far)",
        "v 10400 3\\ns 10 ab|line 2 column 3: string length 16 is longer than the rest of the line",
        "v 10400 3\\ni 401000 0 7|line 2 column 12: string index 7 is not defined by an earlier 's' line",
        "v 10400 3\\n+ 10 0 zz|line 2 column 8: expected pointer (hex digits)",
        "v 10400 3\\n- 10 20|line 2 column 6: expected the end of the line",
    })
    void malformedLinesNameLineColumnAndExpectation(String lines, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(FORMAT, lines.replace("\\n", "\n") + "\n"));
        assertTrue(e.getMessage().startsWith("test-input " + message), e.getMessage());
    }

    @Test
    void sniffing() throws Exception {
        SniffChecks.assertSniffs(FORMAT);
        byte[] interpreted = resource("heaptrack-interpreted.txt");
        assertEquals(95, FORMAT.sniff(interpreted, interpreted.length, "x"));
        byte[] header = "v 10400 3\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(80, FORMAT.sniff(header, header.length, "x"));
    }
}
