package org.memsim.alloc;

import java.util.Arrays;

/**
 * An ordered list of free blocks that answers a search in O(log n) on the host while reporting how
 * many entries a linear scan would have examined: a two-level B+-tree (Bayer &amp; McCreight 1972;
 * the flat-root layout of cache-conscious B-trees) in primitive arrays, ordered by a two-part key
 * (size then list position, or ±size then address). Leaves are sorted runs of up to {@value #CAP}
 * entries; the root is one array of the leaves in key order with each leaf's first key and entry
 * count, so a search is two short binary searches over contiguous arrays and a rank is a sum of
 * counts. Keys lead with the size, so the largest block is the last or the first entry. A leaf that
 * fills splits in two; one that falls to a quarter folds into a neighbour when both fit in half a
 * leaf. The flat root costs O(n / CAP) for a split's shift and a rank's sum: nothing next to the leaf
 * search for the hundreds to thousands of free blocks a free list holds (the treap this replaces took
 * ~1.4 log2 n dependent, mispredicted steps per search).
 *
 * <p>Node handles returned by the searches name an entry's current slot ({@code leaf * CAP + slot
 * + 1}, 0 = none) and hold only until the next insert or remove.
 */
public final class FreeIndex {
    /** Entries per leaf: a leaf's shift on insert/remove stays within a few cache lines. */
    static final int CAP = 32;
    private static final int SHIFT = 5; // log2(CAP)

    // Entries interleaved, W longs each (key1, key2, start): leaf L's are slots [L*CAP, L*CAP + fill),
    // sorted, so a probe reads both keys from one cache line and a shift is one copy.
    private static final int W = 3;
    private long[] e = new long[4 * CAP * W];

    // the root: leaves in key order, each with its first key and its entry count
    private int[] leafAt = new int[4];
    private long[] first1 = new long[4];
    private long[] first2 = new long[4];
    private int[] fill = new int[4];
    private int leaves;

    private int leafIds;                   // leaf ids handed out so far
    private int[] spareLeaves = new int[4];
    private int spareCount;
    private int nodes;

    /** Number of blocks in the list. */
    public int size() {
        return nodes;
    }

    /** The size of the last block in key order (the largest when keys lead with the size), 0 when empty. */
    public long lastSize() {
        if (leaves == 0) {
            return 0;
        }
        int i = leaves - 1;
        return Math.abs(e[((leafAt[i] << SHIFT) + fill[i] - 1) * W]);
    }

    /**
     * The first node whose first key equals the last node's (the earliest of the largest blocks when
     * keys lead with the size), or 0 when empty: a walk back within the last leaf, a search only when
     * that key's run fills the leaf.
     */
    public int firstOfLargest() {
        if (leaves == 0) {
            return 0;
        }
        int i = leaves - 1;
        int base = leafAt[i] << SHIFT;
        int s = base + fill[i] - 1;
        long a = e[s * W];
        while (s > base && e[(s - 1) * W] == a) {
            s--;
        }
        return s > base || i == 0 ? found(i, s) : lowerBound(a, Long.MIN_VALUE);
    }

    public long start(int node) {
        return e[(node - 1) * W + 2];
    }

    /** The block's size: its first key's magnitude. */
    public long blockSize(int node) {
        return Math.abs(e[(node - 1) * W]);
    }

    public long key1(int node) {
        return e[(node - 1) * W];
    }

    public long key2(int node) {
        return e[(node - 1) * W + 1];
    }

    private static boolean less(long a1, long a2, long b1, long b2) {
        return a1 < b1 || (a1 == b1 && a2 < b2);
    }

    /** Root position of the leaf that holds (or would hold) key (a, b): the last whose first key is ≤ it, else 0. */
    private int leafFor(long a, long b) {
        int lo = 0;
        int n = leaves;
        while (n > 1) { // invariant: the answer is in [lo, lo + n)
            int half = n >>> 1;
            int mid = lo + half;
            lo = lessBits(a, b, first1[mid], first2[mid]) ? lo : mid; // branch-free, as in slotFor
            n -= half;
        }
        return lo;
    }

