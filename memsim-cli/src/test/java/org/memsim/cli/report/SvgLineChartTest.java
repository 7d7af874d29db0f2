package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.cli.report.XmlAssertions.NASTY;
import static org.memsim.cli.report.XmlAssertions.elements;
import static org.memsim.cli.report.XmlAssertions.num;
import static org.memsim.cli.report.XmlAssertions.parseSvg;
import static org.memsim.cli.report.XmlAssertions.points;
import static org.memsim.cli.report.XmlAssertions.texts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgLineChartTest {

    private static Chart twoSeries() {
        return Chart.builder("Heap").unit("bytes")
                .series("heap", new long[] {0, 1000, 2000}, new long[] {0, 3 << 20, 2 << 20})
                .series("rss", new long[] {0, 1000, 2000}, new long[] {1 << 20, 4 << 20, 4 << 20})
                .reference("limit", 5 << 20)
                .build();
    }

    @Test
    void drawsAxesTicksLegendSeriesAndReferenceLines() {
        String svg = SvgLineChart.render(twoSeries(), 800, 300);
        Document d = parseSvg(svg);
        Element root = d.getDocumentElement();
        assertEquals("0 0 800 300", root.getAttribute("viewBox"));
        assertEquals("Heap", elements(d, "title").get(0).getTextContent());

        List<Element> lines = elements(d, "polyline");
        assertEquals(2, lines.size());
        assertFalse(lines.get(0).getAttribute("stroke").equals(lines.get(1).getAttribute("stroke")));
        assertEquals(3, points(lines.get(0)).size());

        List<String> texts = texts(d);
        assertTrue(texts.contains("heap") && texts.contains("rss"), texts.toString());
        assertTrue(texts.contains("limit: 5 MiB"), texts.toString());
        assertTrue(texts.contains("0 B") && texts.contains("5 MiB"), "y ticks: " + texts);
        assertTrue(texts.contains("events") && texts.contains("bytes"), "axis titles: " + texts);
        assertTrue(texts.contains("2000"), "x ticks: " + texts);

        Element dashed = elements(d, "line").stream().filter(e -> e.hasAttribute("stroke-dasharray"))
                .filter(e -> !e.getAttribute("stroke").equals(lines.get(0).getAttribute("stroke")))
                .findFirst().orElseThrow();
        double limitY = num(dashed, "y1");
        assertEquals(limitY, num(dashed, "y2"));
        // The limit (5 MiB) lies above every data point (SVG y grows downwards).
        for (Element l : lines) {
            for (double[] p : points(l)) {
                assertTrue(p[1] > limitY, "point above the limit line");
            }
        }
    }

    @Test
    void higherValuesAreDrawnHigherAndLaterXFurtherRight() {
        Chart c = Chart.of("t", "pages", Chart.Series.of("s", new long[] {10, 20, 30}, new long[] {5, 50, 20}));
        List<double[]> p = points(elements(parseSvg(SvgLineChart.render(c, 600, 300)), "polyline").get(0));
        assertTrue(p.get(0)[0] < p.get(1)[0] && p.get(1)[0] < p.get(2)[0]);
        assertTrue(p.get(1)[1] < p.get(2)[1] && p.get(2)[1] < p.get(0)[1]);
    }

    @Test
    void decimationKeepsASpikeAndBoundsThePointCount() {
        int n = 200_000;
        long[] x = new long[n];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 1000 + (i % 7);
        }
        y[123_457] = 1_000_000;
        int width = 700;
        Document d = parseSvg(SvgLineChart.render(Chart.of("spike", "ns", Chart.Series.of("lat", x, y)), width, 300));
        List<double[]> p = points(elements(d, "polyline").get(0));
        assertTrue(p.size() <= 2 * width, "points: " + p.size());
        double top = p.stream().mapToDouble(q -> q[1]).min().orElseThrow();
        double bottom = p.stream().mapToDouble(q -> q[1]).max().orElseThrow();
        assertTrue(bottom - top > 150, "spike flattened: " + top + ".." + bottom);
        double[] peak = p.stream().filter(q -> q[1] == top).findFirst().orElseThrow();
        // It sits where x = 123457 of 200000 lies along the plot.
        List<Element> axes = elements(d, "g").stream().filter(g -> "axes".equals(g.getAttribute("class"))).toList();
        Element xAxis = elements(axes.get(0), "line").get(1);
        double left = num(xAxis, "x1");
        double right = num(xAxis, "x2");
        assertEquals(left + (right - left) * 123_457 / 200_000.0, peak[0], 2.0);
    }

    static Stream<Arguments> edgeCases() {
        long[] none = {};
        return Stream.of(
                Arguments.of("no series", Chart.builder("none").build()),
                Arguments.of("empty series", Chart.of("empty", "bytes", Chart.Series.of("e", none, none))),
                Arguments.of("single point", Chart.of("one", "pages", Chart.Series.of("p", new long[] {5}, new long[] {7}))),
                Arguments.of("all zero", Chart.of("zero", "faults",
                        Chart.Series.of("z", new long[] {0, 1, 2, 3}, new long[] {0, 0, 0, 0}))),
                Arguments.of("x range 0", Chart.of("same x", "ns",
                        Chart.Series.of("s", new long[] {9, 9, 9}, new long[] {1, 5, 3}))),
                Arguments.of("negative", Chart.of("neg", "bytes",
                        Chart.Series.of("n", new long[] {-5, 0, 5}, new long[] {-4096, -1, -8192}))),
                Arguments.of("huge", Chart.builder("huge").unit("bytes")
                        .series("max", new long[] {0, Long.MAX_VALUE}, new long[] {Long.MAX_VALUE, 0})
                        .series("min", new long[] {Long.MIN_VALUE, 0}, new long[] {Long.MIN_VALUE, Long.MAX_VALUE})
                        .reference("cap", Long.MAX_VALUE).build()),
                Arguments.of("non-finite", Chart.builder("nan").unit("%")
                        .series("d", new long[] {0, 1, 2, 3, 4}, new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 2})
                        .series("all nan", new long[] {0, 1}, new double[] {Double.NaN, Double.NaN})
                        .reference("nan", Double.NaN).build()),
                Arguments.of("extreme doubles", Chart.builder("extreme")
                        .series("d", new long[] {0, 1}, new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}).build()),
                Arguments.of("tiny doubles", Chart.builder("tiny")
                        .series("d", new long[] {0, 1, 2}, new double[] {Double.MIN_VALUE, 0, 1e-310}).build()),
                Arguments.of("only a reference", Chart.builder("ref").unit("bytes").reference("limit", 4096).build()),
                Arguments.of("many series", manySeries(20)));
    }

    private static Chart manySeries(int n) {
        Chart.Builder b = Chart.builder("many").unit("pages");
        for (int i = 0; i < n; i++) {
            b.series("series number " + i, new long[] {0, 1}, new long[] {i, 2L * i});
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void edgeCasesRenderValidSvg(String name, Chart chart) {
        for (int[] size : new int[][] {{800, 300}, {0, 0}, {-10, 50}, {2000, 150}}) {
            Document d = parseSvg(SvgLineChart.render(chart, size[0], size[1]));
            assertEquals(chart.title(), elements(d, "title").get(0).getTextContent());
        }
    }

    @Test
    void singlePointIsACircleAndNoDataIsSaid() {
        Document one = parseSvg(SvgLineChart.render(
                Chart.of("one", "", Chart.Series.of("p", new long[] {5}, new long[] {7})), 400, 200));
        assertEquals(1, elements(one, "circle").size());
        assertTrue(elements(one, "polyline").isEmpty());
        Document none = parseSvg(SvgLineChart.render(Chart.builder("none").build(), 400, 200));
        assertTrue(texts(none).contains("no data"));
    }

    @Test
    void gapsSplitTheLine() {
        Chart c = Chart.builder("gaps").series("g", new long[] {0, 1, 2, 3, 4, 5},
                new double[] {1, 2, Double.NaN, 3, 4, 5}).build();
        Document d = parseSvg(SvgLineChart.render(c, 400, 200));
        assertEquals(2, elements(d, "polyline").size());
    }

    @Test
    void seriesColoursAreDistinctUntilThePaletteRunsOutThenDashesDiffer() {
        Document d = parseSvg(SvgLineChart.render(manySeries(Palette.size() + 2), 900, 400));
        List<Element> lines = elements(d, "polyline");
        Set<String> styles = new HashSet<>();
        Set<String> colours = new HashSet<>();
        for (Element l : lines) {
            colours.add(l.getAttribute("stroke"));
            styles.add(l.getAttribute("stroke") + "/" + l.getAttribute("stroke-dasharray"));
        }
        assertEquals(Palette.size(), colours.size());
        assertEquals(lines.size(), styles.size());
    }

    @Test
    void escapesEveryText() {
        Chart c = Chart.builder(NASTY + " title").xLabel(NASTY + " x").unit(NASTY + " unit")
                .series(NASTY + " series", new long[] {0, 1}, new long[] {1, 2})
                .reference(NASTY + " ref", 1).build();
        String svg = SvgLineChart.render(c, 900, 400);
        Document d = parseSvg(svg);
        assertFalse(svg.contains(NASTY));
        List<String> texts = texts(d);
        for (String s : List.of(" x", " unit", " series", " title")) {
            assertTrue(texts.contains(NASTY + s), s + " in " + texts);
        }
        assertTrue(texts.contains(NASTY + " ref: 1"), texts.toString());
        assertEquals(NASTY + " title", elements(d, "title").get(0).getTextContent());
        assertEquals(NASTY + " series", elements(elements(d, "polyline").get(0), "title").get(0).getTextContent());
    }

    @Test
    void seriesNeedMatchingLengthsAndAreCopied() {
        assertThrows(IllegalArgumentException.class, () -> Chart.Series.of("s", new long[2], new long[3]));
        long[] y = {1, 2};
        Chart.Series s = Chart.Series.of("s", new long[] {0, 1}, y);
        y[0] = 99;
        assertEquals(1, s.y(0));
        assertThrows(UnsupportedOperationException.class, () -> twoSeries().series().clear());
    }
}
