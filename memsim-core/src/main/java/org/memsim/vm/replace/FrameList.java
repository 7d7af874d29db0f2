package org.memsim.vm.replace;

import java.util.Arrays;

/**
 * An intrusive doubly linked list of frame numbers over two int arrays (prev/next indexed by
 * frame), grown as frames appear: O(1) append, unlink and move-to-tail with no object per node.
 * FIFO, LRU, second chance, LFU and the working-set policy keep their order in one.
 */
final class FrameList {
    private static final int NIL = -1;
    private static final int OUT = -2; // not in the list

    private int[] prev = new int[0];
    private int[] next = new int[0];
    private int head = NIL;
    private int tail = NIL;
    private int size;

    private void ensure(int frame) {
        if (frame >= prev.length) {
            int cap = Math.max(frame + 1, Math.max(64, prev.length + (prev.length >> 1)));
            int old = prev.length;
            prev = Arrays.copyOf(prev, cap);
            next = Arrays.copyOf(next, cap);
            Arrays.fill(prev, old, cap, OUT);
            Arrays.fill(next, old, cap, OUT);
        }
    }

    static int index(long frame) {
        if (frame < 0 || frame > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("frame " + frame + " out of range");
        }
        return (int) frame;
    }

    boolean contains(int f) {
        return f < prev.length && prev[f] != OUT;
    }

    void addLast(int f) {
        ensure(f);
        if (prev[f] != OUT) {
            throw new IllegalStateException("frame " + f + " is already in the list");
        }
        prev[f] = tail;
        next[f] = NIL;
        if (tail == NIL) {
            head = f;
        } else {
            next[tail] = f;
        }
        tail = f;
        size++;
    }

    void remove(int f) {
        if (!contains(f)) {
            return;
        }
        int p = prev[f];
        int n = next[f];
        if (p == NIL) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NIL) {
            tail = p;
        } else {
            prev[n] = p;
        }
        prev[f] = OUT;
        next[f] = OUT;
        size--;
    }

    /** Moves {@code f} (which must be in the list) to the tail: the most recent end. */
    void moveToLast(int f) {
        if (tail == f) {
            return;
        }
        remove(f);
        addLast(f);
    }

    int first() {
        return head;
    }

    /** The frame after {@code f}, or -1 at the tail. */
    int next(int f) {
        return next[f];
    }

    int size() {
        return size;
    }
}
