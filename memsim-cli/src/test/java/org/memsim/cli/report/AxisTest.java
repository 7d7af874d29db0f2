package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void picksTheSmallestNiceStepThatFits() {
        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, Axis.niceTicks(0, 100, 10));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Axis.niceTicks(0, 9, 10));
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, Axis.niceTicks(0, 10, 10));
        assertArrayEquals(new double[] {-50, 0, 50, 100, 150}, Axis.niceTicks(-37, 140, 5));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, Axis.niceTicks(0.1, 0.3, 3));
    }

    @Test
    void ticksAreNiceCoverTheRangeAndAreAtMostTen() {
        Random r = new Random(1234);
        String[] units = {"", "bytes", "ns", "%", "pages"};
        for (int i = 0; i < 20_000; i++) {
            double scale = Math.pow(10, r.nextInt(40) - 12);
            double a = (r.nextDouble() * 2 - (r.nextBoolean() ? 1 : 0)) * scale;
            double b = a + r.nextDouble() * scale * Math.pow(10, -r.nextInt(6));
            int maxTicks = 2 + r.nextInt(9);
            String unit = units[r.nextInt(units.length)];
            Axis axis = Axis.of(a, b, unit, maxTicks);
            String ctx = unit + " [" + a + ", " + b + "] max " + maxTicks + ": " + String.join(", ", axis.labels);
            double[] t = axis.ticks;
            int allowed = Math.min(a, b) < 0 && Math.max(a, b) > 0 ? Math.max(3, maxTicks) : maxTicks;
            assertTrue(t.length >= 2 && t.length <= allowed, ctx);
            double tolerance = axis.step * 1e-6;
            assertTrue(t[0] <= Math.min(a, b) + tolerance, ctx);
            assertTrue(t[t.length - 1] >= Math.max(a, b) - tolerance, ctx);
            assertTrue(axis.min <= Math.min(a, b) && axis.max >= Math.max(a, b), ctx);
            for (int j = 1; j < t.length; j++) {
                assertEquals(axis.step, t[j] - t[j - 1], axis.step * 1e-6, ctx);
            }
            // The step is 1, 2 or 5 times a power of ten in the unit's display prefix.
            int scaleIndex = Units.scaleIndex(Math.max(Math.abs(a), Math.abs(b)), unit);
            boolean nice = false;
            for (int s = Math.max(0, scaleIndex - 1); s <= scaleIndex; s++) {
                double scaled = axis.step / Units.factor(unit, s);
                double mantissa = scaled / Math.pow(10, Math.floor(Math.log10(scaled) + 1e-9));
                for (double m : new double[] {1, 2, 5, 10}) {
                    nice |= Math.abs(mantissa - m) < 1e-6;
                }
            }
            assertTrue(nice, "step " + axis.step + " " + ctx);
            Set<String> distinct = new HashSet<>(java.util.List.of(axis.labels));
            assertEquals(t.length, distinct.size(), "labels repeat: " + ctx);
        }
    }

    @Test
    void wholeNumberAxesNeverStepBelowOne() {
        assertArrayEquals(new double[] {0, 1, 2, 3}, Axis.of(0, 3, "", 10, true).ticks);
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3}, Axis.of(0, 3, "", 10, false).ticks);
        assertArrayEquals(new double[] {4, 5, 6}, Axis.of(5, 5, "", 10, true).ticks);
        assertEquals(1, Axis.of(0, 1, "bytes", 10, true).step);
        assertEquals(512, Axis.of(0, 3000, "bytes", 10, true).step);
    }

    @Test
    void degenerateRangesWiden() {
        Axis zero = Axis.of(0, 0, "bytes", 10);
        assertEquals(0, zero.min);
        assertTrue(zero.max > 0);
        Axis point = Axis.of(500, 500, "", 10);
        assertTrue(point.min < 500 && point.max > 500);
        Axis huge = Axis.of(0, Long.MAX_VALUE, "bytes", 10);
        assertEquals("8 EiB", huge.labels[huge.labels.length - 1]);
        Axis nan = Axis.of(Double.NaN, 1, "", 10);
        assertEquals(0, nan.min);
        Axis extreme = Axis.of(-Double.MAX_VALUE, Double.MAX_VALUE, "", 10);
        assertTrue(extreme.ticks.length >= 2 && Double.isFinite(extreme.max - extreme.min));
        assertArrayEquals(new double[] {-1e300, 0, 1e300}, Axis.of(-1e300, 1e300, "", 2).ticks);
        Axis reversed = Axis.of(10, -10, "", 10);
        assertTrue(reversed.min <= -10 && reversed.max >= 10);
    }
}
