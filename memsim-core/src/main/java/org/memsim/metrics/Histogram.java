package org.memsim.metrics;

/**
 * A named distribution (request sizes, search lengths, simulated latencies) over HdrHistogram with
 * 3 significant digits: constant memory, exact counts, percentiles for reports.
 */
public final class Histogram {
    private final String name;
    private final String unit;
    private final org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);

    Histogram(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    /** Records a non-negative value (negative values are clamped to 0). */
    public void record(long value) {
        h.recordValue(Math.max(0, value));
    }

    public long count() {
        return h.getTotalCount();
    }

    public long percentile(double p) {
        return h.getValueAtPercentile(p);
    }

    public long max() {
        return h.getTotalCount() == 0 ? 0 : h.getMaxValue();
    }

    public long min() {
        return h.getTotalCount() == 0 ? 0 : h.getMinValue();
    }

    public double mean() {
        return h.getTotalCount() == 0 ? 0 : h.getMean();
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }
}
