package org.memsim.trace.gen;

import java.util.SplittableRandom;

/**
 * Deterministic randomness for generators: {@link SplittableRandom} plus distributions implemented
 * here (Box–Muller normal, lognormal) so streams do not change between JDK versions.
 */
public final class SeededRandom {
    private final SplittableRandom random;
    private double spareNormal;
    private boolean hasSpare;

    public SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public long nextLong(long origin, long bound) {
        return random.nextLong(origin, bound);
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    /** Standard normal by the Box–Muller transform. */
    public double nextNormal() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u1;
        do {
            u1 = random.nextDouble();
        } while (u1 == 0);
        double u2 = random.nextDouble();
        double r = Math.sqrt(-2 * Math.log(u1));
        spareNormal = r * Math.sin(2 * Math.PI * u2);
        hasSpare = true;
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** Lognormal with the given median ({@code e^mu}) and shape {@code sigma}. */
    public double nextLognormal(double median, double sigma) {
        return median * Math.exp(sigma * nextNormal());
    }
}
