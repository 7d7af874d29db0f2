package org.memsim.alloc.freelist;

import java.util.Arrays;

/**
 * The starts of free blocks in address order, as one bit per heap granule in pages of 4,096
 * granules that exist only while they hold a free start (an emptied page is kept for reuse). With
 * {@code maxima}, each page also keeps the largest free block (in granules) starting in each
 * 64-granule word and in each line of 8 words, with the counts per word, line and page: a first-fit
 * scan skips a page (none of its lines fits), line or word whose largest block is too small, adding its count to
 * the entries examined — the count a linear walk of the list would reach — and reads the sizes of
 * the blocks in one word only.
 * <pre>
 *  page:  count (its largest block: the largest of its lines', read when needed)
 *   ├ line 0..7 (512 granules): lineMax, line count
 *   │  └ word 0..63 (64 granules): wordMax, word count, bits (bit g: a free block starts at granule g)
 * </pre>
 * The line and word counts are 16-bit lanes, four to a long, so the count before a line or word
 * is a masked multiply (see {@link #lanesBefore}) rather than a sum over the lines or words. Counts
 * and maxima are kept only with {@code maxima} (address-ordered first and next fit, which search
 * here); the other lists only ask whether a block is free, and the bits alone answer that.
 * Maxima are exact: a free block's size does not change while it is free (it is cleared and set
 * again around every split and merge). Sizes above {@link Integer#MAX_VALUE} granules saturate.
 */
final class FreeStarts {
    private static final int PAGE_SHIFT = 12;
    private static final int WORDS = 64;
    private static final int LINES = 8;
    private static final int LINE_SHIFT = 3; // words per line: 8

    /** One page of free starts and, with maxima, their summaries. */
    private static final class Page {
        final long[] bits = new long[WORDS];
        final int[] wordMax;
        final int[] lineMax;
        final long[] lineCounts; // lane j of [i]: free starts in line 4i + j (with maxima)
        final long[] wordCounts; // lane j of [i]: free starts in word 4i + j (with maxima: for first fit)
        // the same maxima capped at 127, eight to a long (byte i: line i; wordBytes[l] byte j: word 8l+j)
        final long[] wordBytes;
        long lineBytes;
        int count;

        Page(boolean maxima) {
            wordMax = maxima ? new int[WORDS] : null;
            lineMax = maxima ? new int[LINES] : null;
            wordBytes = maxima ? new long[LINES] : null;
            wordCounts = maxima ? new long[WORDS / 4] : null;
            lineCounts = maxima ? new long[LINES / 4] : null;
        }
    }

    /*
     * SWAR ("SIMD within a register") search of eight capped maxima at once: for a byte x <= 127
     * and 1 <= need <= 127, (x | 0x80) - need stays within the byte and keeps its top bit exactly
     * when x >= need; a capped 127 stands for a larger block, which fits too. The lowest such top
     * bit is the first line or word that fits, found without a loop whose exit mispredicts.
     */
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final int BYTE_CAP = 127;
    private static final long LANES = 0x0001000100010001L;

    /** Adds {@code d} to 16-bit lane {@code i} of the lanes four to a long in {@code counts}. */
    private static void addLane(long[] counts, int i, long d) {
        counts[i >>> 2] += d << ((i & 3) << 4);
    }

    /** 16-bit lane {@code i} of {@code counts}. */
    private static int lane(long[] counts, int i) {
        return (int) (counts[i >>> 2] >>> ((i & 3) << 4)) & 0xFFFF;
    }

    /**
     * The sum of lanes 0..i-1 (0 ≤ i ≤ 7) of the eight 16-bit lanes in {@code lo} (0-3) and
     * {@code hi} (4-7), each sum below 65,536. Branch-free: the lanes before i are masked (all of
     * {@code lo} when i ≥ 4, none of {@code hi} when i ≤ 4), and multiplying by {@code LANES} adds
     * a long's four lanes into its top lane.
     */
    private static int lanesBefore(long lo, long hi, int i) {
        int sh = i << 4;
        long all = (3 - i) >> 31; // -1 when i >= 4
        long mlo = ~(-1L << sh) | all;
        long mhi = ~(-1L << (sh - 64)) & all;
        return (int) (((lo & mlo) * LANES >>> 48) + ((hi & mhi) * LANES >>> 48));
    }

    /** Byte {@code i} of {@code bytes} set to {@code v} capped at 127. */
    private static long withByte(long bytes, int i, int v) {
        int shift = i << 3;
        return (bytes & ~(0xFFL << shift)) | ((long) Math.min(v, BYTE_CAP) << shift);
    }

