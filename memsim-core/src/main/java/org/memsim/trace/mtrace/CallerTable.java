package org.memsim.trace.mtrace;

import java.util.Arrays;

/**
 * Interns the caller texts of an mtrace log ({@code ./prog:(main+17)[0x11d0]}) as site numbers
 * 1, 2, 3, … in order of first use, looking bytes up without creating a String per line.
 * Bounded: at most {@link #MAX_SITES} callers and {@link #MAX_BYTES} bytes of caller text.
 */
final class CallerTable {
    static final int MAX_SITES = 1 << 20;
    static final int MAX_BYTES = 1 << 26;

    private byte[] pool = new byte[1 << 12];
    private int poolUsed;
    private int[] offsets = new int[64];   // by site - 1
    private int[] lengths = new int[64];
    private int[] hashes = new int[64];
    private int count;
    private int[] slots = new int[128];    // site number, 0 = empty
    private int mask = 127;

    int size() {
        return count;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = 0; i < len; i++) {
            h = (h ^ b[off + i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /** The site of this caller, or 0 if it is new. */
    int find(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int site = slots[i];
            if (site == 0) {
                return 0;
            }
            int k = site - 1;
            if (hashes[k] == h && lengths[k] == len
                && Arrays.equals(pool, offsets[k], offsets[k] + len, b, off, off + len)) {
                return site;
            }
        }
    }

    /** Adds a caller {@link #find} did not know; returns its site, or -1 when a bound is reached. */
    int add(byte[] b, int off, int len) {
        if (count >= MAX_SITES || poolUsed + len > MAX_BYTES) {
            return -1;
        }
        if (poolUsed + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolUsed + len));
        }
        System.arraycopy(b, off, pool, poolUsed, len);
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        int h = hash(b, off, len);
        offsets[count] = poolUsed;
        lengths[count] = len;
        hashes[count] = h;
        poolUsed += len;
        count++;
        if (count * 2 > slots.length) {
            rehash();
        } else {
            insert(count, h);
        }
        return count;
    }

    private void insert(int site, int h) {
        int i = h & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = site;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int site = 1; site <= count; site++) {
            insert(site, hashes[site - 1]);
        }
    }
}
