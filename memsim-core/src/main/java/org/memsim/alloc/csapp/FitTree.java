package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * A 16-ary tree over the words of a free-block bitmap that keeps, for every subtree, an upper
 * bound on the largest free block in it and (above the leaves) how many entries an
 * address-ordered walk reads there (every block for an implicit list, the free blocks for an
 * explicit one). First fit descends to the first block that holds a request and adds up the
 * entries of the subtrees it passes, so the textbook's search length comes with the answer.
 *
 * <p>Bounds only ever rise eagerly: a block that shrinks (a split) or leaves (a merge, an
 * allocation) keeps its leaf's bound where it was, and a descent that enters a subtree whose
 * bound promised more than it holds sets the bound to the exact maximum it just read on its way
 * through (the sizes it looked at anyway). Every bound stays at least the largest block below it
 * and at least the bounds of its children, so the search never misses a block; a stale bound costs
 * one wasted visit, at most one per change, instead of a rescan on every change. {@link #max()}
 * tightens what it needs for an exact answer.
 *
 * <p>Leaves hold only their bound (an {@code int}, in 16 KiB pages that exist only once a leaf
 * under them holds a free block); their walked entries are counted from the bitmaps when needed
 * ({@link Words#walked}). Upper nodes are one {@code long}: the bound above bit 33, the count
 * below. Host cost: at most 4 bytes per leaf word, plus 8 bytes per 16 leaves for the levels above.
 */
final class FitTree {
    /** The sizes of the free blocks (members) and the walked entries under each leaf. */
    interface Words {
        /** Size in granules of the free block that is member {@code m}. */
        long size(long m);

        /** Walked entries under leaf {@code w} (what {@link #addCount} has been told). */
        long walked(int w);
    }

    private static final int FAN_SHIFT = 4;
    private static final int FAN = 1 << FAN_SHIFT;
    private static final int MAX_SHIFT = 33;
    private static final long COUNT = (1L << MAX_SHIFT) - 1;
    private static final int PAGE_SHIFT = 12; // 4096 longs (32 KiB) per page of leaf data
    private static final int PAGE_MASK = (1 << PAGE_SHIFT) - 1;

    // A leaf's bound is a 15-bit lane: the bound itself, or SAT for "SAT or more" (the levels above
    // keep the full value). Group g of 16 leaves keeps its bounds in 4 longs, leaf l in long l & 3,
    // lane l >>> 2, so that one pass over the 4 longs yields a mask whose bit order is leaf order.
    private static final long SAT = 0x7FFF;
    private static final long LANES = 0x0001_0001_0001_0001L; // 1 in every 16-bit lane
    private static final long HIGH = 0x8000_8000_8000_8000L;  // every lane's top bit
    private static final long BYTES = 0x00FF_00FF_00FF_00FFL;

    private static final long[] ZERO = new long[1 << PAGE_SHIFT];

    private final Words words;
    private final RankBitmap members; // the members (free blocks), one bit each: leaf w is word w
    private final RankBitmap starts;  // block starts, one bit per granule: member m's block starts at granule 2m or 2m + 1, so leaf w's blocks start in words 2w and 2w + 1
    private long[][] bounds = new long[0][]; // group g's bounds at longs 4g..4g+3, paged; a null page is all zero
    private long[][] counts = new long[0][]; // group g's walked entries per leaf, one byte each, at longs 2g, 2g+1
    private int leafCount;
    private long[][] upper; // upper[0]: parents of the groups of leaves; the last level is the root alone

    /** Walked entries in the leaves before the one {@link #firstFit} found in (all of them when it found none). */
    long skipped;

    /** The size of the member {@link #firstFit} or {@link #firstAtLeast} found. */
    long foundSize;

    /** The granule where the block of that member starts (from the block-start words). */
    long foundGranule;

    /** The walked entries of that member's leaf up to it, included. */
    long foundWalked;

    private final boolean countsStarts; // walked entries are the block starts (else the members)

    // The member the last search found when it was its leaf's last member, and the largest member
    // before it: a change to that member (the split or allocation that follows a search) then
    // sets the leaf's exact maximum without reading any size. NONE when no such search is pending.
    private static final long NONE = -1;
    private long lastMember = NONE;
    private long maxBeforeLast;

    /**
     * @param members      the free-block map, one bit per pair of granules
     * @param starts       the block-start map, one bit per granule (a map without bits: every size from {@code words})
     * @param countsStarts whether a leaf's walked entries are its block starts (an implicit list)
     *                     rather than its members (an address-ordered explicit list)
     */
    FitTree(RankBitmap members, RankBitmap starts, Words words, int wordCapacity, boolean countsStarts) {
        this.members = members;
        this.starts = starts;
        this.words = words;
        this.countsStarts = countsStarts;
        resize(Math.max(FAN, wordCapacity));
    }

    private static long maxOf(long node) {
        return node >>> MAX_SHIFT;
    }

    private static long withMax(long node, long max) {
        return (max << MAX_SHIFT) | (node & COUNT);
    }

    private static int lane(int w) {
        return (w & 15) >>> 2 << 4;
    }

    /** Leaf {@code w}'s bound lane (SAT: SAT or more). */
    private long bound(int w) {
        long[] page = bounds[w >>> (PAGE_SHIFT + 2)];
        return page == null ? 0 : (page[((w >>> 4 << 2) + (w & 3)) & PAGE_MASK] >>> lane(w)) & 0xFFFF;
    }

    private void setBound(int w, long v) {
        long[] page = bounds[w >>> (PAGE_SHIFT + 2)];
        if (page == null) {
            if (v == 0) {
                return;
            }
            page = bounds[w >>> (PAGE_SHIFT + 2)] = new long[1 << PAGE_SHIFT];
        }
        int i = ((w >>> 4 << 2) + (w & 3)) & PAGE_MASK;
        int sh = lane(w);
        page[i] = (page[i] & ~(0xFFFFL << sh)) | (Math.min(v, SAT) << sh);
    }

    /** Walked entries under leaf {@code w}. */
    private long count(int w) {
        return (counts[w >>> (PAGE_SHIFT + 3)][(w >>> 3) & PAGE_MASK] >>> ((w & 7) << 3)) & 0xFF;
    }

    /** Walked entries under the first {@code l} leaves of group {@code g} (0 to 16): one masked byte sum over its two count longs. */
    private long countInGroupBefore(int g, int l) {
        long[] page = counts[g >>> (PAGE_SHIFT - 1)];
        int o = (g << 1) & PAGE_MASK;
        // masks without a branch on l (whether the leaf is in the first or second half is a coin
        // toss): sel = l / 8 is 0, 1 or 2; the low long's bytes below l, the high long's below l - 8
        int sel = l >>> 3;
        long prefix = (1L << (l << 3)) - 1; // shifts use the low 6 bits: the bytes below l % 8
        long loMask = prefix | -(long) ((sel + 1) >>> 1);
        long hiMask = (prefix | -(long) (sel >>> 1)) & -(long) ((sel + 1) >>> 1);
        long lo = page[o] & loMask;
        long hi = page[o + 1] & hiMask;
        // both longs' byte pairs added lane by lane (at most 1020 a lane), then one multiply sums the lanes
        long pairs = (lo & BYTES) + ((lo >>> 8) & BYTES) + (hi & BYTES) + ((hi >>> 8) & BYTES);
        return (pairs * LANES) >>> 48;
    }

    /**
     * Leaves of group {@code g} whose bound may hold {@code need}: bit {@code 16 * (l >>> 2) + (l & 3)}
     * set for leaf {@code l} (bit order is leaf order). Per lane, {@code (b | 0x8000) - n} keeps
     * the top bit exactly when {@code b >= n} (both below 2^15, so no borrow crosses lanes).
     */
    private long candidates(int g, long need) {
        long[] page = bounds[g >>> (PAGE_SHIFT - 2)];
        if (page == null) {
            return 0;
        }
        int o = (g << 2) & PAGE_MASK;
        long n = Math.min(need, SAT) * LANES;
        return (((page[o] | HIGH) - n) & HIGH) >>> 15
            | (((page[o + 1] | HIGH) - n) & HIGH) >>> 14
            | (((page[o + 2] | HIGH) - n) & HIGH) >>> 13
            | (((page[o + 3] | HIGH) - n) & HIGH) >>> 12;
    }

    /** The leaf (in its group) of candidate bit {@code b}. */
    private static int leafOfBit(int b) {
        return ((b >>> 4) << 2) + (b & 3);
    }

    /** The candidate bit of leaf {@code l} of a group. */
    private static int bitOfLeaf(int l) {
        return ((l >>> 2) << 4) + (l & 3);
    }

    /** Group {@code g}'s largest bound lane (SAT when some leaf's bound is saturated). */
    private long groupBound(int g) {
        long[] page = bounds[g >>> (PAGE_SHIFT - 2)];
        if (page == null) {
            return 0;
        }
        int o = (g << 2) & PAGE_MASK;
        long m = 0;
        for (int i = 0; i < 4; i++) {
            for (long x = page[o + i]; x != 0; x >>>= 16) {
                m = Math.max(m, x & 0xFFFF);
            }
        }
        return m;
    }

    /** Leaf {@code w}'s exact largest member. */
    private long exactLeaf(int w) {
        long bits = members.word(w);
        long m = 0;
        while (bits != 0) {
            m = Math.max(m, words.size(((long) w << 6) + Long.numberOfTrailingZeros(bits)));
            bits &= bits - 1;
        }
        return Math.min(m, Integer.MAX_VALUE);
    }

    private void resize(int n) {
        n = (n + FAN - 1) & -FAN; // whole groups
        int groups = n >>> FAN_SHIFT;
        int boundPages = ((groups << 2) + PAGE_MASK) >>> PAGE_SHIFT;
        bounds = Arrays.copyOf(bounds, boundPages);
        for (int i = 0; i < boundPages; i++) {
            if (bounds[i] != null && Arrays.equals(bounds[i], ZERO)) {
                bounds[i] = null; // no free block under it any more: give the page back as the heap grows
            }
        }
        int countPages = ((groups << 1) + PAGE_MASK) >>> PAGE_SHIFT;
        int oldCountPages = counts.length;
        counts = Arrays.copyOf(counts, countPages);
        for (int i = oldCountPages; i < countPages; i++) {
            counts[i] = new long[1 << PAGE_SHIFT];
        }
        leafCount = n;
        int levels = 0;
        for (int len = groups; len >= 1; len = (len + FAN - 1) >>> FAN_SHIFT) {
            levels++;
            if (len == 1) {
                break;
            }
        }
        upper = new long[levels][];
        int len = groups;
        for (int k = 0; k < levels; k++) {
            upper[k] = new long[len];
            len = (len + FAN - 1) >>> FAN_SHIFT;
        }
        for (int g = 0; g < groups; g++) {
            long c = countInGroupBefore(g, FAN);
            long b = groupBound(g);
            if (b == SAT) { // a saturated lane: the group's bound is its exact maximum, and at least SAT
                for (int w = g << FAN_SHIFT; w < (g + 1) << FAN_SHIFT; w++) {
                    b = Math.max(b, exactLeaf(w));
                }
            }
            upper[0][g] = withMax(c, b);
        }
        for (int k = 1; k < levels; k++) {
            long[] up = upper[k];
            long[] below = upper[k - 1];
            for (int i = 0; i < below.length; i++) {
                long c = below[i];
                long u = up[i >>> FAN_SHIFT];
                up[i >>> FAN_SHIFT] = withMax(u + (c & COUNT), Math.max(maxOf(u), maxOf(c)));
            }
        }
    }

    /** Makes room for {@code wordCount} leaf words. */
    void ensure(int wordCount) {
        if (wordCount > leafCount) {
            resize(wordCount);
        }
    }

    /** Walked entries in the whole tree. */
    long total() {
        return upper[upper.length - 1][0] & COUNT;
    }

    /** The walked entries under leaf {@code w} changed by {@code delta} (a leaf holds at most 255). */
    void addCount(int w, int delta) {
        counts[w >>> (PAGE_SHIFT + 3)][(w >>> 3) & PAGE_MASK] += (long) delta << ((w & 7) << 3); // never borrows: the byte stays >= 0
        final long[][] up = upper;
        for (int k = 0; k < up.length; k++) {
            w >>>= FAN_SHIFT;
            up[k][w] += delta;
        }
    }

    /** Walked entries under the leaves before leaf {@code w}. */
    long countBefore(int w) {
        if (w >= leafCount) {
            return total();
        }
        long acc = countInGroupBefore(w >>> FAN_SHIFT, w & (FAN - 1));
        int idx = w >>> FAN_SHIFT;
        for (int k = 0; k < upper.length - 1; k++) {
            long[] lv = upper[k];
            for (int j = idx & -FAN; j < idx; j++) {
                acc += lv[j] & COUNT;
            }
            idx >>>= FAN_SHIFT;
        }
        return acc;
    }

    /** A free block of {@code size} granules is now member {@code m} (or member {@code m} grew to it). */
    void added(long m, long size) {
        lastMember = NONE;
        raise((int) (m >>> 6), Math.min(size, Integer.MAX_VALUE));
    }

    /**
     * The free block of {@code size} granules that was member {@code m} is gone (its bit already
     * cleared): the bounds above it stay, to be tightened by the next descent that finds them stale.
     */
    void removed(long m, long size) {
        if (m == lastMember) {
            setBound((int) (m >>> 6), maxBeforeLast); // the leaf's other members are the ones before it
        } // other bounds fall lazily (see the class comment)
        lastMember = NONE;
    }

    /**
     * The free block of {@code oldSize} at member {@code from} now is member {@code to} with
     * {@code newSize} (both bits already updated): only a rise at {@code to}'s leaf is carried up.
     */
    void moved(long from, long oldSize, long to, long newSize) {
        int w = (int) (from >>> 6);
        if (w != (int) (to >>> 6) || newSize > oldSize) {
            removed(from, oldSize);
            added(to, newSize);
        } else if (from == lastMember) {
            setBound(w, Math.max(maxBeforeLast, Math.min(newSize, Integer.MAX_VALUE)));
            lastMember = NONE;
        }
    }

    /** Raises leaf {@code w}'s bound to at least {@code v} and carries the rise up. */
    private void raise(int w, long v) {
        if (bound(w) >= Math.min(v, SAT)) {
            if (v <= SAT) {
                return;
            }
            // a saturated leaf: its lane cannot say more, the levels above must
        } else {
            setBound(w, v);
        }
        final long[][] up = upper;
        for (int k = 0; k < up.length; k++) {
            w >>>= FAN_SHIFT;
            long parent = up[k][w];
            if (maxOf(parent) >= v) {
                return;
            }
            up[k][w] = withMax(parent, v);
        }
    }

    /** The largest free block, in granules (0 when none); tightens the bounds it reads. */
    long max() {
        return exactMax(upper.length - 1, 0);
    }

    /** The exact largest block under entry {@code i} of level {@code k}, which becomes its bound. */
    private long exactMax(int k, int i) {
        long node = upper[k][i];
        if (maxOf(node) == 0) {
            return 0;
        }
        long best = 0;
        int from = i << FAN_SHIFT;
        if (k == 0) {
            for (int j = from; j < from + FAN; j++) {
                long b = bound(j);
                if (b > best || b == SAT) { // a leaf whose bound is at most the best so far cannot beat it
                    long e = exactLeaf(j);
                    setBound(j, e);
                    best = Math.max(best, e);
                }
            }
        } else {
            long[] lower = upper[k - 1];
            int to = Math.min(lower.length, from + FAN);
            for (int j = from; j < to; j++) {
                if (maxOf(lower[j]) > best) {
                    best = Math.max(best, exactMax(k - 1, j));
                }
            }
        }
        upper[k][i] = withMax(node, best);
        return best;
    }

    /**
     * First fit from the start: the first member holding {@code need} granules, or -1; sets
     * {@link #skipped} to the walked entries of the leaves before the member's leaf (all of them
     * when there is none), and {@link #foundGranule}, {@link #foundWalked} for the member found.
     */
    long firstFit(long need) {
        final long[][] up = upper;
        int top = up.length - 1;
        if (maxOf(up[top][0]) < need) {
            skipped = total();
            return -1;
        }
        if (top == 1) {
            return firstFitInGroups(need);
        }
        skipped = 0;
        long m = descend(top, 0, need);
        if (m < 0) {
            skipped = total();
        }
        return m;
    }

    /**
     * {@link #firstFit} when the root's children are the groups themselves (at most 16 groups, a
     * heap of up to 256 K granules): one loop over the groups, no recursion, the walked entries of
     * the groups passed summed in a local.
     */
    private long firstFitInGroups(long need) {
        final long[] groups = upper[0];
        long acc = 0;
        long bound = 0;
        for (int g = 0; g < groups.length; g++) {
            long node = groups[g];
            if (maxOf(node) >= need) {
                for (long cand = candidates(g, need); cand != 0; cand &= cand - 1) { // a failed leaf's bound is now exact and below need
                    int l = leafOfBit(Long.numberOfTrailingZeros(cand));
                    long m = firstInLeaf((g << FAN_SHIFT) + l, need, 0);
                    if (m >= 0) {
                        skipped = acc + countInGroupBefore(g, l);
                        return m;
                    }
                }
                // every leaf that might have held need was read and does not: need - 1 bounds the group
                node = withMax(node, need - 1);
                groups[g] = node;
            }
            acc += node & COUNT;
            bound = Math.max(bound, maxOf(node));
        }
        skipped = acc;
        upper[1][0] = withMax(upper[1][0], bound);
        return -1;
    }

    /**
     * The first member under entry {@code i} of level {@code k} holding {@code need}, or -1 (and
     * the entry's bound tightened); adds the walked entries of the leaves it passes to
     * {@link #skipped}.
     */
    private long descend(int k, int i, long need) {
        if (k == 0) {
            return inGroup(i, candidates(i, need), need, true);
        }
        long bound = 0;
        long acc = skipped;
        long[] lower = upper[k - 1];
        int from = i << FAN_SHIFT;
        int to = Math.min(lower.length, from + FAN);
        for (int j = from; j < to; j++) {
            long node = lower[j];
            if (maxOf(node) >= need) {
                skipped = acc;
                long m = descend(k - 1, j, need);
                if (m >= 0) {
                    return m;
                }
                acc = skipped; // the whole child was passed; its bound is now below need
                node = lower[j];
            } else {
                acc += node & COUNT;
            }
            bound = Math.max(bound, maxOf(node));
        }
        skipped = acc;
        upper[k][i] = withMax(upper[k][i], bound);
        return -1;
    }

    /**
     * The first member holding {@code need} in the candidate leaves {@code cand} of group {@code g}
     * (as {@link #candidates} gives them; {@code whole}: all of them), or -1 after tightening the
     * group's bound when the search covered the whole group; adds the
     * walked entries of the leaves before the member's (or of the whole group) to {@link #skipped}.
     */
    private long inGroup(int g, long cand, long need, boolean whole) {
        while (cand != 0) {
            int l = leafOfBit(Long.numberOfTrailingZeros(cand));
            long m = firstInLeaf((g << FAN_SHIFT) + l, need, 0);
            if (m >= 0) {
                skipped += countInGroupBefore(g, l);
                return m;
            }
            cand &= cand - 1; // that leaf's bound is now exact and below need
        }
        long node = upper[0][g];
        skipped += node & COUNT;
        if (whole && maxOf(node) >= need) {
            // every leaf that might have held need was read and does not: need - 1 bounds the group
            upper[0][g] = withMax(node, need - 1);
        }
        return -1;
    }

    /** The first member at {@code from} or later holding at least {@code need} granules, or -1. */
    long firstAtLeast(long from, long need) {
        skipped = 0;
        int w = (int) (from >>> 6);
        if (w >= leafCount) {
            return -1;
        }
        if (bound(w) >= Math.min(need, SAT)) {
            long m = firstInLeaf(w, need, -1L << from);
            if (m >= 0) {
                return m;
            }
        }
        int g = w >>> FAN_SHIFT;
        long m = inGroup(g, candidates(g, need) & (-2L << bitOfLeaf(w & (FAN - 1))), need, false);
        if (m >= 0) {
            return m;
        }
        int idx = g;
        for (int k = 0; k < upper.length; k++) {
            long[] lv = upper[k];
            int end = Math.min(lv.length, (idx | (FAN - 1)) + 1);
            for (int i = idx + 1; i < end; i++) {
                if (maxOf(lv[i]) >= need) {
                    m = descend(k, i, need);
                    if (m >= 0) {
                        return m;
                    }
                }
            }
            idx >>>= FAN_SHIFT;
        }
        return -1;
    }

    /**
     * The first member of leaf {@code w} (among {@code mask}; 0 for all) holding {@code need}, or
     * -1 when none of those does; a whole leaf that fails gets its exact maximum as its bound.
     * Sizes come from the leaf's two block-start words (128 granules, read once): member
     * {@code b}'s block starts at granule {@code 2b} of the window when that bit is set, else at
     * {@code 2b + 1}, and ends at the next start bit above it.
     */
    private long firstInLeaf(int w, long need, long mask) {
        long all = members.word(w);
        long bits = mask == 0 ? all : all & mask;
        long max = 0;
        if (bits != 0) {
            long lo = starts.word(w << 1);
            long hi = starts.word((w << 1) + 1);
            do {
                int b = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int o = b << 1; // the pair's first granule in the 128-granule window (shifts below use its low 6 bits)
                long word = o < 64 ? lo : hi;
                o += (int) ((~word >>> o) & 1); // the block starts there when that bit is set, else at the pair's second
                long above = word & (-2L << o); // -2L << 63 == 0: nothing above the word's last bit
                long s = above != 0 ? Long.numberOfTrailingZeros(above) - (o & 63)
                    : o < 64 && hi != 0 ? 64 + Long.numberOfTrailingZeros(hi) - o
                    : sizeBeyondLeaf(w, b, o);
                if (s >= need) {
                    return found(w, b, o, s, lo, hi, all, max, bits == 0 && mask == 0);
                }
                max = Math.max(max, s);
            } while (bits != 0);
        }
        if (mask == 0) {
            setBound(w, max); // every member read and below need: the exact maximum
        }
        return -1;
    }

    /** The size of member {@code b} of leaf {@code w}, whose block starts at granule {@code o} of the leaf and ends beyond it. */
    private long sizeBeyondLeaf(int w, int b, int o) {
        long after = starts.word((w << 1) + 2); // usually the next block starts in the next leaf's first word
        return after != 0 ? 128 - o + Long.numberOfTrailingZeros(after) : words.size(((long) w << 6) + b);
    }

    /**
     * Records member {@code b} of leaf {@code w} (block at granule {@code o} of the leaf, {@code s}
     * granules) as found and returns it; {@code max} is the largest member before it, {@code last}
     * whether it is the leaf's last member and the search read the whole leaf before it.
     */
    private long found(int w, int b, int o, long s, long lo, long hi, long all, long max, boolean last) {
        long m = ((long) w << 6) + b;
        foundSize = s;
        foundGranule = ((long) w << 7) + o;
        // walked entries of the leaf up to the block, included: its blocks (start bits) or its members
        // (for the starts, without a branch on which word holds o: high = -1 when o is in the second)
        long high = -(long) (o >>> 6);
        long upTo = -1L >>> (63 - (o & 63));
        foundWalked = countsStarts
            ? Long.bitCount(lo & (upTo | high)) + Long.bitCount(hi & upTo & high)
            : Long.bitCount(all & (-1L >>> (63 - b)));
        lastMember = last ? m : NONE;
        maxBeforeLast = max;
        return m;
    }

    /** Checks every bound against the blocks and the bounds below it, and every count against the entries below. */
    void verify(String what) {
        int groups = leafCount >>> FAN_SHIFT;
        long[] expect = new long[groups];
        for (int w = 0; w < leafCount; w++) {
            long m = exactLeaf(w);
            if (bound(w) < Math.min(m, SAT)) {
                throw new IllegalStateException(what + ": leaf " + w + " holds bound " + bound(w) + " below its largest block " + m);
            }
            if (count(w) != words.walked(w)) {
                throw new IllegalStateException(what + ": leaf " + w + " counts " + count(w) + " entries, the blocks say " + words.walked(w));
            }
            long b = bound(w) == SAT ? Math.max(m, SAT) : bound(w); // a saturated lane needs its true value above
            long u = expect[w >>> FAN_SHIFT];
            expect[w >>> FAN_SHIFT] = withMax(u + count(w), Math.max(maxOf(u), b));
        }
        for (int k = 0; k < upper.length; k++) {
            if (k > 0) {
                long[] below = upper[k - 1];
                expect = new long[upper[k].length];
                for (int i = 0; i < below.length; i++) {
                    long c = below[i];
                    long u = expect[i >>> FAN_SHIFT];
                    expect[i >>> FAN_SHIFT] = withMax(u + (c & COUNT), Math.max(maxOf(u), maxOf(c)));
                }
            }
            for (int i = 0; i < expect.length; i++) {
                long e = expect[i];
                long a = upper[k][i];
                if ((e & COUNT) != (a & COUNT) || maxOf(a) < maxOf(e)) {
                    throw new IllegalStateException(what + ": level " + (k + 1) + " entry " + i + " holds bound " + maxOf(a)
                        + " count " + (a & COUNT) + ", its children say at least " + maxOf(e) + " and " + (e & COUNT));
                }
            }
        }
    }
}