    /** Bit 8i+7 set for every byte i of {@code bytes} >= {@code need} (1..127). */
    private static long fits(long bytes, long need) {
        return ((bytes | HIGH) - need * ONES) & HIGH;
    }

    private final HeapBlocks blocks;
    private final boolean maxima;
    private Page[] pages = new Page[4];
    private Page[] spare = new Page[4];
    private int spareCount;
    private long count;
    private long examined;
    private long foundSizeG;
    // What the last firstFit learnt of the word it found a block in, for the clear or move of that
    // block that follows (a malloc takes the block it found, mostly its word's largest): the
    // largest size of the word's other free starts. -1: nothing known. Every change of the free
    // starts forgets it.
    private long hintG = -1;
    private int hintRestMax;

    /**
     * @param blocks the heap's blocks, for the sizes of free blocks
     * @param maxima whether to keep the largest sizes for {@link #firstFit}
     */
    FreeStarts(HeapBlocks blocks, boolean maxima) {
        this.blocks = blocks;
        this.maxima = maxima;
    }

    long count() {
        return count;
    }

    /** Entries examined by the last {@link #firstFit}. */
    long examined() {
        return examined;
    }

    /** Size in granules of the block the last successful {@link #firstFit} found. */
    long foundSizeG() {
        return foundSizeG;
    }

    private static int clamp(long sizeG) {
        return sizeG > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sizeG;
    }

