package org.memsim.alloc;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * Every block of a boundary-tag heap (start → size and in-use bit) in one open-addressing table of
 * packed longs: 8 host bytes per slot, at most 5/8 full, so 13–26 bytes per block.
 * <pre>
 *  63               28 27                         1   0
 * +-------------------+----------------------------+---+
 * | start granule +1  |     size in granules       | U |      (0 = empty slot)
 * +-------------------+----------------------------+---+
 * </pre>
 * Starts are counted in granules (the allocator's alignment) from the heap base, so a table covers
 * 2^36 granules (1 TiB of heap at 16-byte granules); sizes of 2^27 granules or more are kept in an
 * overflow map. Deletion shifts the probe chain back (no tombstones).
 */
public final class BlockTable {
    /** Returned by {@link #size} for a start that is not a block. */
    public static final long NONE = -1;

    private static final int SIZE_BITS = 27;
    private static final long SIZE_MASK = (1L << SIZE_BITS) - 1;
    private static final long MAX_START = (1L << 36) - 2;

    private final long base;
    private final int shift;
    private final LongLongHashMap bigSizes = new LongLongHashMap(16, NONE);
    private long[] slots = new long[64];
    private int mask = 63;
    private int count;

    /**
     * @param base    the lowest address a block may start at
     * @param granule alignment of block starts and sizes (a power of two)
     */
    public BlockTable(long base, long granule) {
        if (Long.bitCount(granule) != 1) {
            throw new IllegalArgumentException("granule must be a power of two");
        }
        this.base = base;
        this.shift = Long.numberOfTrailingZeros(granule);
    }

    private long key(long start) {
        long g = (start - base) >>> shift;
        if (start < base || g > MAX_START || ((start - base) & ((1L << shift) - 1)) != 0) {
            throw new IllegalArgumentException("block start 0x" + Long.toHexString(start) + " outside or misaligned in the table");
        }
        return g + 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** Number of blocks. */
    public int count() {
        return count;
    }

    /** Inserts or replaces the block at {@code start}. */
    public void put(long start, long size, boolean used) {
        long k = key(start);
        long g = size >>> shift;
        long sizeField;
        if (g > SIZE_MASK || (size & ((1L << shift) - 1)) != 0) {
            bigSizes.put(start, size);
            sizeField = 0;
        } else {
            bigSizes.remove(start);
            sizeField = g;
        }
        long packed = (k << (SIZE_BITS + 1)) | (sizeField << 1) | (used ? 1 : 0);
        long[] s = slots;
        int i = hash(k) & mask;
        while (true) {
            long e = s[i];
            if (e == 0) {
                s[i] = packed;
                if (++count * 8L > (mask + 1) * 5L) {
                    grow();
                }
                return;
            }
            if ((e >>> (SIZE_BITS + 1)) == k) {
                s[i] = packed;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private int find(long start) {
        if (start < base) {
            return -1;
        }
        long off = start - base;
        if ((off & ((1L << shift) - 1)) != 0 || (off >>> shift) > MAX_START) {
            return -1;
        }
        long k = (off >>> shift) + 1;
        long[] s = slots;
        int i = hash(k) & mask;
        while (true) {
            long e = s[i];
            if (e == 0) {
                return -1;
            }
            if ((e >>> (SIZE_BITS + 1)) == k) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** The size in a non-zero {@link #entry} of the block at {@code start}. */
    public long sizeOf(long e, long start) {
        long g = (e >>> 1) & SIZE_MASK;
        return g == 0 ? bigSizes.get(start) : g << shift;
    }

    /**
     * The packed entry of the block at {@code start} (0 when no block starts there), for reading its
     * size and in-use bit with one lookup: {@link #sizeOf(long, long)}, {@link #used(long)}.
     */
    public long entry(long start) {
        int i = find(start);
        return i < 0 ? 0 : slots[i];
    }

    /** The in-use bit of an {@link #entry} (false for 0, no block). */
    public static boolean used(long entry) {
        return (entry & 1) != 0;
    }

    /** The size of the block at {@code start}, or {@link #NONE}. */
    public long size(long start) {
        int i = find(start);
        return i < 0 ? NONE : sizeOf(slots[i], start);
    }

    /** Whether the block at {@code start} exists and is in use. */
    public boolean isUsed(long start) {
        int i = find(start);
        return i >= 0 && (slots[i] & 1) != 0;
    }

    /** Whether a block starts at {@code start}. */
    public boolean contains(long start) {
        return find(start) >= 0;
    }

    /** Removes the block at {@code start}; returns whether it existed. */
    public boolean remove(long start) {
        int i = find(start);
        if (i < 0) {
            return false;
        }
        bigSizes.remove(start);
        long[] s = slots;
        int m = mask;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & m;
            long e = s[j];
            if (e == 0) {
                break;
            }
            int home = hash(e >>> (SIZE_BITS + 1)) & m;
            if ((j > hole && (home <= hole || home > j)) || (j < hole && home <= hole && home > j)) {
                s[hole] = e;
                hole = j;
            }
        }
        s[hole] = 0;
        count--;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long e : old) {
            if (e != 0) {
                int i = hash(e >>> (SIZE_BITS + 1)) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = e;
            }
        }
    }

    public void clear() {
        Arrays.fill(slots, 0);
        bigSizes.clear();
        count = 0;
    }

    /** Host bytes held. */
    public long footprintBytes() {
        return slots.length * 8L + bigSizes.footprintBytes();
    }
}
