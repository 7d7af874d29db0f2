package org.memsim.cli.report;

import java.util.List;

/**
 * Renders horizontal bar charts as self-contained {@code <svg>} elements: one bar per label with its value
 * printed at the bar's end, or stacked bars (one colour per segment, with a legend and the row total).
 */
public final class SvgBarChart {
    private static final double PAD = 14;
    private static final double MIN_ROW = 18;

    private SvgBarChart() {
    }

    /**
     * Bars for {@code values[i]} labelled {@code labels.get(i)}, values formatted in {@code unit}.
     * Negative values extend left of zero; NaN draws no bar and reads "n/a". The height is raised
     * when needed to give every row at least 18 px.
     *
     * @throws IllegalArgumentException if there are not as many labels as values
     */
    public static String render(String title, String unit, List<String> labels, double[] values, int width, int height) {
        if (labels.size() != values.length) {
            throw new IllegalArgumentException("need one label per value, got " + labels.size() + " and " + values.length);
        }
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i]};
        }
        return draw(title, unit, labels, List.of(), rows, width, height, false);
    }

    /**
     * Stacked bars: row {@code i} labelled {@code rowLabels.get(i)} is made of segments {@code values[i][j]}
     * coloured and named by {@code segmentLabels.get(j)} (a shorter row lacks its last segments). Positive
     * segments stack right of zero, negative ones left; the row's total is printed at its end.
     *
     * @throws IllegalArgumentException if there are not as many row labels as rows or a row has more
     *     segments than there are segment labels
     */
    public static String renderStacked(String title, String unit, List<String> rowLabels, List<String> segmentLabels,
            double[][] values, int width, int height) {
        if (rowLabels.size() != values.length) {
            throw new IllegalArgumentException("need one row label per row, got " + rowLabels.size() + " and " + values.length);
        }
        for (double[] row : values) {
            if (row.length > segmentLabels.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " segments but there are only "
                        + segmentLabels.size() + " segment labels");
            }
        }
        return draw(title, unit, rowLabels, segmentLabels, values, width, height, true);
    }

    private static String draw(String title, String unit, List<String> labels, List<String> segments,
            double[][] values, int width, int height, boolean stacked) {
        int n = labels.size();
        int w = Math.max(SvgLineChart.MIN_WIDTH, width);
        double top0 = PAD + 28;
        // Stack extents and value labels.
        double[] neg = new double[n];
        double[] pos = new double[n];
        String[] valueText = new String[n];
        boolean anyNegative = false;
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < n; i++) {
            double total = 0;
            boolean finite = false;
            for (double v : values[i]) {
                if (Double.isFinite(v)) {
                    finite = true;
                    total += v;
                    if (v < 0) {
                        neg[i] += v;
                    } else {
                        pos[i] += v;
                    }
                }
            }
            neg[i] = Math.max(-Axis.LIMIT, neg[i]);
            pos[i] = Math.min(Axis.LIMIT, pos[i]);
            valueText[i] = finite ? Units.format(total, unit) : "n/a";
            anyNegative |= neg[i] < 0;
            lo = Math.min(lo, neg[i]);
            hi = Math.max(hi, pos[i]);
        }
        double valueW = 0;
        double labelW = 0;
        for (int i = 0; i < n; i++) {
            valueW = Math.max(valueW, Xml.textWidth(valueText[i], Svg.FONT_SIZE));
            labelW = Math.max(labelW, Xml.textWidth(labels.get(i), Svg.FONT_SIZE));
        }
        labelW = Math.min(labelW, w * 0.35);

        // Measure the legend on a scratch SVG to know where the bars start.
        double top = stacked && !segments.isEmpty()
                ? new Svg("x", w, 100, "").legend(segments, null, PAD, top0, w - PAD, false) + 14
                : top0 - 6;
        boolean hasUnit = unit != null && !unit.isEmpty();
        double below = hasUnit ? 40 : 26;
        int h = (int) Math.max(Math.max(SvgLineChart.MIN_HEIGHT, height), Math.ceil(top + n * MIN_ROW + below + 4));
        Svg svg = new Svg("chart bar-chart", w, h, title);
        svg.title(PAD, PAD + 8, title, w - 2 * PAD);
        if (stacked) {
            svg.legend(segments, null, PAD, top0, w - PAD, false);
        }
        double bottom = h - below;
        double left = PAD + labelW + 8 + (anyNegative ? valueW + 6 : 0);
        double right = w - PAD - valueW - 6;
        if (right - left < 40) {
            left = Math.max(0, right - 40);
        }
        double plotW = right - left;
        Axis axis = null;
        for (int maxTicks = 10; maxTicks >= 2; maxTicks--) {
            axis = Axis.of(lo, hi, unit, maxTicks);
            double widest = 0;
            for (String l : axis.labels) {
                widest = Math.max(widest, Xml.textWidth(l, Svg.FONT_SIZE));
            }
            if (axis.ticks.length * (widest + 14) <= plotW) {
                break;
            }
        }

        svg.raw("<g class=\"grid\">\n");
        for (int i = 0; i < axis.ticks.length; i++) {
            double px = left + axis.fraction(axis.ticks[i]) * plotW;
            svg.line(px, top, px, bottom, axis.ticks[i] == 0 ? Svg.AXIS : Svg.GRID, 1, "");
            svg.text(px, bottom + 16, "middle", Svg.MUTED, "", axis.labels[i]);
        }
        svg.raw("</g>\n");
        if (hasUnit) {
            svg.text(left + plotW / 2, h - 10, "middle", Svg.TEXT, "", Xml.fit(unit, Svg.FONT_SIZE, plotW));
        }

        double rowH = n == 0 ? 0 : (bottom - top) / n;
        double barH = Math.min(26, rowH * 0.72);
        double zero = left + axis.fraction(0) * plotW;
        svg.raw("<g class=\"bars\">\n");
        for (int i = 0; i < n; i++) {
            double cy = top + rowH * (i + 0.5);
            double y = cy - barH / 2;
            svg.text(PAD + labelW, cy + 4, "end", Svg.TEXT, "", Xml.fit(labels.get(i), Svg.FONT_SIZE, labelW));
            double posEnd = zero;
            double negEnd = zero;
            for (int j = 0; j < values[i].length; j++) {
                double v = values[i][j];
                if (!Double.isFinite(v) || v == 0) {
                    continue;
                }
                double len = Math.abs(axis.fraction(v) - axis.fraction(0)) * plotW;
                String tip = stacked
                        ? labels.get(i) + " / " + segments.get(j) + ": " + Units.format(v, unit)
                        : labels.get(i) + ": " + Units.format(v, unit);
                String color = stacked ? Palette.color(j) : Palette.color(0);
                if (v > 0) {
                    svg.rect(posEnd, y, len, barH, color, tip);
                    posEnd += len;
                } else {
                    negEnd -= len;
                    svg.rect(negEnd, y, len, barH, color, tip);
                }
            }
            boolean leftward = pos[i] == 0 && neg[i] < 0;
            svg.text(leftward ? negEnd - 5 : posEnd + 5, cy + 4, leftward ? "end" : "start", Svg.TEXT, "", valueText[i]);
        }
        svg.raw("</g>\n");
        if (n == 0) {
            svg.text(left + plotW / 2, (top + bottom) / 2, "middle", Svg.MUTED, "font-style=\"italic\"", "no data");
        }
        return svg.close();
    }
}
