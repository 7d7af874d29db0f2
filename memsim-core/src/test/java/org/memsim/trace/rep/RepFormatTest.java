package org.memsim.trace.rep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.event.EventKind;
import org.memsim.event.TextRecorder;
import org.memsim.trace.LossySink;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.UnsupportedEventException;

class RepFormatTest {
    /** Shaped like the CS:APP handout's short traces: header lines, then one request per line. */
    static final String SHORT = String.join("\n",
        "20000", "6", "12", "1",
        "a 0 2040", "a 1 2040", "f 1", "a 2 48", "a 3 4072", "f 3", "a 4 4072", "f 0", "f 2", "a 5 4072", "f 4", "f 5", "");

    private final RepFormat format = new RepFormat();

    @Test
    void readsAMallocLabTrace() throws Exception {
        List<String> got = TraceTesting.read(format, SHORT);
        assertEquals(12, got.size());
        assertEquals(List.of("alloc 0 2040", "alloc 1 2040", "free 1", "alloc 2 48"), got.subList(0, 4));
        assertEquals("free 5", got.get(11));
        RepReader r = new RepReader(new ByteArrayInputStream(SHORT.getBytes(StandardCharsets.US_ASCII)), "short.rep");
        assertEquals(12, r.replay(new TextRecorder()));
        assertEquals(20000, r.suggestedHeapSize());
        assertEquals(6, r.numIds());
        assertEquals(12, r.numOps());
        assertEquals(1, r.weight());
        assertEquals("line 16", r.position());
    }

    @Test
    void whiteSpaceIsFreeLikeFscanf() throws Exception {
        String text = "  100 3\t4 1\r\n\r\n a 0\n 16\n\tr 0 32   f\n0\n\n\na 2 0 \u000b\f";
        assertEquals(List.of("alloc 0 16", "realloc 0 32", "free 0", "alloc 2 0"), TraceTesting.read(format, text));
    }

    @Test
    void goldenWriterOutputRemapsIdsAndRecordsThePeak() throws Exception {
        byte[] out = TraceTesting.write(format, String.join("\n",
            "alloc 1000 100 addr=0x5555 site=3",
            "alloc 7 50",
            "free null",          // a C no-op: not written
            "free 1000",          // live 50
            "realloc 7 500",      // live 500
            "alloc 1000 10",      // live 510, the peak; a reused memsim id keeps its rep id
            "free 7",
            "free 1000",
            ""));
        assertEquals("510\n2\n7\n1\n"
            + "a 0 100\n"
            + "a 1 50\n"
            + "f 0\n"
            + "r 1 500\n"
            + "a 0 10\n"
            + "f 1\n"
            + "f 0\n", new String(out, StandardCharsets.US_ASCII));
    }