    /** The first slot of root position {@code i}'s leaf whose key is ≥ (a, b) (its fill when none). */
    private int slotFor(int i, long a, long b) {
        // Branch-free binary search (Khuong & Morin, "Array layouts for comparison-based searching",
        // 2017): the halving has no data-dependent branch (the compare feeds a conditional move),
        // since the probes of a search land in a mispredicted pattern.
        int n = fill[i];
        if (n == 0) {
            return 0;
        }
        int base = leafAt[i] << SHIFT;
        int lo = base;
        while (n > 1) { // invariant: slots before lo are < (a, b), the answer is in [lo, lo + n]
            int half = n >>> 1;
            int mid = lo + half;
            lo = lessBits(e[mid * W], e[mid * W + 1], a, b) ? mid : lo;
            n -= half;
        }
        return (lessBits(e[lo * W], e[lo * W + 1], a, b) ? lo + 1 : lo) - base;
    }

    /** {@link #less} without short-circuit branches. */
    private static boolean lessBits(long a1, long a2, long b1, long b2) {
        return (a1 < b1) | ((a1 == b1) & (a2 < b2));
    }

    // The entry the last search returned and its leaf's root position, until the next change: a
    // remove or replace of that key (a malloc's split or unlink of the block it just found) skips
    // its own search.
    private int hintPos = -1;
    private int hintAt;

    /** Remembers entry {@code at} of root position {@code i} as the last found; returns it as a node. */
    private int found(int i, int at) {
        hintPos = i;
        hintAt = at;
        return at + 1;
    }

    /** Whether the last found entry is key (a, b). */
    private boolean hinted(long a, long b) {
        return hintPos >= 0 && e[hintAt * W] == a && e[hintAt * W + 1] == b;
    }

    /** Adds a block under key (a, b), {@code a} being its size or the size negated; keys must be unique. Returns its node. */
    public int insert(long a, long b, long blockStart) {
        hintPos = -1;
        if (leaves == 0) {
            addLeaf(0, newLeaf());
        }
        int i = leafFor(a, b);
        int p = slotFor(i, a, b);
        if (fill[i] == CAP) {
            splitLeaf(i);
            if (p > CAP / 2) {
                i++;
                p -= CAP / 2;
            }
        }
        int at = (leafAt[i] << SHIFT) + p;
        int tail = fill[i] - p;
        if (tail > 0) {
            System.arraycopy(e, at * W, e, (at + 1) * W, tail * W);
        }
        e[at * W] = a;
        e[at * W + 1] = b;
        e[at * W + 2] = blockStart;
        fill[i]++;
        if (p == 0) {
            first1[i] = a;
            first2[i] = b;
        }
        nodes++;
        return at + 1;
    }

    /** Removes the block with key (a, b); returns whether it was there. */
    public boolean remove(long a, long b) {
        if (leaves == 0) {
            return false;
        }
        int i;
        int p;
        if (hinted(a, b)) {
            i = hintPos;
            p = hintAt - (leafAt[i] << SHIFT);
        } else {
            i = leafFor(a, b);
            p = slotFor(i, a, b);
        }
        hintPos = -1;
        int at = (leafAt[i] << SHIFT) + p;
        if (p == fill[i] || e[at * W] != a || e[at * W + 1] != b) {
            return false;
        }
        int tail = fill[i] - p - 1;
        if (tail > 0) {
            System.arraycopy(e, (at + 1) * W, e, at * W, tail * W);
        }
        nodes--;
        int left = --fill[i];
        if (left == 0) {
            dropLeaf(i);
        } else {
            if (p == 0) {
                first1[i] = e[at * W];
                first2[i] = e[at * W + 1];
            }
            if (left <= CAP / 4) {
                mergeSmall(i);
            }
        }
        return true;
    }

