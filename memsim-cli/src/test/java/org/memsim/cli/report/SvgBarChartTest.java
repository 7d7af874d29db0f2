package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.cli.report.XmlAssertions.NASTY;
import static org.memsim.cli.report.XmlAssertions.elements;
import static org.memsim.cli.report.XmlAssertions.num;
import static org.memsim.cli.report.XmlAssertions.parseSvg;
import static org.memsim.cli.report.XmlAssertions.texts;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgBarChartTest {

    /** The bars: rects that carry a tooltip. */
    private static List<Element> bars(Document d) {
        return elements(d, "rect").stream().filter(r -> !elements(r, "title").isEmpty()).collect(Collectors.toList());
    }

    private static String tip(Element bar) {
        return elements(bar, "title").get(0).getTextContent();
    }

    @Test
    void barLengthsAreProportionalAndLabelled() {
        Document d = parseSvg(SvgBarChart.render("Peak heap", "bytes", List.of("first-fit", "best-fit", "buddy"),
                new double[] {1 << 20, 2 << 20, 512 << 10}, 800, 200));
        List<Element> bars = bars(d);
        assertEquals(3, bars.size());
        double w0 = num(bars.get(0), "width");
        assertEquals(2 * w0, num(bars.get(1), "width"), 0.2);
        assertEquals(w0 / 2, num(bars.get(2), "width"), 0.2);
        assertEquals(num(bars.get(0), "x"), num(bars.get(1), "x"));
        assertTrue(num(bars.get(0), "y") < num(bars.get(1), "y"), "rows top to bottom in order");
        assertEquals("first-fit: 1 MiB", tip(bars.get(0)));
        List<String> texts = texts(d);
        assertTrue(texts.containsAll(List.of("Peak heap", "first-fit", "best-fit", "buddy", "1 MiB", "2 MiB", "512 KiB")),
                texts.toString());
    }

    @Test
    void negativeValuesGoLeftOfZeroAndNaNReadsNotAvailable() {
        Document d = parseSvg(SvgBarChart.render("delta", "pages", List.of("up", "down", "unknown"),
                new double[] {300, -100, Double.NaN}, 600, 200));
        List<Element> bars = bars(d);
        assertEquals(2, bars.size());
        Element up = bars.get(0);
        Element down = bars.get(1);
        assertEquals(num(up, "x"), num(down, "x") + num(down, "width"), 0.15);
        assertEquals(num(up, "width"), 3 * num(down, "width"), 0.3);
        List<String> texts = texts(d);
        assertTrue(texts.contains("n/a") && texts.contains("-100") && texts.contains("300"), texts.toString());
    }

    @Test
    void stackedSegmentsAbutAndShareColoursWithTheLegend() {
        List<String> segments = List.of("allocator", "kernel", "MMU");
        Document d = parseSvg(SvgBarChart.renderStacked("time", "ns", List.of("a", "b"), segments,
                new double[][] {{1000, 2000, 3000}, {500, 0}}, 800, 220));
        List<Element> bars = bars(d);
        assertEquals(4, bars.size(), "zero segments are not drawn");
        Element a0 = bars.get(0);
        Element a1 = bars.get(1);
        Element a2 = bars.get(2);
        assertEquals(num(a0, "x") + num(a0, "width"), num(a1, "x"), 0.15);
        assertEquals(num(a1, "x") + num(a1, "width"), num(a2, "x"), 0.15);
        assertEquals(2 * num(a0, "width"), num(a1, "width"), 0.3);
        assertEquals("a / kernel: 2 \u00b5s", tip(a1));
        assertEquals(Palette.color(0), a0.getAttribute("fill"));
        assertEquals(Palette.color(1), a1.getAttribute("fill"));
        assertEquals(Palette.color(0), bars.get(3).getAttribute("fill"));
        List<String> texts = texts(d);
        assertTrue(texts.containsAll(segments), texts.toString());
        assertTrue(texts.contains("6 \u00b5s") && texts.contains("500 ns"), "totals: " + texts);
        // The legend swatches use the segment colours in order.
        List<Element> legend = elements(d, "g").stream().filter(g -> "legend".equals(g.getAttribute("class")))
                .findFirst().map(g -> elements(g, "rect")).orElseThrow();
        for (int i = 0; i < segments.size(); i++) {
            assertEquals(Palette.color(i), legend.get(i).getAttribute("fill"));
        }
    }

    @Test
    void stackedNegativeSegmentsStackLeftwards() {
        Document d = parseSvg(SvgBarChart.renderStacked("net", "", List.of("r"), List.of("gain", "loss", "loss2"),
                new double[][] {{10, -4, -6}}, 600, 150));
        List<Element> bars = bars(d);
        double zero = num(bars.get(0), "x");
        assertEquals(zero, num(bars.get(1), "x") + num(bars.get(1), "width"), 0.15);
        assertEquals(num(bars.get(1), "x"), num(bars.get(2), "x") + num(bars.get(2), "width"), 0.15);
        double end = num(bars.get(0), "x") + num(bars.get(0), "width");
        assertTrue(elements(d, "text").stream()
                .anyMatch(t -> t.getTextContent().equals("0") && Math.abs(num(t, "x") - (end + 5)) < 0.15),
                "net total 0 at the end of the positive stack");
    }

    @Test
    void edgeCasesRender() {
        parseSvg(SvgBarChart.render("empty", "bytes", List.of(), new double[0], 600, 200));
        assertTrue(texts(parseSvg(SvgBarChart.render("empty", "", List.of(), new double[0], 0, 0))).contains("no data"));
        parseSvg(SvgBarChart.render("zeros", "bytes", List.of("a", "b"), new double[] {0, 0}, 600, 200));
        parseSvg(SvgBarChart.render("huge", "bytes", List.of("a", "b"),
                new double[] {Long.MAX_VALUE, -Double.MAX_VALUE}, 600, 200));
        parseSvg(SvgBarChart.renderStacked("empty", "ns", List.of(), List.of(), new double[0][], 600, 200));
        parseSvg(SvgBarChart.renderStacked("ragged", "ns", List.of("a", "b"), List.of("x", "y"),
                new double[][] {{}, {Double.NaN, Double.POSITIVE_INFINITY}}, 600, 200));
        Document many = parseSvg(SvgBarChart.render("many", "", java.util.Collections.nCopies(60, "row"),
                new double[60], 600, 100));
        assertTrue(num(many.getDocumentElement(), "height") >= 60 * 18, "grows to fit rows");
        String longLabel = "a very long allocator name ".repeat(10);
        parseSvg(SvgBarChart.render("long", "", List.of(longLabel), new double[] {1}, 300, 100));
    }

    @Test
    void mismatchedInputsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SvgBarChart.render("t", "", List.of("a"), new double[] {1, 2}, 100, 100));
        assertThrows(IllegalArgumentException.class,
                () -> SvgBarChart.renderStacked("t", "", List.of("a", "b"), List.of("x"), new double[][] {{1}}, 100, 100));
        assertThrows(IllegalArgumentException.class,
                () -> SvgBarChart.renderStacked("t", "", List.of("a"), List.of("x"), new double[][] {{1, 2}}, 100, 100));
    }

    @Test
    void escapesEveryText() {
        String svg = SvgBarChart.renderStacked(NASTY + " title", NASTY + " unit", List.of(NASTY + " row"),
                List.of(NASTY + " segment"), new double[][] {{5}}, 900, 200);
        assertFalse(svg.contains(NASTY));
        Document d = parseSvg(svg);
        List<String> texts = texts(d);
        for (String s : List.of(" title", " unit", " row", " segment")) {
            assertTrue(texts.contains(NASTY + s), s + " in " + texts);
        }
        assertEquals(NASTY + " row / " + NASTY + " segment: 5", tip(bars(d).get(0)));
        Document plain = parseSvg(SvgBarChart.render(NASTY, "", List.of(NASTY), new double[] {1}, 600, 100));
        assertEquals(NASTY, elements(plain, "title").get(0).getTextContent());
    }
}
