package org.memsim.alloc.ptmalloc;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * The contents of the simulated memory words ptmalloc reads and writes (chunk headers, footers,
 * free-list links, tcache entries): an open-addressing table keyed by the word's index from the heap
 * base (an {@code int}, so 12 host bytes per slot), plus a small map for words elsewhere (mmapped
 * chunks). A word never written reads as 0. Words that stop being metadata (the links of a chunk
 * handed out, the header of a chunk merged away) are dropped, so the table holds about one word per
 * live chunk and a few per free chunk.
 */
final class WordStore {
    private static final int EMPTY = -1;
    private static final long SPAN = 1L << 34; // words within 16 GiB of the base live in the int table

    private final long base;
    private int[] keys;
    private long[] values;
    private int mask;
    private int size;
    private final LongLongHashMap far = new LongLongHashMap(64, 0);

    WordStore(long base) {
        this.base = base;
        keys = new int[1024];
        values = new long[1024];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
    }

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B1;
        return (h ^ (h >>> 16)) & mask;
    }

    long get(long address) {
        long off = address - base;
        if (off < 0 || off >= SPAN) {
            return far.get(address);
        }
        int key = (int) (off >>> 3);
        final int[] k = keys;
        final int m = mask;
        int i = slot(key, m);
        while (true) {
            int c = k[i];
            if (c == key) {
                return values[i];
            }
            if (c == EMPTY) {
                return 0;
            }
            i = (i + 1) & m;
        }
    }

    void put(long address, long value) {
        long off = address - base;
        if (off < 0 || off >= SPAN) {
            far.put(address, value);
            return;
        }
        int key = (int) (off >>> 3);
        int i = slot(key, mask);
        while (true) {
            int c = keys[i];
            if (c == key) {
                values[i] = value;
                return;
            }
            if (c == EMPTY) {
                keys[i] = key;
                values[i] = value;
                if (++size > (mask + 1) * 3L / 4) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
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
        int m = mask;
        int i = slot(key, m);
        while (true) {
            int c = keys[i];
            if (c == EMPTY) {
                return;
            }
            if (c == key) {
                break;
            }
            i = (i + 1) & m;
        }
        // backward-shift deletion: no tombstones
        int hole = i;
        int j = (i + 1) & m;
        while (keys[j] != EMPTY) {
            int home = slot(keys[j], m);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
            j = (j + 1) & m;
        }
        keys[hole] = EMPTY;
        size--;
    }

    private void grow() {
        int[] ok = keys;
        long[] ov = values;
        int cap = ok.length * 2;
        keys = new int[cap];
        values = new long[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
        for (int i = 0; i < ok.length; i++) {
            int key = ok[i];
            if (key != EMPTY) {
                int s = slot(key, mask);
                while (keys[s] != EMPTY) {
                    s = (s + 1) & mask;
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
