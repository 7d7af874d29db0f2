package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * A bitmap over a heap's granules (one bit per alignment unit, set where a block starts), with
 * either a Fenwick tree of counts per 512 bits ({@code ranked}: the host counts the blocks between
 * two addresses — how many headers an implicit-list walk reads — and finds the next or previous
 * set bit across any gap in O(log n)) or a summary bit per word (unranked: cheaper updates, the
 * next or previous set bit found by scanning summary words). About 1.06 host bits per granule.
 */
public final class RankBitmap {
    private static final int SUPER = 3; // a Fenwick entry counts 2^3 = 8 words (512 bits)
    private static final int SCAN = 16; // words scanned one by one before the index is used

    private final boolean ranked;
    private long[] words;
    private int[] tree;     // ranked: Fenwick tree over superblock popcounts, 1-based
    private long[] summary; // unranked: bit w set when word w is not zero
    private long count;

    /** A ranked bitmap. */
    public RankBitmap(long bits) {
        this(bits, true);
    }

    public RankBitmap(long bits, boolean ranked) {
        this.ranked = ranked;
        int w = (int) Math.max(8, ((bits + 511) >>> 9) << SUPER);
        words = new long[w];
        if (ranked) {
            tree = new int[(w >>> SUPER) + 1];
        } else {
            summary = new long[(w + 63) >>> 6];
        }
    }

    /** Whether {@link #rank} and {@link #select} are available. */
    public boolean ranked() {
        return ranked;
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
        if (ranked) {
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
        } else {
            summary = Arrays.copyOf(summary, (w + 63) >>> 6);
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
        return i >= 0 && w < words.length && (words[w] & (1L << i)) != 0;
    }

    public void set(long i) {
        int w = (int) (i >>> 6);
        long old = words[w];
        long b = 1L << i;
        if ((old & b) == 0) {
            words[w] = old | b;
            count++;
            if (ranked) {
                add(w, 1);
            } else if (old == 0) {
                summary[w >>> 6] |= 1L << w;
            }
        }
    }

    public void clear(long i) {
        int w = (int) (i >>> 6);
        long b = 1L << i;
        if (w < words.length && (words[w] & b) != 0) {
            long now = words[w] & ~b;
            words[w] = now;
            count--;
            if (ranked) {
                add(w, -1);
            } else if (now == 0) {
                summary[w >>> 6] &= ~(1L << w);
            }
        }
    }

    private void add(int w, int d) {
        final int[] t = tree;
        for (int j = (w >>> SUPER) + 1; j < t.length; j += j & -j) {
            t[j] += d;
        }
    }

    /** Set bits in words {@code [0, w)} (ranked maps). */
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

    /** Set bits at positions below {@code i} (ranked maps only). */
    public long rank(long i) {
        if (!ranked) {
            throw new IllegalStateException("rank of an unranked bitmap");
        }
        if (i <= 0) {
            return 0;
        }
        int w = (int) (i >>> 6);
        if (w >= words.length) {
            return count;
        }
        return prefixWords(w) + Long.bitCount(words[w] & ((1L << i) - 1));
    }

    /** The position of the set bit with rank {@code k} (0-based), or -1 (ranked maps only). */
    public long select(long k) {
        if (!ranked) {
            throw new IllegalStateException("select of an unranked bitmap");
        }
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
        return nextSet(i, Long.MAX_VALUE);
    }

    /** The first set bit in {@code [i, limit)}, or -1; the search stops at {@code limit}. */
    public long nextSet(long i, long limit) {
        if (i < 0) {
            i = 0;
        }
        int w = (int) (i >>> 6);
        if (w >= words.length || i >= limit) {
            return -1;
        }
        long found = -1;
        long word = words[w] & (-1L << i);
        if (word != 0) {
            found = ((long) w << 6) + Long.numberOfTrailingZeros(word);
        } else {
            long lastWord = Math.min(words.length - 1, (limit - 1) >>> 6);
            for (int k = 0; k < SCAN && found < 0; k++) {
                if (++w > lastWord) {
                    return -1;
                }
                if (words[w] != 0) {
                    found = ((long) w << 6) + Long.numberOfTrailingZeros(words[w]);
                }
            }
            if (found < 0) {
                found = ranked ? select(prefixWords(w + 1)) : nextBySummary(w + 1, (int) lastWord);
            }
        }
        return found >= limit ? -1 : found;
    }

    /** Unranked maps: the first set bit in words {@code from … lastWord}, found through the summary. */
    private long nextBySummary(int from, int lastWord) {
        if (from > lastWord) {
            return -1;
        }
        int s = from >>> 6;
        int lastS = lastWord >>> 6;
        long bits = summary[s] & (-1L << from);
        while (bits == 0) {
            if (++s > lastS) {
                return -1;
            }
            bits = summary[s];
        }
        int nw = (s << 6) + Long.numberOfTrailingZeros(bits);
        return nw > lastWord ? -1 : ((long) nw << 6) + Long.numberOfTrailingZeros(words[nw]);
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
        for (int k = 0; k < SCAN; k++) {
            if (--w < 0) {
                return -1;
            }
            if (words[w] != 0) {
                return ((long) w << 6) + 63 - Long.numberOfLeadingZeros(words[w]);
            }
        }
        if (ranked) {
            long r = prefixWords(w);
            return r == 0 ? -1 : select(r - 1);
        }
        // summary bits of the words before w
        if (w == 0) {
            return -1;
        }
        int s = (w - 1) >>> 6;
        long bits = summary[s] & (-1L >>> (63 - ((w - 1) & 63)));
        while (bits == 0) {
            if (--s < 0) {
                return -1;
            }
            bits = summary[s];
        }
        int pw = (s << 6) + 63 - Long.numberOfLeadingZeros(bits);
        return ((long) pw << 6) + 63 - Long.numberOfLeadingZeros(words[pw]);
    }

    /** Clears every set bit in {@code [from, to)} (cost proportional to the bits cleared). */
    public void clearRange(long from, long to) {
        for (long i = nextSet(from, to); i >= 0; i = nextSet(i + 1, to)) {
            clear(i);
        }
    }

    /** Host bytes held. */
    public long footprintBytes() {
        return words.length * 8L + (ranked ? tree.length * 4L : summary.length * 8L);
    }
}
