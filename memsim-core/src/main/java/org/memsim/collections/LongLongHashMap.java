package org.memsim.collections;

import java.util.Arrays;

/**
 * Open-addressing {@code long → long} map (Agrona style): keys and values interleaved in one
 * {@code long[]}, power-of-two capacity, linear probing, a missing-value sentinel instead of null,
 * and deletion that shifts the probe chain back instead of leaving tombstones. About 32 host bytes
 * per entry at the maximum load factor of 0.5 — no boxing.
 */
public final class LongLongHashMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private static final int MIN_CAPACITY = 8;

    private final long missingValue;
    private long[] entries; // key, value, key, value, ...; EMPTY key marks a free slot
    private int mask;       // (capacity - 1), capacity counted in entries
    private int size;
    private boolean hasEmptyKey; // the key Long.MIN_VALUE is kept aside
    private long emptyKeyValue;

    /** @param missingValue what {@link #get} returns for an absent key */
    public LongLongHashMap(long missingValue) {
        this(MIN_CAPACITY, missingValue);
    }

    public LongLongHashMap(int initialCapacity, long missingValue) {
        this.missingValue = missingValue;
        int cap = Integer.highestOneBit(Math.max(MIN_CAPACITY, initialCapacity * 2 - 1));
        entries = new long[cap * 2];
        Arrays.fill(entries, EMPTY);
        mask = cap - 1;
    }

    public long missingValue() {
        return missingValue;
    }

    public int size() {
        return size + (hasEmptyKey ? 1 : 0);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The value for {@code key}, or the missing value. */
    public long get(long key) {
        if (key == EMPTY) {
            return hasEmptyKey ? emptyKeyValue : missingValue;
        }
        final long[] e = entries;
        final int m = mask;
        int i = hash(key) & m;
        while (true) {
            long k = e[i << 1];
            if (k == key) {
                return e[(i << 1) + 1];
            }
            if (k == EMPTY) {
                return missingValue;
            }
            i = (i + 1) & m;
        }
    }

    public boolean containsKey(long key) {
        if (key == EMPTY) {
            return hasEmptyKey;
        }
        final long[] e = entries;
        int i = hash(key) & mask;
        while (true) {
            long k = e[i << 1];
            if (k == key) {
                return true;
            }
            if (k == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** Associates {@code value} with {@code key}; returns the previous value or the missing value. */
    public long put(long key, long value) {
        if (key == EMPTY) {
            long old = hasEmptyKey ? emptyKeyValue : missingValue;
            hasEmptyKey = true;
            emptyKeyValue = value;
            return old;
        }
        final long[] e = entries;
        int i = hash(key) & mask;
        while (true) {
            long k = e[i << 1];
            if (k == key) {
                long old = e[(i << 1) + 1];
                e[(i << 1) + 1] = value;
                return old;
            }
            if (k == EMPTY) {
                e[i << 1] = key;
                e[(i << 1) + 1] = value;
                if (++size > (mask + 1) >> 1) {
                    rehash((mask + 1) << 1);
                }
                return missingValue;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes {@code key}; returns its value or the missing value. */
    public long remove(long key) {
        if (key == EMPTY) {
            long old = hasEmptyKey ? emptyKeyValue : missingValue;
            hasEmptyKey = false;
            return old;
        }
        final long[] e = entries;
        final int m = mask;
        int i = hash(key) & m;
        while (true) {
            long k = e[i << 1];
            if (k == EMPTY) {
                return missingValue;
            }
            if (k == key) {
                long old = e[(i << 1) + 1];
                shiftBack(i);
                size--;
                return old;
            }
            i = (i + 1) & m;
        }
    }

    /** Backward-shift deletion: moves later entries of the probe chain into the hole. */
    private void shiftBack(int hole) {
        final long[] e = entries;
        final int m = mask;
        int i = hole;
        int j = hole;
        while (true) {
            j = (j + 1) & m;
            long k = e[j << 1];
            if (k == EMPTY) {
                break;
            }
            int home = hash(k) & m;
            // move k to the hole if its home is not cyclically in (i, j]
            if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
                e[i << 1] = k;
                e[(i << 1) + 1] = e[(j << 1) + 1];
                i = j;
            }
        }
        e[i << 1] = EMPTY;
        e[(i << 1) + 1] = 0;
    }

    private void rehash(int newCapacity) {
        long[] old = entries;
        entries = new long[newCapacity * 2];
        Arrays.fill(entries, EMPTY);
        mask = newCapacity - 1;
        for (int i = 0; i < old.length; i += 2) {
            long k = old[i];
            if (k != EMPTY) {
                int j = hash(k) & mask;
                while (entries[j << 1] != EMPTY) {
                    j = (j + 1) & mask;
                }
                entries[j << 1] = k;
                entries[(j << 1) + 1] = old[i + 1];
            }
        }
    }

    public void clear() {
        Arrays.fill(entries, EMPTY);
        size = 0;
        hasEmptyKey = false;
    }

    /** Receives entries without boxing. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long key, long value);
    }

    /** Visits every entry in table order (deterministic for the same history of operations). */
    public void forEach(EntryConsumer consumer) {
        if (hasEmptyKey) {
            consumer.accept(EMPTY, emptyKeyValue);
        }
        final long[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] != EMPTY) {
                consumer.accept(e[i], e[i + 1]);
            }
        }
    }

    /** Host bytes held by the table. */
    public long footprintBytes() {
        return 16L + entries.length * 8L;
    }
}
