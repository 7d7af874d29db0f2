package org.memsim.metrics;

import java.util.function.LongSupplier;

/**
 * A named event count owned by one layer (MMTk's named counters): the hot path does {@code c.add(1)}
 * on a plain field, the registry reads it for reports. A layer that keeps the count in a field of its
 * own (the MMU) registers it as a source instead, and the counter reads it.
 */
public final class Counter {
    private final String name;
    private final String unit;
    private final String help;
    /** Where the count lives when a layer keeps it itself; null when {@link #add} counts here. */
    private final LongSupplier source;
    private long value;

    Counter(String name, String unit, String help) {
        this(name, unit, help, null);
    }

    Counter(String name, String unit, String help, LongSupplier source) {
        this.name = name;
        this.unit = unit;
        this.help = help;
        this.source = source;
    }

    public void inc() {
        value++;
    }

    public void add(long n) {
        value += n;
    }

    public long get() {
        return source == null ? value : source.getAsLong();
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public String help() {
        return help;
    }
}
