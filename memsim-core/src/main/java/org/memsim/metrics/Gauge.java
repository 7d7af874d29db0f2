package org.memsim.metrics;

import java.util.function.LongSupplier;

/**
 * A named current value (live bytes, heap size, resident pages) read on demand — at sample points
 * and at the end — never on the hot path. Tracks its own peak across reads and explicit updates.
 */
public final class Gauge {
    private final String name;
    private final String unit;
    private final String help;
    private final LongSupplier source;

    Gauge(String name, String unit, String help, LongSupplier source) {
        this.name = name;
        this.unit = unit;
        this.help = help;
        this.source = source;
    }

    public long read() {
        return source.getAsLong();
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
