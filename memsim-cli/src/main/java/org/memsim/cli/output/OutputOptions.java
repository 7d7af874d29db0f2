package org.memsim.cli.output;

import picocli.CommandLine.Option;

/** The {@code --json} / {@code --csv} switches every reporting command shares. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print JSON for scripts (schema: docs/json.md).")
    public boolean json;

    @Option(names = "--csv", description = "Print CSV instead of an aligned table.")
    public boolean csv;

    /** A byte count: {@code 4 KiB} for people, {@code 4096} in CSV. */
    public String bytes(long b) {
        return csv ? Long.toString(b) : Numbers.bytes(b);
    }

    /** A count: {@code 1,000} for people, {@code 1000} in CSV. */
    public String count(long n) {
        return csv ? Long.toString(n) : Numbers.count(n);
    }

    /** A ratio: {@code 42.0%} for people, {@code 0.42} in CSV. */
    public String percent(double r) {
        return csv ? Double.toString(r) : Numbers.percent(r);
    }

    /** Simulated nanoseconds: {@code 1.5 ms} for people, {@code 1500000.0} in CSV. */
    public String nanos(double ns) {
        return csv ? Double.toString(ns) : Numbers.nanos(ns);
    }

    /** Prints {@code table} as text or CSV (JSON is the caller's). */
    public String render(Table table) {
        return csv ? table.toCsv() : table.toText();
    }
}
