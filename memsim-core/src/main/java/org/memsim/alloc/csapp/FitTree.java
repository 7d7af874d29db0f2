package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * A 16-ary tree over the words of a free-block bitmap that keeps, for every subtree, the largest
 * free block in it and how many entries an address-ordered walk reads there (every block for an
 * implicit list, the free blocks for an explicit one). First fit descends to the first block that
 * holds a request and adds up the entries of the subtrees it passes, so the textbook's search
 * length comes with the answer. A node is one {@code long}: the maximum (in granules, at most
 * {@link Integer#MAX_VALUE}) above bit 33, the count below; leaves live in 32 KiB pages. Host
 * cost: 8 bytes per leaf word, plus a fifteenth of that for the levels above.
 */
final class FitTree {
    /** The free blocks (members) and walked entries under each leaf. */
    interface Words {
        /** Members (free blocks) of leaf word {@code w}, as a bit mask. */
        long members(int w);

        /** Size in granules of the free block that is member {@code m}. */
        long size(long m);

        /** Walked entries under leaf {@code w} (what {@link #addCount} has been told); for {@link #verify}. */
        long walked(int w);
    }

    private static final int FAN_SHIFT = 4;
    private static final int FAN = 1 << FAN_SHIFT;
    private static final int MAX_SHIFT = 33;
    private static final long COUNT = (1L << MAX_SHIFT) - 1;
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE - 1;

    private final Words words;
    private long[][] leaves = new long[0][]; // leaf w is leaves[w >>> PAGE_SHIFT][w & PAGE_MASK]
    private int leafCount;
    private long[][] upper; // upper[0]: parents of the leaves; the last level is the root alone

    /** Walked entries in the leaves before the one {@link #firstFit} found in (all of them when it found none). */
    long skipped;

    FitTree(Words words, int wordCapacity) {
        this.words = words;
        resize(Math.max(FAN, wordCapacity));
    }

    private static long maxOf(long node) {
        return node >>> MAX_SHIFT;
    }

    private static long withMax(long node, long max) {
        return (max << MAX_SHIFT) | (node & COUNT);
    }

    private long leaf(int w) {
        return leaves[w >>> PAGE_SHIFT][w & PAGE_MASK];
    }

    private void resize(int n) {
        int pages = (n + PAGE_MASK) >>> PAGE_SHIFT;
        long[][] p = Arrays.copyOf(leaves, pages);
        for (int i = 0; i < pages; i++) {
            int len = i == pages - 1 ? n - (i << PAGE_SHIFT) : PAGE;
            p[i] = p[i] == null ? new long[len] : p[i].length < len ? Arrays.copyOf(p[i], len) : p[i];
        }
        leaves = p;
        leafCount = n;
        int count = 0;
        for (int len = n; len > 1; len = (len + FAN - 1) >>> FAN_SHIFT) {
            count++;
        }
        upper = new long[Math.max(1, count)][];
        int len = n;
        for (int k = 0; k < upper.length; k++) {
            len = (len + FAN - 1) >>> FAN_SHIFT;
            upper[k] = new long[len];
        }
        for (int k = 0; k < upper.length; k++) {
            long[] up = upper[k];
            int below = k == 0 ? n : upper[k - 1].length;
            for (int i = 0; i < below; i++) {
                long c = k == 0 ? leaf(i) : upper[k - 1][i];
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

    /** The walked entries under leaf {@code w} changed by {@code delta}. */
    void addCount(int w, int delta) {
        leaves[w >>> PAGE_SHIFT][w & PAGE_MASK] += delta;
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
        long acc = 0;
        long[] page = leaves[w >>> PAGE_SHIFT]; // a group of FAN leaves never straddles pages
        for (int j = w & -FAN; j < w; j++) {
            acc += page[j & PAGE_MASK] & COUNT;
        }
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

    /** Recomputes leaf {@code w}'s maximum after a free block in it changed or left. */
    void refresh(int w) {
        long bits = words.members(w);
        long m = 0;
        while (bits != 0) {
            long s = words.size(((long) w << 6) + Long.numberOfTrailingZeros(bits));
            bits &= bits - 1;
            if (s > m) {
                m = s;
            }
        }
        setLeafMax(w, Math.min(m, Integer.MAX_VALUE));
    }

    /** A free block of {@code size} granules is now member {@code m} (or member {@code m} grew to it). */
    void added(long m, long size) {
        int w = (int) (m >>> 6);
        if (size > maxOf(leaf(w))) {
            setLeafMax(w, Math.min(size, Integer.MAX_VALUE));
        }
    }

    /** The free block of {@code size} granules that was member {@code m} is gone (its bit already cleared). */
    void removed(long m, long size) {
        int w = (int) (m >>> 6);
        if (Math.min(size, Integer.MAX_VALUE) >= maxOf(leaf(w))) {
            refresh(w);
        }
    }

    /**
     * The free block of {@code oldSize} at member {@code from} now is member {@code to} with
     * {@code newSize} (both bits already updated): one refresh when both are in the same leaf.
     */
    void moved(long from, long oldSize, long to, long newSize) {
        int w = (int) (from >>> 6);
        if (w != (int) (to >>> 6)) {
            removed(from, oldSize);
            added(to, newSize);
        } else if (Math.min(oldSize, Integer.MAX_VALUE) >= maxOf(leaf(w))) {
            refresh(w);
        } else {
            added(to, newSize);
        }
    }

    /** Sets a leaf's maximum and carries the change up: a fall rescans the siblings where it was the maximum. */
    private void setLeafMax(int w, long v) {
        long[] page = leaves[w >>> PAGE_SHIFT];
        long node = page[w & PAGE_MASK];
        long old = maxOf(node);
        if (old == v) {
            return;
        }
        page[w & PAGE_MASK] = withMax(node, v);
        final long[][] up = upper;
        for (int k = 0; k < up.length; k++) {
            w >>>= FAN_SHIFT;
            long parent = up[k][w];
            long pm = maxOf(parent);
            if (v > pm) {
                up[k][w] = withMax(parent, v);
            } else if (old == pm && v < old) {
                long nm = maxOfChildren(k, w);
                if (nm == pm) {
                    return;
                }
                up[k][w] = withMax(parent, nm);
                v = nm;
            } else {
                return;
            }
            old = pm;
        }
    }

    /** The largest maximum among the children of entry {@code p} of level {@code k} of {@link #upper}. */
    private long maxOfChildren(int k, int p) {
        int from = p << FAN_SHIFT;
        long nm = 0;
        if (k == 0) {
            long[] page = leaves[from >>> PAGE_SHIFT];
            int to = Math.min(leafCount, from + FAN);
            for (int i = from; i < to; i++) {
                nm = Math.max(nm, maxOf(page[i & PAGE_MASK]));
            }
        } else {
            long[] lower = upper[k - 1];
            int to = Math.min(lower.length, from + FAN);
            for (int i = from; i < to; i++) {
                nm = Math.max(nm, maxOf(lower[i]));
            }
        }
        return nm;
    }

    /** The largest free block, in granules (0 when none). */
    long max() {
        return maxOf(upper[upper.length - 1][0]);
    }

    /**
     * First fit from the start: the first member holding {@code need} granules, or -1; sets
     * {@link #skipped} to the walked entries of the leaves before the member's leaf (all of them
     * when there is none).
     */
    long firstFit(long need) {
        skipped = 0;
        int top = upper.length - 1;
        long m = maxOf(upper[top][0]) < need ? -1 : descend(top, 0, need);
        if (m < 0) {
            skipped = total();
        }
        return m;
    }

    /**
     * The first member under entry {@code i} of upper level {@code k} holding {@code need}, or -1;
     * adds the walked entries of the leaves it passes to {@link #skipped}.
     */
    private long descend(int k, int i, long need) {
        int from = i << FAN_SHIFT;
        long acc = skipped;
        long bound = 0;
        if (k == 0) {
            long[] page = leaves[from >>> PAGE_SHIFT];
            int to = Math.min(leafCount, from + FAN);
            for (int j = from; j < to; j++) {
                long node = page[j & PAGE_MASK];
                if (maxOf(node) >= need) {
                    skipped = acc;
                    return firstInLeaf(j, need, 0);
                }
                acc += node & COUNT;
                bound = Math.max(bound, maxOf(node));
            }
        } else {
            long[] lower = upper[k - 1];
            int to = Math.min(lower.length, from + FAN);
            for (int j = from; j < to; j++) {
                long node = lower[j];
                if (maxOf(node) >= need) {
                    skipped = acc;
                    long m = descend(k - 1, j, need);
                    if (m >= 0) {
                        return m;
                    }
                    acc = skipped; // the whole child was passed; its bound is now exact enough
                    node = lower[j];
                } else {
                    acc += node & COUNT;
                }
                bound = Math.max(bound, maxOf(node));
            }
        }
        skipped = acc;
        upper[k][i] = withMax(upper[k][i], bound);
        return -1;
    }

    /** The first member at {@code from} or later holding at least {@code need} granules, or -1. */
    long firstAtLeast(long from, long need) {
        skipped = 0;
        int w = (int) (from >>> 6);
        if (w >= leafCount) {
            return -1;
        }
        if (maxOf(leaf(w)) >= need) {
            long m = firstInLeaf(w, need, -1L << from);
            if (m >= 0) {
                return m;
            }
        }
        int idx = w;
        long[] page = leaves[w >>> PAGE_SHIFT];
        int end = Math.min(leafCount, (idx | (FAN - 1)) + 1);
        for (int i = idx + 1; i < end; i++) {
            if (maxOf(page[i & PAGE_MASK]) >= need) {
                return firstInLeaf(i, need, 0);
            }
        }
        for (int k = 0; k < upper.length; k++) {
            idx >>>= FAN_SHIFT;
            long[] lv = upper[k];
            end = Math.min(lv.length, (idx | (FAN - 1)) + 1);
            for (int i = idx + 1; i < end; i++) {
                if (maxOf(lv[i]) >= need) {
                    long m = descend(k, i, need);
                    if (m >= 0) {
                        return m;
                    }
                }
            }
        }
        return -1;
    }

    /** The first member of leaf {@code w} (among {@code mask}; 0 for all) holding {@code need}; -1 when none of those does. */
    private long firstInLeaf(int w, long need, long mask) {
        long bits = words.members(w);
        if (mask != 0) {
            bits &= mask;
        }
        while (bits != 0) {
            long m = ((long) w << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (words.size(m) >= need) {
                return m;
            }
        }
        if (mask == 0) {
            throw new IllegalStateException("fit tree inconsistent at leaf " + w);
        }
        return -1;
    }

    /** Checks every leaf against its members and walked entries, and every level against the one below. */
    void verify(String what) {
        for (int w = 0; w < leafCount; w++) {
            long bits = words.members(w);
            long m = 0;
            while (bits != 0) {
                m = Math.max(m, words.size(((long) w << 6) + Long.numberOfTrailingZeros(bits)));
                bits &= bits - 1;
            }
            long expect = withMax(words.walked(w), Math.min(m, Integer.MAX_VALUE));
            if (leaf(w) != expect) {
                throw new IllegalStateException(what + ": leaf " + w + " holds max " + maxOf(leaf(w)) + " count " + (leaf(w) & COUNT)
                    + ", the blocks say " + m + " and " + words.walked(w));
            }
        }
        for (int k = 0; k < upper.length; k++) {
            int below = k == 0 ? leafCount : upper[k - 1].length;
            long[] expect = new long[upper[k].length];
            for (int i = 0; i < below; i++) {
                long c = k == 0 ? leaf(i) : upper[k - 1][i];
                long u = expect[i >>> FAN_SHIFT];
                expect[i >>> FAN_SHIFT] = withMax(u + (c & COUNT), Math.max(maxOf(u), maxOf(c)));
            }
            for (int i = 0; i < expect.length; i++) {
                if (expect[i] != upper[k][i]) {
                    throw new IllegalStateException(what + ": level " + (k + 1) + " entry " + i + " holds max " + maxOf(upper[k][i])
                        + " count " + (upper[k][i] & COUNT) + ", its children say " + maxOf(expect[i]) + " and " + (expect[i] & COUNT));
                }
            }
        }
    }
}
