package org.memsim.alloc.ptmalloc;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * The contents of the simulated memory words ptmalloc reads and writes (chunk headers, footers,
 * free-list links, tcache entries), keyed by the word's index from the heap base (an {@code int}).
 * One open-addressing table of 8-byte slots (int key, int code) holds nearly every word: the code is
 * a small value (size fields, footers), a pointer into the heap, such a pointer safe-linked with the
 * word's own address ({@code PROTECT_PTR}), {@code tcache_key}, or a bin header of
 * {@code main_arena}; any other value goes to a second table (12-byte slots) with the code saying
 * so. A small map holds words outside the 16 GiB above the heap base (mmapped chunks' headers).
 * A word never written reads as 0, and writing 0 forgets the word. Words that stop being metadata
 * (the links of a chunk handed out, the header of a chunk merged away) are dropped, so the table
 * holds about one word per live chunk and a few per free chunk. Tables double at 60% load.
 */
final class WordStore {
    private static final int EMPTY = -1;
    private static final long SPAN = 1L << 34; // words within 16 GiB of the base live in the int-keyed tables
    private static final double LOAD = 0.6;
    private static final int TAG_SHIFT = 30;
    private static final int PAYLOAD = (1 << TAG_SHIFT) - 1;
    private static final int SMALL = 0, HEAP_PTR = 1, MANGLED = 2, SPECIAL = 3;
    private static final int NULL_INDEX = PAYLOAD;       // MANGLED: the pointer was NULL
    private static final int KEY = 0, WIDE = 1, BIN0 = 2; // SPECIAL payloads

    private final long base;
    private final Narrow narrow = new Narrow();
    private final Wide wide = new Wide();
    private final LongLongHashMap far = new LongLongHashMap(64, 0);

    WordStore(long base) {
        this.base = base;
    }

    /** The home slot of a key in a table of {@code 2^bits} slots: Fibonacci hashing (the top bits of key * 2^32/phi). */
    private static int slot(int key, int shift) {
        return (key * 0x9E3779B9) >>> shift;
    }

    private static int grown(int capacity) {
        if (capacity >= 1 << 30) {
            throw new IllegalStateException("ptmalloc: more metadata words than a host array can index");
        }
        return capacity * 2;
    }

    /** The index of a 16-byte-aligned heap pointer, or -1. */
    private int heapIndex(long v) {
        long d = v - base;
        return d >= 0 && (d & 15) == 0 && d < (long) PAYLOAD << 4 ? (int) (d >>> 4) : -1;
    }

    /** The code of {@code value} stored at {@code address}, or {@link #EMPTY} when it needs the wide table. */
    private int encode(long address, long value) {
        if (value > 0 && value <= PAYLOAD) {
            return value == PAYLOAD ? EMPTY : (int) value; // PAYLOAD itself would read as a tag-less EMPTY code
        }
        int i = heapIndex(value);
        if (i >= 0) {
            return HEAP_PTR << TAG_SHIFT | i;
        }
        long ptr = value ^ (address >>> 12);
        if (ptr == 0) {
            return MANGLED << TAG_SHIFT | NULL_INDEX;
        }
        i = heapIndex(ptr);
        if (i >= 0) {
            return MANGLED << TAG_SHIFT | i;
        }
        if (value == Tcache.KEY) {
            return SPECIAL << TAG_SHIFT | KEY;
        }
        int b = ChunkMemory.binIndex(value);
        if (b > 0) {
            return SPECIAL << TAG_SHIFT | (BIN0 + b);
        }
        return EMPTY;
    }

    private long decode(int key, long address, int code) {
        int payload = code & PAYLOAD;
        switch (code >>> TAG_SHIFT) {
            case SMALL:
                return payload;
            case HEAP_PTR:
                return base + ((long) payload << 4);
            case MANGLED:
                return (payload == NULL_INDEX ? 0 : base + ((long) payload << 4)) ^ (address >>> 12);
            default:
                if (payload == KEY) {
                    return Tcache.KEY;
                }
                if (payload == WIDE) {
                    return wide.get(key);
                }
                return ChunkMemory.binAt(payload - BIN0);
        }
    }

    long get(long address) {
        long off = address - base;
        if (off < 0 || off >= SPAN) {
            return far.get(address);
        }
        int key = (int) (off >>> 3);
        int code = narrow.get(key);
        return code == 0 ? 0 : decode(key, address, code);
    }

    void put(long address, long value) {
        long off = address - base;
        if (off < 0 || off >= SPAN) {
            if (value == 0) {
                far.remove(address);
            } else {
                far.put(address, value);
            }
            return;
        }
        int key = (int) (off >>> 3);
        if (value == 0) {
            remove(address);
            return;
        }
        int code = encode(address, value);
        int old;
        if (code == EMPTY) {
            old = narrow.put(key, SPECIAL << TAG_SHIFT | WIDE);
            wide.put(key, value);
        } else {
            old = narrow.put(key, code);
            if (old == (SPECIAL << TAG_SHIFT | WIDE)) {
                wide.remove(key);
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
        if (narrow.remove(key) == (SPECIAL << TAG_SHIFT | WIDE)) {
            wide.remove(key);
        }
    }

    /** Words held. */
    long size() {
        return narrow.size + far.size();
    }

    /** int key → int value, linear probing with backward-shift deletion. */
    private static final class Narrow {
        int[] keys;
        int[] values;
        int capacity;
        int mask;
        int shift;
        int limit;
        int size;

        Narrow() {
            allocate(1024);
        }

        private void allocate(int cap) {
            keys = new int[cap];
            values = new int[cap];
            Arrays.fill(keys, EMPTY);
            capacity = cap;
            mask = cap - 1;
            shift = Integer.numberOfLeadingZeros(cap) + 1;
            limit = (int) (cap * LOAD);
        }

        int get(int key) {
            final int[] k = keys;
            final int m = mask;
            int i = slot(key, shift);
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

        /** Stores a code; returns the previous one (0 if none). */
        int put(int key, int value) {
            final int m = mask;
            int i = slot(key, shift);
            while (true) {
                int c = keys[i];
                if (c == key) {
                    int old = values[i];
                    values[i] = value;
                    return old;
                }
                if (c == EMPTY) {
                    keys[i] = key;
                    values[i] = value;
                    if (++size > limit) {
                        grow();
                    }
                    return 0;
                }
                i = (i + 1) & m;
            }
        }

        /** Removes a key; returns its code (0 if absent). */
        int remove(int key) {
            final int m = mask;
            int i = slot(key, shift);
            while (true) {
                int c = keys[i];
                if (c == EMPTY) {
                    return 0;
                }
                if (c == key) {
                    break;
                }
                i = (i + 1) & m;
            }
            int removed = values[i];
            int hole = i;
            int j = (i + 1) & m;
            while (keys[j] != EMPTY) {
                int home = slot(keys[j], shift);
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
            return removed;
        }

        private void grow() {
            int[] ok = keys;
            int[] ov = values;
            allocate(grown(capacity));
            for (int i = 0; i < ok.length; i++) {
                int key = ok[i];
                if (key != EMPTY) {
                    int s = slot(key, shift);
                    while (keys[s] != EMPTY) {
                        s = (s + 1) & mask;
                    }
                    keys[s] = key;
                    values[s] = ov[i];
                }
            }
        }
    }

    /** int key → long value, linear probing with backward-shift deletion. */
    private static final class Wide {
        int[] keys;
        long[] values;
        int capacity;
        int mask;
        int shift;
        int limit;
        int size;

        Wide() {
            allocate(1024);
        }

        private void allocate(int cap) {
            keys = new int[cap];
            values = new long[cap];
            Arrays.fill(keys, EMPTY);
            capacity = cap;
            mask = cap - 1;
            shift = Integer.numberOfLeadingZeros(cap) + 1;
            limit = (int) (cap * LOAD);
        }

        long get(int key) {
            final int[] k = keys;
            final int m = mask;
            int i = slot(key, shift);
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

        void put(int key, long value) {
            final int m = mask;
            int i = slot(key, shift);
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
                i = (i + 1) & m;
            }
        }

        void remove(int key) {
            final int m = mask;
            int i = slot(key, shift);
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
            int hole = i;
            int j = (i + 1) & m;
            while (keys[j] != EMPTY) {
                int home = slot(keys[j], shift);
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
            allocate(grown(capacity));
            for (int i = 0; i < ok.length; i++) {
                int key = ok[i];
                if (key != EMPTY) {
                    int s = slot(key, shift);
                    while (keys[s] != EMPTY) {
                        s = (s + 1) & mask;
                    }
                    keys[s] = key;
                    values[s] = ov[i];
                }
            }
        }
    }
}
