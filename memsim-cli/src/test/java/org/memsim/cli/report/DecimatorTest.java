package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DecimatorTest {

    private static long[] range(int n) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    @Test
    void keepsASingleSampleSpikeAndDip() {
        int n = 100_000;
        long[] x = range(n);
        double[] y = new double[n];
        Arrays.fill(y, 10);
        y[54_321] = 1e9;
        y[77_777] = -5;
        int[] keep = Decimator.keep(x, y, 0, n, 0, n - 1, 500);
        assertTrue(keep.length <= 2 * 500, "kept " + keep.length);
        assertTrue(Arrays.binarySearch(keep, 54_321) >= 0, "spike lost");
        assertTrue(Arrays.binarySearch(keep, 77_777) >= 0, "dip lost");
        for (int i = 1; i < keep.length; i++) {
            assertTrue(keep[i] > keep[i - 1], "indices not ascending");
        }
    }

    @Test
    void flatDataNeedsOnePointPerColumn() {
        int n = 10_000;
        double[] y = new double[n];
        int[] keep = Decimator.keep(range(n), y, 0, n, 0, n - 1, 100);
        assertEquals(100, keep.length);
    }

    @Test
    void fewPointsAreAllKept() {
        long[] x = {0, 10, 20, 30};
        double[] y = {1, 5, 2, 8};
        assertArrayEquals(new int[] {0, 1, 2, 3}, Decimator.keep(x, y, 0, 4, 0, 30, 600));
    }

    @Test
    void keepsMinAndMaxInOriginalOrder() {
        long[] x = {0, 0, 0, 0, 0};
        double[] y = {3, 9, 1, 4, 5};
        assertArrayEquals(new int[] {1, 2}, Decimator.keep(x, y, 0, 5, 0, 0, 10));
        double[] z = {3, 1, 4, 9, 5};
        assertArrayEquals(new int[] {1, 3}, Decimator.keep(x, z, 0, 5, 0, 0, 10));
    }

    @Test
    void respectsTheSubrange() {
        long[] x = range(10);
        double[] y = {0, 0, 0, 7, 0, 0, 0, 0, 0, 9};
        int[] keep = Decimator.keep(x, y, 2, 6, 0, 9, 1);
        assertArrayEquals(new int[] {2, 3}, keep);
    }
}
