package org.memsim.alloc.ptmalloc;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * The contents of the simulated memory words ptmalloc reads and writes (chunk headers, footers,
 * free-list links, tcache entries): an open-addressing table keyed by the word's index from the heap
 * base (an {@code int}, so 12 host bytes per slot), plus a small map for words elsewhere (mmapped
 * chunks). A word never written reads as 0. Words that stop being metadata (the links of a chunk
 * handed out, the header of a chunk merged away) are dropped, so the table holds about one word per
 * live chunk and a few per free chunk. Capacity grows by half at 65% load (not doubling), so a
 * large table averages about 22 host bytes per word and a miss probes about 4 slots.
 */
final class WordStore {
    private static final int EMPTY = -1;
    private static final long SPAN = 1L << 34; // words within 16 GiB of the base live in the int table

    private final long base;
    private int[] keys;
    private long[] values;
    private int capacity;
    private int limit;
    private int size;
    private final LongLongHashMap far = new LongLongHashMap(64, 0);

    WordStore(long base) {
        this.base = base;
        allocate(1024);
    }

    private void allocate(int cap) {
        keys = new int[cap];
        values = new long[cap];
        Arrays.fill(keys, EMPTY);
        capacity = cap;
        limit = (int) (cap * 0.65);
    }

    /** The home slot of a key: a multiplicative hash mapped onto the capacity (no power of two needed). */
    private static int slot(int key, int capacity) {
        long h = (key * 0x9E3779B97F4A7C15L) >>> 32;
        return (int) ((h * capacity) >>> 32);
    }

    long get(long address) {
        long off = address - base;
        if (off < 0 || off >= SPAN) {
            return far.get(address);
        }
        int key = (int) (off >>> 3);
        final int[] k = keys;
        final int cap = capacity;
        int i = slot(key, cap);
        while (true) {
            int c = k[i];
            if (c == key) {
                return values[i];
            }
            if (c == EMPTY) {
                return 0;
            }
            if (++i == cap) {
                i = 0;
            }
        }
    }

    void put(long address, long value) {
        long off = address - base;
        if (off < 0 || off >= SPAN) {
            far.put(address, value);
            return;
        }
        int key = (int) (off >>> 3);
        final int cap = capacity;
        int i = slot(key, cap);
        while (true) {
            int c = keys[i];
            if (c == key) {
                values[i] = value;
                return;
            }
            if (c == EMPTY) {
                keys[i] = key;
                values[i] = value;
                if (++size > limit) {
                    grow();
                }
                return;
            }
            if (++i == cap) {
                i = 0;
            }
        }
    }

    /** Forgets a word (it is user data again); reads of it return 0 until written. */
    void remove(long address) {
        long off = address - base;
        if (off < 0 || off >= SPAN) {
            far.remove(address);
            return;
        }
        int key = (int) (off >>> 3);
        final int cap = capacity;
        int i = slot(key, cap);
        while (true) {
            int c = keys[i];
            if (c == EMPTY) {
                return;
            }
            if (c == key) {
                break;
            }
            if (++i == cap) {
                i = 0;
            }
        }
        // backward-shift deletion: no tombstones
        int hole = i;
        int j = i + 1 == cap ? 0 : i + 1;
        while (keys[j] != EMPTY) {
            int home = slot(keys[j], cap);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
            j = j + 1 == cap ? 0 : j + 1;
        }
        keys[hole] = EMPTY;
        size--;
    }

    private void grow() {
        int[] ok = keys;
        long[] ov = values;
        long want = (long) capacity + (capacity >> 1);
        if (want > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("ptmalloc: more metadata words than a host array can index");
        }
        allocate((int) want);
        final int cap = capacity;
        for (int i = 0; i < ok.length; i++) {
            int key = ok[i];
            if (key != EMPTY) {
                int s = slot(key, cap);
                while (keys[s] != EMPTY) {
                    if (++s == cap) {
                        s = 0;
                    }
                }
                keys[s] = key;
                values[s] = ov[i];
            }
        }
    }

    /** Words held. */
    long size() {
        return size + far.size();
    }
}
