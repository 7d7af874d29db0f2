package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.cli.report.XmlAssertions.NASTY;
import static org.memsim.cli.report.XmlAssertions.elements;
import static org.memsim.cli.report.XmlAssertions.num;
import static org.memsim.cli.report.XmlAssertions.parseSvg;
import static org.memsim.cli.report.XmlAssertions.texts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HeapMapSvgTest {
    private static final long BASE = 0x1000;
    // 256 bytes: a 16 B header, 32 B payload, 8 B padding, 8 B never used, then 64 B free; the rest never used.
    private static final long[] STARTS = {BASE, BASE + 16, BASE + 48, BASE + 64};
    private static final long[] ENDS = {BASE + 16, BASE + 48, BASE + 56, BASE + 128};
    private static final byte[] KINDS = {1, 2, 4, 3};

    /** Rects of the map rows, grouped by row (their y), each as {kind, x, width}. */
    private static List<List<double[]>> rows(Document d) {
        Element g = elements(d, "g").stream().filter(e -> "rows".equals(e.getAttribute("class"))).findFirst().orElseThrow();
        List<List<double[]>> rows = new ArrayList<>();
        double lastY = Double.NaN;
        for (Element r : elements(g, "rect")) {
            if (num(r, "y") != lastY) {
                rows.add(new ArrayList<>());
                lastY = num(r, "y");
            }
            int kind = Integer.parseInt(r.getAttribute("class").substring("kind-".length()));
            assertEquals(HeapMapSvg.KIND_COLORS[kind], r.getAttribute("fill"));
            rows.get(rows.size() - 1).add(new double[] {kind, num(r, "x"), num(r, "width")});
        }
        return rows;
    }

    @Test
    void rowsShowEachKindWhereItLies() {
        Document d = parseSvg(HeapMapSvg.render("heap", BASE, BASE + 256, STARTS, ENDS, KINDS, 800));
        List<List<double[]>> rows = rows(d);
        assertEquals(4, rows.size(), "256 bytes in rows of 64");
        List<double[]> first = rows.get(0);
        assertArrayEquals(new double[] {1, 2, 4, 0}, first.stream().mapToDouble(r -> r[0]).toArray());
        double rowWidth = first.stream().mapToDouble(r -> r[2]).sum();
        assertEquals(16 / 64.0 * rowWidth, first.get(0)[2], 0.2);
        assertEquals(32 / 64.0 * rowWidth, first.get(1)[2], 0.2);
        assertEquals(8 / 64.0 * rowWidth, first.get(2)[2], 0.2);
        for (int i = 1; i < first.size(); i++) {
            assertEquals(first.get(i - 1)[1] + first.get(i - 1)[2], first.get(i)[1], 0.15, "runs abut");
        }
        assertEquals(1, rows.get(1).size());
        assertEquals(3, rows.get(1).get(0)[0], "second row all free");
        assertEquals(0, rows.get(3).get(0)[0], "last row never used");
        List<String> texts = texts(d);
        assertTrue(texts.contains("0x1000") && texts.contains("0x10c0"), "row addresses: " + texts);
    }

    @Test
    void legendListsEveryKindWithItsColourAndTotal() {
        Document d = parseSvg(HeapMapSvg.render("heap", BASE, BASE + 256, STARTS, ENDS, KINDS, 800));
        Element legend = elements(d, "g").stream().filter(e -> "legend".equals(e.getAttribute("class")))
                .findFirst().orElseThrow();
        List<String> labels = elements(legend, "text").stream().map(Element::getTextContent).collect(Collectors.toList());
        assertEquals(List.of("never used 136 B (53.1%)", "header/metadata 16 B (6.3%)", "payload 32 B (12.5%)",
                "free 64 B (25%)", "padding 8 B (3.1%)"), labels);
        List<Element> swatches = elements(legend, "rect");
        Set<String> colours = new HashSet<>();
        for (int k = 0; k < 5; k++) {
            assertEquals(HeapMapSvg.KIND_COLORS[k], swatches.get(k).getAttribute("fill"));
            colours.add(swatches.get(k).getAttribute("fill").toLowerCase());
        }
        assertEquals(5, colours.size(), "distinct colours");
    }

    @Test
    void cellsTakeTheKindCoveringMostOfThem() {
        HeapMapSvg.Layout g = HeapMapSvg.layout(0, 64, new long[0], new long[0], new byte[0]);
        // 4 cells of 16 bytes: cell 0 has 10 B payload + 6 B header, cell 1 has 8 B free and 8 B padding
        // (tie: the higher kind wins), cell 2 has 4 B header, cell 3 is covered by two overlapping spans.
        long[] s = {0, 10, 16, 24, 32, 48, 50};
        long[] e = {10, 16, 24, 32, 36, 64, 60};
        byte[] k = {2, 1, 3, 4, 1, 2, 3};
        long[] cover = HeapMapSvg.coverage(g, 4, 16, s, e, k);
        assertArrayEquals(new long[] {0, 6, 10, 0, 0}, java.util.Arrays.copyOfRange(cover, 0, 5));
        assertEquals(2, HeapMapSvg.dominant(cover, 0));
        assertEquals(4, HeapMapSvg.dominant(cover, 1));
        assertEquals(0, HeapMapSvg.dominant(cover, 2));
        assertArrayEquals(new long[] {12, 4, 0, 0, 0}, java.util.Arrays.copyOfRange(cover, 10, 15));
        assertArrayEquals(new long[] {0, 0, 16, 10, 0}, java.util.Arrays.copyOfRange(cover, 15, 20));
    }

    @Test
    void longSpansFillWholeCellsAndAreClippedToTheRange() {
        HeapMapSvg.Layout g = HeapMapSvg.layout(100, 100 + 1024, new long[0], new long[0], new byte[0]);
        // One payload span from before the range to the middle of cell 5 (rows of one 64-byte cell).
        long[] cover = HeapMapSvg.coverage(g, 1, 64, new long[] {0}, new long[] {100 + 5 * 64 + 20}, new byte[] {2});
        for (int c = 0; c < 5; c++) {
            assertEquals(64, cover[c * 5 + 2], "cell " + c);
            assertEquals(0, cover[c * 5], "cell " + c);
        }
        assertEquals(20, cover[5 * 5 + 2]);
        assertEquals(44, cover[5 * 5]);
        assertEquals(0, cover[6 * 5 + 2]);
        assertEquals(64, cover[6 * 5]);
    }

    @Test
    void spanOrderDoesNotMatter() {
        long[] s = {STARTS[3], STARTS[1], STARTS[0], STARTS[2]};
        long[] e = {ENDS[3], ENDS[1], ENDS[0], ENDS[2]};
        byte[] k = {KINDS[3], KINDS[1], KINDS[0], KINDS[2]};
        assertEquals(HeapMapSvg.render("h", BASE, BASE + 256, STARTS, ENDS, KINDS, 700),
                HeapMapSvg.render("h", BASE, BASE + 256, s, e, k, 700));
    }

    @Test
    void rowSizeIsAPowerOfTwoAndRowsAreFew() {
        for (long total : new long[] {1, 63, 64, 100, 4096, 1 << 20, 123_456_789, Long.MAX_VALUE}) {
            HeapMapSvg.Layout g = HeapMapSvg.layout(0, total, new long[0], new long[0], new byte[0]);
            assertEquals(1, Long.bitCount(g.bytesPerRow), "power of two for " + total);
            assertTrue(g.bytesPerRow >= HeapMapSvg.MIN_ROW_BYTES);
            assertTrue(g.rows >= 1 && g.rows <= HeapMapSvg.MAX_ROWS, "rows " + g.rows + " for " + total);
            assertTrue((double) g.rows * g.bytesPerRow >= total);
        }
    }

    @Test
    void partialLastRowStopsAtTheEnd() {
        Document d = parseSvg(HeapMapSvg.render("h", 0, 100, new long[] {0}, new long[] {100}, new byte[] {2}, 600));
        List<List<double[]>> rows = rows(d);
        assertEquals(2, rows.size());
        double full = rows.get(0).get(0)[2];
        assertEquals(36 / 64.0 * full, rows.get(1).get(0)[2], 0.2);
    }

    @Test
    void edgeCasesRender() {
        parseSvg(HeapMapSvg.render("empty", 4096, 4096, new long[0], new long[0], new byte[0], 600));
        assertTrue(texts(parseSvg(HeapMapSvg.render("empty", 0, 0, new long[0], new long[0], new byte[0], 0)))
                .contains("empty range"));
        parseSvg(HeapMapSvg.render("nothing", 0, 1 << 20, new long[0], new long[0], new byte[0], 600));
        Document huge = parseSvg(HeapMapSvg.render("huge", 0, Long.MAX_VALUE,
                new long[] {0, Long.MAX_VALUE / 2}, new long[] {Long.MAX_VALUE / 4, Long.MAX_VALUE}, new byte[] {2, 3}, 900));
        assertTrue(rows(huge).size() <= HeapMapSvg.MAX_ROWS);
        parseSvg(HeapMapSvg.render("outside", 1000, 2000, new long[] {0, 5000}, new long[] {10, 6000},
                new byte[] {2, 2}, 600));
        parseSvg(HeapMapSvg.render("one byte", 7, 8, new long[] {7}, new long[] {8}, new byte[] {1}, 320));
    }

    @Test
    void invalidInputIsRejected() {
        long[] one = {0};
        assertThrows(IllegalArgumentException.class,
                () -> HeapMapSvg.render("t", 10, 5, new long[0], new long[0], new byte[0], 600));
        assertThrows(IllegalArgumentException.class,
                () -> HeapMapSvg.render("t", 0, 10, one, new long[] {1, 2}, new byte[] {0}, 600));
        assertThrows(IllegalArgumentException.class,
                () -> HeapMapSvg.render("t", 0, 10, new long[] {5}, new long[] {4}, new byte[] {0}, 600));
        assertThrows(IllegalArgumentException.class,
                () -> HeapMapSvg.render("t", 0, 10, one, new long[] {4}, new byte[] {5}, 600));
        assertThrows(IllegalArgumentException.class,
                () -> HeapMapSvg.render("t", 0, 10, one, new long[] {4}, new byte[] {-1}, 600));
        assertThrows(IllegalArgumentException.class,
                () -> HeapMapSvg.render("t", Long.MIN_VALUE, Long.MAX_VALUE, new long[0], new long[0], new byte[0], 600));
    }

    @Test
    void escapesTheTitle() {
        String svg = HeapMapSvg.render(NASTY, 0, 64, new long[0], new long[0], new byte[0], 600);
        assertFalse(svg.contains(NASTY));
        Document d = parseSvg(svg);
        assertEquals(NASTY, elements(d, "title").get(0).getTextContent());
        assertTrue(texts(d).contains(NASTY));
    }

    @Test
    void finelyAlternatingSpansKeepARowAtMostMaxCellsOfRects() {
        // 32,768 pairs of a 6-byte payload span and a 2-byte free span (256 KiB, rows of 8 KiB): at the
        // 4-byte cells a 4000-px-wide picture would otherwise get, cells alternate payload / free
        // (a tie goes to the higher kind) and a row needs 2,048 rects
        int n = 65536;
        long[] st = new long[n];
        long[] en = new long[n];
        byte[] k = new byte[n];
        long a = BASE;
        for (int i = 0; i < n; i++) {
            st[i] = a;
            a += i % 2 == 0 ? 6 : 2;
            en[i] = a;
            k[i] = (byte) (i % 2 == 0 ? 2 : 3);
        }
        Document d = parseSvg(HeapMapSvg.render("alternating", BASE, a, st, en, k, 4000));
        List<List<double[]>> rows = rows(d);
        assertEquals(32, rows.size(), "256 KiB in rows of 8 KiB");
        for (List<double[]> row : rows) {
            assertTrue(row.size() <= HeapMapSvg.MAX_CELLS && row.size() <= 256, "rects in a row: " + row.size());
        }
    }
}
