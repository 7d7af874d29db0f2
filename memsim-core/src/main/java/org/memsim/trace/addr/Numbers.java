package org.memsim.trace.addr;

import org.memsim.trace.LineScanner;

/**
 * Number parsing shared by the address-based importers on top of {@link LineScanner}: unsigned
 * 64-bit values as C prints them ({@code %llu}, {@code %p}, {@code %#lx}), sizes saturated at
 * {@link Long#MAX_VALUE} (a size that large can never be satisfied, so nothing is lost).
 */
public final class Numbers {
    private Numbers() {}

    /** An unsigned decimal up to 2^64-1, saturated at {@link Long#MAX_VALUE}; fails without digits. */
    public static long unsignedDecimal(LineScanner s, String what) {
        byte[] b = s.buffer();
        int p = s.pos;
        int end = s.lineEnd;
        long v = 0;
        boolean saturated = false;
        while (p < end) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (!saturated) {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    saturated = true;
                    v = Long.MAX_VALUE;
                } else {
                    v = v * 10 + d;
                }
            }
            p++;
        }
        if (p == s.pos) {
            throw s.fail("expected " + what + " (decimal digits)");
        }
        s.pos = p;
        return v;
    }

    /** {@code 0x…} hex (the full 64-bit pattern, for addresses) or an unsigned decimal (saturated). */
    public static long value(LineScanner s, String what) {
        int p = s.pos;
        byte[] b = s.buffer();
        if (p + 1 < s.lineEnd && b[p] == '0' && (b[p + 1] == 'x' || b[p + 1] == 'X')) {
            return s.hex(what);
        }
        return unsignedDecimal(s, what);
    }

    /** A size read as an unsigned 64-bit pattern, saturated at {@link Long#MAX_VALUE}. */
    public static long size(long unsigned) {
        return unsigned < 0 ? Long.MAX_VALUE : unsigned;
    }

    /** {@code a * b} for non-negative sizes, saturated at {@link Long#MAX_VALUE}. */
    public static long multiply(long a, long b) {
        if (a < 0 || b < 0) {
            return Long.MAX_VALUE;
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
