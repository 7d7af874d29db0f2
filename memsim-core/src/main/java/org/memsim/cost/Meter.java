package org.memsim.cost;

import org.memsim.layer.Layer;

/**
 * A count of one fixed-price piece of simulated work (a cache line the MMU touched), registered
 * with a {@link SimClock} that turns it into time — count × price — when read. The hot path pays a
 * long add, not a floating-point add into the clock, and the layer's time is rounded once instead
 * of once per unit.
 */
public final class Meter {
    final Layer layer;
    final double priceNs;
    private long count;

    Meter(Layer layer, double priceNs) {
        this.layer = layer;
        this.priceNs = priceNs;
    }

    /** One more unit. */
    public void inc() {
        count++;
    }

    /** {@code n} more units. */
    public void add(long n) {
        count += n;
    }

    /** Units so far. */
    public long count() {
        return count;
    }
}
