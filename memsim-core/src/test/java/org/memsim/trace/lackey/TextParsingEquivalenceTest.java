package org.memsim.trace.lackey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.mst.MstFormat;

/**
 * The fast paths of the two text parsers that {@code TextParseBenchmark} measures: the Lackey
 * reader's and the {@code .mst} reader's one-pass access-line parse, and the scanner's word-at-a-time
 * newline search, must give exactly what the careful paths give.
 */
class TextParsingEquivalenceTest {

    @Test
    void manyLinesAcrossBufferBoundariesWithCrLfAndBlankLines() throws Exception {
        Random rnd = new Random(77);
        StringBuilder lackey = new StringBuilder();
        List<String> expected = new ArrayList<>();
        String[] prefixes = {"I  ", " L ", " S ", " M "};
        String[] kinds = {"ifetch", "load", "store", "modify"};
        for (int i = 0; i < 200_000; i++) {
            int k = rnd.nextInt(4);
            long address = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(1 << (4 * (1 + rnd.nextInt(7))));
            int size = rnd.nextInt(4) == 0 ? rnd.nextInt(Integer.MAX_VALUE) : rnd.nextInt(17);
            lackey.append(prefixes[k]).append(String.format("%08x", address)).append(',').append(size);
            lackey.append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
            expected.add(kinds[k] + " 0x" + Long.toHexString(address) + " " + size);
            if (rnd.nextInt(50) == 0) {
                lackey.append(rnd.nextBoolean() ? "\n" : "==1== message of some length " + "x".repeat(rnd.nextInt(200)) + "\n");
            }
        }
        lackey.setLength(lackey.length() - 1); // the last line without its newline
        assertEquals(expected, TraceTesting.read(new LackeyFormat(), lackey.toString()));
    }

    @Test
    void lackeyAndMstTextOfOneStreamParseToTheSameEvents() throws Exception {
        Random rnd = new Random(5);
        StringBuilder mst = new StringBuilder();
        String[] kinds = {"ifetch", "load", "store", "modify"};
        for (int i = 0; i < 50_000; i++) {
            mst.append(kinds[rnd.nextInt(4)]).append(" 0x").append(Long.toHexString(rnd.nextLong() >>> rnd.nextInt(64)))
                .append(' ').append(rnd.nextInt(4) == 0 ? rnd.nextInt(Integer.MAX_VALUE) : rnd.nextInt(65)).append('\n');
        }
        List<String> events = TraceTesting.lines(mst.toString());
        byte[] asLackey = TraceTesting.write(new LackeyFormat(), mst.toString());
        ByteArrayOutputStream asMst = new ByteArrayOutputStream();
        try (TraceWriter w = new MstFormat().writer(asMst, "x.mst")) {
            TraceTesting.replayText(mst.toString(), w);
        }
        assertEquals(events, TraceTesting.read(new LackeyFormat(), asLackey));
        assertEquals(events, TraceTesting.read(new MstFormat(), asMst.toByteArray()));
    }

    @Test
    void mstSpellingsOutsideTheFastPathMeanTheSame() throws Exception {
        String text = String.join("\n",
            "load 0x10 8",
            "load 16 8",               // decimal address
            "load 0X10 8",             // upper-case prefix
            "load  0x10\t8",           // extra blanks
            "load 0x10 8   # comment",
            "  load 0x10 8",           // leading blanks
            "load 0x10 0x8",           // hex size
            "load 0x0010 8",           // leading zeros
            "store 0xffffffffffffffff 2147483647",
            "modify 0x0 0",
            "ifetch 0xABCdef 3");
        assertEquals(List.of("load 0x10 8", "load 0x10 8", "load 0x10 8", "load 0x10 8", "load 0x10 8", "load 0x10 8",
            "load 0x10 8", "load 0x10 8", "store 0xffffffffffffffff 2147483647", "modify 0x0 0", "ifetch 0xabcdef 3"),
            TraceTesting.read(new MstFormat(), text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "load 0x10 2147483648|line 1 column 11: access size is too large (at most 2147483647 bytes)",
        "load 0x11112222333344445 8|line 1 column 6: address has more than 16 hex digits",
        "load 0x10 8x|line 1 column 12: expected the end of the line",
        "load 0x 8|line 1 column 6: expected address (hex digits)",
        "loads 0x10 8|line 1 column 1: expected an event keyword",
        "store 0x10|line 1 column 11: expected a space before the access size",
        "ifetch 0x10 -1|line 1 column 13: expected access size (decimal digits)",
    })
    void mstAccessErrorsKeepTheirMessages(String line, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceTesting.read(new MstFormat(), line));
        assertTrue(e.getMessage().startsWith("test-input line 1"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
