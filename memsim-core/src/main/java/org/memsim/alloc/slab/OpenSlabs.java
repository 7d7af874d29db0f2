package org.memsim.alloc.slab;

import java.util.Arrays;

/**
 * The partial and empty slabs of one cache (SLUB's per-node {@code partial} list and the empty slabs
 * it keeps), each with its free objects. A slab's freelist is SLUB's LIFO list threaded through the
 * free objects; since objects are only ever taken from and put back at its head, it is kept as a
 * stack of freed object indexes above the objects never handed out, which follow in address order:
 * <pre>
 *  freelist:  7 -> 2 -> 5 -> 9 -> 10 -> ... -> n-1      stack: [5, 2, 7]  top = 3   fresh = 9
 *             (freed, last first)  (never used since the slab was carved)
 * </pre>
 * Full slabs have no record: they hold no free object and sit on no list, so a cache's host cost is
 * a record per slab that has a free object, never per object in use. Records are numbered densely
 * and reused; each has {@code perSlab} stack slots and a bitmap of the freed objects (for the checks
 * of a free and for the heap map).
 */
final class OpenSlabs {
    static final int NIL = -1;
    static final int PARTIAL = 0;
    static final int EMPTY = 2;

    private final int perSlab;
    private final int words;

    // per record
    private int[] slab = new int[2];
    private long[] base = new long[2];
    private long[] descriptor = new long[2];
    private int[] next = new int[2];
    private int[] prev = new int[2];
    private byte[] list = new byte[2];
    private int[] fresh = new int[2];
    private int[] top = new int[2];
    private int[] stack;
    private long[] freed;
    private int records;
    private int recycled = NIL;

    private final int[] head = {NIL, NIL, NIL};
    private final long[] length = new long[3];

    OpenSlabs(int perSlab) {
        this.perSlab = perSlab;
        this.words = (perSlab + 63) >>> 6;
        this.stack = new int[Math.multiplyExact(2, perSlab)];
        this.freed = new long[2 * words];
    }

    /**
     * A record for the slab named {@code slabId} (its first page's index) at {@code slabBase} (its
     * descriptor at {@code slabDescriptor}), on no list:
     * a new slab ({@code used} 0: every object free, in address order) or a full one ({@code used}
     * = objects per slab) about to get an object back.
     */
    int open(int slabId, long slabBase, long slabDescriptor, int used) {
        int r = recycled;
        if (r != NIL) {
            recycled = next[r];
        } else {
            r = records++;
            if (r == slab.length) {
                grow(r * 2);
            }
        }
        slab[r] = slabId;
        base[r] = slabBase;
        descriptor[r] = slabDescriptor;
        list[r] = -1;
        fresh[r] = used;
        top[r] = 0; // the free marks of an unused record are all clear
        return r;
    }

    private void grow(int n) {
        slab = Arrays.copyOf(slab, n);
        base = Arrays.copyOf(base, n);
        descriptor = Arrays.copyOf(descriptor, n);
        next = Arrays.copyOf(next, n);
        prev = Arrays.copyOf(prev, n);
        list = Arrays.copyOf(list, n);
        fresh = Arrays.copyOf(fresh, n);
        top = Arrays.copyOf(top, n);
        stack = Arrays.copyOf(stack, Math.multiplyExact(n, perSlab));
        freed = Arrays.copyOf(freed, n * words);
    }

    /** Gives record {@code r} up (its slab became full or went back to the pages); it must be on no list. */
    void close(int r) {
        for (int t = top[r]; t > 0; t--) {
            int i = stack[r * perSlab + t - 1];
            freed[r * words + (i >>> 6)] &= ~(1L << i);
        }
        top[r] = 0;
        list[r] = -1;
        next[r] = recycled;
        recycled = r;
    }

    // ------------------------------------------------------------------ lists

    /** The first record on list {@code l} (PARTIAL or EMPTY), or NIL. */
    int first(int l) {
        return head[l];
    }

    /** The record after {@code r} on its list, or NIL. */
    int next(int r) {
        return next[r];
    }

    long length(int l) {
        return length[l];
    }

    /** The list record {@code r} is on, or -1. */
    int listOf(int r) {
        return list[r];
    }

    void pushFront(int l, int r) {
        int old = head[l];
        list[r] = (byte) l;
        prev[r] = NIL;
        next[r] = old;
        if (old != NIL) {
            prev[old] = r;
        }
        head[l] = r;
        length[l]++;
    }

    void unlink(int r) {
        int l = list[r];
        int p = prev[r];
        int n = next[r];
        if (p == NIL) {
            head[l] = n;
        } else {
            next[p] = n;
        }
        if (n != NIL) {
            prev[n] = p;
        }
        length[l]--;
        list[r] = -1;
    }

    /** Unlinks {@code r} and puts it at the head of list {@code l}. */
    void move(int r, int l) {
        unlink(r);
        pushFront(l, r);
    }

    /** The previous record on {@code r}'s list, or NIL (for checks). */
    int prev(int r) {
        return prev[r];
    }

    // ------------------------------------------------------------------ objects

    /** The slab's name: its first page's index. */
    int slab(int r) {
        return slab[r];
    }

    long base(int r) {
        return base[r];
    }

    long descriptor(int r) {
        return descriptor[r];
    }

    /** Takes the object at the head of the slab's freelist; the slab must have a free object. */
    int take(int r) {
        int t = top[r];
        if (t > 0) {
            int i = stack[r * perSlab + t - 1];
            top[r] = t - 1;
            freed[r * words + (i >>> 6)] &= ~(1L << i);
            return i;
        }
        return fresh[r]++;
    }

    /** Puts object {@code i} (in use) at the head of the slab's freelist. */
    void give(int r, int i) {
        int t = top[r];
        stack[r * perSlab + t] = i;
        top[r] = t + 1;
        freed[r * words + (i >>> 6)] |= 1L << i;
    }

    /** Objects of the slab in use. */
    int used(int r) {
        return fresh[r] - top[r];
    }

    /** Is object {@code i} of the slab free? */
    boolean isFree(int r, int i) {
        return i >= fresh[r] || (freed[r * words + (i >>> 6)] & (1L << i)) != 0;
    }

    /** The slab's freelist from its head, for checks: the freed objects, last first, then the never-used ones. */
    int[] freelist(int r) {
        int t = top[r];
        int[] out = new int[t + perSlab - fresh[r]];
        for (int k = 0; k < t; k++) {
            out[k] = stack[r * perSlab + t - 1 - k];
        }
        for (int i = fresh[r]; i < perSlab; i++) {
            out[t + i - fresh[r]] = i;
        }
        return out;
    }
}
