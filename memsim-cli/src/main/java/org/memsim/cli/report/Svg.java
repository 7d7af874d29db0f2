package org.memsim.cli.report;

/** A small builder of SVG markup shared by the chart renderers; every text it is given is escaped. */
final class Svg {
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    static final double FONT_SIZE = 12;
    static final double TITLE_SIZE = 15;
    static final String TEXT = "#222";
    static final String MUTED = "#555";
    static final String GRID = "#e4e4e4";
    static final String AXIS = "#888";

    private final StringBuilder b = new StringBuilder(4096);

    /** Opens an {@code <svg>} of {@code w} x {@code h} with a white background and an accessible {@code <title>}. */
    Svg(String cssClass, int w, int h, String title) {
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cssClass)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" role=\"img\" font-family=\"").append(Xml.escape(FONT))
                .append("\" font-size=\"").append(Xml.num(FONT_SIZE)).append("\">\n");
        b.append("<title>").append(Xml.escape(title)).append("</title>\n");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" fill=\"#ffffff\"/>\n");
    }

    /** Appends raw markup (the caller escapes). */
    Svg raw(String s) {
        b.append(s);
        return this;
    }

    /** A text element; {@code anchor} is start, middle or end; {@code extra} raw attributes or empty. */
    Svg text(double x, double y, String anchor, String fill, String extra, String text) {
        b.append("<text x=\"").append(Xml.num(x)).append("\" y=\"").append(Xml.num(y)).append('"');
        if (!"start".equals(anchor)) {
            b.append(" text-anchor=\"").append(anchor).append('"');
        }
        b.append(" fill=\"").append(fill).append('"');
        if (!extra.isEmpty()) {
            b.append(' ').append(extra);
        }
        b.append('>').append(Xml.escape(text)).append("</text>\n");
        return this;
    }

    /** The chart title, bold, at the top left. */
    Svg title(double x, double y, String title, double maxWidth) {
        return text(x, y, "start", TEXT, "font-size=\"" + Xml.num(TITLE_SIZE) + "\" font-weight=\"600\"",
                Xml.fit(title, TITLE_SIZE, maxWidth));
    }

    /** A straight line; {@code extra} raw attributes or empty. */
    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String extra) {
        b.append("<line x1=\"").append(Xml.num(x1)).append("\" y1=\"").append(Xml.num(y1))
                .append("\" x2=\"").append(Xml.num(x2)).append("\" y2=\"").append(Xml.num(y2))
                .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(Xml.num(width)).append('"');
        if (!extra.isEmpty()) {
            b.append(' ').append(extra);
        }
        b.append("/>\n");
        return this;
    }

    /** A filled rectangle, optionally with a hover tooltip ({@code tooltip} null for none). */
    Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        b.append("<rect x=\"").append(Xml.num(x)).append("\" y=\"").append(Xml.num(y))
                .append("\" width=\"").append(Xml.num(Math.max(0, w))).append("\" height=\"")
                .append(Xml.num(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
        if (tooltip == null) {
            b.append("/>\n");
        } else {
            b.append("><title>").append(Xml.escape(tooltip)).append("</title></rect>\n");
        }
        return this;
    }

    /**
     * A legend of {@code names} in {@code colors} (null: the palette's), laid out in rows from {@code (x0, y0)} (first baseline)
     * and wrapped before {@code maxX}; swatches are short lines ({@code lines}) or squares. Returns the
     * baseline of the last row, or {@code y0 - rowHeight} if there are no names.
     */
    double legend(java.util.List<String> names, java.util.List<String> colors, double x0, double y0, double maxX,
            boolean lines) {
        final double rowHeight = 18;
        if (names.isEmpty()) {
            return y0 - rowHeight;
        }
        b.append("<g class=\"legend\">\n");
        double x = x0;
        double y = y0;
        for (int i = 0; i < names.size(); i++) {
            String name = Xml.fit(names.get(i), FONT_SIZE, maxX - x0 - 30);
            double itemW = 22 + Xml.textWidth(name, FONT_SIZE) + 16;
            if (x > x0 && x + itemW > maxX) {
                x = x0;
                y += rowHeight;
            }
            if (lines) {
                String dash = Palette.dash(i);
                line(x, y - 4, x + 18, y - 4, Palette.color(i), 3,
                        dash == null ? "" : "stroke-dasharray=\"" + dash + "\"");
            } else {
                rect(x + 4, y - 10, 11, 11, colors == null ? Palette.color(i) : colors.get(i), null);
            }
            text(x + 22, y, "start", TEXT, "", name);
            x += itemW;
        }
        b.append("</g>\n");
        return y;
    }

    /** Closes the element and returns the markup. */
    String close() {
        return b.append("</svg>\n").toString();
    }
}
