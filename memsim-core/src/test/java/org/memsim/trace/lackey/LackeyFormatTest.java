package org.memsim.trace.lackey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.event.EventKind;
import org.memsim.event.KindCounter;
import org.memsim.event.TextRecorder;
import org.memsim.trace.Compression;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceReader;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.UnsupportedEventException;

class LackeyFormatTest {
    static final Pattern ACCESS_LINE = Pattern.compile("^(I  | [LSM] )([0-9a-f]+),([0-9]+)$", Pattern.MULTILINE);

    private final LackeyFormat format = new LackeyFormat();

    static byte[] sampleSlice() throws IOException {
        try (InputStream in = LackeyFormatTest.class.getResourceAsStream("sample-slice.lackey")) {
            return in.readAllBytes();
        }
    }

    /** The canonical memsim line of one Lackey access line, computed independently of the reader. */
    static String expectedLine(Matcher m) {
        String kind;
        switch (m.group(1)) {
            case "I  ": kind = "ifetch"; break;
            case " L ": kind = "load"; break;
            case " S ": kind = "store"; break;
            default: kind = "modify"; break;
        }
        return kind + " 0x" + Long.toHexString(Long.parseUnsignedLong(m.group(2), 16)) + " " + Integer.parseInt(m.group(3));
    }

    @Test
    void readsTheRealValgrindSampleSlice() throws Exception {
        byte[] bytes = sampleSlice();
        String text = new String(bytes, StandardCharsets.US_ASCII);
        List<String> expected = new ArrayList<>();
        Matcher m = ACCESS_LINE.matcher(text);
        while (m.find()) {
            expected.add(expectedLine(m));
        }
        assertEquals(305, expected.size());
        List<String> got = TraceTesting.read(format, bytes);
        assertEquals(expected, got);
        assertEquals("ifetch 0x401ab70 3", got.get(0));
        assertEquals("store 0x1fff000778 8", got.get(2));
        assertEquals("ifetch 0x491a407 2", got.get(got.size() - 1));

        KindCounter counts = new KindCounter();
        try (LackeyReader r = new LackeyReader(new ByteArrayInputStream(bytes), "sample")) {
            assertEquals(305, r.replay(counts));
            assertEquals(25, r.skippedLines()); // the ==22295== lines
            assertEquals("line 330", r.position());
            assertEquals(bytes.length, r.bytesRead());
        }
        assertEquals(242, counts.count(EventKind.IFETCH));
        assertEquals(27, counts.count(EventKind.LOAD));
        assertEquals(33, counts.count(EventKind.STORE));
        assertEquals(3, counts.count(EventKind.MODIFY));
    }

