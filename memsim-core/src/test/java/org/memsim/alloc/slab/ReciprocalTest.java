package org.memsim.alloc.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Reciprocal} against Java's division, at the edges and on seeded random numerators. */
class ReciprocalTest {
    @Test
    void agreesWithDivision() {
        SplittableRandom r = new SplittableRandom(5);
        long[] divisors = {1, 2, 3, 7, 8, 24, 96, 192, 1000, 4095, 8192, 65537, 1L << 30, (1L << 31) - 1, 1L << 31};
        for (int t = 0; t < 200; t++) {
            long d = t < divisors.length ? divisors[t] : 1 + r.nextLong(1L << (1 + r.nextInt(31)));
            for (long limit : new long[] {1L << 12, 1L << 22, 1L << 31}) {
                if (d > limit) {
                    continue;
                }
                Reciprocal q = new Reciprocal(d, limit);
                for (long n : new long[] {0, 1, d - 1, d, d + 1, limit - 1, limit - d, (limit - 1) / d * d, (limit - 1) / d * d - 1}) {
                    if (n >= 0 && n < limit) {
                        assertEquals(n / d, q.divide(n), n + " / " + d);
                    }
                }
                for (int i = 0; i < 2000; i++) {
                    long n = r.nextLong(limit);
                    assertEquals(n / d, q.divide(n), n + " / " + d);
                }
            }
        }
    }

    @Test
    void largeSlabsDivide() {
        Reciprocal q = new Reciprocal(24, 1L << 40);
        assertEquals((1L << 39) / 24, q.divide(1L << 39));
    }
}
