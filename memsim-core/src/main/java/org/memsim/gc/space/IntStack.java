package org.memsim.gc.space;

import java.util.Arrays;

/** A growable stack of ints: mark stacks, scan queues, block lists. */
public final class IntStack {
    private int[] a;
    private int size;

    public IntStack(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    public void push(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, size + (size >> 1) + 4);
        }
        a[size++] = v;
    }

    public int pop() {
        return a[--size];
    }

    public int get(int i) {
        return a[i];
    }

    public void set(int i, int v) {
        a[i] = v;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Drops the storage back to a small array (after a collection used a large one). */
    public void trim() {
        if (a.length > 1024) {
            a = new int[1024];
        }
        size = 0;
    }
}
