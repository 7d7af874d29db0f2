package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * A bitmap over a heap's granules (one bit per alignment unit, set where a block starts), with
 * either a Fenwick tree of counts per 512 bits ({@code ranked}: the host counts the blocks between
 * two addresses — how many headers an implicit-list walk reads — and finds the next or previous
 * set bit across any gap in O(log n)) or a summary bit per word (unranked: cheaper updates, the
 * next or previous set bit found by scanning summary words). The words live in pages of 32 KiB so
 * a large map is never one huge array (which the JVM's G1 collector rounds up to whole regions);
 * a page without set bits is one shared page of zeros (an emptied page is given back when the map
 * grows), so a sparse map, such as the free blocks of a heap mostly in use, costs only where it
 * has bits. The first page is also held in a field of its own, so {@link #word} below 262,144 bits
 * is one bounds-checked load. About 1.06 host bits per granule when dense.
 */
public final class RankBitmap {
    private static final int SUPER = 3; // a Fenwick entry counts 2^3 = 8 words (512 bits)
    private static final int SCAN = 16; // words scanned one by one before the index is used
    private static final int PAGE_SHIFT = 12; // 4096 words (32 KiB, 262,144 bits) per page
    private static final int PAGE_WORDS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_WORDS - 1;

    /** Every whole page no bit was ever set in: shared, read as zeros, never written (set() copies it first). */
    private static final long[] ZERO = new long[PAGE_WORDS];

    private final boolean ranked;
    private long[][] pages; // word w is pages[w >>> PAGE_SHIFT][w & PAGE_MASK]; only the last page may be short
    private long[] first;   // pages[0], which holds every word of a small map: word() reads it without the page lookup
    private int wordCount;  // words held: a multiple of 8
    private int[] tree;     // ranked: Fenwick tree over superblock popcounts, 1-based
    private long[] summary; // unranked: bit w set when word w is not zero
    private long count;

    /** A ranked bitmap. */
    public RankBitmap(long bits) {
        this(bits, true);
    }

    public RankBitmap(long bits, boolean ranked) {
        this.ranked = ranked;
        pages = new long[0][];
        resize((int) Math.max(8, ((bits + 511) >>> 9) << SUPER));
    }

    /** Whether {@link #rank} and {@link #select} are available. */
    public boolean ranked() {
        return ranked;
    }

    /** Bits the map can hold without growing. */
    public long capacity() {
        return (long) wordCount << 6;
    }

    /** Grows to hold at least {@code bits} bits (by a quarter at least, so growth is amortized). */
    public void ensure(long bits) {
        long need = (bits + 63) >>> 6;
        if (need <= wordCount) {
            return;
        }
        if (need > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("bitmap of " + bits + " bits is too large");
        }
        long w = Math.max(need, wordCount + (wordCount >> 2) + 8);
        if (w > PAGE_WORDS) {
            // whole pages are never copied: grow to the page that holds the need, not by a quarter
            w = Math.max(PAGE_WORDS, (need + PAGE_MASK) & ~(long) PAGE_MASK);
        }
        resize((int) Math.min(Integer.MAX_VALUE - 16, (w + 7) & ~7));
    }

    private void resize(int w) {
        int pageCount = (w + PAGE_MASK) >>> PAGE_SHIFT;
        long[][] p = Arrays.copyOf(pages, pageCount);
        for (int i = 0; i < pageCount; i++) {
            int len = i == pageCount - 1 ? w - (i << PAGE_SHIFT) : PAGE_WORDS;
            if (p[i] == null || (len == PAGE_WORDS && p[i] != ZERO && emptyPage(i, p[i]))) {
                // released only here, as the map grows, so a page whose last bit comes and goes is not reallocated each time
                p[i] = len == PAGE_WORDS ? ZERO : new long[len];
            } else if (p[i].length < len) {
                p[i] = Arrays.copyOf(p[i], len);
            }
        }
        pages = p;
        first = p[0];
        wordCount = w;
        if (ranked) {
            int n = w >>> SUPER;
            tree = new int[n + 1];
            for (int i = 0; i < w; i++) {
                tree[(i >>> SUPER) + 1] += Long.bitCount(at(i));
            }
            for (int j = 1; j <= n; j++) {
                int parent = j + (j & -j);
                if (parent <= n) {
                    tree[parent] += tree[j];
                }
            }
        } else {
            summary = summary == null ? new long[(w + 63) >>> 6] : Arrays.copyOf(summary, (w + 63) >>> 6);
        }
    }

    /**
     * Whether page {@code i} ({@code page}) holds no set bit: read from its 64 summary words when
     * unranked, else from the page itself (as costly as the Fenwick rebuild that follows).
     */
    private boolean emptyPage(int i, long[] page) {
        if (!ranked) {
            for (int j = i << (PAGE_SHIFT - 6); j < Math.min(summary.length, (i + 1) << (PAGE_SHIFT - 6)); j++) {
                if (summary[j] != 0) {
                    return false;
                }
            }
            return true;
        }
        for (long x : page) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Word {@code w}, which must be below {@link #wordCount}. */
    private long at(int w) {
        return pages[w >>> PAGE_SHIFT][w & PAGE_MASK];
    }

    /** Word {@code w} of the map (bits {@code 64w … 64w+63}); 0 beyond the capacity. */
    public long word(int w) {
        long[] f = first; // as long as the map, up to one page
        if (w < f.length) {
            return f[w];
        }
        return w < wordCount ? pages[w >>> PAGE_SHIFT][w & PAGE_MASK] : 0;
    }

    /** Words the map holds. */
    public int wordCount() {
        return wordCount;
    }

    /** Set bits in the map. */
    public long count() {
        return count;
    }

    public boolean get(long i) {
        int w = (int) (i >>> 6);
        return i >= 0 && w < wordCount && (pages[w >>> PAGE_SHIFT][w & PAGE_MASK] & (1L << i)) != 0;
    }

    public void set(long i) {
        int w = (int) (i >>> 6);
        long[] page = pages[w >>> PAGE_SHIFT];
        int k = w & PAGE_MASK;
        long old = page[k];
        long b = 1L << i;
        if ((old & b) == 0) {
            if (page == ZERO) {
                page = newPage(w >>> PAGE_SHIFT);
            }
            page[k] = old | b;
            count++;
            if (ranked) {
                add(w, 1);
            } else {
                summary[w >>> 6] |= 1L << w; // already set unless the word was empty: written without asking
            }
        }
    }

    /** Gives page {@code i}, so far the shared zero page, words of its own (out of line: set() stays small enough to inline). */
    private long[] newPage(int i) {
        long[] page = pages[i] = new long[PAGE_WORDS];
        if (i == 0) {
            first = page;
        }
        return page;
    }

    public void clear(long i) {
        int w = (int) (i >>> 6);
        long b = 1L << i;
        if (w < wordCount) {
            long[] page = pages[w >>> PAGE_SHIFT];
            int k = w & PAGE_MASK;
            long old = page[k];
            if ((old & b) != 0) {
                long now = old & ~b;
                page[k] = now;
                count--;
                if (ranked) {
                    add(w, -1);
                } else {
                    // the summary bit goes when the word empties: (now | -now) >>> 63 is 1 unless now is 0
                    summary[w >>> 6] &= ~((((now | -now) >>> 63) ^ 1) << w);
                }
            }
        }
    }

    /**
     * Clears bit {@code from} and sets bit {@code to} (from set, to clear): one word written when
     * both are in the same word, whose count and summary bit then stay as they are.
     */
    public void move(long from, long to) {
        int w = (int) (from >>> 6);
        if (w == (int) (to >>> 6) && !ranked) {
            long[] page = pages[w >>> PAGE_SHIFT];
            int k = w & PAGE_MASK;
            page[k] = (page[k] & ~(1L << from)) | (1L << to); // the word holds a set bit before and after: not the shared zero page
            return;
        }
        clear(from);
        set(to);
    }

    /** Clears the set bits {@code mask} of word {@code w} (every bit of the mask must be set). */
    public void clearInWord(int w, long mask) {
        if (ranked) {
            for (long m = mask; m != 0; m &= m - 1) {
                clear(((long) w << 6) + Long.numberOfTrailingZeros(m));
            }
            return;
        }
        long[] page = pages[w >>> PAGE_SHIFT];
        int k = w & PAGE_MASK;
        long now = page[k] & ~mask;
        page[k] = now;
        int n = Long.bitCount(mask);
        count -= n;
        if (now == 0) {
            summary[w >>> 6] &= ~(1L << w);
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
        int from = w & ~((1 << SUPER) - 1);
        if (from < w) {
            long[] page = pages[w >>> PAGE_SHIFT]; // a superblock never straddles two pages
            for (int i = from; i < w; i++) {
                s += Long.bitCount(page[i & PAGE_MASK]);
            }
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
        if (w >= wordCount) {
            return count;
        }
        return prefixWords(w) + Long.bitCount(at(w) & ((1L << i) - 1));
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
        int c = Long.bitCount(at(w));
        while (rem >= c) {
            rem -= c;
            c = Long.bitCount(at(++w));
        }
        long word = at(w);
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
        if (w >= wordCount || i >= limit) {
            return -1;
        }
        long word = pages[w >>> PAGE_SHIFT][w & PAGE_MASK] & (-1L << i);
        if (word != 0) {
            long found = ((long) w << 6) + Long.numberOfTrailingZeros(word);
            return found >= limit ? -1 : found;
        }
        return nextSetAfterWord(w, limit);
    }

    /**
     * The first set bit above {@code i} (which must be below {@link #capacity}), or -1: for a
     * bitmap of block starts, where the block at {@code i} ends. The next word is tried before the
     * summary or rank index, as a block rarely spans a whole word.
     */
    public long nextSetAfter(long i) {
        int w = (int) (i >>> 6);
        // -2L << i keeps the bits above i's position (none when i is the word's last bit: -2L << 63 == 0)
        long word = pages[w >>> PAGE_SHIFT][w & PAGE_MASK] & (-2L << i);
        if (word != 0) {
            return ((long) w << 6) + Long.numberOfTrailingZeros(word);
        }
        if (++w >= wordCount) {
            return -1;
        }
        word = pages[w >>> PAGE_SHIFT][w & PAGE_MASK];
        if (word != 0) {
            return ((long) w << 6) + Long.numberOfTrailingZeros(word);
        }
        return nextSetAfterWord(w, Long.MAX_VALUE);
    }

    /** The first set bit in the words after {@code w} and below {@code limit}, or -1. */
    private long nextSetAfterWord(int w, long limit) {
        long found = -1;
        long lastWord = Math.min(wordCount - 1, (limit - 1) >>> 6);
        if (!ranked) {
            found = nextBySummary(w + 1, (int) lastWord); // the summary word finds the next non-empty word at once
            return found >= limit ? -1 : found;
        }
        for (int k = 0; k < SCAN && found < 0; k++) {
            if (++w > lastWord) {
                return -1;
            }
            long word = at(w);
            if (word != 0) {
                found = ((long) w << 6) + Long.numberOfTrailingZeros(word);
            }
        }
        if (found < 0) {
            found = ranked ? select(prefixWords(w + 1)) : nextBySummary(w + 1, (int) lastWord);
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
        return nw > lastWord ? -1 : ((long) nw << 6) + Long.numberOfTrailingZeros(at(nw));
    }

    /** The last set bit at or before {@code i}, or -1. */
    public long prevSet(long i) {
        if (i < 0) {
            return -1;
        }
        int w = (int) (i >>> 6);
        if (w >= wordCount) {
            w = wordCount - 1;
            i = ((long) w << 6) + 63;
        }
        long word = pages[w >>> PAGE_SHIFT][w & PAGE_MASK] & (-1L >>> (63 - (i & 63)));
        if (word != 0) {
            return ((long) w << 6) + 63 - Long.numberOfLeadingZeros(word);
        }
        return prevSetBeforeWord(w);
    }

    /** The last set bit in the words before {@code w}, or -1. */
    private long prevSetBeforeWord(int w) {
        for (int k = 0; ranked && k < SCAN; k++) {
            if (--w < 0) {
                return -1;
            }
            long word = at(w);
            if (word != 0) {
                return ((long) w << 6) + 63 - Long.numberOfLeadingZeros(word);
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
        return ((long) pw << 6) + 63 - Long.numberOfLeadingZeros(at(pw));
    }

    /** Clears every set bit in {@code [from, to)} (cost proportional to the bits cleared). */
    public void clearRange(long from, long to) {
        for (long i = nextSet(from, to); i >= 0; i = nextSet(i + 1, to)) {
            clear(i);
        }
    }

    /** Host bytes held. */
    public long footprintBytes() {
        long words = 0;
        for (long[] page : pages) {
            words += page == ZERO ? 0 : page.length;
        }
        return words * 8L + 20L * pages.length + (ranked ? tree.length * 4L : summary.length * 8L);
    }
}