    /**
     * Gives the block with key (a, b) the key (na, nb) and start {@code newStart} (a split's
     * remainder); returns whether it was there. When the new key still falls in the same leaf the
     * entries between the old and the new slot shift by one (none when it keeps its slot), instead
     * of a remove and an insert.
     */
    public boolean replace(long a, long b, long na, long nb, long newStart) {
        if (leaves == 0) {
            return false;
        }
        int i;
        int p;
        if (hinted(a, b)) {
            i = hintPos;
            p = hintAt - (leafAt[i] << SHIFT);
        } else {
            i = leafFor(a, b);
            p = slotFor(i, a, b);
        }
        hintPos = -1;
        int base = leafAt[i] << SHIFT;
        int at = base + p;
        if (p == fill[i] || e[at * W] != a || e[at * W + 1] != b) {
            return false;
        }
        boolean afterLeafStart = i == 0 || !less(na, nb, first1[i], first2[i]);
        boolean beforeNextLeaf = i + 1 == leaves || less(na, nb, first1[i + 1], first2[i + 1]);
        if (!afterLeafStart || !beforeNextLeaf) {
            remove(a, b);
            insert(na, nb, newStart);
            return true;
        }
        int q = slotFor(i, na, nb); // the slot (na, nb) would take with (a, b) still there
        if (q > p) {            // moves up: entries p+1 .. q-1 shift down by one
            q--;
            System.arraycopy(e, (at + 1) * W, e, at * W, (q - p) * W);
        } else if (q < p) {     // moves down: entries q .. p-1 shift up by one
            System.arraycopy(e, (base + q) * W, e, (base + q + 1) * W, (p - q) * W);
        }
        int to = (base + q) * W;
        e[to] = na;
        e[to + 1] = nb;
        e[to + 2] = newStart;
        first1[i] = e[base * W];
        first2[i] = e[base * W + 1];
        return true;
    }

    /** The node with key (a, b), or 0. */
    public int find(long a, long b) {
        if (leaves == 0) {
            return 0;
        }
        int i = leafFor(a, b);
        int p = slotFor(i, a, b);
        int at = (leafAt[i] << SHIFT) + p;
        return p < fill[i] && e[at * W] == a && e[at * W + 1] == b ? at + 1 : 0;
    }

    /** Number of blocks whose key is less than (a, b): the 0-based list position of (a, b). */
    public int rank(long a, long b) {
        if (leaves == 0) {
            return 0;
        }
        int i = leafFor(a, b);
        return entriesBefore(i) + slotFor(i, a, b);
    }

    /** Entries in the leaves before root position {@code i}. */
    private int entriesBefore(int i) {
        int r = 0;
        for (int j = 0; j < i; j++) {
            r += fill[j];
        }
        return r;
    }

    /** The node with the smallest key at or after (a, b), or 0. */
    public int lowerBound(long a, long b) {
        if (leaves == 0) {
            return 0;
        }
        int i = leafFor(a, b);
        return atOrAfter(i, slotFor(i, a, b));
    }

    /** The node at slot {@code p} of root position {@code i}'s leaf, or (p past its fill) the next leaf's first, or 0. */
    private int atOrAfter(int i, int p) {
        if (p < fill[i]) {
            return found(i, (leafAt[i] << SHIFT) + p);
        }
        return i + 1 < leaves ? found(i + 1, leafAt[i + 1] << SHIFT) : 0; // the next leaf's first key is > (a, b)
    }

    private int foundRank;

    /** {@link #lowerBound}, also counting the keys before (a, b) for {@link #foundRank}: one search for both. */
    public int lowerBoundRanked(long a, long b) {
        if (leaves == 0) {
            foundRank = 0;
            return 0;
        }
        int i = leafFor(a, b);
        int p = slotFor(i, a, b);
        foundRank = entriesBefore(i) + p;
        return atOrAfter(i, p);
    }

    /** The rank {@link #lowerBoundRanked} found: the number of keys before the one it searched for. */
    public int foundRank() {
        return foundRank;
    }

    /** The node with the largest key before (a, b), or 0. */
    public int before(long a, long b) {
        if (leaves == 0) {
            return 0;
        }
        int i = leafFor(a, b);
        int p = slotFor(i, a, b);
        if (p > 0) {
            return found(i, (leafAt[i] << SHIFT) + p - 1);
        }
        return i > 0 ? found(i - 1, (leafAt[i - 1] << SHIFT) + fill[i - 1] - 1) : 0; // the previous leaf's last entry
    }

