package org.memsim.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws an address range as a memory map: rows of a fixed power-of-two size split into cells coloured by
 * the kind of byte covering most of each (never used, header, payload, free, padding), plus a legend.
 */
public final class HeapMapSvg {
    /** Span kind: bytes never handed out (also any byte no span covers). */
    public static final byte NEVER_USED = 0;
    /** Span kind: allocator headers and other metadata. */
    public static final byte METADATA = 1;
    /** Span kind: bytes given to the program. */
    public static final byte PAYLOAD = 2;
    /** Span kind: bytes on a free list, ready for reuse. */
    public static final byte FREE = 3;
    /** Span kind: padding and other internal fragmentation. */
    public static final byte PADDING = 4;

    static final String[] KIND_NAMES = {"never used", "header/metadata", "payload", "free", "padding"};
    static final String[] KIND_COLORS = {"#e6e6e6", "#0072B2", "#56B4E9", "#F0E442", "#D55E00"};
    static final int MAX_ROWS = 48;
    /** Cells per row at most: about 3 px each at 900 px, enough to see holes, and a bounded file size. */
    static final int MAX_CELLS = 256;
    static final long MIN_ROW_BYTES = 64;
    private static final double PAD = 14;
    private static final double ROW_HEIGHT = 13;
    private static final double ROW_GAP = 2;
    private static final double MONO_SIZE = 11;
    private static final String MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

    private HeapMapSvg() {
    }

    /**
     * The map of {@code [start, end)} as an {@code <svg>} {@code width} px wide (at least 320); its height
     * follows from the number of rows (at most 48). Span {@code i} is {@code [spanStarts[i], spanEnds[i])} of
     * kind {@code spanKinds[i]} (0..4, see the constants); spans may be unsorted and reach outside the range
     * (they are clipped); where spans overlap, their bytes add up per kind.
     *
     * @throws IllegalArgumentException if {@code end < start}, the arrays differ in length, a span ends
     *     before it starts or a kind is not 0..4
     */
    public static String render(String title, long start, long end, long[] spanStarts, long[] spanEnds,
            byte[] spanKinds, int width) {
        Layout g = layout(start, end, spanStarts, spanEnds, spanKinds);
        int w = Math.max(320, width);
        String endHex = Long.toHexString(Math.max(start, end - 1));
        int digits = Math.max(4, endHex.length());
        double labelW = (digits + 2) * MONO_SIZE * 0.62 + 10;
        double left = PAD + labelW;
        double plotW = w - PAD - left;
        int cells = (int) Math.min(Math.min(g.bytesPerRow, MAX_CELLS), Long.highestOneBit((long) Math.max(1, plotW)));
        long cellBytes = g.bytesPerRow / cells;
        long[] cover = coverage(g, cells, cellBytes, spanStarts, spanEnds, spanKinds);

        long[] totals = new long[KIND_NAMES.length];
        for (int c = 0; c < cover.length / KIND_NAMES.length; c++) {
            for (int k = 0; k < KIND_NAMES.length; k++) {
                totals[k] += cover[c * KIND_NAMES.length + k];
            }
        }
        List<String> legend = new ArrayList<>();
        for (int k = 0; k < KIND_NAMES.length; k++) {
            String share = g.total == 0 ? "" : " (" + Xml.decimal(100.0 * totals[k] / g.total, 1) + "%)";
            legend.add(KIND_NAMES[k] + " " + Units.format(totals[k], "bytes") + share);
        }

        double legendTop = PAD + 46;
        Svg measure = new Svg("x", w, 100, "");
        double legendBottom = measure.legend(legend, List.of(KIND_COLORS), PAD, legendTop, w - PAD, false);
        double rowsTop = legendBottom + 28;
        int h = (int) Math.ceil(rowsTop + Math.max(1, g.rows) * (ROW_HEIGHT + ROW_GAP) + PAD);

        Svg svg = new Svg("chart heap-map", w, h, title);
        svg.title(PAD, PAD + 8, title, w - 2 * PAD);
        String info = g.total == 0 ? "empty range at 0x" + Long.toHexString(start)
                : "0x" + Long.toHexString(start) + " \u2013 0x" + Long.toHexString(end) + ", "
                        + Units.format(g.total, "bytes") + "; " + Units.format(g.bytesPerRow, "bytes")
                        + " per row, " + Units.format(cellBytes, "bytes") + " per cell";
        svg.text(PAD, PAD + 26, "start", Svg.MUTED, "font-size=\"11\"", Xml.fit(info, 11, w - 2 * PAD));
        svg.legend(legend, List.of(KIND_COLORS), PAD, legendTop, w - PAD, false);

        if (g.total == 0) {
            svg.text(w / 2.0, rowsTop + 10, "middle", Svg.MUTED, "font-style=\"italic\"", "empty range");
            return svg.close();
        }
        // Offsets within a row along the top.
        svg.raw("<g class=\"offsets\">\n");
        for (int q = 0; q <= 4; q++) {
            double x = left + plotW * q / 4;
            String anchor = q == 0 ? "start" : q == 4 ? "end" : "middle";
            svg.text(x, rowsTop - 6, anchor, Svg.MUTED, "font-size=\"11\"",
                    "+" + Units.format(g.bytesPerRow * q / 4.0, "bytes"));
        }
        svg.raw("</g>\n");

        double cellW = plotW / cells;
        svg.raw("<g class=\"rows\" shape-rendering=\"crispEdges\">\n");
        for (int r = 0; r < g.rows; r++) {
            double y = rowsTop + r * (ROW_HEIGHT + ROW_GAP);
            long rowOffset = r * g.bytesPerRow;
            svg.text(left - 6, y + ROW_HEIGHT - 3, "end", Svg.MUTED,
                    "font-family=\"" + Xml.escape(MONO) + "\" font-size=\"" + Xml.num(MONO_SIZE) + "\"",
                    "0x" + pad(Long.toHexString(start + rowOffset), digits));
            int inRow = (int) Math.min(cells, ceilDiv(g.total - rowOffset, cellBytes));
            int c = 0;
            while (c < inRow) {
                int kind = dominant(cover, r * cells + c);
                int e = c + 1;
                while (e < inRow && dominant(cover, r * cells + e) == kind) {
                    e++;
                }
                double x0 = left + c * cellW;
                double x1 = left + (double) Math.min(e * cellBytes, g.total - rowOffset) / g.bytesPerRow * plotW;
                svg.raw("<rect class=\"kind-" + kind + "\" x=\"" + Xml.num(x0) + "\" y=\"" + Xml.num(y)
                        + "\" width=\"" + Xml.num(x1 - x0) + "\" height=\"" + Xml.num(ROW_HEIGHT)
                        + "\" fill=\"" + KIND_COLORS[kind] + "\"/>\n");
                c = e;
            }
        }
        svg.raw("</g>\n");
        return svg.close();
    }

