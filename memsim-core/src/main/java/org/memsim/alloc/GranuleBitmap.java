package org.memsim.alloc;

import java.util.Arrays;

/**
 * One bit per granule of a heap ({@code base + i * granule}), for marking block starts: free-block
 * starts in address order, found again by "next set bit". Pages of 64 words (4,096 bits) are
 * allocated only where a bit was ever set, and a summary bit per page skips empty pages, so a huge,
 * sparsely used heap costs little host memory.
 */
public final class GranuleBitmap {
    private static final int PAGE_WORDS = 64;
    private static final int PAGE_BITS = PAGE_WORDS * 64;

    private final long base;
    private final int shift;
    private long[][] pages = new long[16][];
    private long[] summary = new long[1];   // bit p set: page p may hold set bits
    private int[] pageCounts = new int[16];
    private long count;

    public GranuleBitmap(long base, long granule) {
        this.base = base;
        this.shift = Long.numberOfTrailingZeros(granule);
    }

    private long bit(long address) {
        return (address - base) >>> shift;
    }

    private long address(long bit) {
        return base + (bit << shift);
    }

    /** Number of set bits. */
    public long count() {
        return count;
    }

    public void set(long address) {
        long b = bit(address);
        int p = (int) (b / PAGE_BITS);
        if (p >= pages.length) {
            int n = Math.max(pages.length * 2, p + 1);
            pages = Arrays.copyOf(pages, n);
            pageCounts = Arrays.copyOf(pageCounts, n);
        }
        if ((p >> 6) >= summary.length) {
            summary = Arrays.copyOf(summary, Math.max(summary.length * 2, (p >> 6) + 1));
        }
        long[] page = pages[p];
        if (page == null) {
            page = new long[PAGE_WORDS];
            pages[p] = page;
        }
        int w = (int) ((b % PAGE_BITS) >>> 6);
        long m = 1L << (b & 63);
        if ((page[w] & m) == 0) {
            page[w] |= m;
            count++;
            if (pageCounts[p]++ == 0) {
                summary[p >> 6] |= 1L << (p & 63);
            }
        }
    }

    public void clear(long address) {
        long b = bit(address);
        int p = (int) (b / PAGE_BITS);
        if (p >= pages.length || pages[p] == null) {
            return;
        }
        int w = (int) ((b % PAGE_BITS) >>> 6);
        long m = 1L << (b & 63);
        if ((pages[p][w] & m) != 0) {
            pages[p][w] &= ~m;
            count--;
            if (--pageCounts[p] == 0) {
                summary[p >> 6] &= ~(1L << (p & 63));
            }
        }
    }

    public boolean get(long address) {
        long b = bit(address);
        int p = (int) (b / PAGE_BITS);
        if (b < 0 || p >= pages.length || pages[p] == null) {
            return false;
        }
        return (pages[p][(int) ((b % PAGE_BITS) >>> 6)] & (1L << (b & 63))) != 0;
    }

    /** The address of the first set bit at or after {@code address}, or -1. */
    public long next(long address) {
        long b = address <= base ? 0 : bit(address + (1L << shift) - 1);
        int p = (int) (b / PAGE_BITS);
        if (p < pages.length && pages[p] != null && pageCounts[p] > 0) {
            long[] page = pages[p];
            int w = (int) ((b % PAGE_BITS) >>> 6);
            long word = page[w] & (-1L << (b & 63));
            while (true) {
                if (word != 0) {
                    return address((long) p * PAGE_BITS + ((long) w << 6) + Long.numberOfTrailingZeros(word));
                }
                if (++w == PAGE_WORDS) {
                    break;
                }
                word = page[w];
            }
        }
        // later pages, through the summary
        int q = p + 1;
        while ((q >> 6) < summary.length) {
            long s = summary[q >> 6] & (-1L << (q & 63));
            if (s == 0) {
                q = ((q >> 6) + 1) << 6;
                continue;
            }
            q = ((q >> 6) << 6) + Long.numberOfTrailingZeros(s);
            long[] page = pages[q];
            for (int w = 0; w < PAGE_WORDS; w++) {
                if (page[w] != 0) {
                    return address((long) q * PAGE_BITS + ((long) w << 6) + Long.numberOfTrailingZeros(page[w]));
                }
            }
            q++;
        }
        return -1;
    }

    /** Host bytes held. */
    public long footprintBytes() {
        long b = pages.length * 8L + summary.length * 8L + pageCounts.length * 4L;
        for (long[] page : pages) {
            if (page != null) {
                b += PAGE_WORDS * 8 + 16;
            }
        }
        return b;
    }
}
