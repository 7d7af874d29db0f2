package org.memsim.metrics;

/**
 * A named event count owned by one layer (MMTk's named counters): the hot path does {@code c.add(1)}
 * on a plain field, the registry reads it for reports.
 */
public final class Counter {
    private final String name;
    private final String unit;
    private final String help;
    private long value;

    Counter(String name, String unit, String help) {
        this.name = name;
        this.unit = unit;
        this.help = help;
    }

    public void inc() {
        value++;
    }

    public void add(long n) {
        value += n;
    }

    public long get() {
        return value;
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
