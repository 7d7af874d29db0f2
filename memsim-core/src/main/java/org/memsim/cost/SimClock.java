package org.memsim.cost;

import org.memsim.layer.Layer;

/**
 * Simulated time, kept per layer in nanoseconds: every layer charges what its work costs under the
 * {@link CostModel}, so a report can say where the time of one workload went. Deterministic: the
 * same events in the same order add the same amounts.
 */
public final class SimClock {
    private final double[] ns = new double[Layer.values().length];

    public void charge(Layer layer, double nanos) {
        ns[layer.ordinal()] += nanos;
    }

    public double nanos(Layer layer) {
        return ns[layer.ordinal()];
    }

    public double totalNanos() {
        double t = 0;
        for (double v : ns) {
            t += v;
        }
        return t;
    }
}
