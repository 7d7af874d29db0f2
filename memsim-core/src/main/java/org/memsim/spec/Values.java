package org.memsim.spec;

import java.util.Locale;

/** Parsing of the number spellings specs and traces accept: decimal, {@code 0x} hex, byte units. */
public final class Values {
    private Values() {}

    /** Decimal or {@code 0x} hex, optionally negative; throws NumberFormatException. */
    public static long parseLong(String s) {
        String t = s.strip();
        boolean neg = t.startsWith("-");
        String u = neg ? t.substring(1) : t;
        long v;
        if (u.startsWith("0x") || u.startsWith("0X")) {
            v = Long.parseUnsignedLong(u.substring(2), 16);
        } else {
            v = Long.parseLong(u);
        }
        return neg ? -v : v;
    }

    /** Byte counts with optional k/m/g/t units (powers of 1024, with or without {@code iB}/{@code B}). */
    public static long parseBytes(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("0x")) {
            return parseLong(t);
        }
        int end = t.length();
        if (t.endsWith("ib")) {
            end -= 2;
        } else if (t.endsWith("b")) {
            end -= 1;
        }
        int shift = 0;
        if (end > 0) {
            switch (t.charAt(end - 1)) {
                case 'k': shift = 10; end--; break;
                case 'm': shift = 20; end--; break;
                case 'g': shift = 30; end--; break;
                case 't': shift = 40; end--; break;
                default: break;
            }
        }
        if (end == 0) {
            throw new NumberFormatException(s);
        }
        long base = Long.parseLong(t.substring(0, end));
        if (base < 0 || (shift > 0 && base > (Long.MAX_VALUE >> shift))) {
            throw new NumberFormatException(s);
        }
        return base << shift;
    }

    /** {@code 4096} → {@code 4 KiB}, exact when possible, else one decimal. */
    public static String formatBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return bytes + " B";
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }
}
