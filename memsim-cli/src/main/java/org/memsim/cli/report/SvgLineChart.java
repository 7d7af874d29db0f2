package org.memsim.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Chart} as a self-contained {@code <svg>} line chart: nice ticks labelled by unit,
 * a legend, one colour-blind-safe colour per series, per-pixel min/max decimation and dashed reference lines.
 */
public final class SvgLineChart {
    static final int MIN_WIDTH = 160;
    static final int MIN_HEIGHT = 120;
    private static final double PAD = 14;

    private SvgLineChart() {
    }

    /**
     * The chart as an {@code <svg>} element of {@code width} x {@code height} (raised to 160 x 120 at least,
     * and taller when a long legend needs the room).
     * Never throws for odd data: empty series, one point, a zero x range, negative, huge or
     * non-finite values (which leave gaps) all render.
     */
    public static String render(Chart chart, int width, int height) {
        int w = Math.max(MIN_WIDTH, width);
        List<String> names = new ArrayList<>();
        for (Chart.Series s : chart.series()) {
            names.add(s.name());
        }
        double legendTop = PAD + 28;
        double top = new Svg("x", w, 100, "").legend(names, null, PAD, legendTop, w - PAD, true) + 16;
        boolean hasXLabel = !chart.xLabel().isEmpty();
        boolean hasUnit = !chart.unit().isEmpty();
        double below = hasXLabel ? 40 : 24;
        // A legend of many series makes the chart taller rather than squeezing the plot away.
        int h = (int) Math.max(Math.max(MIN_HEIGHT, height), Math.ceil(top + 60 + below));
        Svg svg = new Svg("chart line-chart", w, h, chart.title());
        svg.title(PAD, PAD + 8, chart.title(), w - 2 * PAD);
        svg.legend(names, null, PAD, legendTop, w - PAD, true);

        // Data ranges.
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = 0;
        double yHi = 0;
        boolean any = false;
        for (Chart.Series s : chart.series()) {
            long[] x = s.xs();
            double[] y = s.ys();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(y[i])) {
                    any = true;
                    xLo = Math.min(xLo, x[i]);
                    xHi = Math.max(xHi, x[i]);
                    yLo = Math.min(yLo, y[i]);
                    yHi = Math.max(yHi, y[i]);
                }
            }
        }
        for (Chart.ReferenceLine r : chart.references()) {
            if (Double.isFinite(r.value())) {
                yLo = Math.min(yLo, r.value());
                yHi = Math.max(yHi, r.value());
            }
        }
        if (!any) {
            xLo = 0;
            xHi = 1;
        }

        double bottom = h - below;
        double plotH = bottom - top;

        boolean integral = true;
        for (Chart.Series s : chart.series()) {
            integral &= s.integral();
        }
        for (Chart.ReferenceLine r : chart.references()) {
            integral &= !Double.isFinite(r.value()) || r.value() == Math.rint(r.value());
        }
        Axis yAxis = Axis.of(yLo, yHi, chart.unit(), (int) Math.max(2, Math.min(10, plotH / 28)), integral);
        double yLabelW = 0;
        for (String l : yAxis.labels) {
            yLabelW = Math.max(yLabelW, Xml.textWidth(l, Svg.FONT_SIZE));
        }
        double left = (hasUnit ? 26 : PAD) + yLabelW + 6;
        double right = w - PAD;
        Axis xAxis = null;
        for (int maxTicks = 10; maxTicks >= 2; maxTicks--) {
            xAxis = Axis.of(xLo, xHi, chart.xUnit(), maxTicks, true);
            double widest = 0;
            for (String l : xAxis.labels) {
                widest = Math.max(widest, Xml.textWidth(l, Svg.FONT_SIZE));
            }
            right = w - Math.max(PAD, widest / 2 + 4);
            if (xAxis.ticks.length * (widest + 14) <= right - left) {
                break;
            }
        }
        if (right - left < 20) {
            left = Math.max(0, right - 20);
        }
        double plotW = right - left;

        // Grid, ticks and axes.
        svg.raw("<g class=\"grid\">\n");
        for (int i = 0; i < yAxis.ticks.length; i++) {
            double py = bottom - yAxis.fraction(yAxis.ticks[i]) * plotH;
            svg.line(left, py, right, py, yAxis.ticks[i] == 0 ? "#bdbdbd" : Svg.GRID, 1, "");
            svg.text(left - 6, py + 4, "end", Svg.MUTED, "", yAxis.labels[i]);
        }
        for (int i = 0; i < xAxis.ticks.length; i++) {
            double px = left + xAxis.fraction(xAxis.ticks[i]) * plotW;
            svg.line(px, top, px, bottom, "#f0f0f0", 1, "");
            svg.line(px, bottom, px, bottom + 4, Svg.AXIS, 1, "");
            svg.text(px, bottom + 16, "middle", Svg.MUTED, "", xAxis.labels[i]);
        }
        svg.raw("</g>\n");
        svg.raw("<g class=\"axes\">\n");
        svg.line(left, top, left, bottom, Svg.AXIS, 1, "");
        svg.line(left, bottom, right, bottom, Svg.AXIS, 1, "");
        if (hasXLabel) {
            svg.text(left + plotW / 2, h - 10, "middle", Svg.TEXT, "",
                    Xml.fit(chart.xLabel(), Svg.FONT_SIZE, plotW));
        }
        if (hasUnit) {
            double cy = top + plotH / 2;
            svg.text(0, 0, "middle", Svg.TEXT,
                    "transform=\"translate(" + Xml.num(PAD) + " " + Xml.num(cy) + ") rotate(-90)\"",
                    Xml.fit(chart.unit(), Svg.FONT_SIZE, plotH));
        }
        svg.raw("</g>\n");

        // Series.
        svg.raw("<g class=\"series\" fill=\"none\" stroke-width=\"1.75\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
        int columns = (int) Math.max(1, Math.ceil(plotW));
        for (int si = 0; si < chart.series().size(); si++) {
            Chart.Series s = chart.series().get(si);
            long[] x = s.xs();
            double[] y = s.ys();
            String color = Palette.color(si);
            String dash = Palette.dash(si);
            int i = 0;
            while (i < x.length) {
                if (!Double.isFinite(y[i])) {
                    i++;
                    continue;
                }
                int end = i;
                while (end < x.length && Double.isFinite(y[end])) {
                    end++;
                }
                int[] keep = Decimator.keep(x, y, i, end, xAxis.min, xAxis.max, columns);
                if (keep.length == 1) {
                    svg.raw("<circle cx=\"" + Xml.num(left + xAxis.fraction(x[keep[0]]) * plotW)
                            + "\" cy=\"" + Xml.num(bottom - yAxis.fraction(y[keep[0]]) * plotH)
                            + "\" r=\"2.5\" fill=\"" + color + "\" stroke=\"none\"><title>"
                            + Xml.escape(s.name()) + "</title></circle>\n");
                } else {
                    StringBuilder pts = new StringBuilder(keep.length * 12);
                    for (int k : keep) {
                        if (pts.length() > 0) {
                            pts.append(' ');
                        }
                        pts.append(Xml.num(left + xAxis.fraction(x[k]) * plotW)).append(',')
                                .append(Xml.num(bottom - yAxis.fraction(y[k]) * plotH));
                    }
                    svg.raw("<polyline stroke=\"" + color + "\""
                            + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
                            + " points=\"" + pts + "\"><title>" + Xml.escape(s.name()) + "</title></polyline>\n");
                }
                i = end;
            }
        }
        svg.raw("</g>\n");

        // Reference lines above the data, labelled at the right end.
        if (!chart.references().isEmpty()) {
            svg.raw("<g class=\"references\">\n");
            for (Chart.ReferenceLine r : chart.references()) {
                if (!Double.isFinite(r.value())) {
                    continue;
                }
                double py = bottom - yAxis.fraction(r.value()) * plotH;
                svg.line(left, py, right, py, "#333", 1.25, "stroke-dasharray=\"6 4\"");
                String label = r.label().isEmpty() ? Units.format(r.value(), chart.unit())
                        : r.label() + ": " + Units.format(r.value(), chart.unit());
                double ty = py - 5 < top + 10 ? py + 14 : py - 5;
                svg.text(right - 4, ty, "end", "#333",
                        "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"",
                        Xml.fit(label, Svg.FONT_SIZE, plotW - 8));
            }
            svg.raw("</g>\n");
        }

        if (!any) {
            svg.text(left + plotW / 2, top + plotH / 2, "middle", Svg.MUTED, "font-style=\"italic\"", "no data");
        }
        return svg.close();
    }
}
