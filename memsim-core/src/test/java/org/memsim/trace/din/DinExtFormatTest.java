package org.memsim.trace.din;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.UnsupportedEventException;

/** DineroIV's extended din format ({@code type address size}, sizes in hex). */
class DinExtFormatTest {
    /** Sample files of the other text formats, which neither din sniffer may claim. */
    static final List<String> FOREIGN_TO_DIN = List.of(
        "==22295== Lackey, an example Valgrind tool\nI  0401ab70,3\n S 1fff000778,8\n",
        "I  0401ab70,3\n S 1fff000778,8\n M 04033e06,1\n",
        "20000\n2\n3\n1\na 0 100\nr 0 200\nf 0\n",
        "# memsim-trace v1 (grammar: docs/trace-format.md)\nload 0x10 8\nalloc 1 16\n",
        "load 0x10 8\n",
        "");

    private final DinExtFormat format = new DinExtFormat();

    @Test
    void readsEveryAccessTypeAndSkipsCacheCommands() throws Exception {
        String text = String.join("\n",
            "r 1000 4",
            "w 0x2000 0X10   a comment after the size",
            "i 400000 3",
            "m 7ffc 8",        // miscellaneous: like a read, without prefetch
            "c 0 0",           // copy back: a cache command, skipped
            "v 1000 40",       // invalidate: a cache command, skipped
            "",
            "  R\tABCDEF\tFFFF\r",
            "W 0 0",
            "I ffffffffffffffff 1");
        assertEquals(List.of("load 0x1000 4", "store 0x2000 16", "ifetch 0x400000 3", "load 0x7ffc 8",
            "load 0xabcdef 65535", "store 0x0 0", "ifetch 0xffffffffffffffff 1"), TraceTesting.read(format, text));
        DinExtReader r = new DinExtReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "t");
        assertEquals(7, r.replay(new org.memsim.event.KindCounter()));
        assertEquals(2, r.skippedRecords());
    }

    @Test
    void goldenWriterOutputWithHexSizesAndModifyAsReadThenWrite() throws Exception {
        byte[] out = TraceTesting.write(format, String.join("\n",
            "load 0x1000 4", "store 0x7ffd1234 16", "ifetch 0x401ab70 3", "modify 0x4033e06 1", "load 0x0 65535", ""));
        assertEquals("r 1000 4\nw 7ffd1234 10\ni 401ab70 3\nr 4033e06 1\nw 4033e06 1\nr 0 ffff\n",
            new String(out, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 5, 8, 2024})
    void randomAccessStreamsRoundTrip(long seed) throws Exception {
        Random rnd = new Random(seed);
        String[] kinds = {"load", "store", "ifetch"};
        StringBuilder mst = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            long address = rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(1 << 20);
            int size = rnd.nextInt(8) == 0 ? rnd.nextInt(DinExtWriter.MAX_SIZE + 1) : 1 + rnd.nextInt(64);
            mst.append(kinds[rnd.nextInt(3)]).append(" 0x").append(Long.toHexString(address)).append(' ').append(size).append('\n');
        }
        assertEquals(TraceTesting.lines(mst.toString()), TraceTesting.read(format, TraceTesting.write(format, mst.toString())));
    }

    @Test
    void modifyReadsBackAsALoadAndAStore() throws Exception {
        assertEquals(List.of("load 0x10 8", "store 0x10 8"), TraceTesting.read(format, TraceTesting.write(format, "modify 0x10 8")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "load 0x1000 65536|format din-ext cannot express 'load' events; DineroIV keeps access sizes in 16 bits",
        "alloc 1 16|format din-ext cannot express 'alloc' events",
        "free null|format din-ext cannot express 'free' events",
        "bstore 1 0 8|format din-ext cannot express 'bstore' events",
    })
    void writerRefusesWhatDinExtCannotHold(String event, String message) {
        UnsupportedEventException e = assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(format, event));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x 1000 4|line 2 column 1: expected an access type r (read), w (write), i (instruction fetch), m (misc), c (copy back) or v (invalidate), found 'x 1000 4'",
        "read 1000 4|line 2 column 2: expected a space before the address, found 'ead 1000 4'",
        "r 1000|line 2 column 7: expected a space before the size, found the end of the line",
        "r 1000,4|line 2 column 7: expected a space before the size",
        "r zz 4|line 2 column 3: expected address (hex digits), found 'zz 4'",
        "r 1000 4g|line 2 column 9: expected a space or the end of the line after the size",
        "r 1000 10000|line 2 column 8: expected a size of at most ffff (hex)",
        "r 1000 -4|line 2 column 8: expected size (hex digits)",
        "0 1000|line 2 column 1: expected an access type",
    })
    void badLinesNameLineColumnAndExpectation(String line, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(format, "r 1000 4\n" + line + "\nr 1000 4\n"));
        assertTrue(e.getMessage().startsWith("test-input line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void readingAllocatesNoObjectPerLine() throws Exception {
        StringBuilder dinx = new StringBuilder();
        StringBuilder din = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            dinx.append("rwim".charAt(i % 4)).append(' ').append(Integer.toHexString(0x7f000000 + i * 8)).append(' ').append(i % 16).append('\n');
            din.append(i % 4).append(' ').append(Integer.toHexString(0x7f000000 + i * 8)).append('\n');
        }
        for (org.memsim.trace.TraceFormat f : List.of(format, new DinFormat())) {
            byte[] bytes = (f == format ? dinx : din).toString().getBytes(StandardCharsets.US_ASCII);
            f.reader(new ByteArrayInputStream(bytes), "warmup").replay(new org.memsim.event.KindCounter());
            long allocated = allocatedDuring(() -> assertEquals(200_000,
                f.reader(new ByteArrayInputStream(bytes), "measured").replay(new org.memsim.event.KindCounter())));
            assertTrue(allocated < 200_000, f.name() + ": parsing 200,000 lines allocated " + allocated + " bytes");
        }
    }

    @Test
    void sniffsDinExtAndRejectsOtherFormats() {
        byte[] own = "r 1000 4\nw 2000 10\ni 401ab70 3\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(60, format.sniff(own, own.length, "x"));
        byte[] cut = "r 1000 4\nw 2000 10\ni 401a".getBytes(StandardCharsets.US_ASCII);
        assertEquals(60, format.sniff(cut, cut.length, "x"));
        List<String> others = new ArrayList<>(FOREIGN_TO_DIN);
        others.add(DinFormatTest.DOC_EXAMPLE);
        for (String other : others) {
            byte[] b = other.getBytes(StandardCharsets.US_ASCII);
            assertEquals(0, format.sniff(b, b.length, "x.dinx"), other);
        }
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
