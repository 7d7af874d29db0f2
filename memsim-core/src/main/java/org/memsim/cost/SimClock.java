package org.memsim.cost;

import java.util.Arrays;
import org.memsim.layer.Layer;

/**
 * Simulated time, kept per layer in nanoseconds: every layer charges what its work costs under the
 * {@link CostModel}, so a report can say where the time of one workload went. Deterministic: the
 * same events in the same order add the same amounts.
 *
 * <p>Work paid at one fixed price several times per event (the MMU's cache-line accesses) is
 * counted on a {@link Meter} instead: its time is the count
 * times the price, added when the clock is read.
 */
public final class SimClock {
    private final double[] ns = new double[Layer.values().length];
    private Meter[] meters = new Meter[0];
    private Layer[] meterLayers = new Layer[0];
    private double[] meterPrices = new double[0];

    public void charge(Layer layer, double nanos) {
        ns[layer.ordinal()] += nanos;
    }

    /** A new meter whose every unit costs {@code layer} {@code priceNs}. */
    public Meter meter(Layer layer, double priceNs) {
        int n = meters.length;
        meters = Arrays.copyOf(meters, n + 1);
        meterLayers = Arrays.copyOf(meterLayers, n + 1);
        meterPrices = Arrays.copyOf(meterPrices, n + 1);
        meters[n] = new Meter();
        meterLayers[n] = layer;
        meterPrices[n] = priceNs;
        return meters[n];
    }

    public double nanos(Layer layer) {
        double t = ns[layer.ordinal()];
        for (int m = 0; m < meters.length; m++) {
            if (meterLayers[m] == layer) {
                t += meters[m].count() * meterPrices[m];
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
