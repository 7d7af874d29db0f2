package org.memsim.cli.report;

/**
 * A numeric axis: "nice" ticks (1, 2 or 5 times a power of ten, in the unit's display prefix so
 * that byte axes step by 256 KiB rather than 250000), the domain they span, and their labels.
 */
final class Axis {
    /** Values beyond this are clamped so that differences of two values stay finite. */
    static final double LIMIT = 1e300;

    final double min;
    final double max;
    final double step;
    final double[] ticks;
    final String[] labels;

    private Axis(double min, double max, double step, double[] ticks, String[] labels) {
        this.min = min;
        this.max = max;
        this.step = step;
        this.ticks = ticks;
        this.labels = labels;
    }

    /**
     * An axis covering {@code [lo, hi]} with at most {@code maxTicks} (2..10; 3 if the range straddles
     * zero) ticks labelled for {@code unit}.
     */
    static Axis of(double lo, double hi, String unit, int maxTicks) {
        return of(lo, hi, unit, maxTicks, false);
    }

    /** As {@link #of(double, double, String, int)}; {@code integral} values never get a step below 1. */
    static Axis of(double lo, double hi, String unit, int maxTicks, boolean integral) {
        double[] range = widen(lo, hi);
        double magnitude = Math.max(Math.abs(range[0]), Math.abs(range[1]));
        int scale = Units.scaleIndex(magnitude, unit);
        if (Units.kind(unit) == Units.Kind.COUNT && scale == 1 && magnitude < 10 * Units.factor(unit, scale)) {
            scale--; // "800, 1000" reads better than "0.8k, 1k"
        }
        double f = Units.factor(unit, scale);
        double[] t = niceTicks(range[0] / f, range[1] / f, maxTicks, integral ? 1 / f : 0);
        double step = (t[1] - t[0]) * f;
        double[] ticks = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            ticks[i] = t[i] * f;
        }
        double min = Math.min(ticks[0], range[0]);
        double max = Math.max(ticks[ticks.length - 1], range[1]);
        return new Axis(min, max, step, ticks, Units.tickLabels(ticks, step, unit, scale));
    }

    /** Position of {@code v} along the axis as a fraction, 0 at {@link #min} and 1 at {@link #max}. */
    double fraction(double v) {
        double c = Math.max(-LIMIT, Math.min(LIMIT, v));
        return (c - min) / (max - min);
    }

    /** A finite, non-empty range containing {@code lo} and {@code hi}. */
    static double[] widen(double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return new double[] {0, 1};
        }
        lo = Math.max(-LIMIT, Math.min(LIMIT, lo));
        hi = Math.max(-LIMIT, Math.min(LIMIT, hi));
        if (lo > hi) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        double mag = Math.max(Math.abs(lo), Math.abs(hi));
        if (hi - lo <= mag * 1e-9 || hi - lo < 1e-200) {
            if (mag < 1e-200) {
                return new double[] {0, 1};
            }
            double d = mag * 0.1;
            return new double[] {lo == 0 ? 0 : lo - d, hi == 0 ? 0 : hi + d};
        }
        return new double[] {lo, hi};
    }

    /**
     * Ticks at multiples of the smallest step of the form {1, 2, 5} x 10^k for which at most
     * {@code maxTicks} multiples cover {@code [lo, hi]}; {@code lo < hi} and both finite. A range
     * that straddles zero always gets at least three ticks (two cannot cover it).
     */
    static double[] niceTicks(double lo, double hi, int maxTicks) {
        return niceTicks(lo, hi, maxTicks, 0);
    }

    /** As {@link #niceTicks(double, double, int)} with steps of at least {@code minStep}. */
    static double[] niceTicks(double lo, double hi, int maxTicks, double minStep) {
        int max = Math.max(lo < 0 && hi > 0 ? 3 : 2, Math.min(10, maxTicks));
        double raw = (hi - lo) / (max - 1);
        int exp = (int) Math.floor(Math.log10(raw));
        for (int e = exp; ; e++) {
            double p = Math.pow(10, Math.abs(e));
            for (int m : new int[] {1, 2, 5}) {
                double step = e >= 0 ? m * p : m / p;
                if (step < minStep * (1 - 1e-9)) {
                    continue;
                }
                double first = Math.floor(lo / step + 1e-9);
                double last = Math.ceil(hi / step - 1e-9);
                if (last <= first) {
                    last = first + 1; // rounding put lo and hi on one multiple; the range still needs two ticks
                }
                double count = last - first + 1;
                if (count <= max) {
                    double[] t = new double[(int) count];
                    for (int i = 0; i < t.length; i++) {
                        double v = e >= 0 ? (first + i) * m * p : (first + i) * m / p;
                        t[i] = v == 0 ? 0 : v;
                    }
                    return t;
                }
            }
        }
    }
}
