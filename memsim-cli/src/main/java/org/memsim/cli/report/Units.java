package org.memsim.cli.report;

import java.util.Locale;

/**
 * Human-readable numbers by unit: bytes in powers of 1024 (B, KiB, MiB, ...), nanoseconds as
 * ns/µs/ms/s, percentages with a {@code %}, and any other unit as a plain count with SI suffixes (12k, 3.4M).
 */
public final class Units {
    private static final double[] BYTE_FACTORS = {1, 0x1p10, 0x1p20, 0x1p30, 0x1p40, 0x1p50, 0x1p60};
    private static final String[] BYTE_SUFFIXES = {" B", " KiB", " MiB", " GiB", " TiB", " PiB", " EiB"};
    private static final double[] NS_FACTORS = {1, 1e3, 1e6, 1e9};
    private static final String[] NS_SUFFIXES = {" ns", " \u00b5s", " ms", " s"};
    private static final double[] COUNT_FACTORS = {1, 1e3, 1e6, 1e9, 1e12, 1e15, 1e18};
    private static final String[] COUNT_SUFFIXES = {"", "k", "M", "G", "T", "P", "E"};
    private static final double[] ONE = {1};
    private static final String[] PERCENT = {"%"};

    private Units() {
    }

    /** The kinds of unit that format differently. */
    enum Kind { BYTES, NANOS, PERCENT, COUNT }

    /** Which formatting family {@code unit} belongs to; unknown or empty units count things. */
    static Kind kind(String unit) {
        if (unit == null) {
            return Kind.COUNT;
        }
        switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "bytes": case "byte": case "b":
                return Kind.BYTES;
            case "ns": case "nanoseconds":
                return Kind.NANOS;
            case "%": case "percent":
                return Kind.PERCENT;
            default:
                return Kind.COUNT;
        }
    }

    private static double[] factors(Kind k) {
        switch (k) {
            case BYTES: return BYTE_FACTORS;
            case NANOS: return NS_FACTORS;
            case PERCENT: return ONE;
            default: return COUNT_FACTORS;
        }
    }

    private static String[] suffixes(Kind k) {
        switch (k) {
            case BYTES: return BYTE_SUFFIXES;
            case NANOS: return NS_SUFFIXES;
            case PERCENT: return PERCENT;
            default: return COUNT_SUFFIXES;
        }
    }

    /** The index of the largest prefix whose factor does not exceed {@code magnitude} (0 below one unit). */
    static int scaleIndex(double magnitude, String unit) {
        double[] f = factors(kind(unit));
        if (magnitude / f[f.length - 1] >= PLAIN_LIMIT) {
            return 0; // astronomical: the base unit with an exponent reads better than "1e282E"
        }
        int i = 0;
        while (i + 1 < f.length && magnitude >= f[i + 1]) {
            i++;
        }
        return i;
    }

    /** The multiplier of prefix {@code index} of {@code unit} (1024 for KiB, 1e6 for M, ...). */
    static double factor(String unit, int index) {
        return factors(kind(unit))[index];
    }

    /**
     * Formats one value with about three significant digits and the prefix that suits its size:
     * {@code format(1536, "bytes")} is "1.5 KiB", {@code format(3_400_000, "pages")} is "3.4M",
     * {@code format(2.5e6, "ns")} is "2.5 ms", {@code format(12.5, "%")} is "12.5%". Counts carry no
     * unit name (the chart or table says what is counted); NaN and infinities print as "n/a".
     */
    public static String format(double value, String unit) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        Kind k = kind(unit);
        double[] f = factors(k);
        String[] s = suffixes(k);
        double abs = Math.abs(value);
        int i = scaleIndex(abs, unit);
        while (true) {
            double scaled = abs / f[i];
            int decimals = scaled >= 100 ? 0 : scaled >= 10 ? 1 : scaled >= 1 ? 2
                    : Math.min(12, 2 - (int) Math.floor(Math.log10(Math.max(scaled, 1e-300))));
            if (scaled == 0) {
                decimals = 0;
            }
            String digits = scaled >= PLAIN_LIMIT ? scientific(scaled, 2) : Xml.decimal(scaled, decimals);
            double base = i + 1 < f.length ? f[i + 1] / f[i] : Double.POSITIVE_INFINITY;
            if (i + 1 < f.length && scaled < PLAIN_LIMIT && Double.parseDouble(digits) >= base) {
                i++;
                continue;
            }
            String sign = value < 0 && !"0".equals(digits) ? "-" : "";
            return sign + digits + s[i];
        }
    }

    /**
     * Labels for a row of evenly spaced axis ticks: one shared prefix ({@code scale}, an index as from
     * {@link #scaleIndex}), as many decimals as the step needs so that neighbouring labels differ, and
     * zero printed in the base unit ("0 B", "0", "0 ns", "0%").
     */
    static String[] tickLabels(double[] ticks, double step, String unit, int scale) {
        Kind k = kind(unit);
        String[] s = suffixes(k);
        int i = Math.max(0, Math.min(scale, factors(k).length - 1));
        double f = factors(k)[i];
        int decimals = decimalsFor(ticks, step, f);
        String[] out = new String[ticks.length];
        int stepExp = (int) Math.floor(Math.log10(Math.abs(step / f)));
        for (int j = 0; j < ticks.length; j++) {
            double v = ticks[j] / f;
            String digits = Math.abs(v) >= PLAIN_LIMIT
                    ? scientific(v, (int) Math.floor(Math.log10(Math.abs(v))) - stepExp)
                    : Xml.decimal(v, decimals);
            out[j] = "0".equals(digits) ? "0" + s[0] : digits + s[i];
        }
        return out;
    }

    /** From this magnitude on a number is printed as mantissa and exponent ("1.5e20") rather than in full. */
    private static final double PLAIN_LIMIT = 1e15;

    /** {@code v} (finite, |v| >= 1) as a mantissa with {@code decimals} places and a decimal exponent. */
    static String scientific(double v, int decimals) {
        int exp = (int) Math.floor(Math.log10(Math.abs(v)));
        int d = Math.max(0, Math.min(15, decimals));
        String m = Xml.decimal(v / Math.pow(10, exp), d);
        if (Math.abs(Double.parseDouble(m)) >= 10) {
            exp++;
            m = Xml.decimal(v / Math.pow(10, exp), d);
        }
        return m + "e" + exp;
    }

    private static int decimalsFor(double[] ticks, double step, double f) {
        double tolerance = Math.abs(step / f) * 1e-6;
        for (int d = 0; d < 30; d++) {
            boolean exact = true;
            for (double t : ticks) {
                double scaled = t / f;
                if (Math.abs(Double.parseDouble(Xml.decimal(scaled, d)) - scaled) > tolerance) {
                    exact = false;
                    break;
                }
            }
            if (exact) {
                return d;
            }
        }
        return 30;
    }
}