    /** The first node in list order, or 0. */
    public int first() {
        return leaves == 0 ? 0 : found(0, leafAt[0] << SHIFT);
    }

    /** Receives blocks in list order. */
    @FunctionalInterface
    public interface Visitor {
        void visit(long key1, long key2, long start, long size);
    }

    /** Visits every block in list order. */
    public void forEach(Visitor v) {
        for (int i = 0; i < leaves; i++) {
            int base = leafAt[i] << SHIFT;
            for (int s = base * W; s < (base + fill[i]) * W; s += W) {
                v.visit(e[s], e[s + 1], e[s + 2], Math.abs(e[s]));
            }
        }
    }

    /** Host bytes held (for footprint reports). */
    public long footprintBytes() {
        return (long) e.length * 8 + (long) leafAt.length * (4 + 8 + 8 + 4) + spareLeaves.length * 4L;
    }

    // ------------------------------------------------------------------ leaves

    private int newLeaf() {
        if (spareCount > 0) {
            return spareLeaves[--spareCount];
        }
        int id = leafIds++;
        if ((long) leafIds * CAP * W > e.length) {
            e = Arrays.copyOf(e, e.length * 2);
        }
        return id;
    }

    /** Puts leaf {@code id} (filled in by the caller) at root position {@code i}. */
    private void addLeaf(int i, int id) {
        if (leaves == leafAt.length) {
            int cap = leaves * 2;
            leafAt = Arrays.copyOf(leafAt, cap);
            first1 = Arrays.copyOf(first1, cap);
            first2 = Arrays.copyOf(first2, cap);
            fill = Arrays.copyOf(fill, cap);
        }
        int tail = leaves - i;
        System.arraycopy(leafAt, i, leafAt, i + 1, tail);
        System.arraycopy(first1, i, first1, i + 1, tail);
        System.arraycopy(first2, i, first2, i + 1, tail);
        System.arraycopy(fill, i, fill, i + 1, tail);
        leafAt[i] = id;
        fill[i] = 0;
        leaves++;
    }

    /** Removes root position {@code i} and recycles its leaf. */
    private void dropLeaf(int i) {
        if (spareCount == spareLeaves.length) {
            spareLeaves = Arrays.copyOf(spareLeaves, spareCount * 2);
        }
        spareLeaves[spareCount++] = leafAt[i];
        int tail = leaves - i - 1;
        System.arraycopy(leafAt, i + 1, leafAt, i, tail);
        System.arraycopy(first1, i + 1, first1, i, tail);
        System.arraycopy(first2, i + 1, first2, i, tail);
        System.arraycopy(fill, i + 1, fill, i, tail);
        leaves--;
    }

    /** Moves the upper half of the full leaf at root position {@code i} into a new leaf after it. */
    private void splitLeaf(int i) {
        int id = newLeaf();
        addLeaf(i + 1, id);
        int from = (leafAt[i] << SHIFT) + CAP / 2;
        int to = id << SHIFT;
        copy(from, to, CAP / 2);
        fill[i] = CAP / 2;
        fill[i + 1] = CAP / 2;
        first1[i + 1] = e[to * W];
        first2[i + 1] = e[to * W + 1];
    }

    /** Folds a leaf that fell to a quarter full into a neighbour when both fit in half a leaf. */
    private void mergeSmall(int i) {
        if (i + 1 < leaves && fill[i] + fill[i + 1] <= CAP / 2) {
            appendNext(i);
        } else if (i > 0 && fill[i - 1] + fill[i] <= CAP / 2) {
            appendNext(i - 1);
        }
    }

    /** Appends root position {@code i + 1}'s entries to position {@code i}'s leaf and drops it. */
    private void appendNext(int i) {
        copy(leafAt[i + 1] << SHIFT, (leafAt[i] << SHIFT) + fill[i], fill[i + 1]);
        fill[i] += fill[i + 1];
        dropLeaf(i + 1);
    }

    private void copy(int from, int to, int n) {
        System.arraycopy(e, from * W, e, to * W, n * W);
    }
}
