package org.memsim.alloc.csapp;

import java.util.Arrays;

/**
 * The free blocks ordered by (size, list position), for best fit: the smallest block that holds a
 * request, ties to the earliest in list order, without scanning the list. Keys are
 * {@code size << 34 | position}; they live in buckets (one per exact size below 1024 granules, then
 * sixteen per power of two, as TLSF's two-level index), each a sorted array, with a bitmap of the
 * non-empty buckets. Host cost: 16 bytes per free block.
 */
final class SizeIndex {
    static final int POSITION_BITS = 34;
    private static final int EXACT = 1024;
    private static final int SUB = 16;
    private static final int BUCKETS = EXACT + (31 - 10) * SUB;

    private final long[][] keys = new long[BUCKETS][];
    private final long[][] refs = new long[BUCKETS][];
    private final int[] counts = new int[BUCKETS];
    private final long[] nonEmpty = new long[(BUCKETS + 63) >>> 6];
    private int size;

    static long key(long sizeG, long position) {
        return (sizeG << POSITION_BITS) | position;
    }

    static long sizeOf(long key) {
        return key >>> POSITION_BITS;
    }

    private static int bucket(long sizeG) {
        if (sizeG < EXACT) {
            return (int) sizeG;
        }
        int fl = 63 - Long.numberOfLeadingZeros(sizeG);   // 10 and up
        int sl = (int) ((sizeG >>> (fl - 4)) & (SUB - 1));
        return EXACT + (fl - 10) * SUB + sl;
    }

    int size() {
        return size;
    }

    void insert(long key, long ref) {
        int b = bucket(sizeOf(key));
        long[] k = keys[b];
        int n = counts[b];
        if (k == null) {
            k = keys[b] = new long[4];
            refs[b] = new long[4];
        } else if (n == k.length) {
            k = keys[b] = Arrays.copyOf(k, n * 2);
            refs[b] = Arrays.copyOf(refs[b], n * 2);
        }
        int i = Arrays.binarySearch(k, 0, n, key);
        if (i >= 0) {
            throw new IllegalStateException("block listed twice in the size index");
        }
        i = -(i + 1);
        long[] r = refs[b];
        System.arraycopy(k, i, k, i + 1, n - i);
        System.arraycopy(r, i, r, i + 1, n - i);
        k[i] = key;
        r[i] = ref;
        counts[b] = n + 1;
        nonEmpty[b >>> 6] |= 1L << b;
        size++;
    }

    /** Removes {@code key}; false when it is not there. */
    boolean remove(long key) {
        int b = bucket(sizeOf(key));
        int n = counts[b];
        if (n == 0) {
            return false;
        }
        long[] k = keys[b];
        int i = Arrays.binarySearch(k, 0, n, key);
        if (i < 0) {
            return false;
        }
        long[] r = refs[b];
        System.arraycopy(k, i + 1, k, i, n - i - 1);
        System.arraycopy(r, i + 1, r, i, n - i - 1);
        counts[b] = n - 1;
        if (n == 1) {
            nonEmpty[b >>> 6] &= ~(1L << b);
        }
        size--;
        return true;
    }

    /** Whether {@code key} is present with reference {@code ref}. */
    boolean contains(long key, long ref) {
        int b = bucket(sizeOf(key));
        int i = keys[b] == null ? -1 : Arrays.binarySearch(keys[b], 0, counts[b], key);
        return i >= 0 && refs[b][i] == ref;
    }

    /** The reference of the smallest key at least {@code key}, or -1; {@link #lastKey} holds the key. */
    long ceiling(long key) {
        int b = bucket(sizeOf(key));
        if (counts[b] > 0) {
            int i = Arrays.binarySearch(keys[b], 0, counts[b], key);
            i = i >= 0 ? i : -(i + 1);
            if (i < counts[b]) {
                lastKey = keys[b][i];
                return refs[b][i];
            }
        }
        int nb = nextNonEmpty(b + 1);
        if (nb < 0) {
            return -1;
        }
        lastKey = keys[nb][0];
        return refs[nb][0];
    }

    /** The key found by the last successful {@link #ceiling}. */
    long lastKey;

    private int nextNonEmpty(int from) {
        if (from >= BUCKETS) {
            return -1;
        }
        int w = from >>> 6;
        long bits = nonEmpty[w] & (-1L << from);
        while (bits == 0) {
            if (++w == nonEmpty.length) {
                return -1;
            }
            bits = nonEmpty[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(bits);
    }

    /** The largest size present, or 0. */
    long maxSize() {
        for (int w = nonEmpty.length - 1; w >= 0; w--) {
            if (nonEmpty[w] != 0) {
                int b = (w << 6) + 63 - Long.numberOfLeadingZeros(nonEmpty[w]);
                return sizeOf(keys[b][counts[b] - 1]);
            }
        }
        return 0;
    }

    /** Checks the buckets are sorted, in the right bucket and counted. */
    void verify(String what) {
        int total = 0;
        for (int b = 0; b < BUCKETS; b++) {
            int n = counts[b];
            total += n;
            if ((n > 0) != ((nonEmpty[b >>> 6] & (1L << b)) != 0)) {
                throw new IllegalStateException(what + ": bucket " + b + " non-empty mark is wrong");
            }
            for (int i = 0; i < n; i++) {
                if (bucket(sizeOf(keys[b][i])) != b || (i > 0 && keys[b][i - 1] >= keys[b][i])) {
                    throw new IllegalStateException(what + ": bucket " + b + " out of order");
                }
            }
        }
        if (total != size) {
            throw new IllegalStateException(what + ": " + total + " keys in buckets, " + size + " counted");
        }
    }
}
