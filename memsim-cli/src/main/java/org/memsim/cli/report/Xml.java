package org.memsim.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Text escaping and number printing shared by the SVG and HTML writers; output is always well-formed XML. */
final class Xml {
    private Xml() {
    }

    /**
     * Escapes text for use in XML element content and double- or single-quoted attributes. Characters
     * that XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD;
     * {@code null} becomes the empty string.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String rep;
            switch (c) {
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                case '&': rep = "&amp;"; break;
                case '"': rep = "&quot;"; break;
                case '\'': rep = "&#39;"; break;
                default:
                    rep = valid(s, i) ? null : "\uFFFD";
            }
            if (rep == null) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(n + 16).append(s, 0, i);
            }
            b.append(rep);
        }
        return b == null ? s : b.toString();
    }

    /** Whether the char at {@code i} may appear in an XML 1.0 document (surrogates only as a proper pair). */
    private static boolean valid(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return c != 0xFFFE && c != 0xFFFF;
    }

    /** A coordinate with at most one decimal, locale-independent ("12", "12.5", "-3"). */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long tenths = Math.round(v * 10);
        if (tenths % 10 == 0) {
            return Long.toString(tenths / 10);
        }
        return BigDecimal.valueOf(tenths, 1).toPlainString();
    }

    /** {@code v} rounded to {@code decimals} places, trailing zeros dropped, never "-0" nor exponent notation. */
    static String decimal(double v, int decimals) {
        BigDecimal d = new BigDecimal(v).setScale(Math.max(0, decimals), RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        return d.toPlainString();
    }

    /** A rough width in pixels of {@code text} in a proportional sans-serif font of {@code fontSize}. */
    static double textWidth(String text, double fontSize) {
        if (text == null) {
            return 0;
        }
        double w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            if ("il.,:;|'!I ".indexOf(c) >= 0) {
                w += 0.3;
            } else if ("mwMW@%".indexOf(c) >= 0) {
                w += 0.85;
            } else if (Character.isUpperCase(c) || Character.isDigit(c)) {
                w += 0.62;
            } else {
                w += 0.55;
            }
        }
        return w * fontSize;
    }

    /** Shortens {@code text} with an ellipsis so that it is at most about {@code maxWidth} pixels wide. */
    static String fit(String text, double fontSize, double maxWidth) {
        if (text == null) {
            return "";
        }
        if (textWidth(text, fontSize) <= maxWidth) {
            return text;
        }
        int end = text.length();
        while (end > 0 && textWidth(text.substring(0, end), fontSize) + 0.6 * fontSize > maxWidth) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
