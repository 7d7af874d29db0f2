package org.memsim.scenario;

import java.util.Locale;

/**
 * One {@code expect:} line of a scenario, {@code METRIC OP VALUE} (for example
 * {@code heapHighWaterBytes <= 256k}), checked against every allocator's result.
 */
public record Expectation(String metric, String op, double value, String text, int line) {

    /** Whether {@code actual} satisfies the expectation. */
    public boolean test(double actual) {
        switch (op) {
            case "<": return actual < value;
            case "<=": return actual <= value;
            case ">": return actual > value;
            case ">=": return actual >= value;
            case "==": return actual == value;
            case "!=": return actual != value;
            default: throw new IllegalStateException(op);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