    @Test
    void emptyTraceHasAHeaderOnly() throws Exception {
        byte[] out = TraceTesting.write(format, "");
        assertEquals("0\n0\n0\n1\n", new String(out, StandardCharsets.US_ASCII));
        assertEquals(List.of(), TraceTesting.read(format, out));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 17, 4242, 99991})
    void randomHeapStreamsRoundTripWithDenseIds(long seed) throws Exception {
        Random rnd = new Random(seed);
        List<Long> liveIds = new ArrayList<>();
        List<Long> freedIds = new ArrayList<>();
        Map<Long, Long> dense = new HashMap<>();
        Map<Long, Long> liveSize = new HashMap<>();
        long liveBytes = 0;
        long peak = 0;
        StringBuilder mst = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int choice = rnd.nextInt(10);
            if (choice < 4 || liveIds.isEmpty()) {
                long id = !freedIds.isEmpty() && rnd.nextInt(4) == 0 ? freedIds.remove(rnd.nextInt(freedIds.size()))
                    : Math.abs(rnd.nextLong() >> 1);
                if (liveIds.contains(id) || (!freedIds.isEmpty() && freedIds.contains(id))) {
                    continue;
                }
                long size = rnd.nextInt(5000);
                liveIds.add(id);
                mst.append("alloc ").append(id).append(' ').append(size).append('\n');
                dense.putIfAbsent(id, (long) dense.size());
                expected.add("alloc " + dense.get(id) + " " + size);
                liveSize.put(id, size);
                liveBytes += size;
            } else if (choice < 6) {
                long id = liveIds.get(rnd.nextInt(liveIds.size()));
                long size = rnd.nextInt(100_000);
                mst.append("realloc ").append(id).append(' ').append(size).append('\n');
                expected.add("realloc " + dense.get(id) + " " + size);
                liveBytes += size - liveSize.put(id, size);
            } else if (choice < 9) {
                long id = liveIds.remove(rnd.nextInt(liveIds.size()));
                freedIds.add(id);
                mst.append("free ").append(id).append('\n');
                expected.add("free " + dense.get(id));
                liveBytes -= liveSize.remove(id);
            } else {
                mst.append("free null\n");
            }
            peak = Math.max(peak, liveBytes);
        }
        byte[] written = TraceTesting.write(format, mst.toString());
        assertEquals(expected, TraceTesting.read(format, written));
        RepReader r = new RepReader(new ByteArrayInputStream(written), "w.rep");
        assertEquals(expected.size(), r.replay(new TextRecorder()));
        assertEquals(peak, r.suggestedHeapSize());
        assertEquals(dense.size(), r.numIds());
        assertEquals(expected.size(), r.numOps());
        assertEquals(1, r.weight());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a 6 16|line 5 column 3: expected a block id below num_ids = 6 (from the header), found '6 16'",
        "a 1 -16|line 5 column 5: expected the size as a non-negative decimal number, found '-16'",
        "f -1|line 5 column 3: expected the block id as a non-negative decimal number",
        "a x 16|line 5 column 3: expected the block id (decimal digits), found 'x 16'",
        "a 1 16x|line 5 column 7: expected a space or the end of the line after the size",
        "a 1 4294967296|line 5 column 5: expected the size of at most 4294967295 (mdriver reads it with %u)",
        "a 1 99999999999999999999999|line 5 column 5: the size is too large",
        "m 1 16|line 5 column 1: expected a request: 'a id size' (malloc), 'r id size' (realloc) or 'f id' (free), found 'm 1 16'",
        "alloc 1 16|line 5 column 1: expected a request",
        "# comment|line 5 column 1: expected a request",
    })
    void badRequestsNameLineColumnAndExpectation(String line, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(format, "100\n6\n3\n1\n" + line + "\nf 1\nf 1\n"));
        assertTrue(e.getMessage().startsWith("test-input line 5"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void fewerRequestsThanAnnouncedIsATruncatedTrace() {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(format, "100\n2\n5\n1\na 0 10\nf 0\n"));
        assertEquals("test-input line 6: truncated trace: the header announces num_ops = 5 requests but only 2 were found",
            e.getMessage());
    }

    @Test
    void moreRequestsThanAnnouncedIsAnError() {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(format, "100\n2\n2\n1\na 0 10\nf 0\na 1 5\n"));
        assertEquals("test-input line 7 column 1: expected the end of the trace: the header announces num_ops = 2 "
            + "requests and all of them were read, found 'a 1 5'", e.getMessage());
    }

    @Test
    void aRequestCutOffAtTheEndNamesWhatIsMissing() {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(format, "100\n2\n2\n1\na 0 10\na 1"));
        assertEquals("test-input line 6: expected the size, found the end of the input", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|test-input line 1: truncated header: expected the header's four integers (suggested heap size, num_ids, num_ops, weight), found 0 of them",
        "'20000\\n6\\n'|test-input line 2: truncated header: expected the header's four integers (suggested heap size, num_ids, num_ops, weight), found 2 of them",
        "'20000\\n-6\\n1\\n1\\n'|test-input line 2 column 1: expected num_ids (the number of block ids) as a non-negative decimal number",
        "'20000\\n6\\nmany\\n1\\n'|test-input line 3 column 1: expected num_ops (the number of requests) (decimal digits), found 'many'",
        "'20000\\n3000000000\\n1\\n1\\n'|test-input line 2 column 1: expected num_ids (the number of block ids) of at most 2147483647 (mdriver reads it with %d)",
        "'a 0 10\\n'|test-input line 1 column 1: expected the suggested heap size (decimal digits), found 'a 0 10'",
    })
    void badHeadersSayWhatTheHeaderHolds(String text, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(format, text.replace("\\n", "\n")));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alloc 1 16 align=64|format rep cannot express 'alloc' events; mdriver's 'a' is a plain malloc",
        "calloc 1 4 25|format rep cannot express 'calloc' events; malloc-lab traces have no calloc request",
        "alloc 1 4294967296|mdriver reads sizes with %u (0 to 4294967295 bytes); this request is 4294967296",
        "load 0x10 8|format rep cannot express 'load' events",
        "mmap 0x1000 4096 rw- private|format rep cannot express 'mmap' events",
    })
    void writerRefusesWhatRepCannotHold(String event, String message) {
        UnsupportedEventException e = assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(format, event));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aLossyConversionDropsARefusedBlockWhole() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.Map<EventKind, Long> dropped;
        try (RepWriter w = new RepWriter(out)) {
            LossySink lossy = new LossySink(w);
            TraceTesting.replayText(String.join("\n",
                "alloc 1 16 align=64",   // refused
                "store 0x10 8",          // refused
                "realloc 1 32",          // refused: block 1 was never written
                "free 1",                // refused too, not an 'f' of an id the file never allocated
                "calloc 2 4 25",         // refused
                "free 2",                // refused
                "alloc 1 8",             // id 1 allocated again, plainly: written
                "free 1",
                ""), lossy);
            dropped = lossy.dropped();
        }
        assertEquals("8\n1\n2\n1\na 0 8\nf 0\n", out.toString(StandardCharsets.US_ASCII));
        assertEquals(java.util.Map.of(EventKind.ALLOC, 1L, EventKind.STORE, 1L, EventKind.REALLOC, 1L,
            EventKind.FREE, 2L, EventKind.CALLOC, 1L), dropped);
    }

    @Test
    void readingAllocatesNoObjectPerRequest() throws Exception {
        StringBuilder text = new StringBuilder("0\n1000\n300000\n1\n");
        for (int i = 0; i < 100_000; i++) {
            int id = i % 1000;
            text.append("a ").append(id).append(' ').append(16 + i % 200).append("\nr ").append(id).append(" 99\nf ").append(id).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        new RepReader(new ByteArrayInputStream(bytes), "warmup").replay(new org.memsim.event.KindCounter());
        long allocated = allocatedDuring(() -> assertEquals(300_000,
            new RepReader(new ByteArrayInputStream(bytes), "measured").replay(new org.memsim.event.KindCounter())));
        assertTrue(allocated < 200_000, "parsing 300,000 requests allocated " + allocated + " bytes");
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

    @Test
    void spoolFileIsDeletedAfterCloseAndAfterAFailure() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RepWriter w = new RepWriter(out);
        Path spool = w.spoolFile();
        assertTrue(Files.exists(spool));
        w.alloc(5, 10, 0, 0, 0);
        w.close();
        assertFalse(Files.exists(spool));
        assertEquals("10\n1\n1\n1\na 0 10\n", out.toString(StandardCharsets.US_ASCII));

        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        RepWriter failing = new RepWriter(out2);
        Path spool2 = failing.spoolFile();
        UnsupportedEventException e = assertThrows(UnsupportedEventException.class, () -> {
            try (RepWriter w2 = failing) {
                w2.alloc(1, 10, 0, 0, 0);
                w2.load(0x10, 8);
            }
        });
        assertEquals(EventKind.LOAD, e.kind());
        assertFalse(Files.exists(spool2));

        // an output that fails while the header is written still loses its spool file
        RepWriter broken = new RepWriter(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("disk full");
            }
        });
        Path spool3 = broken.spoolFile();
        broken.free(3, 0);
        assertThrows(java.io.IOException.class, broken::close);
        assertFalse(Files.exists(spool3));
    }

    @Test
    void sniffsRepAndRejectsOtherFormats() {
        byte[] own = SHORT.getBytes(StandardCharsets.US_ASCII);
        assertEquals(85, format.sniff(own, own.length, "x"));
        byte[] oneLine = "1000 2 2 1 a 0 10 f 0".getBytes(StandardCharsets.US_ASCII);
        assertEquals(85, format.sniff(oneLine, oneLine.length, "x"));
        byte[] cut = SHORT.substring(0, SHORT.length() - 3).getBytes(StandardCharsets.US_ASCII);
        assertEquals(85, format.sniff(cut, cut.length, "x"));
        byte[] headerOnly = "0\n0\n0\n1\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(30, format.sniff(headerOnly, headerOnly.length, "empty.rep"));
        assertEquals(0, format.sniff(headerOnly, headerOnly.length, "empty.txt"));
        for (String other : new String[] {
            "==22295== Lackey, an example Valgrind tool\nI  0401ab70,3\n S 1fff000778,8\n",
            "0 1000\n1 2000\n2 400000\n3 5000\n0 1000\n",                    // din: four numbers, then a label
            "r 1000 4\nw 2000 8\ni 400000 3\n",                             // din-ext
            "# memsim-trace v1\nalloc 1 16\nfree 1\n",                      // mst
            "100\n2\n5\n1\na 7 10\n",                                       // an id beyond num_ids
            "",
        }) {
            byte[] b = other.getBytes(StandardCharsets.US_ASCII);
            assertEquals(0, format.sniff(b, b.length, "x.rep"), other);
        }
    }
}
