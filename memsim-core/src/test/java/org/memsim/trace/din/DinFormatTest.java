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
import org.memsim.event.EventKind;
import org.memsim.event.KindCounter;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.UnsupportedEventException;

/** The traditional din format ({@code label address}). */
class DinFormatTest {
    private final DinFormat format = new DinFormat();

    /** The example records of the Dinero "din" documentation, with comments after the address. */
    static final String DOC_EXAMPLE = String.join("\n",
        "2 0    This is an instruction fetch at hex address 0.",
        "0 1000   This is a data read at hex address 1000.",
        "1 70f60888  This is a data write at hex address 70f60888.",
        "");

    @Test
    void readsTheDocumentationExample() throws Exception {
        assertEquals(List.of("ifetch 0x0 4", "load 0x1000 4", "store 0x70f60888 4"), TraceTesting.read(format, DOC_EXAMPLE));
    }

    @Test
    void labelsThreeToFiveFollowDineroIV() throws Exception {
        String text = String.join("\n",
            "3 2000",          // D4XMISC: a data load without prefetch
            "4 3000",          // D4XCOPYB: a cache command, skipped
            "5 0",             // D4XINVAL: a cache command, skipped
            "  0x1\t0X7ffF\t# hex label with 0x, tabs, upper-case digits",
            "",
            "0 1003\r",        // DineroIV rounds down to the word: address & ~3
            "2 ffffffffffffffff");
        assertEquals(List.of("load 0x2000 4", "store 0x7ffc 4", "load 0x1000 4", "ifetch 0xfffffffffffffffc 4"),
            TraceTesting.read(format, text));
        DinReader r = new DinReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "t");
        KindCounter k = new KindCounter();
        assertEquals(4, r.replay(k));
        assertEquals(2, r.skippedRecords());
        assertEquals(2, k.count(EventKind.LOAD));
        assertEquals(1, k.count(EventKind.STORE));
        assertEquals("line 7", r.position());
    }

    @Test
    void goldenWriterOutput() throws Exception {
        byte[] out = TraceTesting.write(format, "ifetch 0x0 4\nload 0x1000 4\nstore 0x70f60888 4\nload 0xfffffffffffffffc 4\n");
        assertEquals("2 0\n0 1000\n1 70f60888\n0 fffffffffffffffc\n", new String(out, StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 99, 123456})
    void randomWordStreamsRoundTrip(long seed) throws Exception {
        Random rnd = new Random(seed);
        String[] kinds = {"load", "store", "ifetch"};
        StringBuilder mst = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            long address = (rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(1 << 20)) & ~3L;
            mst.append(kinds[rnd.nextInt(3)]).append(" 0x").append(Long.toHexString(address)).append(" 4\n");
        }
        assertEquals(TraceTesting.lines(mst.toString()), TraceTesting.read(format, TraceTesting.write(format, mst.toString())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "load 0x1000 8|format din cannot express 'load' events; traditional din records only 4-byte words",
        "store 0x1002 4|only 4-aligned words (DineroIV reads address & ~3; this access is at 0x1002)",
        "modify 0x1000 4|format din cannot express 'modify' events",
        "alloc 1 16|format din cannot express 'alloc' events",
        "mmap 0x1000 4096 rw- private|format din cannot express 'mmap' events",
    })
    void writerRefusesWhatDinCannotHold(String event, String message) {
        UnsupportedEventException e = assertThrows(UnsupportedEventException.class, () -> TraceTesting.write(format, event));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "6 1000|line 2 column 1: expected a label 0 (read), 1 (write), 2 (instruction fetch), 3 (misc), 4 (copy back) or 5 (invalidate), found '6 1000'",
        "r 1000|line 2 column 1: expected label (hex digits), found 'r 1000'",
        "0|line 2 column 2: expected a space before the address, found the end of the line",
        "0,1000|line 2 column 2: expected a space before the address",
        "0 zz|line 2 column 3: expected address (hex digits), found 'zz'",
        "0 12g4|line 2 column 5: expected a space or the end of the line after the address",
        "0 11112222333344445|address has more than 16 hex digits",
        "-1 1000|line 2 column 1: expected label (hex digits)",
    })
    void badLinesNameLineColumnAndExpectation(String line, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> TraceTesting.read(format, "0 1000\n" + line + "\n0 1000\n"));
        assertTrue(e.getMessage().startsWith("test-input line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void sniffsDinAndRejectsOtherFormats() {
        byte[] own = DOC_EXAMPLE.getBytes(StandardCharsets.US_ASCII);
        assertEquals(60, format.sniff(own, own.length, "x"));
        List<String> others = new ArrayList<>(DinExtFormatTest.FOREIGN_TO_DIN);
        others.add("r 1000 4\nw 2000 8\n");
        for (String other : others) {
            byte[] b = other.getBytes(StandardCharsets.US_ASCII);
            assertEquals(0, format.sniff(b, b.length, "x.din"), other);
        }
    }
}