    /** Rows and their size for a range; validates the arguments. */
    static final class Layout {
        final long start;
        final long total;
        final long bytesPerRow;
        final int rows;

        Layout(long start, long total, long bytesPerRow, int rows) {
            this.start = start;
            this.total = total;
            this.bytesPerRow = bytesPerRow;
            this.rows = rows;
        }
    }

    static Layout layout(long start, long end, long[] spanStarts, long[] spanEnds, byte[] spanKinds) {
        if (end < start) {
            throw new IllegalArgumentException("range ends before it starts: [" + start + ", " + end + ")");
        }
        long total;
        try {
            total = Math.subtractExact(end, start);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("range too large: [" + start + ", " + end + ")", e);
        }
        if (spanStarts.length != spanEnds.length || spanStarts.length != spanKinds.length) {
            throw new IllegalArgumentException("span arrays differ in length: " + spanStarts.length + ", "
                    + spanEnds.length + ", " + spanKinds.length);
        }
        for (int i = 0; i < spanStarts.length; i++) {
            if (spanEnds[i] < spanStarts[i]) {
                throw new IllegalArgumentException("span " + i + " ends before it starts: [" + spanStarts[i]
                        + ", " + spanEnds[i] + ")");
            }
            if (spanKinds[i] < 0 || spanKinds[i] >= KIND_NAMES.length) {
                throw new IllegalArgumentException("span " + i + " has unknown kind " + spanKinds[i]);
            }
        }
        long perRow = Math.max(MIN_ROW_BYTES, nextPowerOfTwo(ceilDiv(total, MAX_ROWS)));
        int rows = (int) ceilDiv(total, perRow);
        return new Layout(start, total, perRow, rows);
    }

    /**
     * Bytes of each kind per cell: element {@code cell * 5 + kind}. Bytes no span covers count as
     * never used; cells past the end of the range hold nothing.
     */
    static long[] coverage(Layout g, int cellsPerRow, long cellBytes, long[] spanStarts, long[] spanEnds,
            byte[] spanKinds) {
        int kinds = KIND_NAMES.length;
        int n = g.rows * cellsPerRow;
        long[] cover = new long[n * kinds];
        long[] full = new long[(n + 1) * kinds];
        long end = g.start + g.total;
        for (int i = 0; i < spanStarts.length; i++) {
            long a = Math.max(spanStarts[i], g.start) - g.start;
            long b = Math.min(spanEnds[i], end) - g.start;
            if (a >= b) {
                continue;
            }
            int k = spanKinds[i];
            int ca = (int) (a / cellBytes);
            int cb = (int) ((b - 1) / cellBytes);
            if (ca == cb) {
                cover[ca * kinds + k] += b - a;
                continue;
            }
            cover[ca * kinds + k] += (ca + 1L) * cellBytes - a;
            cover[cb * kinds + k] += b - (long) cb * cellBytes;
            full[(ca + 1) * kinds + k] += cellBytes;
            full[cb * kinds + k] -= cellBytes;
        }
        long[] run = new long[kinds];
        for (int c = 0; c < n; c++) {
            long capacity = Math.max(0, Math.min(cellBytes, g.total - (long) c * cellBytes));
            long used = 0;
            for (int k = 1; k < kinds; k++) {
                run[k] += full[c * kinds + k];
                cover[c * kinds + k] += run[k];
                used += cover[c * kinds + k];
            }
            cover[c * kinds] = Math.max(0, capacity - used);
        }
        return cover;
    }

    /** The kind covering most bytes of {@code cell}; ties go to the higher kind number. */
    static int dominant(long[] cover, int cell) {
        int kinds = KIND_NAMES.length;
        int best = 0;
        for (int k = 1; k < kinds; k++) {
            if (cover[cell * kinds + k] >= cover[cell * kinds + best]) {
                best = k;
            }
        }
        return best;
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a - 1) / b + 1;
    }

    private static long nextPowerOfTwo(long v) {
        return v <= 1 ? 1 : Long.highestOneBit(v - 1) << 1;
    }

    private static String pad(String hex, int digits) {
        StringBuilder b = new StringBuilder(digits);
        for (int i = hex.length(); i < digits; i++) {
            b.append('0');
        }
        return b.append(hex).toString();
    }
}
