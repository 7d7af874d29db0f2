package org.memsim.cost;

import java.util.function.LongSupplier;
import org.memsim.layer.Layer;

/**
 * Simulated time, kept per layer in nanoseconds: every layer charges what its work costs under the
 * {@link CostModel}, so a report can say where the time of one workload went. Deterministic: the
 * same events in the same order add the same amounts.
 *
 * <p>A layer that pays one fixed price many times per event (the MMU's cache-line access) may keep
 * the count itself and register it as a {@linkplain #meter meter}: its time is then the count times
 * the price, read when the clock is read, instead of a floating-point add on every access.
 */
public final class SimClock {
    private final double[] ns = new double[Layer.values().length];
    private Layer[] meterLayers = new Layer[0];
    private double[] meterPrices = new double[0];
    private LongSupplier[] meterCounts = new LongSupplier[0];

    public void charge(Layer layer, double nanos) {
        ns[layer.ordinal()] += nanos;
    }

    /** Charges {@code layer} {@code priceNs} for every unit {@code count} reports, whenever the clock is read. */
    public void meter(Layer layer, double priceNs, LongSupplier count) {
        int n = meterLayers.length;
        meterLayers = java.util.Arrays.copyOf(meterLayers, n + 1);
        meterPrices = java.util.Arrays.copyOf(meterPrices, n + 1);
        meterCounts = java.util.Arrays.copyOf(meterCounts, n + 1);
        meterLayers[n] = layer;
        meterPrices[n] = priceNs;
        meterCounts[n] = count;
    }

    public double nanos(Layer layer) {
        double t = ns[layer.ordinal()];
        for (int m = 0; m < meterLayers.length; m++) {
            if (meterLayers[m] == layer) {
                t += meterCounts[m].getAsLong() * meterPrices[m];
            }
        }
        return t;
    }

    public double totalNanos() {
        double t = 0;
        for (Layer l : Layer.values()) {
            t += nanos(l);
        }
        return t;
    }
}
