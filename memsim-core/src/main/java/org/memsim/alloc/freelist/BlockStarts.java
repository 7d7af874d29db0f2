package org.memsim.alloc.freelist;

import java.util.Arrays;

/**
 * The start of every block of the heap, as one bit per heap granule, with the nearest start before
 * or after any granule found in a few word reads: a 64-ary summary tree over lazily allocated
 * leaf pages. A block's size is the distance from its start to the next start (or the heap end),
 * so the heap needs no per-block table.
 * <pre>
 *  leaf page p (64 words, 4,096 granules)   bit g: a block starts at granule g
 *  l1[p]    bit w: leaf word w of page p is non-zero
 *  l2[q]    bit j: l1[64q + j] is non-zero          (one bit per page)
 *  l3[r]    bit j: l2[64r + j] is non-zero          (searched linearly)
 * </pre>
 * Leaves cost 1 bit per granule (a 16-granule block: 2 bytes); the summaries under 2% of that.
 */
final class BlockStarts {
    private static final int PAGE_SHIFT = 12;   // granules per leaf page: 64 words of 64 bits
    private static final int PAGE_WORDS = 64;

    private long[][] leaves = new long[4][];
    private long[] l1 = new long[4];
    private long[] l2 = new long[1];
    private long[] l3 = new long[1];
    private long count;

    /** Number of starts. */
    long count() {
        return count;
    }

    private void ensure(int p) {
        if (p < leaves.length) {
            return;
        }
        int n = Math.max(p + 1, leaves.length * 2);
        leaves = Arrays.copyOf(leaves, n);
        l1 = Arrays.copyOf(l1, n);
        l2 = Arrays.copyOf(l2, (n + 63) >>> 6);
        l3 = Arrays.copyOf(l3, (n + 4095) >>> 12);
    }

    /** Marks a start at granule {@code g}. */
    void set(long g) {
        int p = (int) (g >>> PAGE_SHIFT);
        ensure(p);
        long[] leaf = leaves[p];
        if (leaf == null) {
            leaf = new long[PAGE_WORDS];
            leaves[p] = leaf;
        }
        int w = (int) (g >>> 6) & (PAGE_WORDS - 1);
        long old = leaf[w];
        if ((old & (1L << g)) != 0) {
            return;
        }
        leaf[w] = old | (1L << g);
        count++;
        if (old == 0) { // a non-empty word is already marked in the summaries
            l1[p] |= 1L << w;
            l2[p >>> 6] |= 1L << p;
            l3[p >>> 12] |= 1L << (p >>> 6);
        }
    }

    /** Removes the start at granule {@code g}, if any. */
    void clear(long g) {
        int p = (int) (g >>> PAGE_SHIFT);
        long[] leaf = p < leaves.length ? leaves[p] : null;
        if (leaf == null) {
            return;
        }
        int w = (int) (g >>> 6) & (PAGE_WORDS - 1);
        long old = leaf[w];
        if ((old & (1L << g)) == 0) {
            return;
        }
        long now = old & ~(1L << g);
        leaf[w] = now;
        count--;
        if (now == 0 && (l1[p] &= ~(1L << w)) == 0 && (l2[p >>> 6] &= ~(1L << p)) == 0) {
            l3[p >>> 12] &= ~(1L << (p >>> 6));
        }
    }

    boolean get(long g) {
        int p = (int) (g >>> PAGE_SHIFT);
        long[] leaf = g >= 0 && p < leaves.length ? leaves[p] : null;
        return leaf != null && (leaf[(int) (g >>> 6) & (PAGE_WORDS - 1)] & (1L << g)) != 0;
    }

    /** The 64 start bits of the word holding granule {@code g}; its page must hold a start. */
    long word(long g) {
        return leaves[(int) (g >>> PAGE_SHIFT)][(int) (g >>> 6) & (PAGE_WORDS - 1)];
    }

    /** The 64 start bits of the word holding granule {@code g} (g ≥ 0), 0 where no page exists. */
    long wordOrZero(long g) {
        int p = (int) (g >>> PAGE_SHIFT);
        long[] leaf = p < leaves.length ? leaves[p] : null;
        return leaf == null ? 0 : leaf[(int) (g >>> 6) & (PAGE_WORDS - 1)];
    }

