package org.memsim.gc.regional;

import java.util.Arrays;
import org.memsim.gc.space.HeapReservation;

/**
 * G1's heap of equal regions ({@code HeapRegion}, {@code HeapRegionType}): each region is free,
 * eden, survivor, old or part of a humongous object, and is allocated by bumping its top. Per
 * region the last marking's live bytes and objects are kept for choosing collection sets.
 * <pre>
 *   | E | E | S | O | O | H | H | free | O | E | free | … |   each region `size` bytes
 * </pre>
 */
final class Regions {
    static final byte FREE = 0;
    static final byte EDEN = 1;
    static final byte SURVIVOR = 2;
    static final byte OLD = 3;
    static final byte HUMONGOUS = 4;
    static final byte HUMONGOUS_TAIL = 5;

    final long start;
    final long size;
    final int shift;
    final int count;
    final byte[] kind;
    final long[] top;
    final long[] liveBytes;
    final long[] liveObjects;
    final boolean[] candidate;
    private final HeapReservation heap;
    int free;

    Regions(HeapReservation heap, long heapBytes, long regionBytes) {
        this.heap = heap;
        this.size = regionBytes;
        this.shift = Long.numberOfTrailingZeros(regionBytes);
        this.count = (int) (heapBytes / regionBytes);
        this.start = heap.carve((long) count * regionBytes, regionBytes);
        kind = new byte[count];
        top = new long[count];
        liveBytes = new long[count];
        liveObjects = new long[count];
        candidate = new boolean[count];
        free = count;
    }

    int regionOf(long offset) {
        return (int) ((offset - start) >>> shift);
    }

    long bottom(int r) {
        return start + ((long) r << shift);
    }

    /** The lowest free region, made {@code k}; -1 if none. */
    int take(byte k) {
        for (int r = 0; r < count; r++) {
            if (kind[r] == FREE) {
                kind[r] = k;
                top[r] = bottom(r);
                liveBytes[r] = 0;
                liveObjects[r] = 0;
                candidate[r] = false;
                free--;
                return r;
            }
        }
        return -1;
    }

    /** {@code n} contiguous free regions for a humongous object; -1 if none. */
    int takeRun(int n) {
        int len = 0;
        for (int r = 0; r < count; r++) {
            len = kind[r] == FREE ? len + 1 : 0;
            if (len == n) {
                int first = r - n + 1;
                for (int j = first; j <= r; j++) {
                    kind[j] = j == first ? HUMONGOUS : HUMONGOUS_TAIL;
                    top[j] = bottom(j) + size;
                    candidate[j] = false;
                }
                free -= n;
                return first;
            }
        }
        return -1;
    }

    /** Bump allocation inside region {@code r}; -1 if it does not fit. */
    long alloc(int r, long bytes) {
        long t = top[r];
        if (r < 0 || t + bytes > bottom(r) + size) {
            return -1;
        }
        top[r] = t + bytes;
        return t;
    }

    void release(int r) {
        if (kind[r] == FREE) {
            return;
        }
        kind[r] = FREE;
        top[r] = bottom(r);
        liveBytes[r] = 0;
        liveObjects[r] = 0;
        candidate[r] = false;
        free++;
    }

    /** Releases every region of kind {@code k}. */
    void releaseAll(byte k) {
        for (int r = 0; r < count; r++) {
            if (kind[r] == k) {
                release(r);
            }
        }
    }

    int countOf(byte k) {
        int n = 0;
        for (byte b : kind) {
            if (b == k) {
                n++;
            }
        }
        return n;
    }

    long usedBytes() {
        long u = 0;
        for (int r = 0; r < count; r++) {
            if (kind[r] != FREE) {
                u += top[r] - bottom(r);
            }
        }
        return u;
    }

    void clearLiveness() {
        Arrays.fill(liveBytes, 0);
        Arrays.fill(liveObjects, 0);
        Arrays.fill(candidate, false);
    }

    HeapReservation heap() {
        return heap;
    }
}
