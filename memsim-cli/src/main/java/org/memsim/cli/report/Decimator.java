package org.memsim.cli.report;

import java.util.Arrays;

/**
 * Thins a polyline to about one point per pixel column: of each run of consecutive points that fall
 * in the same column only the minimum and the maximum are kept (in their original order), so spikes survive.
 */
final class Decimator {
    private Decimator() {
    }

    /**
     * The indices in {@code [from, to)} to draw when x values in {@code [xMin, xMax]} are spread over
     * {@code columns} pixel columns; ascending.
     */
    static int[] keep(long[] x, double[] y, int from, int to, double xMin, double xMax, int columns) {
        int[] out = new int[Math.max(0, to - from)];
        int n = 0;
        int cols = Math.max(1, columns);
        double span = xMax - xMin;
        int col = -1;
        int lo = -1;
        int hi = -1;
        for (int i = from; i < to; i++) {
            int c = span > 0 ? (int) Math.min(cols - 1, Math.max(0, Math.floor((x[i] - xMin) / span * cols))) : 0;
            if (c != col) {
                n = flush(out, n, lo, hi);
                col = c;
                lo = i;
                hi = i;
            } else {
                if (y[i] < y[lo]) {
                    lo = i;
                }
                if (y[i] > y[hi]) {
                    hi = i;
                }
            }
        }
        n = flush(out, n, lo, hi);
        return Arrays.copyOf(out, n);
    }

    private static int flush(int[] out, int n, int lo, int hi) {
        if (lo < 0) {
            return n;
        }
        out[n++] = Math.min(lo, hi);
        if (lo != hi) {
            out[n++] = Math.max(lo, hi);
        }
        return n;
    }
}
