package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * Explicit free lists as the simulated allocator keeps them: one doubly linked list per size class
 * (one in all for a single explicit list), nodes holding a free block's granule and size, linked
 * through {@code pred}/{@code succ} the way the blocks' own pointer words link them. Each list is
 * circular through a sentinel node (node {@code c} for class {@code c}, as the bins of dlmalloc are
 * list heads shaped like chunks), so linking and unlinking never branch on an empty list or an
 * end; {@link #first}/{@link #after} give the NIL-terminated view the walks use. Walks cost
 * the host what they cost the simulated allocator (search lengths stay short in practice). A block's
 * node is found (when it is coalesced) through its 64-granule bucket: each bucket heads a chain of
 * the nodes whose granules lie in it, so a lookup, an insertion or a removal reads one head and,
 * usually, one node, with no hashing. Host cost: 24 bytes per free block, plus a 4 KiB page of
 * 1024 bucket heads for every 64 Ki granules that hold a free block.
 */
final class FreeLists {
    static final int NIL = -1;

    private final int classes;
    final int[] count;
    private final long[] nonEmpty;

    long[] granule;
    int[] size;
    private int[] pred;       // nodes below classes are the lists' sentinels: succ[c] is class c's first node, pred[c] its last
    private int[] succ;
    long[] seq;               // list position for best-fit ties, when kept
    private int unused;       // nodes at and above this were never used
    private int recycled = NIL;
    private int total;
    private int[] chain; // the next node + 1 in the node's bucket chain, 0 at its end
    private int[][] heads = new int[16][]; // per page of buckets (null while none of its buckets has a node): the first node + 1 of each bucket's chain, 0 when empty
    private int[] pageNodes = new int[16]; // nodes mapped in each page of buckets
    private int[] sparePage;                // the last page dropped (all zeros), for the next page needed: no allocation per op when a page empties and fills again
    private int mapped;

    private static final int BUCKET_SHIFT = 6;  // 64 granules a bucket: at most 32 free blocks (they never touch)
    private static final int PAGE_SHIFT = 10;   // 1024 buckets a page
    private static final int PAGE_MASK = (1 << PAGE_SHIFT) - 1;

    FreeLists(int classes, boolean keepSeq) {
        this.classes = classes;
        count = new int[classes];
        nonEmpty = new long[(classes + 63) >>> 6];
        int n = classes + 64;
        granule = new long[n];
        size = new int[n];
        pred = new int[n];
        succ = new int[n];
        chain = new int[n];
        seq = keepSeq ? new long[n] : null;
        for (int c = 0; c < classes; c++) {
            pred[c] = c;
            succ[c] = c;
        }
        unused = classes;
    }

    /** Class {@code c}'s first node, or NIL. */
    int first(int c) {
        int s = succ[c];
        return s == c ? NIL : s;
    }

    /** Class {@code c}'s last node, or NIL. */
    int last(int c) {
        int p = pred[c];
        return p == c ? NIL : p;
    }

    /** The node after node {@code n} on its list, or NIL at the end. */
    int after(int n) {
        int s = succ[n];
        return s < classes ? NIL : s;
    }

    /** The node before node {@code n} on its list, or NIL at the start. */
    int before(int n) {
        int p = pred[n];
        return p < classes ? NIL : p;
    }

    int total() {
        return total;
    }

    /** The node of the listed block at granule {@code g}, or NIL. */
    int node(long g) {
        int b = (int) (g >>> BUCKET_SHIFT);
        int p = b >>> PAGE_SHIFT;
        int[] page = p < heads.length ? heads[p] : null;
        if (page == null) {
            return NIL;
        }
        for (int v = page[b & PAGE_MASK]; v != 0; v = chain[v - 1]) {
            if (granule[v - 1] == g) {
                return v - 1;
            }
        }
        return NIL;
    }

    /** Puts node {@code n} at the head of its bucket's chain. */
    private void map(int n) {
        int b = (int) (granule[n] >>> BUCKET_SHIFT);
        int p = b >>> PAGE_SHIFT;
        if (p >= heads.length) {
            heads = Arrays.copyOf(heads, Math.max(p + 1, heads.length * 2));
            pageNodes = Arrays.copyOf(pageNodes, heads.length);
        }
        int[] page = heads[p];
        if (page == null) {
            page = heads[p] = sparePage != null ? sparePage : new int[1 << PAGE_SHIFT];
            sparePage = null;
        }
        pageNodes[p]++;
        int i = b & PAGE_MASK;
        chain[n] = page[i];
        page[i] = n + 1;
        mapped++;
    }

    /** Takes node {@code n} out of its bucket's chain (usually its head). */
    private void unmap(int n) {
        int b = (int) (granule[n] >>> BUCKET_SHIFT);
        int p = b >>> PAGE_SHIFT;
        int[] page = heads[p];
        int i = b & PAGE_MASK;
        int v = page[i];
        if (v == n + 1) {
            page[i] = chain[n];
        } else {
            while (chain[v - 1] != n + 1) {
                v = chain[v - 1];
            }
            chain[v - 1] = chain[n];
        }
        if (--pageNodes[p] == 0) {
            sparePage = page; // all its heads are 0: a heap that only grows keeps two pages, not one per MiB it ever had a free block in
            heads[p] = null;
        }
        mapped--;
    }

    /** A node for the block of {@code s} granules at granule {@code g}, mapped and on no list. */
    int newNode(long g, int s) {
        int n;
        if (recycled != NIL) {
            n = recycled;
            recycled = succ[n];   // recycled nodes are chained through succ
        } else {
            if (unused == granule.length) {
                int c = unused + (unused >> 1) + 16;
                granule = Arrays.copyOf(granule, c);
                size = Arrays.copyOf(size, c);
                pred = Arrays.copyOf(pred, c);
                succ = Arrays.copyOf(succ, c);
                chain = Arrays.copyOf(chain, c);
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

    /** Links node {@code n} (mapped, on no list) at the front of class {@code c}'s list. */
    int linkFront(int c, int n) {
        int h = succ[c];
        pred[n] = c;
        succ[n] = h;
        pred[h] = n;
        succ[c] = n;
        added(c);
        return n;
    }

    /** Links node {@code n} (mapped, on no list) at the back of class {@code c}'s list. */
    int linkBack(int c, int n) {
        int t = pred[c];
        succ[n] = c;
        pred[n] = t;
        succ[t] = n;
        pred[c] = n;
        added(c);
        return n;
    }

    /** Links node {@code n} (mapped, on no list) before node {@code at} of class {@code c} (at the back when NIL). */
    int linkBefore(int c, int at, int n) {
        int s = at == NIL ? c : at;
        int p = pred[s];
        pred[n] = p;
        succ[n] = s;
        pred[s] = n;
        succ[p] = n;
        added(c);
        return n;
    }

    private void added(int c) {
        count[c]++;
        total++;
        mark(c);
    }

    /** Forgets node {@code n} (on no list): unmaps it and keeps it for the next new node. */
    void release(int n) {
        unmap(n);
        succ[n] = recycled;
        recycled = n;
    }

    /** Gives node {@code n} (on no list) to the block of {@code s} granules at granule {@code g}, as release and newNode would. */
    void rekey(int n, long g, int s) {
        unmap(n);
        granule[n] = g;
        size[n] = s;
        map(n);
    }

    /**
     * Unlinks node {@code n} from class {@code c}'s list but keeps it mapped to its granule, to be
     * linked again (with {@link #linkFront} and the like) for a block that starts at the same granule.
     */
    void detach(int c, int n) {
        int p = pred[n];
        int s = succ[n];
        succ[p] = s;
        pred[s] = p;
        int k = --count[c];
        nonEmpty[c >>> 6] &= ~((long) ((k - 1) >>> 31) << c); // (k - 1) >>> 31 is 1 when the list emptied (k == 0), else 0
        total--;
    }

    /** Nodes in the map (for verification). */
    int mapped() {
        return mapped;
    }
}
