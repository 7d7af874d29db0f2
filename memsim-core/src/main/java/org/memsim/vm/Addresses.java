package org.memsim.vm;

/** Page arithmetic for one page size (a power of two): page numbers, offsets, alignment. */
public final class Addresses {
    /** x86-64's base page size. */
    public static final int PAGE_4K = 4096;

    private Addresses() {}

    public static boolean isPowerOfTwo(long v) {
        return v > 0 && (v & (v - 1)) == 0;
    }

    /** {@code log2(pageSize)}. */
    public static int shift(long pageSize) {
        if (!isPowerOfTwo(pageSize)) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a power of two");
        }
        return Long.numberOfTrailingZeros(pageSize);
    }

    /** Rounds up to a multiple of {@code align} (a power of two); saturates instead of overflowing. */
    public static long alignUp(long value, long align) {
        long r = (value + align - 1) & -align;
        return r < value ? Long.MAX_VALUE & -align : r;
    }

    public static long alignDown(long value, long align) {
        return value & -align;
    }

    /** {@code 0x7ffc_d3a0_b2f0}-style hex for messages. */
    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