    @Test
    void readsGzippedTracesThroughCompression() throws Exception {
        byte[] plain = sampleSlice();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.io.OutputStream out = Compression.GZIP.compress(gz)) {
            out.write(plain);
        }
        byte[] packed = gz.toByteArray();
        assertEquals(Compression.GZIP, Compression.detect(packed, packed.length));
        TextRecorder rec = new TextRecorder();
        try (TraceReader r = format.reader(Compression.GZIP.decompress(new ByteArrayInputStream(packed)), "slice.lackey.gz")) {
            assertEquals(305, r.replay(rec));
        }
        assertEquals(TraceTesting.read(format, plain), rec.lines());
    }

    /** The whole shared sample (171,916 lines from Valgrind 3.19), where the workspace has it. */
    @Test
    void readsTheWholeSharedSampleWhenPresent() throws Exception {
        Path sample = Path.of("/work/shared/samples/lackey-trace-mem.txt.gz");
        Assumptions.assumeTrue(Files.isReadable(sample), "shared sample not present: " + sample);
        byte[] plain;
        try (InputStream in = Compression.GZIP.decompress(Files.newInputStream(sample))) {
            plain = in.readAllBytes();
        }
        String text = new String(plain, StandardCharsets.US_ASCII);
        long accessLines = ACCESS_LINE.matcher(text).results().count();
        KindCounter counts = new KindCounter();
        try (LackeyReader r = new LackeyReader(new ByteArrayInputStream(plain), sample.toString())) {
            assertEquals(accessLines, r.replay(counts));
            assertEquals(25, r.skippedLines());
        }
        assertEquals(171_916 - 25, accessLines);
        assertEquals(130_672, counts.count(EventKind.IFETCH)); // Lackey's own summary: "guest instrs: 130,672"
    }

    @Test
    void writerReproducesLackeysOwnBytes() throws Exception {
        byte[] bytes = sampleSlice();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceReader r = format.reader(new ByteArrayInputStream(bytes), "sample");
             TraceWriter w = format.writer(out, "out.lackey")) {
            r.replay(w);
        }
        StringBuilder accessLines = new StringBuilder();
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n")) {
            if (ACCESS_LINE.matcher(line).matches()) {
                accessLines.append(line).append('\n');
            }
        }
        assertEquals(accessLines.toString(), out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void handWrittenFixtureWithEverySkippableLine() throws Exception {
        String text = String.join("\n",
            "==123== Lackey, an example Valgrind tool",
            "--123-- a verbose message",
            "**123** an internal message",
            "SB 04013170",
            "I  04013170,3",
            " L 7ff000100,8   ",
            "",
            "   ",
            " S BE80199C,4\r",
            " M 0025747c,1",
            "I  ffffffffffffffff,15",
            " L 0,0");
        assertEquals(List.of(
            "ifetch 0x4013170 3",
            "load 0x7ff000100 8",
            "store 0xbe80199c 4",
            "modify 0x25747c 1",
            "ifetch 0xffffffffffffffff 15",
            "load 0x0 0"), TraceTesting.read(format, text));
    }

    @Test
    void goldenWriterOutput() throws Exception {
        byte[] out = TraceTesting.write(format, String.join("\n",
            "ifetch 0x401ab70 3",
            "store 0x1fff000778 8",
            "load 0x0 1",
            "modify 0x4033e06 1",
            "load 0xffffffffffffffff 2147483647",
            "ifetch 0x123456789 0"));
        assertEquals("I  0401ab70,3\n"
            + " S 1fff000778,8\n"
            + " L 00000000,1\n"
            + " M 04033e06,1\n"
            + " L ffffffffffffffff,2147483647\n"
            + "I  123456789,0\n", new String(out, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20240601})
    void randomAccessStreamsRoundTrip(long seed) throws Exception {
        Random rnd = new Random(seed);
        String[] kinds = {"load", "store", "modify", "ifetch"};
        StringBuilder mst = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            long address;
            switch (rnd.nextInt(4)) {
                case 0: address = rnd.nextInt(1 << 16); break;
                case 1: address = 0x1fff000000L + rnd.nextInt(1 << 20); break;
                case 2: address = rnd.nextLong(); break;
                default: address = 0x400000L + rnd.nextInt(1 << 24); break;
            }
            int size = rnd.nextInt(10) == 0 ? rnd.nextInt(Integer.MAX_VALUE) : 1 + rnd.nextInt(64);
            mst.append(kinds[rnd.nextInt(4)]).append(" 0x").append(Long.toHexString(address)).append(' ').append(size).append('\n');
        }
        List<String> expected = TraceTesting.lines(mst.toString());
        byte[] written = TraceTesting.write(format, mst.toString());
        assertEquals(expected, TraceTesting.read(format, written));
        // and the bytes are what Lackey would print
        for (String line : new String(written, StandardCharsets.US_ASCII).split("\n")) {
            assertTrue(ACCESS_LINE.matcher(line).matches(), line);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "I  0401ab70|line 2 column 12: expected ','",
        "I  0401ab70,|line 2 column 13: expected access size (decimal digits), found the end of the line",
        "I  0401zb70,3|line 2 column 8: expected ','",
        "I  ,3|line 2 column 4: expected address (hex digits)",
        "' L 1fff000778,8 9'|line 2 column 17: expected the end of the line after the access size",
        "' L 1fff000778,99999999999'|access size is too large (at most 2147483647)",
        "' L 11112222333344445,8'|address has more than 16 hex digits",
        "' X 1000,4'|line 2 column 1: expected a Lackey access line",
        "I 0401ab70,3|line 2 column 1: expected a Lackey access line",
        "I   0401ab70,3|line 2 column 4: expected the hex address right after 'I  '",
        "'  L 1000,4'|line 2 column 1: expected a Lackey access line",
        "hello world|line 2 column 1: expected a Lackey access line",
        "SB 04x1|line 2 column 6: expected the end of the line after the superblock address",
        "' L -5,4'|line 2 column 4: expected address (hex digits), found '-5,4'",
    })
    void badLinesNameLineColumnAndExpectation(String line, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(format, "I  0401ab70,3\n" + line + "\nI  0401ab70,3\n"));
        assertTrue(e.getMessage().startsWith("test-input line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void sniffsItsOwnOutputAndRejectsOtherFormats() throws Exception {
        byte[] sample = sampleSlice();
        assertEquals(100, format.sniff(sample, sample.length, "x"));
        byte[] noBanner = "I  0401ab70,3\n S 1fff000778,8\n L 04a18de0,8\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(80, format.sniff(noBanner, noBanner.length, "x"));
        // a window cut in the middle of the last line still sniffs
        byte[] cut = "I  0401ab70,3\n S 1fff000778,8\n L 04a1".getBytes(StandardCharsets.US_ASCII);
        assertEquals(80, format.sniff(cut, cut.length, "x"));
        for (String other : new String[] {
            "20000\n2\n3\n1\na 0 100\nr 0 200\nf 0\n",          // rep
            "0 1000\n1 2000\n2 400000\n",                       // din
            "r 1000 4\nw 2000 8\ni 400000 3\n",                 // din-ext
            "# memsim-trace v1\nload 0x10 8\nstore 0x20 4\n",   // mst
            "==1234== Memcheck, a memory error detector\n==1234== HEAP SUMMARY:\n", // another valgrind tool
            "",
        }) {
            byte[] b = other.getBytes(StandardCharsets.US_ASCII);
            assertEquals(0, format.sniff(b, b.length, "x.lackey"), other);
        }
    }

    @Test
    void writerRefusesNonAccessEvents() throws Exception {
        UnsupportedEventException e = assertThrows(UnsupportedEventException.class,
            () -> TraceTesting.write(format, "alloc 1 16"));
        assertEquals(EventKind.ALLOC, e.kind());
        assertTrue(e.getMessage().contains("format lackey cannot express 'alloc' events"), e.getMessage());
        assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(format, "brk 0x1000"));
        assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(format, "switch 1 2"));
    }

    @Test
    void readingAllocatesNoObjectPerLine() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (TraceWriter w = format.writer(text, "x.lackey")) {
            for (int i = 0; i < 250_000; i++) {
                w.ifetch(0x401000 + i * 4L, 4);
                w.load(0x1fff000000L + i, 8);
                w.store(0x4a00000 + i * 8L, 8);
                w.modify(0x4a00000 + i * 8L, 1);
            }
        }
        byte[] bytes = (new String(text.toByteArray(), StandardCharsets.US_ASCII) + "==1== trailing message\n  \n")
            .getBytes(StandardCharsets.US_ASCII);
        format.reader(new ByteArrayInputStream(bytes), "warmup").replay(new KindCounter());
        long allocated = allocatedDuring(() -> assertEquals(1_000_000,
            format.reader(new ByteArrayInputStream(bytes), "measured").replay(new KindCounter())));
        assertTrue(allocated < 200_000, "parsing 1,000,000 lines allocated " + allocated + " bytes");
    }

    @Test
    void longLinesAreRejectedNotBuffered() {
        byte[] huge = new byte[3 << 20];
        java.util.Arrays.fill(huge, (byte) '0');
        huge[0] = 'I';
        huge[1] = ' ';
        huge[2] = ' ';
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceTesting.read(format, huge));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void expressibleKindsAreTheFourAccesses() {
        assertEquals(java.util.EnumSet.of(EventKind.LOAD, EventKind.STORE, EventKind.MODIFY, EventKind.IFETCH), format.expressible());
        assertEquals(List.of(".lackey"), format.extensions());
        assertArrayEquals(new String[] {"lackey"}, new String[] {format.name()});
    }

    interface IoAction {
        void run() throws Exception;
    }

    /** Host bytes the current thread allocates while running {@code action} (HotSpot's counter). */
    static long allocatedDuring(IoAction action) throws Exception {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
            "needs HotSpot's thread allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        long id = Thread.currentThread().getId();
        long before = hotspot.getThreadAllocatedBytes(id);
        action.run();
        return hotspot.getThreadAllocatedBytes(id) - before;
    }
}
