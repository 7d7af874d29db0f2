package org.memsim.cost;

import java.util.function.LongSupplier;
import org.memsim.layer.Layer;

/**
 * A count of one fixed-price piece of simulated work (a cache line the MMU touched), registered
 * with a {@link SimClock} that turns it into time — count × price — when read. The hot path pays a
 * long add, not a floating-point add into the clock, and the layer's time is rounded once instead
 * of once per unit. The count may also live in the owner's own field, read through a source.
 */
public final class Meter {
    final Layer layer;
    final double priceNs;
    /** Where the count lives when the owner keeps it; null when {@link #add} counts here. */
    private final LongSupplier source;
    private long count;

    Meter(Layer layer, double priceNs, LongSupplier source) {
        this.layer = layer;
        this.priceNs = priceNs;
        this.source = source;
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
        return source == null ? count : source.getAsLong();
    }
}
