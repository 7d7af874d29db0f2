package org.memsim.collections;

/**
 * Counts distinct {@code long} values: exactly up to {@code exactLimit} values (an open-addressing
 * set), then by HyperLogLog (Flajolet et al. 2007; 2^14 registers, about 0.8% standard error), so
 * memory stays bounded whatever the input.
 */
public final class DistinctCounter {
    private static final int P = 14;
    private static final int M = 1 << P;

    private final int exactLimit;
    private LongLongHashMap exact = new LongLongHashMap(64, 0);
    private byte[] registers;

    public DistinctCounter(int exactLimit) {
        this.exactLimit = exactLimit;
    }

    public void add(long value) {
        if (exact != null) {
            exact.put(value, 1);
            if (exact.size() > exactLimit) {
                registers = new byte[M];
                exact.forEach((k, v) -> addToSketch(k));
                exact = null;
            }
            return;
        }
        addToSketch(value);
    }

    private void addToSketch(long value) {
        long h = mix(value);
        int idx = (int) (h >>> (64 - P));
        long rest = h << P | (1L << (P - 1));
        int rank = Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[idx]) {
            registers[idx] = (byte) rank;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Whether {@link #count()} is exact. */
    public boolean isExact() {
        return exact != null;
    }

    /** The number of distinct values added (an estimate once past the exact limit). */
    public long count() {
        if (exact != null) {
            return exact.size();
        }
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double e = alpha * M * (double) M / sum;
        if (e <= 2.5 * M && zeros > 0) {
            e = M * Math.log((double) M / zeros);
        }
        return Math.round(e);
    }
}
