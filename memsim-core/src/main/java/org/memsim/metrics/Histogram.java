package org.memsim.metrics;

/**
 * A named distribution (request sizes, search lengths, simulated latencies) over HdrHistogram with
 * 3 significant digits: constant memory, exact count, min, max and mean; percentiles exact to 3
 * significant digits, reported as the lowest value of their bucket (so 4096 reads 4096, not 4099).
 */
public final class Histogram {
    private final String name;
    private final String unit;
    private final org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;

    Histogram(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    /** Records a non-negative value (negative values are clamped to 0). */
    public void record(long value) {
        long v = Math.max(0, value);
        h.recordValue(v);
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    public long count() {
        return h.getTotalCount();
    }

    public long percentile(double p) {
        if (h.getTotalCount() == 0) {
            return 0;
        }
        long v = h.lowestEquivalentValue(h.getValueAtPercentile(p));
        return Math.max(min, Math.min(max, v));
    }

    public long max() {
        return h.getTotalCount() == 0 ? 0 : max;
    }

    public long min() {
        return h.getTotalCount() == 0 ? 0 : min;
    }

    public double mean() {
        return h.getTotalCount() == 0 ? 0 : sum / h.getTotalCount();
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }
}