    /** The first start at or after granule {@code g} (g ≥ 0), or -1. */
    long next(long g) {
        int p = (int) (g >>> PAGE_SHIFT);
        if (p >= leaves.length) {
            return -1;
        }
        long[] leaf = leaves[p];
        if (leaf != null) {
            int w = (int) (g >>> 6) & (PAGE_WORDS - 1);
            long x = leaf[w] & (-1L << g);
            if (x != 0) {
                return (g & ~63L) | Long.numberOfTrailingZeros(x);
            }
            long later = l1[p] & (-2L << w);
            if (later != 0) {
                int w2 = Long.numberOfTrailingZeros(later);
                return ((long) p << PAGE_SHIFT) | ((long) w2 << 6) | Long.numberOfTrailingZeros(leaf[w2]);
            }
        }
        int q = nextPage(p + 1);
        return q < 0 ? -1 : firstIn(q);
    }

    /** The last start at or before granule {@code g}, or -1. */
    long prev(long g) {
        if (g < 0) {
            return -1;
        }
        int p = (int) (g >>> PAGE_SHIFT);
        if (p >= leaves.length) {
            int q = prevPage(leaves.length - 1);
            return q < 0 ? -1 : lastIn(q);
        }
        long[] leaf = leaves[p];
        if (leaf != null) {
            int w = (int) (g >>> 6) & (PAGE_WORDS - 1);
            long x = leaf[w] & (-1L >>> (63 - (int) (g & 63)));
            if (x != 0) {
                return (g & ~63L) | (63 - Long.numberOfLeadingZeros(x));
            }
            long earlier = l1[p] & ((1L << w) - 1);
            if (earlier != 0) {
                int w2 = 63 - Long.numberOfLeadingZeros(earlier);
                return ((long) p << PAGE_SHIFT) | ((long) w2 << 6) | (63 - Long.numberOfLeadingZeros(leaf[w2]));
            }
        }
        int q = prevPage(p - 1);
        return q < 0 ? -1 : lastIn(q);
    }

    private long firstIn(int p) {
        int w = Long.numberOfTrailingZeros(l1[p]);
        return ((long) p << PAGE_SHIFT) | ((long) w << 6) | Long.numberOfTrailingZeros(leaves[p][w]);
    }

    private long lastIn(int p) {
        int w = 63 - Long.numberOfLeadingZeros(l1[p]);
        return ((long) p << PAGE_SHIFT) | ((long) w << 6) | (63 - Long.numberOfLeadingZeros(leaves[p][w]));
    }

    /** The first page at or after {@code p} holding a start, or -1. */
    private int nextPage(int p) {
        if (p >= leaves.length) {
            return -1;
        }
        int i = p >>> 6;
        long x = l2[i] & (-1L << p);
        if (x != 0) {
            return (i << 6) | Long.numberOfTrailingZeros(x);
        }
        int j = i + 1;
        for (int k = j >>> 6; k < l3.length; k++) {
            long y = l3[k];
            if (k == j >>> 6) {
                y &= -1L << j;
            }
            if (y != 0) {
                int i2 = (k << 6) | Long.numberOfTrailingZeros(y);
                return (i2 << 6) | Long.numberOfTrailingZeros(l2[i2]);
            }
        }
        return -1;
    }

    /** The last page at or before {@code p} holding a start, or -1. */
    private int prevPage(int p) {
        if (p < 0) {
            return -1;
        }
        int i = p >>> 6;
        long x = l2[i] & (-1L >>> (63 - (p & 63)));
        if (x != 0) {
            return (i << 6) | (63 - Long.numberOfLeadingZeros(x));
        }
        int j = i - 1;
        for (int k = j >> 6; k >= 0; k--) {
            long y = l3[k];
            if (k == j >> 6) {
                y &= -1L >>> (63 - (j & 63));
            }
            if (y != 0) {
                int i2 = (k << 6) | (63 - Long.numberOfLeadingZeros(y));
                return (i2 << 6) | (63 - Long.numberOfLeadingZeros(l2[i2]));
            }
        }
        return -1;
    }

    /** Host bytes held. */
    long footprintBytes() {
        long b = 16L + leaves.length * 4L + l1.length * 8L + l2.length * 8L + l3.length * 8L;
        for (long[] leaf : leaves) {
            if (leaf != null) {
                b += 16 + PAGE_WORDS * 8;
            }
        }
        return b;
    }
}
