package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * A 16-ary tree of maxima over the words of a granule bitmap: entry {@code i} of level 0 is the
 * largest free block starting in bitmap word {@code i}, each higher entry the largest of its 16
 * children. "The first free block at or after granule p that holds n granules" — what a first-fit
 * or next-fit walk of an address-ordered list finds — costs a few scans of at most 16 ints per
 * level instead of a walk over every block. Host cost: about 4 bytes per 64 granules.
 */
final class MaxIndex {
    /** Sizes of the free blocks starting in one bitmap word. */
    interface Words {
        /** Members (free block starts) of word {@code w}, as a bit mask. */
        long members(int w);

        /** Size in granules of the free block at granule {@code g}. */
        long size(long g);
    }

    private final Words words;
    private static final int FAN_SHIFT = 4;
    private static final int FAN = 1 << FAN_SHIFT; // children per entry above level 0
    private int[][] levels; // levels[0]: one entry per bitmap word; the top level has at most FAN entries

    MaxIndex(Words words, int wordCapacity) {
        this.words = words;
        build(Math.max(64, wordCapacity));
    }

    private void build(int n) {
        int count = 1;
        for (int len = n; len > FAN; len = (len + FAN - 1) >>> FAN_SHIFT) {
            count++;
        }
        int[][] lv = new int[count][];
        int len = n;
        for (int k = 0; k < count; k++) {
            lv[k] = new int[len];
            len = (len + FAN - 1) >>> FAN_SHIFT;
        }
        if (levels != null) {
            System.arraycopy(levels[0], 0, lv[0], 0, levels[0].length);
            for (int k = 1; k < count; k++) {
                int[] lower = lv[k - 1];
                int[] upper = lv[k];
                for (int i = 0; i < lower.length; i++) {
                    if (lower[i] > upper[i >>> FAN_SHIFT]) {
                        upper[i >>> FAN_SHIFT] = lower[i];
                    }
                }
            }
        }
        levels = lv;
    }

    /** Makes room for {@code wordCount} bitmap words. */
    void ensure(int wordCount) {
        if (wordCount > levels[0].length) {
            build(Math.max(wordCount, levels[0].length + (levels[0].length >> 2) + 64));
        }
    }

    /** The largest free block, in granules (0 when none). */
    int max() {
        int[] top = levels[levels.length - 1];
        int m = 0;
        for (int v : top) {
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    /** Recomputes word {@code w}'s maximum after a free block starting in it changed, and its ancestors. */
    void refresh(int w) {
        long bits = words.members(w);
        long m = 0;
        while (bits != 0) {
            long g = ((long) w << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            long s = words.size(g);
            if (s > m) {
                m = s;
            }
        }
        set(w, (int) Math.min(m, Integer.MAX_VALUE));
    }

    /** A free block of {@code size} granules now starts at granule {@code g}. */
    void added(long g, long size) {
        int w = (int) (g >>> 6);
        if (size > levels[0][w]) {
            set(w, (int) Math.min(size, Integer.MAX_VALUE));
        }
    }

    /** The free block of {@code size} granules at granule {@code g} is gone (its bit already cleared). */
    void removed(long g, long size) {
        int w = (int) (g >>> 6);
        if (size >= levels[0][w]) {
            refresh(w);
        }
    }

    private void set(int w, int v) {
        int[] l0 = levels[0];
        int old = l0[w];
        if (old == v) {
            return;
        }
        l0[w] = v;
        int idx = w;
        for (int k = 1; k < levels.length; k++) {
            int[] up = levels[k];
            int p = idx >>> FAN_SHIFT;
            int parent = up[p];
            if (v > parent) {
                up[p] = v;
                old = parent;
            } else if (old == parent && v < old) {
                int[] lower = levels[k - 1];
                int from = p << FAN_SHIFT;
                int to = Math.min(lower.length, from + FAN);
                int nm = 0;
                for (int i = from; i < to; i++) {
                    if (lower[i] > nm) {
                        nm = lower[i];
                    }
                }
                if (nm == parent) {
                    return;
                }
                up[p] = nm;
                old = parent;
                v = nm;
            } else {
                return;
            }
            idx = p;
        }
    }

    /** The first free block at granule {@code from} or later holding at least {@code need} granules, or -1. */
    long firstAtLeast(long from, long need) {
        int w = (int) (from >>> 6);
        int[] l0 = levels[0];
        if (w >= l0.length) {
            return -1;
        }
        if (l0[w] >= need) {
            long bits = words.members(w) & (-1L << from);
            while (bits != 0) {
                long g = ((long) w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (words.size(g) >= need) {
                    return g;
                }
            }
        }
        int idx = w;
        for (int k = 0; k < levels.length; k++) {
            int[] lv = levels[k];
            int end = Math.min(lv.length, (idx | (FAN - 1)) + 1);
            for (int i = idx + 1; i < end; i++) {
                if (lv[i] >= need) {
                    return descend(k, i, need);
                }
            }
            idx >>>= FAN_SHIFT;
        }
        return -1;
    }

    private long descend(int level, int i, long need) {
        for (int k = level; k > 0; k--) {
            int[] lower = levels[k - 1];
            int from = i << FAN_SHIFT;
            int to = Math.min(lower.length, from + FAN);
            int j = from;
            while (j < to && lower[j] < need) {
                j++;
            }
            if (j == to) {
                throw new IllegalStateException("max index inconsistent at level " + k);
            }
            i = j;
        }
        long bits = words.members(i);
        while (bits != 0) {
            long g = ((long) i << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (words.size(g) >= need) {
                return g;
            }
        }
        throw new IllegalStateException("max index inconsistent at word " + i);
    }

    /** Checks every level against the one below it and level 0 against the bitmap; throws on a mismatch. */
    void verify(String what, int wordCount) {
        int[] l0 = levels[0];
        for (int w = 0; w < l0.length; w++) {
            long bits = w < wordCount ? words.members(w) : 0;
            long m = 0;
            while (bits != 0) {
                long g = ((long) w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                m = Math.max(m, words.size(g));
            }
            if (l0[w] != m) {
                throw new IllegalStateException(what + ": size index of word " + w + " says " + l0[w] + ", blocks say " + m);
            }
        }
        for (int k = 1; k < levels.length; k++) {
            int[] lower = levels[k - 1];
            int[] upper = levels[k];
            int[] expect = new int[upper.length];
            for (int i = 0; i < lower.length; i++) {
                expect[i >>> FAN_SHIFT] = Math.max(expect[i >>> FAN_SHIFT], lower[i]);
            }
            if (!Arrays.equals(expect, upper)) {
                throw new IllegalStateException(what + ": size index level " + k + " disagrees with level " + (k - 1));
            }
        }
    }

    long footprintBytes() {
        long b = 0;
        for (int[] l : levels) {
            b += 16 + 4L * l.length;
        }
        return b;
    }
}
