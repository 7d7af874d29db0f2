package org.memsim.trace.msb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.InputException;
import org.memsim.event.EventSink;
import org.memsim.event.KindCounter;
import org.memsim.event.TextRecorder;
import org.memsim.trace.Compression;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceFormats;
import org.memsim.trace.TraceReader;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.Traces;

class MsbFormatTest {
    private static final MsbFormat MSB = new MsbFormat();

    private static List<String> record(Consumer<EventSink> events) {
        TextRecorder rec = new TextRecorder();
        events.accept(rec);
        return rec.lines();
    }

    private static TraceFormatException reject(byte[] bytes) {
        return assertThrows(TraceFormatException.class, () -> TraceTesting.read(MSB, bytes));
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static final byte[] HEADER = bytes(0x89, 'M', 'S', 'B', 1, 0);

    // ---------------------------------------------------------------- round trips

    @Test
    void everyKindRoundTripsExactly() throws Exception {
        List<String> expected = TraceTesting.lines(MsbTesting.EVERY_KIND);
        assertEquals(44, expected.size());
        byte[] written = TraceTesting.write(MSB, MsbTesting.EVERY_KIND);
        assertArrayEquals(HEADER, Arrays.copyOf(written, 6));
        assertEquals(expected, TraceTesting.read(MSB, written));
        try (TraceReader r = MSB.reader(new ByteArrayInputStream(written), "t")) {
            assertEquals(41, r.replay(new KindCounter()), "events, definitions excluded");
        }
    }

    @Test
    void extremesRoundTripExactly() throws Exception {
        Consumer<EventSink> events = s -> {
            long[] addresses = {0, Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1, 0x7fffffffffffL};
            int[] sizes = {0, 1, 2, 3, 4, 8, 15, 16, 1 << 14, (1 << 14) + 1, 1 << 15, Integer.MAX_VALUE, Integer.MIN_VALUE, -1};
            for (long a : addresses) {
                for (int size : sizes) {
                    s.load(a, size);
                    s.store(a, size);
                    s.modify(a, size);
                    s.ifetch(a, size);
                    s.ifetch(a + size, size); // exactly at the predicted address
                }
                s.brk(a);
                s.mmap(a, a, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, a);
                s.mmap(a, Long.MAX_VALUE, -1, 0, Integer.MAX_VALUE, Long.MIN_VALUE);
                s.munmap(a, -1);
                s.mprotect(a, 0, Integer.MAX_VALUE);
                s.madvise(a, Long.MIN_VALUE, Integer.MIN_VALUE);
                s.msync(a, a);
                s.alloc(a, Long.MAX_VALUE, a, a, Integer.MIN_VALUE);
                s.calloc(a, -1, Long.MAX_VALUE, a, Integer.MAX_VALUE);
                s.realloc(a, Long.MIN_VALUE, a, -1);
                s.free(a, Integer.MAX_VALUE);
                s.blockLoad(a, Long.MAX_VALUE, Long.MIN_VALUE);
                s.blockStore(a, -1, Long.MAX_VALUE);
                s.newObject(a, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, -1);
                s.refWrite(a, Integer.MIN_VALUE, -a);
                s.refWrite(a, Integer.MAX_VALUE, EventSink.NULL_ID);
                s.refWrite(a, 0, Long.MIN_VALUE);
                s.rootAdd(a);
                s.rootRemove(a);
            }
            s.free(EventSink.NULL_ID, 0);
            s.alloc(EventSink.NULL_ID, 0, 0, 0, 0);
            s.free(5, 0);
            s.free(EventSink.NULL_ID, 0);
            s.free(6, 0);
            for (int v : new int[] {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                s.processStart(v);
                s.processExit(v, v);
                s.processExit(1, -v);
                s.fork(v, -v);
                s.contextSwitch(v, v);
                s.defineSite(v, "main;f");
                s.defineFile(v, "");
                s.defineType(v, "Ünïcödé 日本語 😀 \u0000 nul and\nnewline");
            }
            s.safepoint();
        };
        List<String> expected = record(events);
        assertEquals(expected, TraceTesting.read(MSB, MsbTesting.write(events)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 42})
    void seededRandomStreamOf100kEventsRoundTrips(long seed) throws Exception {
        Consumer<EventSink> events = s -> MsbTesting.randomEvents(s, 100_000, seed);
        List<String> expected = record(events);
        byte[] file = MsbTesting.write(events);
        assertEquals(expected, TraceTesting.read(MSB, file));
        // the same bytes delivered one byte per read() exercise every refill path
        TextRecorder rec = new TextRecorder();
        try (TraceReader r = MSB.reader(new Trickle(new ByteArrayInputStream(file), 1 + (int) seed * 7), "trickle")) {
            r.replay(rec);
            assertEquals(file.length, r.bytesRead());
        }
        assertEquals(expected, rec.lines());
    }

    @Test
    void textUpToTheLimitRoundTripsAndLongerTextIsRefusedByTheWriter() throws Exception {
        char[] big = new char[MsbOpcodes.MAX_TEXT_BYTES];
        Arrays.fill(big, 'x');
        String atLimit = new String(big);
        Consumer<EventSink> events = s -> {
            s.load(0x1000, 8);
            s.defineSite(1, atLimit);
            s.load(0x1008, 8);
            s.defineFile(2, "é".repeat(MsbOpcodes.MAX_TEXT_BYTES / 2));
            s.ifetch(0x2000, 4);
        };
        byte[] file = MsbTesting.write(events);
        assertEquals(record(events), TraceTesting.read(MSB, file));
        TextRecorder rec = new TextRecorder();
        try (TraceReader r = MSB.reader(new Trickle(new ByteArrayInputStream(file), 4000), "trickle")) {
            r.replay(rec);
        }
        assertEquals(record(events), rec.lines());

        MsbWriter w = new MsbWriter(new ByteArrayOutputStream());
        InputException e = assertThrows(InputException.class, () -> w.defineType(3, atLimit + "y"));
        assertTrue(e.getMessage().contains("at most 1048576"), e.getMessage());
        InputException e2 = assertThrows(InputException.class, () -> w.defineSite(4, "é".repeat(MsbOpcodes.MAX_TEXT_BYTES / 2 + 1)));
        assertTrue(e2.getMessage().contains("1048578 bytes of UTF-8"), e2.getMessage());
    }

    // ---------------------------------------------------------------- compression

    @Test
    void zstdWrappedStreamRoundTrips() throws Exception {
        Consumer<EventSink> events = s -> {
            MsbTesting.randomEvents(s, 5_000, 7);
            MsbTesting.lackeyLike(s, 50_000, 7);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = Traces.writer(MSB, out, "trace.msb.zst")) {
            events.accept(w);
        }
        byte[] compressed = out.toByteArray();
        assertEquals(Compression.ZSTD, Compression.detect(compressed, compressed.length));
        assertEquals(0, MSB.sniff(compressed, compressed.length, "trace.msb.zst"), "zstd magic is not msb's");
        byte[] plain;
        try (InputStream in = Compression.ZSTD.decompress(new ByteArrayInputStream(compressed))) {
            plain = in.readAllBytes();
        }
        assertEquals(100, MSB.sniff(plain, plain.length, "trace.msb"));
        assertArrayEquals(MsbTesting.write(events), plain, "zstd wraps exactly the plain msb bytes");
        TextRecorder rec = new TextRecorder();
        try (TraceReader r = MSB.reader(Compression.ZSTD.decompress(new ByteArrayInputStream(compressed)), "trace.msb.zst")) {
            r.replay(rec);
        }
        assertEquals(record(events), rec.lines());
    }

    @Test
    void openedThroughTracesOnceRegistered() throws Exception {
        Assumptions.assumeTrue(TraceFormats.all().stream().anyMatch(f -> f.name().equals("msb")),
            "msb is not registered in TraceFormats yet; Traces.open cannot find it");
        Consumer<EventSink> events = s -> MsbTesting.randomEvents(s, 2_000, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = Traces.writer(Traces.outputFormat("x.msb.zst", null), out, "x.msb.zst")) {
            events.accept(w);
        }
        byte[] compressed = out.toByteArray();
        for (String formatName : new String[] {null, "msb"}) {
            TextRecorder rec = new TextRecorder();
            try (OpenTrace t = Traces.open(new ByteArrayInputStream(compressed), "x.msb.zst", compressed.length, formatName)) {
                assertEquals("msb+zstd", t.describeFormat());
                t.reader().replay(rec);
                assertEquals(compressed.length, t.fileBytesRead());
            }
            assertEquals(record(events), rec.lines());
        }
    }

    // ---------------------------------------------------------------- size

    @Test
    void lackeyLikeStreamCostsAtMostFourBytesPerEvent() throws Exception {
        int n = 1_000_000;
        byte[] file = MsbTesting.write(s -> MsbTesting.lackeyLike(s, n, 11));
        double perEvent = (double) file.length / n;
        assertTrue(perEvent <= 4.0, "bytes per event: " + perEvent);
        assertTrue(perEvent >= 1.0, "bytes per event: " + perEvent);
        KindCounter k = new KindCounter();
        try (TraceReader r = MSB.reader(new ByteArrayInputStream(file), "t")) {
            assertEquals(n, r.replay(k));
        }
        assertEquals(n, k.total());
    }

    /** Bytes of the records alone: the file minus the 6-byte header and a 2-byte trailer. */
    private static int recordBytes(Consumer<EventSink> events) throws IOException {
        return MsbTesting.write(events).length - 6 - 2;
    }

    @Test
    void typicalAccessesCostOneToThreeBytes() throws Exception {
        assertEquals(1, recordBytes(s -> s.ifetch(0, 4)), "fetch at the predicted address: opcode only");
        assertEquals(2, recordBytes(s -> s.ifetch(0x30, 4)), "opcode + 1-byte delta");
        assertEquals(5 + 1, recordBytes(s -> {
            s.ifetch(0x401ab70, 3); // opcode + 4-byte delta from 0
            s.ifetch(0x401ab73, 5); // falls through: opcode only
        }));
        assertEquals(2 + 3 + 3 + 2, recordBytes(s -> {
            s.load(0x20, 8);            // opcode + zigzag(0x20) = 0x40: 1 byte
            s.store(0x1000, 16);        // opcode + 2-byte delta
            s.modify(0x1000 - 1000, 4); // opcode + 2-byte negative delta
            s.load(0x1000 - 1000, 1);   // opcode + delta 0
        }));
        assertEquals(3, recordBytes(s -> s.load(0, 24)), "a size that is no power of two follows the delta");
        assertEquals(2, recordBytes(s -> s.free(0, 0)), "absent options cost nothing");
        assertEquals(3, recordBytes(s -> s.free(0, 1)));
        assertEquals(1 + 1 + 1, recordBytes(s -> s.alloc(0, 16, 0, 0, 0)));
        assertEquals(1 + 1 + 1 + 1 + 1 + 1, recordBytes(s -> s.alloc(0, 16, 16, 16, 1)));
    }

    // ---------------------------------------------------------------- position and bytes

    @Test
    void positionNamesTheRecordAndBytesReadTheStream() throws Exception {
        byte[] file = MsbTesting.write(s -> {
            s.ifetch(0, 4);     // byte 6
            s.load(0x40, 8);    // bytes 7..9
            s.store(0x48, 8);   // bytes 10..11, trailer at 12
        });
        assertArrayEquals(cat(HEADER, bytes(0x54, 0x84, 0x80, 0x01, 0x94, 0x10, 0x01, 0x03)), file);
        MsbReader r = new MsbReader(new ByteArrayInputStream(file), "t");
        assertEquals("byte 0", r.position());
        List<String> seen = new ArrayList<>();
        r.replay(new EventSink() {
            @Override public void load(long address, int size) { seen.add(r.position()); }
            @Override public void store(long address, int size) { seen.add(r.position()); }
        });
        assertEquals(List.of("byte 7", "byte 10"), seen);
        assertEquals("byte 12", r.position(), "the trailer");
        assertEquals(file.length, r.bytesRead());

        MsbReader r2 = new MsbReader(new ByteArrayInputStream(file), "t");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r2.replay(new EventSink() {
            @Override public void store(long address, int size) { throw new IllegalStateException("sink refuses"); }
        }));
        assertEquals("sink refuses", e.getMessage());
        assertEquals("byte 10", r2.position());
        assertThrows(IllegalStateException.class, () -> r.replay(new KindCounter()), "replays once");
    }

    @Test
    void writerRefusesEventsAfterClose() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MsbWriter w = new MsbWriter(out);
        w.load(1, 1);
        w.defineSite(1, "f");
        assertEquals(1, w.events());
        w.close();
        w.close();
        assertThrows(IllegalStateException.class, () -> w.load(1, 1));
        assertEquals(List.of("load 0x1 1", "site 1 f"), TraceTesting.read(MSB, out.toByteArray()));
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void everyTruncationIsRejectedAtTheCutWithoutInventingEvents() throws Exception {
        String text = MsbTesting.EVERY_KIND + "\nload 0x1fff000778 8\nifetch 0x401ab80 3\nload 0x10 24\nstore 0x1fff000778 16";
        List<String> all = TraceTesting.lines(text);
        byte[] file = TraceTesting.write(MSB, text);
        for (int cut = 0; cut < file.length; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            TextRecorder rec = new TextRecorder();
            TraceFormatException e = assertThrows(TraceFormatException.class, () -> {
                try (TraceReader r = MSB.reader(new ByteArrayInputStream(prefix), "cut")) {
                    r.replay(rec);
                }
            }, "cut at " + cut);
            assertEquals("cut", e.source());
            assertTrue(e.where().startsWith("byte "), e.getMessage());
            if (cut >= 4) {
                assertEquals("byte " + cut, e.where(), e.getMessage());
            }
            if (cut >= 6) {
                assertTrue(e.getMessage().contains("the stream ends"), e.getMessage());
            }
            assertEquals(all.subList(0, rec.lines().size()), rec.lines(), "only whole records are delivered, cut at " + cut);
        }
    }

    @Test
    void headerProblemsAreNamed() {
        assertEquals("x byte 0: not an msb trace: expected the magic number 89 4D 53 42 (\\x89MSB), found an empty stream",
            assertThrows(TraceFormatException.class, () -> MSB.reader(new ByteArrayInputStream(new byte[0]), "x").replay(new KindCounter())).getMessage());
        assertTrue(reject("alloc 1 16\n".getBytes(StandardCharsets.UTF_8)).getMessage()
            .endsWith("byte 0: not an msb trace: expected the magic number 89 4D 53 42 (\\x89MSB), found bytes 61 6C 6C 6F"));
        assertTrue(reject(bytes(0x28, 0xB5, 0x2F, 0xFD, 0, 0)).getMessage().contains("found bytes 28 B5 2F FD"));
        assertTrue(reject(bytes(0x89, 'M', 'S')).getMessage().contains("found bytes 89 4D 53"));
        assertEquals("test-input byte 4: msb version 7 is not supported; this memsim reads version 1",
            reject(bytes(0x89, 'M', 'S', 'B', 7, 0, 0x01, 0x00)).getMessage());
        assertEquals("test-input byte 5: msb header flags 0x40 are not supported; version 1 defines none (expected 0x00)",
            reject(bytes(0x89, 'M', 'S', 'B', 1, 0x40, 0x01, 0x00)).getMessage());
        assertEquals("test-input byte 5: the msb header is cut short: expected 6 bytes (magic, version, flags), the stream has 5",
            reject(bytes(0x89, 'M', 'S', 'B', 1)).getMessage());
    }

    @Test
    void recordProblemsNameTheirByteAndExpectation() throws Exception {
        assertEquals("test-input byte 6: the stream ends without a trailer record (opcode 0x01 with the event count): "
            + "the file is truncated or its writer was not closed", reject(HEADER).getMessage());
        assertEquals("test-input byte 7: unknown record opcode 0x3F (expected an opcode of msb version 1, see docs/formats/msb.md)",
            reject(cat(HEADER, bytes(0x54, 0x3F, 0x01, 0x01))).getMessage());
        assertEquals("test-input byte 6: unknown record opcode 0x00 (expected an opcode of msb version 1, see docs/formats/msb.md)",
            reject(cat(HEADER, bytes(0x00))).getMessage());
        assertEquals("test-input byte 6: unknown record opcode 0xC4 (expected an opcode of msb version 1, see docs/formats/msb.md)",
            reject(cat(HEADER, bytes(0xC4, 0x01, 0x00))).getMessage());
        assertEquals("test-input byte 8: unexpected bytes after the trailer record (at byte 6), which ends an msb stream",
            reject(cat(HEADER, bytes(0x01, 0x00, 0x54))).getMessage());
        byte[] two = MsbTesting.write(s -> { s.safepoint(); s.safepoint(); });
        assertEquals("test-input byte 10: unexpected bytes after the trailer record (at byte 8), which ends an msb stream",
            reject(cat(two, two)).getMessage());
        assertEquals("test-input byte 7: the trailer counts 2 events but the stream holds 1 (records are missing or were added)",
            reject(cat(HEADER, bytes(0x0E, 0x01, 0x02))).getMessage());
        assertEquals("test-input byte 8: the address delta of a 'load' record (at byte 7) is a varint longer than 10 bytes",
            reject(cat(HEADER, bytes(0x54, 0x84), filled(12, 0xFF), bytes(0x01, 0x02))).getMessage());
        assertEquals("test-input byte 8: the address delta of a 'store' record (at byte 7) does not fit in 64 bits",
            reject(cat(HEADER, bytes(0x54, 0x94), filled(9, 0xFF), bytes(0x02, 0x01, 0x02))).getMessage());
        assertEquals("test-input byte 7: the size of a 'ifetch' record (at byte 6) does not fit in 32 bits",
            reject(cat(HEADER, bytes(0x50, 0xFF, 0xFF, 0xFF, 0xFF, 0x10, 0x01, 0x01))).getMessage());
        assertEquals("test-input byte 7: the pid of a 'start' record (at byte 6) is a varint longer than 5 bytes",
            reject(cat(HEADER, bytes(0x0A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01, 0x01))).getMessage());
        assertEquals("test-input byte 11: the stream ends inside a 'mmap' record (at byte 6): expected its flags",
            reject(cat(HEADER, bytes(0x27, 0x00, 0x80, 0x20, 0x03))).getMessage());
        assertEquals("test-input byte 8: the stream ends inside a 'load' record (at byte 6): expected its address delta",
            reject(cat(HEADER, bytes(0x84, 0x80))).getMessage());
    }

    @Test
    void textProblemsAreNamed() throws Exception {
        assertEquals("test-input byte 8: the frames text of a 'site definition' record (at byte 6) is 1048577 bytes long; at most 1048576 are allowed",
            reject(cat(HEADER, bytes(0x02, 0x01, 0x81, 0x80, 0x40), bytes(0x01, 0x00))).getMessage());
        assertEquals("test-input byte 8: the name text of a 'type definition' record (at byte 6) is 18446744073709551615 bytes long; at most 1048576 are allowed",
            reject(cat(HEADER, bytes(0x04, 0x01), filled(9, 0xFF), bytes(0x01, 0x01, 0x00))).getMessage());
        assertEquals("test-input byte 11: the stream ends inside a 'file definition' record (at byte 6): expected 1000000 bytes of path text, found 0",
            reject(cat(HEADER, bytes(0x03, 0x01, 0xC0, 0x84, 0x3D))).getMessage());
        assertEquals("test-input byte 9: the text of a 'site definition' record (at byte 6) is not valid UTF-8",
            reject(cat(HEADER, bytes(0x02, 0x01, 0x02, 0xC3, 0x28, 0x01, 0x00))).getMessage());
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void sniffsOnlyTheMagicNumber() throws Exception {
        byte[] file = MsbTesting.write(s -> s.safepoint());
        assertEquals(100, MSB.sniff(file, file.length, "anything"));
        assertEquals(100, MSB.sniff(bytes(0x89, 'M', 'S', 'B', 9), 5, "x"), "a newer version is still msb (and rejected by name)");
        byte[] text = "alloc 1 2\nfree 1\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, MSB.sniff(text, text.length, "x.msb"));
        assertEquals(0, MSB.sniff(bytes(0x1F, 0x8B, 8, 0), 4, "x.msb"));
        assertEquals(0, MSB.sniff(bytes(0x89, 'M', 'S'), 3, "x.msb"));
        assertEquals(0, MSB.sniff(file, 0, "x.msb"));
        TraceFormat f = MSB;
        assertEquals("msb", f.name());
        assertEquals(List.of(".msb"), f.extensions());
        assertEquals(org.memsim.event.EventKind.count(), f.expressible().size());
        assertFalse(f.description().isEmpty());
    }

    /** Hands out at most {@code chunk} bytes per read, as pipes and decompressors do. */
    static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
