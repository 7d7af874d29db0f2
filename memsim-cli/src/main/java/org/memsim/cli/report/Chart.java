package org.memsim.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable line chart: a title, an x-axis label and unit, a y unit ("bytes", "pages", "ns", "%", ...),
 * series of (x, y) points and optional horizontal reference lines such as a memory limit.
 */
public final class Chart {
    private final String title;
    private final String xLabel;
    private final String xUnit;
    private final String unit;
    private final List<Series> series;
    private final List<ReferenceLine> references;

    private Chart(Builder b) {
        title = b.title;
        xLabel = b.xLabel;
        xUnit = b.xUnit;
        unit = b.unit;
        series = List.copyOf(b.series);
        references = List.copyOf(b.references);
    }

    /** Starts a chart with {@code title}, x label "events", counts on both axes, no series. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** A chart of the given series over "events" in {@code unit}. */
    public static Chart of(String title, String unit, Series... series) {
        Builder b = builder(title).unit(unit);
        for (Series s : series) {
            b.series(s);
        }
        return b.build();
    }

    /** The chart's title. */
    public String title() {
        return title;
    }

    /** The label under the x axis (usually "events"). */
    public String xLabel() {
        return xLabel;
    }

    /** The unit x values are formatted in (empty: a count). */
    public String xUnit() {
        return xUnit;
    }

    /** The unit y values are formatted in. */
    public String unit() {
        return unit;
    }

    /** The series, in legend order. */
    public List<Series> series() {
        return series;
    }

    /** The horizontal reference lines. */
    public List<ReferenceLine> references() {
        return references;
    }

    /** One named line of a chart: points (x[i], y[i]); a non-finite y leaves a gap. */
    public static final class Series {
        private final String name;
        private final long[] x;
        private final double[] y;
        private final boolean integral;

        private Series(String name, long[] x, double[] y, boolean integral) {
            this.name = Objects.requireNonNull(name, "name");
            this.x = x;
            this.y = y;
            this.integral = integral;
        }

        /** A series of whole-number values; {@code x} and {@code y} must be equally long (they are copied). */
        public static Series of(String name, long[] x, long[] y) {
            checkLengths(x.length, y.length);
            double[] d = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                d[i] = y[i];
            }
            return new Series(name, x.clone(), d, true);
        }

        /** A series of real values; {@code x} and {@code y} must be equally long (they are copied). */
        public static Series of(String name, long[] x, double[] y) {
            checkLengths(x.length, y.length);
            return new Series(name, x.clone(), y.clone(), false);
        }

        private static void checkLengths(int x, int y) {
            if (x != y) {
                throw new IllegalArgumentException("series needs as many x as y values, got " + x + " and " + y);
            }
        }

        /** The name shown in the legend. */
        public String name() {
            return name;
        }

        /** The number of points. */
        public int size() {
            return x.length;
        }

        /** The x value of point {@code i}. */
        public long x(int i) {
            return x[i];
        }

        /** The y value of point {@code i}. */
        public double y(int i) {
            return y[i];
        }

        /** Whether the values are whole numbers (made from {@code long[]}), so axis steps below 1 make no sense. */
        public boolean integral() {
            return integral;
        }

        long[] xs() {
            return x;
        }

        double[] ys() {
            return y;
        }

        @Override
        public String toString() {
            return "Series[" + name + ", " + x.length + " points]";
        }
    }

    /** A dashed horizontal line at {@code value} (in the chart's y unit), labelled {@code label}. */
    public record ReferenceLine(String label, double value) {
        /** Checks the label is present. */
        public ReferenceLine {
            Objects.requireNonNull(label, "label");
        }
    }

    /** Collects a chart's parts; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final String title;
        private String xLabel = "events";
        private String xUnit = "";
        private String unit = "";
        private final List<Series> series = new ArrayList<>();
        private final List<ReferenceLine> references = new ArrayList<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** Sets the label under the x axis. */
        public Builder xLabel(String label) {
            xLabel = Objects.requireNonNull(label, "label");
            return this;
        }

        /** Sets the unit x values are formatted in (default: a count, as for events). */
        public Builder xUnit(String u) {
            xUnit = Objects.requireNonNull(u, "unit");
            return this;
        }

        /** Sets the y unit: "bytes", "pages", "faults", "ns", "%" or any other name. */
        public Builder unit(String u) {
            unit = Objects.requireNonNull(u, "unit");
            return this;
        }

        /** Adds a series. */
        public Builder series(Series s) {
            series.add(Objects.requireNonNull(s, "series"));
            return this;
        }

        /** Adds a series of whole-number values. */
        public Builder series(String name, long[] x, long[] y) {
            return series(Series.of(name, x, y));
        }

        /** Adds a series of real values. */
        public Builder series(String name, long[] x, double[] y) {
            return series(Series.of(name, x, y));
        }

        /** Adds a dashed horizontal reference line. */
        public Builder reference(String label, double value) {
            references.add(new ReferenceLine(label, value));
            return this;
        }

        /** The immutable chart. */
        public Chart build() {
            return new Chart(this);
        }
    }

    @Override
    public String toString() {
        return "Chart[" + title + ", " + series + ", references=" + Arrays.toString(references.toArray()) + "]";
    }
}
