package org.memsim.runtime;

import java.util.Arrays;

/**
 * The live blocks whose ids the {@link IdWindow} does not cover (older ids, or every id of a trace
 * that numbers blocks out of order): an open-addressing table of {@code int} keys (id + 1; 0 marks
 * a free slot) beside {@code long} packed entries, 12 host bytes per slot. Robin Hood linear probing
 * (an entry further from its home slot takes the slot of one nearer to its own) keeps probe lengths
 * short and even at high load, so the table runs 78–92% full — 13–15 bytes per entry — and a miss
 * stops as soon as it meets an entry nearer its home than the probe is; removal shifts the rest of
 * the run back (no tombstones). The capacity need not be a power of two: the home slot is the key's
 * Fibonacci hash scaled to the capacity by a multiply and a shift (Lemire's range reduction), so the
 * table grows by an eighth at a time.
 */
final class IdTable {
    /** What {@link #get} and {@link #remove} return for a key that is not there. */
    static final long MISSING = -1;
    private static final int MIN_CAPACITY = 64;
    private static final double MAX_LOAD = 0.92;

    private int[] keys = new int[MIN_CAPACITY];
    private long[] values = new long[MIN_CAPACITY];
    private int limit = limitOf(MIN_CAPACITY);
    private int count;

    private static int limitOf(int capacity) {
        return (int) (capacity * MAX_LOAD);
    }

    /** The home slot of {@code key} in a table of {@code capacity} slots. */
    private static int home(int key, int capacity) {
        return (int) ((((key * 0x9E3779B97F4A7C15L) >>> 32) * capacity) >>> 32);
    }

    /** How far slot {@code i} lies past {@code key}'s home, cyclically. */
    private static int distance(int key, int i, int capacity) {
        int d = i - home(key, capacity);
        return d >= 0 ? d : d + capacity;
    }

    int size() {
        return count;
    }

    /** The slot holding {@code key}, or -1. */
    private int find(int key) {
        final int[] k = keys;
        final int cap = k.length;
        int i = home(key, cap);
        for (int d = 0; ; d++) {
            int e = k[i];
            if (e == key) {
                return i;
            }
            if (e == 0 || distance(e, i, cap) < d) {
                return -1;
            }
            if (++i == cap) {
                i = 0;
            }
        }
    }

    /** The entry of {@code key} (an id + 1, > 0), or {@link #MISSING}. */
    long get(int key) {
        int i = find(key);
        return i < 0 ? MISSING : values[i];
    }

    /** Sets the entry of {@code key}, adding it when absent. */
    void put(int key, long value) {
        int at = find(key);
        if (at >= 0) {
            values[at] = value;
            return;
        }
        if (count >= limit) {
            grow();
        }
        insertAbsent(key, value);
        count++;
    }

    /** Places a key known to be absent, displacing nearer-to-home entries along its run. */
    private void insertAbsent(int key, long value) {
        final int[] k = keys;
        final long[] v = values;
        final int cap = k.length;
        int i = home(key, cap);
        int d = 0;
        while (true) {
            int e = k[i];
            if (e == 0) {
                k[i] = key;
                v[i] = value;
                return;
            }
            int de = distance(e, i, cap);
            if (de < d) { // the resident is nearer its home: the carried entry takes its slot
                long ve = v[i];
                k[i] = key;
                v[i] = value;
                key = e;
                value = ve;
                d = de;
            }
            d++;
            if (++i == cap) {
                i = 0;
            }
        }
    }

    /** Removes {@code key} and returns its entry, or {@link #MISSING}. */
    long remove(int key) {
        int i = find(key);
        if (i < 0) {
            return MISSING;
        }
        final int[] k = keys;
        final long[] v = values;
        final int cap = k.length;
        long old = v[i];
        while (true) { // shift the rest of the run back by one, until an empty slot or an entry at home
            int j = i + 1 == cap ? 0 : i + 1;
            int e = k[j];
            if (e == 0 || distance(e, j, cap) == 0) {
                break;
            }
            k[i] = e;
            v[i] = v[j];
            i = j;
        }
        k[i] = 0;
        count--;
        return old;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        long grown = oldKeys.length + Math.max(8, oldKeys.length >> 3);
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more live blocks than a host array can index");
        }
        keys = new int[(int) grown];
        values = new long[(int) grown];
        limit = limitOf(keys.length);
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != 0) {
                insertAbsent(oldKeys[s], oldValues[s]);
            }
        }
    }

    /** Receives entries without boxing. */
    @FunctionalInterface
    interface Visitor {
        void visit(int key, long value);
    }

    /** Visits every entry, in table order. */
    void forEach(Visitor visitor) {
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != 0) {
                visitor.visit(keys[s], values[s]);
            }
        }
    }

    /** Empties the table (its capacity stays). */
    void clear() {
        Arrays.fill(keys, 0);
        count = 0;
    }

    /** Host bytes held. */
    long footprintBytes() {
        return keys.length * 12L;
    }
}
