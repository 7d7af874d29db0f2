package org.memsim.alloc.freelist;

import java.util.Arrays;
import org.memsim.alloc.BlockTable;

/**
 * The starts of free blocks in address order, as one bit per heap granule, with the largest free
 * block starting in each 64-granule word and in each 4,096-granule page kept beside the bits. A
 * first-fit scan then skips a whole word or page whose largest block is too small, adding its bit
 * count to the entries examined — the count a linear walk of the list would reach — without
 * visiting the blocks one by one. Pages are allocated only where a block ever started.
 */
final class FreeStarts {
    private static final int WORDS = 64;
    private static final int PAGE_BITS = WORDS * 64;

    /** One page: the bits, the largest size per word, and the page's count and largest size. */
    private static final class Page {
        final long[] bits = new long[WORDS];
        final long[] wordMax = new long[WORDS];
        long max;
        int count;
    }

    private final long base;
    private final int shift;
    private final BlockTable blocks;
    private Page[] pages = new Page[16];
    private long count;
    private long examined;

    FreeStarts(long base, long granule, BlockTable blocks) {
        this.base = base;
        this.shift = Long.numberOfTrailingZeros(granule);
        this.blocks = blocks;
    }

    long count() {
        return count;
    }

    /** Entries examined by the last {@link #firstFit}. */
    long examined() {
        return examined;
    }

    private long address(int page, int word, int bit) {
        return base + ((((long) page * PAGE_BITS) + ((long) word << 6) + bit) << shift);
    }

    void set(long start, long size) {
        long b = (start - base) >>> shift;
        int p = (int) (b / PAGE_BITS);
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(pages.length * 2, p + 1));
        }
        Page page = pages[p];
        if (page == null) {
            page = new Page();
            pages[p] = page;
        }
        int w = (int) ((b % PAGE_BITS) >>> 6);
        long m = 1L << (b & 63);
        if ((page.bits[w] & m) == 0) {
            page.bits[w] |= m;
            page.count++;
            count++;
        }
        if (size > page.wordMax[w]) {
            page.wordMax[w] = size;
        }
        if (size > page.max) {
            page.max = size;
        }
    }

    /** Clears a start; the block table must still hold the sizes of the other free blocks. */
    void clear(long start) {
        long b = (start - base) >>> shift;
        int p = (int) (b / PAGE_BITS);
        Page page = p < pages.length ? pages[p] : null;
        if (page == null) {
            return;
        }
        int w = (int) ((b % PAGE_BITS) >>> 6);
        long m = 1L << (b & 63);
        if ((page.bits[w] & m) == 0) {
            return;
        }
        page.bits[w] &= ~m;
        page.count--;
        count--;
        long old = page.wordMax[w];
        long wm = 0;
        long word = page.bits[w];
        while (word != 0) {
            int bit = Long.numberOfTrailingZeros(word);
            word &= word - 1;
            wm = Math.max(wm, blocks.size(address(p, w, bit)));
        }
        page.wordMax[w] = wm;
        if (old == page.max && wm < old) {
            long pm = 0;
            for (long x : page.wordMax) {
                pm = Math.max(pm, x);
            }
            page.max = pm;
        }
    }

    boolean get(long start) {
        long b = (start - base) >>> shift;
        int p = (int) (b / PAGE_BITS);
        if (start < base || p >= pages.length || pages[p] == null) {
            return false;
        }
        return (pages[p].bits[(int) ((b % PAGE_BITS) >>> 6)] & (1L << (b & 63))) != 0;
    }

    /** The first free start at or after {@code from}, or -1. */
    long next(long from) {
        long b = from <= base ? 0 : (from - base + (1L << shift) - 1) >>> shift;
        for (int p = (int) (b / PAGE_BITS); p < pages.length; p++) {
            Page page = pages[p];
            if (page == null || page.count == 0) {
                continue;
            }
            int w0 = (long) p * PAGE_BITS <= b ? (int) ((b % PAGE_BITS) >>> 6) : 0;
            for (int w = w0; w < WORDS; w++) {
                long word = page.bits[w];
                if (w == w0 && (long) p * PAGE_BITS + ((long) w << 6) <= b) {
                    word &= -1L << (b & 63);
                }
                if (word != 0) {
                    return address(p, w, Long.numberOfTrailingZeros(word));
                }
            }
        }
        return -1;
    }

    /**
     * The first free block at or after {@code from} and before {@code until} (-1: no bound) of at
     * least {@code need} bytes, or -1; {@link #examined()} = {@code already} + the free blocks a
     * linear walk would have examined.
     */
    long firstFit(long from, long until, long need, long already) {
        long n = already;
        long b = from <= base ? 0 : (from - base + (1L << shift) - 1) >>> shift;
        long end = until == -1 ? Long.MAX_VALUE : (until - base + (1L << shift) - 1) >>> shift;
        for (int p = (int) (b / PAGE_BITS); p < pages.length; p++) {
            long pageFirst = (long) p * PAGE_BITS;
            if (pageFirst >= end) {
                break;
            }
            Page page = pages[p];
            if (page == null || page.count == 0) {
                continue;
            }
            boolean whole = pageFirst >= b && pageFirst + PAGE_BITS <= end;
            if (whole && page.max < need) {
                n += page.count;
                continue;
            }
            for (int w = 0; w < WORDS; w++) {
                long wordFirst = pageFirst + ((long) w << 6);
                if (wordFirst + 64 <= b) {
                    continue;
                }
                if (wordFirst >= end) {
                    break;
                }
                long word = page.bits[w];
                if (wordFirst < b) {
                    word &= -1L << (b - wordFirst);
                }
                if (wordFirst + 64 > end) {
                    word &= (1L << (end - wordFirst)) - 1;
                }
                if (word == 0) {
                    continue;
                }
                if (page.wordMax[w] < need) {
                    n += Long.bitCount(word);
                    continue;
                }
                while (word != 0) {
                    int bit = Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    n++;
                    long a = address(p, w, bit);
                    if (blocks.size(a) >= need) {
                        examined = n;
                        return a;
                    }
                }
            }
        }
        examined = n;
        return -1;
    }
}
