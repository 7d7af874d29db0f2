package org.memsim.metrics;

/**
 * A named distribution (request sizes, search lengths, simulated latencies) over HdrHistogram with
 * 3 significant digits: constant memory, exact count, min, max and mean; percentiles exact to 3
 * significant digits, reported as the lowest value of their bucket (so 4096 reads 4096, not 4099).
 */
public final class Histogram {
    private final String name;
    private final String unit;
    private static final int SMALL = 1024;

    private final org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
    private final long[] small = new long[SMALL]; // exact counts of values below 1024, folded in lazily
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;

    Histogram(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    /** Records a non-negative value (negative values are clamped to 0). */
    public void record(long value) {
        if (value >= 0 && value < SMALL) {
            // the hot path (search and free-list lengths, sizes): count, min, max and sum wait for fold()
            small[(int) value]++;
        } else {
            recordLarge(Math.max(0, value));
        }
    }

    private void recordLarge(long v) {
        h.recordValue(v);
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    /**
     * Moves the small-value counts into the HdrHistogram, min, max and sum before a read (reads are
     * rare: a scan of the 1024 counts each time keeps a "something to fold" flag off the hot path).
     */
    private void fold() {
        for (int i = 0; i < SMALL; i++) {
            long n = small[i];
            if (n != 0) {
                h.recordValueWithCount(i, n);
                min = Math.min(min, i);
                max = Math.max(max, i);
                sum += (double) i * n;
                small[i] = 0;
            }
        }
    }

    public long count() {
        long n = h.getTotalCount();
        for (long c : small) { // counted without folding, so reads change nothing (the order sum is added in stays the same)
            n += c;
        }
        return n;
    }

    public long percentile(double p) {
        fold();
        if (h.getTotalCount() == 0) {
            return 0;
        }
        long v = h.lowestEquivalentValue(h.getValueAtPercentile(p));
        return Math.max(min, Math.min(max, v));
    }

    public long max() {
        fold();
        return count() == 0 ? 0 : max;
    }

    public long min() {
        fold();
        return count() == 0 ? 0 : min;
    }

    public double mean() {
        fold();
        return count() == 0 ? 0 : sum / count();
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }
}
