package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * A bitmap over a heap's granules (one bit per alignment unit, set where a block starts) with a
 * Fenwick tree of counts per 512 bits, so the host can find the next or previous block start across
 * any gap and count the blocks between two addresses — how many headers an implicit-list walk
 * reads — in O(log n). About 1.06 host bits per granule.
 */
public final class RankBitmap {
    private long[] words;
    private static final int SUPER = 3; // a Fenwick entry counts 2^3 = 8 words (512 bits)
    private int[] tree; // Fenwick tree over superblock popcounts, 1-based
    private long count;

    public RankBitmap() {
        this(64);
    }

    public RankBitmap(long bits) {
        int w = (int) Math.max(8, ((bits + 511) >>> 9) << SUPER);
        words = new long[w];
        tree = new int[(w >>> SUPER) + 1];
    }

    /** Bits the map can hold without growing. */
    public long capacity() {
        return (long) words.length << 6;
    }

    /** Grows to hold at least {@code bits} bits (by a quarter at least, so growth is amortized). */
    public void ensure(long bits) {
        long need = (bits + 63) >>> 6;
        if (need <= words.length) {
            return;
        }
        if (need > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("bitmap of " + bits + " bits is too large");
        }
        int w = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, words.length + (words.length >> 2) + 8));
        w = (w + 7) & ~7;
        words = Arrays.copyOf(words, w);
        int n = w >>> SUPER;
        tree = new int[n + 1];
        for (int i = 0; i < w; i++) {
            tree[(i >>> SUPER) + 1] += Long.bitCount(words[i]);
        }
        for (int j = 1; j <= n; j++) {
            int parent = j + (j & -j);
            if (parent <= n) {
                tree[parent] += tree[j];
            }
        }
    }

    /** Word {@code w} of the map (bits {@code 64w … 64w+63}); 0 beyond the capacity. */
    public long word(int w) {
        return w < words.length ? words[w] : 0;
    }

    /** Words the map holds. */
    public int wordCount() {
        return words.length;
    }

    /** Set bits in the map. */
    public long count() {
        return count;
    }

    public boolean get(long i) {
        int w = (int) (i >>> 6);
        return w < words.length && (words[w] & (1L << i)) != 0;
    }

    public void set(long i) {
        int w = (int) (i >>> 6);
        long b = 1L << i;
        if ((words[w] & b) == 0) {
            words[w] |= b;
            count++;
            add(w, 1);
        }
    }

    public void clear(long i) {
        int w = (int) (i >>> 6);
        long b = 1L << i;
        if (w < words.length && (words[w] & b) != 0) {
            words[w] &= ~b;
            count--;
            add(w, -1);
        }
    }

    private void add(int w, int d) {
        final int[] t = tree;
        for (int j = (w >>> SUPER) + 1; j < t.length; j += j & -j) {
            t[j] += d;
        }
    }

    /** Set bits in words {@code [0, w)}. */
    private long prefixWords(int w) {
        long s = 0;
        final int[] t = tree;
        for (int j = w >>> SUPER; j > 0; j -= j & -j) {
            s += t[j];
        }
        final long[] ws = words;
        for (int i = w & ~((1 << SUPER) - 1); i < w; i++) {
            s += Long.bitCount(ws[i]);
        }
        return s;
    }

    /** Set bits at positions below {@code i}. */
    public long rank(long i) {
        if (i <= 0) {
            return 0;
        }
        int w = (int) (i >>> 6);
        if (w >= words.length) {
            return count;
        }
        return prefixWords(w) + Long.bitCount(words[w] & ((1L << i) - 1));
    }

    /** The position of the set bit with rank {@code k} (0-based), or -1 when there are not that many. */
    public long select(long k) {
        if (k < 0 || k >= count) {
            return -1;
        }
        final int[] t = tree;
        int pos = 0;
        long rem = k;
        for (int step = Integer.highestOneBit(t.length - 1); step > 0; step >>= 1) {
            int next = pos + step;
            if (next < t.length && t[next] <= rem) {
                pos = next;
                rem -= t[next];
            }
        }
        // the bit is in superblock pos (0-based): find its word, then the rem-th set bit of that word
        int w = pos << SUPER;
        int c = Long.bitCount(words[w]);
        while (rem >= c) {
            rem -= c;
            c = Long.bitCount(words[++w]);
        }
        long word = words[w];
        for (long r = rem; r > 0; r--) {
            word &= word - 1;
        }
        return ((long) w << 6) + Long.numberOfTrailingZeros(word);
    }

    /** The first set bit at or after {@code i}, or -1. */
    public long nextSet(long i) {
        if (i < 0) {
            i = 0;
        }
        int w = (int) (i >>> 6);
        if (w >= words.length) {
            return -1;
        }
        long word = words[w] & (-1L << i);
        if (word != 0) {
            return ((long) w << 6) + Long.numberOfTrailingZeros(word);
        }
        for (int k = 0; k < 16; k++) {
            if (++w >= words.length) {
                return -1;
            }
            if (words[w] != 0) {
                return ((long) w << 6) + Long.numberOfTrailingZeros(words[w]);
            }
        }
        return select(prefixWords(w + 1));
    }

    /** The last set bit at or before {@code i}, or -1. */
    public long prevSet(long i) {
        if (i < 0) {
            return -1;
        }
        int w = (int) (i >>> 6);
        if (w >= words.length) {
            w = words.length - 1;
            i = ((long) w << 6) + 63;
        }
        long word = words[w] & (-1L >>> (63 - (i & 63)));
        if (word != 0) {
            return ((long) w << 6) + 63 - Long.numberOfLeadingZeros(word);
        }
        for (int k = 0; k < 16; k++) {
            if (--w < 0) {
                return -1;
            }
            if (words[w] != 0) {
                return ((long) w << 6) + 63 - Long.numberOfLeadingZeros(words[w]);
            }
        }
        long r = prefixWords(w);
        return r == 0 ? -1 : select(r - 1);
    }

    /** Clears every set bit in {@code [from, to)} (cost proportional to the bits cleared). */
    public void clearRange(long from, long to) {
        for (long i = nextSet(from); i >= 0 && i < to; i = nextSet(i + 1)) {
            clear(i);
        }
    }

    /** Clears every bit. */
    public void clearAll() {
        Arrays.fill(words, 0);
        Arrays.fill(tree, 0);
        count = 0;
    }

    /** Host bytes held. */
    public long footprintBytes() {
        return words.length * 8L + tree.length * 4L;
    }
}
