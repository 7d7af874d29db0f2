package org.memsim.collections;

import java.util.Arrays;

/** A growable {@code long[]} without boxing. */
public final class LongArrayList {
    private long[] values;
    private int size;

    public LongArrayList() {
        this(16);
    }

    public LongArrayList(int capacity) {
        values = new long[Math.max(1, capacity)];
    }

    public void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    public long get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " >= " + size);
        }
        return values[i];
    }

    public void set(int i, long v) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " >= " + size);
        }
        values[i] = v;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        size = 0;
    }

    /** Removes and returns the last value. */
    public long removeLast() {
        return values[--size];
    }

    public long last() {
        return values[size - 1];
    }

    /** Inserts at {@code i}, shifting later values up. */
    public void insert(int i, long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        System.arraycopy(values, i, values, i + 1, size - i);
        values[i] = v;
        size++;
    }

    /** Removes the value at {@code i}, shifting later values down. */
    public long removeAt(int i) {
        long v = values[i];
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        return v;
    }

    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
