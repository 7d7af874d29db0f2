package org.memsim.cli.output;

import java.util.Locale;
import org.memsim.spec.Values;

/** How numbers look in tables: bytes with binary units, big counts grouped, ratios as percentages. */
public final class Numbers {
    private Numbers() {}

    public static String bytes(long b) {
        return Values.formatBytes(b);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** Simulated time: ns, µs, ms or s with three significant digits. */
    public static String nanos(double ns) {
        if (ns < 1000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1e6) {
            return String.format(Locale.ROOT, "%.3g µs", ns / 1e3);
        }
        if (ns < 1e9) {
            return String.format(Locale.ROOT, "%.3g ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.3g s", ns / 1e9);
    }

    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
