package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * Explicit free lists as the simulated allocator keeps them: one doubly linked list per size class
 * (one in all for a single explicit list), nodes holding a free block's granule and size, linked
 * through {@code pred}/{@code succ} the way the blocks' own pointer words link them. Walks cost
 * the host what they cost the simulated allocator (search lengths stay short in practice); an
 * open-addressing table of node numbers, keyed by the nodes' own granules, finds a block's node
 * when it is coalesced. Host cost: about 40 bytes per free block.
 */
final class FreeLists {
    static final int NIL = -1;

    private final int classes;
    final int[] head;
    final int[] tail;
    final int[] count;
    private final long[] nonEmpty;

    long[] granule = new long[64];
    int[] size = new int[64];
    int[] pred = new int[64];
    int[] succ = new int[64];
    long[] seq;               // list position for best-fit ties, when kept
    private int unused;
    private int recycled = NIL;
    private int total;
    private int[] slots = new int[256]; // node + 1 at the slot its granule hashes to (linear probing), 0 when empty
    private int mapped;

    FreeLists(int classes, boolean keepSeq) {
        this.classes = classes;
        head = new int[classes];
        tail = new int[classes];
        count = new int[classes];
        Arrays.fill(head, NIL);
        Arrays.fill(tail, NIL);
        nonEmpty = new long[(classes + 63) >>> 6];
        seq = keepSeq ? new long[64] : null;
    }

    int total() {
        return total;
    }

    int node(long g) {
        final int[] t = slots;
        final int mask = t.length - 1;
        for (int i = home(g, mask); ; i = (i + 1) & mask) {
            int n = t[i] - 1;
            if (n == NIL || granule[n] == g) {
                return n;
            }
        }
    }

    private static int home(long g, int mask) {
        long h = g * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void map(int n) {
        if (2 * (mapped + 1) > slots.length) {
            int[] old = slots;
            slots = new int[old.length * 2];
            for (int v : old) {
                if (v != 0) {
                    place(v);
                }
            }
        }
        place(n + 1);
        mapped++;
    }

    private void place(int v) {
        final int[] t = slots;
        final int mask = t.length - 1;
        int i = home(granule[v - 1], mask);
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = v;
    }

    /** Takes node {@code n} out of the table, shifting the probe chain back over the hole. */
    private void unmap(int n) {
        final int[] t = slots;
        final int mask = t.length - 1;
        int i = home(granule[n], mask);
        while (t[i] != n + 1) {
            i = (i + 1) & mask;
        }
        for (int j = (i + 1) & mask; t[j] != 0; j = (j + 1) & mask) {
            int h = home(granule[t[j] - 1], mask);
            // the entry at j may fill the hole at i when its home is not in (i, j]
            if (((j - h) & mask) >= ((j - i) & mask)) {
                t[i] = t[j];
                i = j;
            }
        }
        t[i] = 0;
        mapped--;
    }

    private int newNode(long g, int s) {
        int n;
        if (recycled != NIL) {
            n = recycled;
            recycled = succ[n];
        } else {
            if (unused == granule.length) {
                int c = unused + (unused >> 1) + 16;
                granule = Arrays.copyOf(granule, c);
                size = Arrays.copyOf(size, c);
                pred = Arrays.copyOf(pred, c);
                succ = Arrays.copyOf(succ, c);
                if (seq != null) {
                    seq = Arrays.copyOf(seq, c);
                }
            }
            n = unused++;
        }
        granule[n] = g;
        size[n] = s;
        map(n);
        return n;
    }

    private void mark(int c) {
        nonEmpty[c >>> 6] |= 1L << c;
    }

    /** The first non-empty class at {@code c} or above, or -1. */
    int nextNonEmpty(int c) {
        if (c >= classes) {
            return -1;
        }
        int w = c >>> 6;
        long bits = nonEmpty[w] & (-1L << c);
        while (bits == 0) {
            if (++w == nonEmpty.length) {
                return -1;
            }
            bits = nonEmpty[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(bits);
    }

    /** Pushes a block at the front of class {@code c}'s list (LIFO). */
    int pushFront(int c, long g, int s) {
        int n = newNode(g, s);
        pred[n] = NIL;
        succ[n] = head[c];
        if (head[c] != NIL) {
            pred[head[c]] = n;
        } else {
            tail[c] = n;
        }
        head[c] = n;
        added(c);
        return n;
    }

    /** Appends a block at the back of class {@code c}'s list (FIFO). */
    int pushBack(int c, long g, int s) {
        int n = newNode(g, s);
        succ[n] = NIL;
        pred[n] = tail[c];
        if (tail[c] != NIL) {
            succ[tail[c]] = n;
        } else {
            head[c] = n;
        }
        tail[c] = n;
        added(c);
        return n;
    }

    /** Inserts a block before node {@code at} of class {@code c} (at the back when {@code at} is NIL). */
    int insertBefore(int c, int at, long g, int s) {
        if (at == NIL) {
            return pushBack(c, g, s);
        }
        int n = newNode(g, s);
        int p = pred[at];
        pred[n] = p;
        succ[n] = at;
        pred[at] = n;
        if (p == NIL) {
            head[c] = n;
        } else {
            succ[p] = n;
        }
        added(c);
        return n;
    }

    private void added(int c) {
        count[c]++;
        total++;
        mark(c);
    }

    /** Unlinks node {@code n} from class {@code c}'s list and forgets it. */
    void unlink(int c, int n) {
        int p = pred[n];
        int s = succ[n];
        if (p == NIL) {
            head[c] = s;
        } else {
            succ[p] = s;
        }
        if (s == NIL) {
            tail[c] = p;
        } else {
            pred[s] = p;
        }
        if (--count[c] == 0) {
            nonEmpty[c >>> 6] &= ~(1L << c);
        }
        total--;
        unmap(n);
        succ[n] = recycled;
        recycled = n;
    }

    /** Nodes in the map (for verification). */
    int mapped() {
        return mapped;
    }
}
