package org.memsim.alloc;

import java.util.Arrays;

/**
 * An ordered list of free blocks that answers a search in O(log n) on the host while reporting how
 * many entries a linear scan would have examined: a treap (randomised binary search tree, Seidel
 * &amp; Aragon 1996) in primitive arrays, ordered by a two-part key (size then list position, or
 * ±size then address), each node augmented, when {@code ranked}, with its subtree's node count (for
 * ranks). Keys lead with the size, so the largest block is the last or the first node.
 */
public final class FreeIndex {
    private final boolean ranked;
    private long[] k1;
    private long[] k2;
    private long[] start;
    private long[] size;
    private int[] count;
    private int[] left;
    private int[] right;
    private int[] prio;
    private int root;
    private int used = 1;          // node 0 is the null sentinel
    private int[] freeNodes = new int[16];
    private int freeCount;
    private int seed = 0x2545F491;
    private int nodes;

    /** @param ranked whether to keep subtree counts, for {@link #rank} */
    public FreeIndex(boolean ranked) {
        this.ranked = ranked;
        int cap = 64;
        k1 = new long[cap];
        k2 = new long[cap];
        start = new long[cap];
        size = new long[cap];
        count = new int[cap];
        left = new int[cap];
        right = new int[cap];
        prio = new int[cap];
    }

    /** Number of blocks in the list. */
    public int size() {
        return nodes;
    }

    /** The size of the last block in key order (the largest when keys lead with the size), 0 when empty. */
    public long lastSize() {
        int t = root;
        if (t == 0) {
            return 0;
        }
        while (right[t] != 0) {
            t = right[t];
        }
        return size[t];
    }

    public long start(int node) {
        return start[node];
    }

    public long blockSize(int node) {
        return size[node];
    }

    public long key1(int node) {
        return k1[node];
    }

    public long key2(int node) {
        return k2[node];
    }

    private int newNode(long a, long b, long s, long sz) {
        int n;
        if (freeCount > 0) {
            n = freeNodes[--freeCount];
        } else {
            if (used == k1.length) {
                int cap = k1.length * 2;
                k1 = Arrays.copyOf(k1, cap);
                k2 = Arrays.copyOf(k2, cap);
                start = Arrays.copyOf(start, cap);
                size = Arrays.copyOf(size, cap);
                count = Arrays.copyOf(count, cap);
                left = Arrays.copyOf(left, cap);
                right = Arrays.copyOf(right, cap);
                prio = Arrays.copyOf(prio, cap);
            }
            n = used++;
        }
        k1[n] = a;
        k2[n] = b;
        start[n] = s;
        size[n] = sz;
        count[n] = 1;
        left[n] = 0;
        right[n] = 0;
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        prio[n] = seed;
        return n;
    }

    private void update(int n) {
        if (ranked) {
            count[n] = 1 + count[left[n]] + count[right[n]];
        }
    }

    private static int cmp(long a1, long a2, long b1, long b2) {
        int c = Long.compare(a1, b1);
        return c != 0 ? c : Long.compare(a2, b2);
    }

    // split results
    private int splitL;
    private int splitR;

    /** Splits {@code t} into keys &lt; (a,b) (or ≤ when {@code inclusive}) and the rest. */
    private void split(int t, long a, long b, boolean inclusive) {
        if (t == 0) {
            splitL = 0;
            splitR = 0;
            return;
        }
        int c = cmp(k1[t], k2[t], a, b);
        if (c < 0 || (inclusive && c == 0)) {
            split(right[t], a, b, inclusive);
            right[t] = splitL;
            update(t);
            splitL = t;
        } else {
            split(left[t], a, b, inclusive);
            left[t] = splitR;
            update(t);
            splitR = t;
        }
    }

    private int merge(int l, int r) {
        if (l == 0) {
            return r;
        }
        if (r == 0) {
            return l;
        }
        if (prio[l] > prio[r]) {
            right[l] = merge(right[l], r);
            update(l);
            return l;
        }
        left[r] = merge(l, left[r]);
        update(r);
        return r;
    }

    /** Adds a block under key (a, b); keys must be unique. Returns its node. */
    public int insert(long a, long b, long blockStart, long blockSize) {
        int n = newNode(a, b, blockStart, blockSize);
        root = insert(root, n);
        nodes++;
        return n;
    }

    /** Descends to where the node's priority puts it and splits only that subtree. */
    private int insert(int t, int n) {
        if (t == 0) {
            return n;
        }
        if (prio[n] > prio[t]) {
            split(t, k1[n], k2[n], false);
            left[n] = splitL;
            right[n] = splitR;
            update(n);
            return n;
        }
        if (cmp(k1[n], k2[n], k1[t], k2[t]) < 0) {
            left[t] = insert(left[t], n);
        } else {
            right[t] = insert(right[t], n);
        }
        update(t);
        return t;
    }

    private boolean removed;

    /** Removes the block with key (a, b); returns whether it was there. */
    public boolean remove(long a, long b) {
        removed = false;
        root = remove(root, a, b);
        if (removed) {
            nodes--;
        }
        return removed;
    }

    private int remove(int t, long a, long b) {
        if (t == 0) {
            return 0;
        }
        int c = cmp(a, b, k1[t], k2[t]);
        if (c == 0) {
            removed = true;
            int merged = merge(left[t], right[t]);
            if (freeCount == freeNodes.length) {
                freeNodes = Arrays.copyOf(freeNodes, freeNodes.length * 2);
            }
            freeNodes[freeCount++] = t;
            return merged;
        }
        if (c < 0) {
            left[t] = remove(left[t], a, b);
        } else {
            right[t] = remove(right[t], a, b);
        }
        if (removed) {
            update(t);
        }
        return t;
    }

    /** The node with key (a, b), or 0. */
    public int find(long a, long b) {
        int t = root;
        while (t != 0) {
            int c = cmp(a, b, k1[t], k2[t]);
            if (c == 0) {
                return t;
            }
            t = c < 0 ? left[t] : right[t];
        }
        return 0;
    }

    /** Number of blocks whose key is less than (a, b): the 0-based list position of (a, b). Needs {@code ranked}. */
    public int rank(long a, long b) {
        int t = root;
        int r = 0;
        while (t != 0) {
            if (cmp(k1[t], k2[t], a, b) < 0) {
                r += count[left[t]] + 1;
                t = right[t];
            } else {
                t = left[t];
            }
        }
        return r;
    }

    /** The node with the smallest key at or after (a, b), or 0. */
    public int lowerBound(long a, long b) {
        int t = root;
        int best = 0;
        while (t != 0) {
            if (cmp(k1[t], k2[t], a, b) >= 0) {
                best = t;
                t = left[t];
            } else {
                t = right[t];
            }
        }
        return best;
    }

    /** The first node in list order, or 0. */
    public int first() {
        int t = root;
        if (t == 0) {
            return 0;
        }
        while (left[t] != 0) {
            t = left[t];
        }
        return t;
    }

    /** Receives blocks in list order. */
    @FunctionalInterface
    public interface Visitor {
        void visit(long key1, long key2, long start, long size);
    }

    /** Visits every block in list order. */
    public void forEach(Visitor v) {
        forEach(root, v);
    }

    private void forEach(int t, Visitor v) {
        if (t == 0) {
            return;
        }
        forEach(left[t], v);
        v.visit(k1[t], k2[t], start[t], size[t]);
        forEach(right[t], v);
    }

    /** Host bytes held (for footprint reports). */
    public long footprintBytes() {
        return (long) k1.length * (4 * 8 + 4 * 4) + freeNodes.length * 4L;
    }
}