    private Page page(int p) {
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(pages.length * 2, p + 1));
        }
        Page page = pages[p];
        if (page == null) {
            page = spareCount > 0 ? spare[--spareCount] : new Page(maxima);
            pages[p] = page;
        }
        return page;
    }

    /** Marks a free block of {@code sizeG} granules at granule {@code g}. */
    void set(long g, long sizeG) {
        hintG = -1;
        Page page = page((int) (g >>> PAGE_SHIFT));
        int w = (int) (g >>> 6) & (WORDS - 1);
        long m = 1L << g;
        if ((page.bits[w] & m) == 0) {
            page.bits[w] |= m;
            page.count++;
            if (maxima) { // the counts serve first fit's search only
                addLane(page.lineCounts, w >>> LINE_SHIFT, 1);
                addLane(page.wordCounts, w, 1);
            }
            count++;
        }
        if (maxima) {
            raise(page, w, clamp(sizeG));
        }
    }

    /**
     * Raises the word's and line's largest block to {@code s} where it is larger. Branch-free: whether
     * a freed or split block is its word's largest is a coin toss the predictor loses, so the maxima
     * (and their capped bytes) are rewritten unconditionally.
     */
    private static void raise(Page page, int w, int s) {
        int line = w >>> LINE_SHIFT;
        int wm = Math.max(page.wordMax[w], s);
        page.wordMax[w] = wm;
        page.wordBytes[line] = withByte(page.wordBytes[line], w & ((1 << LINE_SHIFT) - 1), wm);
        int lm = Math.max(page.lineMax[line], s);
        page.lineMax[line] = lm;
        page.lineBytes = withByte(page.lineBytes, line, lm);
    }

    /**
     * The free block at granule {@code g} now has {@code sizeG} granules, more than before (it
     * absorbed its successor): only maxima rise.
     */
    void grow(long g, long sizeG) {
        hintG = -1;
        if (maxima) {
            raise(pages[(int) (g >>> PAGE_SHIFT)], (int) (g >>> 6) & (WORDS - 1), clamp(sizeG));
        }
    }

    /**
     * The free block of {@code sizeG} granules at {@code g} gives way to one of {@code sizeG2} at
     * {@code g2} (a split's remainder, or a freed block that absorbed it): the same as
     * {@link #clear} then {@link #set}, without the round trip through the summaries when both
     * starts share a word. Block sizes must be those after the change.
     */
    void move(long g, long sizeG, long g2, long sizeG2) {
        if (((g ^ g2) >>> 6) != 0) {
            clear(g, sizeG); // may use the hint
            set(g2, sizeG2);
            return;
        }
        // same word: the counts stay; only the word's maximum can change
        Page page = pages[(int) (g >>> PAGE_SHIFT)];
        int w = (int) (g >>> 6) & (WORDS - 1);
        long word = (page.bits[w] & ~(1L << g)) | (1L << g2);
        page.bits[w] = word;
        if (maxima) {
            int s2 = clamp(sizeG2);
            int wm = page.wordMax[w];
            if (s2 >= wm) {
                raise(page, w, s2);
            } else if (clamp(sizeG) >= wm) { // the old block was the word's largest: recompute
                if (g == hintG) { // the word's other starts: the hint's, and g2
                    lowerWord(page, w, Math.max(hintRestMax, s2));
                } else {
                    lowerMaxima(page, (int) (g >>> PAGE_SHIFT), w, word);
                }
            } // else another block is the word's largest, and stays
        }
        hintG = -1;
    }

    /**
     * Clears the free start of a block of {@code sizeG} granules; the sizes of the other free blocks
     * must be current.
     */
    void clear(long g, long sizeG) {
        int p = (int) (g >>> PAGE_SHIFT);
        Page page = p < pages.length ? pages[p] : null;
        if (page == null) {
            hintG = -1;
            return;
        }
        int w = (int) (g >>> 6) & (WORDS - 1);
        long m = 1L << g;
        long word = page.bits[w];
        if ((word & m) == 0) {
            hintG = -1;
            return;
        }
        word &= ~m;
        page.bits[w] = word;
        page.count--;
        if (maxima) {
            addLane(page.lineCounts, w >>> LINE_SHIFT, -1);
            addLane(page.wordCounts, w, -1);
        }
        count--;
        if (page.count == 0) {
            release(p, page);
            hintG = -1;
            return;
        }
        if (maxima && clamp(sizeG) >= page.wordMax[w]) { // a smaller block leaves every maximum as it is
            if (g == hintG) {
                lowerWord(page, w, hintRestMax);
            } else {
                lowerMaxima(page, p, w, word);
            }
        }
        hintG = -1;
    }

    /**
     * Recomputes the word's largest block after a clear, then its line's and page's. The line and
     * page are recomputed whether or not they changed: 16 branch-free maxima cost less than the
     * mispredicted tests of whether they need it.
     */
    private void lowerMaxima(Page page, int p, int w, long word) {
        int wm = 0;
        long first = ((long) p << PAGE_SHIFT) | ((long) w << 6);
        long startBits = word == 0 ? 0 : blocks.startWord(first);
        while (word != 0) {
            int bit = Long.numberOfTrailingZeros(word);
            word &= word - 1;
            // a free block ends at the word's next block start (at the latest its next free start),
            // or after the word
            long later = startBits & (-2L << bit);
            long size = later != 0 ? Long.numberOfTrailingZeros(later) - bit : blocks.sizeG(first | bit);
            wm = Math.max(wm, clamp(size));
        }
        lowerWord(page, w, wm);
    }

    /**
     * Sets the word's largest block to {@code wm} (no larger than before), and recomputes its line's.
     * The page keeps no maximum of its own: a search asks its lines (by SWAR when the request is
     * small), so neither a rise nor a fall pays for one.
     */
    private static void lowerWord(Page page, int w, int wm) {
        int[] wordMax = page.wordMax;
        int[] lineMax = page.lineMax;
        int line = w >>> LINE_SHIFT;
        wordMax[w] = wm;
        page.wordBytes[line] = withByte(page.wordBytes[line], w & ((1 << LINE_SHIFT) - 1), wm);
        int i0 = w & -(1 << LINE_SHIFT);
        // a tree of maxima (a chain of three, not seven); the last word first, so one range check covers all eight
        int m67 = Math.max(wordMax[i0 + 7], wordMax[i0 + 6]);
        int m45 = Math.max(wordMax[i0 + 5], wordMax[i0 + 4]);
        int m23 = Math.max(wordMax[i0 + 3], wordMax[i0 + 2]);
        int m01 = Math.max(wordMax[i0 + 1], wordMax[i0]);
        int lm = Math.max(Math.max(m67, m45), Math.max(m23, m01));
        lineMax[line] = lm;
        page.lineBytes = withByte(page.lineBytes, line, lm);
    }

    /** The largest free block starting in the page: the largest of its lines'. */
    private static int pageMax(Page page) {
        int[] lineMax = page.lineMax;
        int pm = lineMax[0];
        for (int i = 1; i < LINES; i++) {
            pm = Math.max(pm, lineMax[i]);
        }
        return pm;
    }

    /** An emptied page leaves the directory and waits for reuse (its bits and counts are zero). */
    private void release(int p, Page page) {
        pages[p] = null;
        if (maxima) {
            Arrays.fill(page.wordMax, 0);
            Arrays.fill(page.lineMax, 0);
            Arrays.fill(page.wordBytes, 0);
            page.lineBytes = 0;
        }
        if (spareCount == spare.length) {
            spare = Arrays.copyOf(spare, spareCount * 2);
        }
        spare[spareCount++] = page;
    }

    boolean get(long g) {
        int p = (int) (g >>> PAGE_SHIFT);
        Page page = g >= 0 && p < pages.length ? pages[p] : null;
        return page != null && (page.bits[(int) (g >>> 6) & (WORDS - 1)] & (1L << g)) != 0;
    }

    /** The 64 free-start bits of the word holding granule {@code g} (g ≥ 0), 0 where no page exists. */
    long word(long g) {
        int p = (int) (g >>> PAGE_SHIFT);
        Page page = p < pages.length ? pages[p] : null;
        return page == null ? 0 : page.bits[(int) (g >>> 6) & (WORDS - 1)];
    }

    /** The first free start at or after granule {@code g} (g ≥ 0), or -1. */
    long next(long g) {
        for (int p = (int) (g >>> PAGE_SHIFT); p < pages.length; p++) {
            Page page = pages[p];
            if (page == null) {
                continue;
            }
            long pageFirst = (long) p << PAGE_SHIFT;
            int w0 = pageFirst < g ? (int) (g >>> 6) & (WORDS - 1) : 0;
            for (int w = w0; w < WORDS; w++) {
                long word = page.bits[w];
                if (w == w0 && pageFirst < g) {
                    word &= -1L << g;
                }
                if (word != 0) {
                    return pageFirst | ((long) w << 6) | Long.numberOfTrailingZeros(word);
                }
            }
        }
        return -1;
    }

    /**
     * The first free block of at least {@code needG} granules in the whole list, or -1;
     * {@link #examined()} = the free blocks a linear walk examines. Needs {@code maxima}.
     */
    long firstFit(long needG) {
        hintG = -1;
        long n = 0;
        int need = clamp(needG);
        Page[] ps = pages;
        for (int p = 0; p < ps.length; p++) {
            Page page = ps[p];
            if (page == null) {
                continue;
            }
            long fittingLines = need <= BYTE_CAP ? fits(page.lineBytes, need) : pageMax(page) >= need ? -1 : 0;
            if (fittingLines == 0) {
                n += page.count;
                continue;
            }
            // a block in this page fits: some line, and in it some word, holds it
            long pageFirst = (long) p << PAGE_SHIFT;
            int[] wordMax = page.wordMax;
            long[] bits = page.bits;
            int w;
            if (need <= BYTE_CAP) { // branch-free: the first fitting line and word by SWAR, counts before them by lanes
                int line = Long.numberOfTrailingZeros(fittingLines) >>> 3;
                long[] lineCounts = page.lineCounts;
                long[] wordCounts = page.wordCounts;
                n += lanesBefore(lineCounts[0], lineCounts[1], line);
                int k = Long.numberOfTrailingZeros(fits(page.wordBytes[line], need)) >>> 3;
                n += lanesBefore(wordCounts[2 * line], wordCounts[2 * line + 1], k);
                w = (line << LINE_SHIFT) + k;
            } else {
                int line = 0;
                while (page.lineMax[line] < need) {
                    n += lane(page.lineCounts, line++);
                }
                w = line << LINE_SHIFT;
                while (wordMax[w] < need) {
                    n += Long.bitCount(bits[w++]);
                }
            }
            long word = bits[w];
            long wordFirst = pageFirst | ((long) w << 6);
            int wm = wordMax[w];
            int restMax = 0; // the largest of the blocks examined in this word, all too small
            long startBits = blocks.startWord(wordFirst);
            while (true) {
                int bit = Long.numberOfTrailingZeros(word);
                word &= word - 1;
                n++;
                long g = wordFirst | bit;
                // A free start followed by another in the word ends at the word's next block start
                // (at the latest that next free start), read from the word's start bits. The word's
                // last free start is its largest block (every one before it was smaller than need,
                // and need <= the word's maximum), so its size is that maximum, unless the maximum
                // saturated.
                long size = word != 0 ? Long.numberOfTrailingZeros(startBits & (-2L << bit)) - bit
                    : wm != Integer.MAX_VALUE ? wm : blocks.sizeG(g);
                if (size >= needG) {
                    examined = n;
                    foundSizeG = size;
                    // the largest of the word's other blocks, for the clear or move of this one
                    // that follows: those before it were read on the way, those after it (mostly
                    // none: the block found is mostly its word's last) are read now
                    while (word != 0) {
                        int b = Long.numberOfTrailingZeros(word);
                        word &= word - 1;
                        long later = startBits & (-2L << b);
                        restMax = Math.max(restMax, clamp(later != 0 ? Long.numberOfTrailingZeros(later) - b : blocks.sizeG(wordFirst | b)));
                    }
                    hintG = g;
                    hintRestMax = restMax;
                    return g;
                }
                restMax = Math.max(restMax, clamp(size));
                if (word == 0) { // only with a saturated maximum
                    break;
                }
            }
            return firstFit(wordFirst + 64, Long.MAX_VALUE, needG, n);
        }
        examined = n;
        return -1;
    }

    /**
     * The first free block starting in granules {@code [from, until)} of at least {@code needG}
     * granules, or -1; {@link #examined()} = {@code already} + the free blocks a linear walk of
     * the list would have examined. Needs {@code maxima}.
     */
    long firstFit(long from, long until, long needG, long already) {
        hintG = -1;
        long n = already;
        int need = clamp(needG); // a saturated maximum never skips
        for (int p = (int) (from >>> PAGE_SHIFT); p < pages.length; p++) {
            long pageFirst = (long) p << PAGE_SHIFT;
            if (pageFirst >= until) {
                break;
            }
            Page page = pages[p];
            if (page == null) {
                continue;
            }
            if (pageFirst >= from && pageMax(page) < need && pageFirst + (1L << PAGE_SHIFT) <= until) {
                n += page.count;
                continue;
            }
            for (int line = 0; line < LINES; line++) {
                long lineFirst = pageFirst | ((long) line << (LINE_SHIFT + 6));
                long lineEnd = lineFirst + (1L << (LINE_SHIFT + 6));
                if (lineEnd <= from) {
                    continue;
                }
                if (lineFirst >= until) {
                    break;
                }
                if (page.lineMax[line] < need && lineFirst >= from && lineEnd <= until) {
                    n += lane(page.lineCounts, line);
                    continue;
                }
                for (int w = line << LINE_SHIFT, e = w + (1 << LINE_SHIFT); w < e; w++) {
                    long wordFirst = pageFirst | ((long) w << 6);
                    long word = page.bits[w];
                    if (wordFirst < from) {
                        if (wordFirst + 64 <= from) {
                            continue;
                        }
                        word &= -1L << from;
                    }
                    if (wordFirst + 64 > until) {
                        if (wordFirst >= until) {
                            break;
                        }
                        word &= (1L << (until - wordFirst)) - 1;
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
                        long g = wordFirst | bit;
                        long size = blocks.sizeG(g);
                        if (size >= needG) {
                            examined = n;
                            foundSizeG = size;
                            return g;
                        }
                    }
                }
            }
        }
        examined = n;
        return -1;
    }

    /** Checks the counts and maxima against the bits and the blocks' sizes. */
    void verify() {
        long total = 0;
        for (int p = 0; p < pages.length; p++) {
            Page page = pages[p];
            if (page == null) {
                continue;
            }
            int pageCount = 0;
            int pageMax = 0;
            for (int line = 0; line < LINES; line++) {
                int lineCount = 0;
                int lineMax = 0;
                for (int w = line << LINE_SHIFT; w < (line + 1) << LINE_SHIFT; w++) {
                    long word = page.bits[w];
                    lineCount += Long.bitCount(word);
                    if (maxima && lane(page.wordCounts, w) != Long.bitCount(word)) {
                        throw new IllegalStateException("free starts: word " + w + " of page " + p + " count is stale");
                    }
                    int wm = 0;
                    for (long x = word; x != 0; x &= x - 1) {
                        long g = ((long) p << PAGE_SHIFT) | ((long) w << 6) | Long.numberOfTrailingZeros(x);
                        wm = Math.max(wm, clamp(blocks.sizeG(g)));
                    }
                    if (maxima && (page.wordMax[w] != wm
                        || page.wordBytes[line] >>> ((w & 7) << 3) << 56 != (long) Math.min(wm, BYTE_CAP) << 56)) {
                        throw new IllegalStateException("free starts: word " + w + " of page " + p + " keeps largest " + page.wordMax[w]
                            + " granules, its blocks' largest is " + wm);
                    }
                    lineMax = Math.max(lineMax, wm);
                }
                if (maxima && (lane(page.lineCounts, line) != lineCount || page.lineMax[line] != lineMax
                    || page.lineBytes >>> (line << 3) << 56 != (long) Math.min(lineMax, BYTE_CAP) << 56)) {
                    throw new IllegalStateException("free starts: line " + line + " of page " + p + " summary is stale");
                }
                pageCount += lineCount;
                pageMax = Math.max(pageMax, lineMax);
            }
            if (page.count != pageCount || pageCount == 0 || (maxima && pageMax(page) != pageMax)) {
                throw new IllegalStateException("free starts: page " + p + " summary is stale or the page is empty");
            }
            total += pageCount;
        }
        if (total != count) {
            throw new IllegalStateException("free starts: count " + count + ", bits " + total);
        }
    }
}
