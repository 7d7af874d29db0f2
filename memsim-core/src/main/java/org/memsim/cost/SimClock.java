package org.memsim.cost;

import java.util.Arrays;
import java.util.function.LongSupplier;
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

    public void charge(Layer layer, double nanos) {
        ns[layer.ordinal()] += nanos;
    }

    /** A new meter whose every unit costs {@code layer} {@code priceNs}. */
    public Meter meter(Layer layer, double priceNs) {
        return meter(layer, priceNs, null);
    }

    /** A meter whose count its owner keeps in a field of its own, read from {@code count} (null: counted on the meter). */
    public Meter meter(Layer layer, double priceNs, LongSupplier count) {
        Meter m = new Meter(layer, priceNs, count);
        meters = Arrays.copyOf(meters, meters.length + 1);
        meters[meters.length - 1] = m;
        return m;
    }

    public double nanos(Layer layer) {
        double t = ns[layer.ordinal()];
        for (Meter m : meters) {
            if (m.layer == layer) {
                t += m.count() * m.priceNs;
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
