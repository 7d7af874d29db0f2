package org.memsim.alloc.freelist;

import org.memsim.alloc.SizeIndex;

/**
 * The free list kept by size, ascending (first fit is then best fit) or descending, ties by address:
 * the blocks in a {@link SizeIndex} keyed (size, address) in granules from the heap start. Its
 * bucket counts give a block's place in the list, the search length a walk would have had, without
 * the walk; the descending order is read off the same keys (larger sizes first, then addresses up).
 * A block past the keys' 2^29-granule sizes or 2^34-granule addresses moves the list for good to a
 * {@link TreeSizeOrderedList}, which takes any 64-bit sizes and addresses.
 */
final class SizeOrderedList implements FreeList {
    private static final long HEAD = -1; // the rover at the head of the list (keys are >= 0)

    private final boolean ascending;
    private final long heapStart;
    private final int shift;
    private SizeIndex index = new SizeIndex(true); // reference = position = the block's granule; null once wide
    private TreeSizeOrderedList wide;                     // after the first block too large for the keys
    private long rover = HEAD;                            // key of the block next fit resumes at
    private long examined;
    private long foundSize;

    SizeOrderedList(boolean ascending, long heapStart, long align) {
        this.ascending = ascending;
        this.heapStart = heapStart;
        this.shift = Long.numberOfTrailingZeros(align);
    }

    private long key(long start, long size) {
        return SizeIndex.key(size >> shift, (start - heapStart) >> shift);
    }

    /** Whether a block's size and address fit a bucket key. */
    private boolean fits(long start, long size) {
        return SizeIndex.fits(size >> shift, (start - heapStart) >> shift);
    }

    private long needKey(long need) {
        return SizeIndex.key((need + (1L << shift) - 1) >> shift, 0);
    }

    @Override
    public long insert(long start, long size) {
        if (wide == null && !fits(start, size)) {
            widen();
        }
        if (wide != null) {
            return wide.insert(start, size);
        }
        long k = key(start, size);
        index.insert(k, SizeIndex.positionOf(k));
        return start;
    }

    @Override
    public void replace(long oldStart, long oldSize, long newStart, long newSize) {
        if (wide != null) {
            wide.replace(oldStart, oldSize, newStart, newSize);
            return;
        }
        long oldKey = key(oldStart, oldSize);
        boolean wasRover = rover == oldKey;
        if (fits(newStart, newSize)) { // in size order a smaller remainder moves
            long k = key(newStart, newSize);
            if (!index.replace(oldKey, k, SizeIndex.positionOf(k))) {
                throw new IllegalStateException("block not on the free list");
            }
        } else {
            unlist(oldStart, oldSize);
            insert(newStart, newSize);
        }
        if (wasRover) {
            setRover(newStart, newSize);
        }
    }

    @Override
    public long remove(long start, long size) {
        if (wide != null) {
            return wide.remove(start, size);
        }
        long k = unlist(start, size);
        if (rover == k) { // the successor in list order; none = back to the head
            rover = ascending ? ceilingKey(k) : descendingCeiling(k);
        }
        return start;
    }

    private long unlist(long start, long size) {
        long k = key(start, size);
        if (!index.remove(k)) {
            throw new IllegalStateException("block not on the free list");
        }
        return k;
    }

    /** Moves every block, and the rover, to a list that takes any sizes and addresses. */
    private void widen() {
        wide = new TreeSizeOrderedList(ascending);
        long[] all = index.keysAndRefs();
        for (int i = 0; i < all.length; i += 2) {
            wide.insert(startOf(all[i]), sizeOf(all[i]));
        }
        if (rover != HEAD) {
            wide.setRover(startOf(rover), sizeOf(rover));
        }
        index = null;
    }

    private long startOf(long key) {
        return heapStart + (SizeIndex.positionOf(key) << shift);
    }

    private long sizeOf(long key) {
        return SizeIndex.sizeOf(key) << shift;
    }

    /** The smallest key at least {@code k}, or HEAD when none. */
    private long ceilingKey(long k) {
        return index.ceiling(k) < 0 ? HEAD : index.lastKey();
    }

    /** The first key of the list in its order, or HEAD when empty. */
    private long firstKey() {
        return ascending ? ceilingKey(0) : earliestOfLargestKey();
    }

    /** The key of the lowest address among the largest blocks, or HEAD when empty. */
    private long earliestOfLargestKey() {
        return index.earliestOfLargest() < 0 ? HEAD : index.lastKey();
    }

    /**
     * In descending order, the first key at or after {@code k}: the next address of the same size,
     * else the lowest address of the next smaller size; HEAD when none.
     */
    private long descendingCeiling(long k) {
        long sizeG = SizeIndex.sizeOf(k);
        if (index.ceiling(k) >= 0 && SizeIndex.sizeOf(index.lastKey()) == sizeG) {
            return index.lastKey();
        }
        if (index.floor(SizeIndex.key(sizeG, 0) - 1) < 0) {
            return HEAD;
        }
        return ceilingKey(SizeIndex.key(SizeIndex.sizeOf(index.lastKey()), 0));
    }

    /** Entries before {@code k} in list order. */
    private int rank(long k) {
        if (ascending) {
            return index.rank(k);
        }
        long sizeG = SizeIndex.sizeOf(k);
        return index.size() - index.rank(SizeIndex.key(sizeG + 1, 0)) + index.rank(k) - index.rank(SizeIndex.key(sizeG, 0));
    }

    private long found(long k) {
        if (k == HEAD) {
            return -1;
        }
        foundSize = sizeOf(k);
        return startOf(k);
    }

    @Override
    public long firstFit(long need) {
        if (wide != null) {
            return wide.firstFit(need);
        }
        int n = index.size();
        if (ascending) {
            long k = ceilingKey(needKey(need));
            examined = k == HEAD ? n : index.rank(k) + 1;
            return found(k);
        }
        long first = firstKey();
        if (first != HEAD && first >= needKey(need)) { // the largest block, first on the list
            examined = 1;
            return found(first);
        }
        examined = n;
        return -1;
    }

    @Override
    public long nextFit(long need) {
        if (wide != null) {
            return wide.nextFit(need);
        }
        int n = index.size();
        long at = rover == HEAD ? firstKey() : rover; // the rover is always a listed block
        if (ascending) { // the first fit from the rover: the later of the rover and the first block of `need` bytes
            long fits = ceilingKey(needKey(need));
            if (at != HEAD && fits != HEAD && fits <= at) { // the rover's block holds it: one entry examined
                examined = 1;
                return found(at);
            }
            int fitsRank = fits == HEAD ? n : index.rankOfLast(); // fits: the last key found
            int from = at == HEAD ? n : index.rank(at);
            if (at != HEAD && fits != HEAD) {
                examined = fitsRank - from + 1;
                return found(fits);
            }
            examined = fits == HEAD ? n : (n - from) + fitsRank + 1; // wrapped to the head: the first fit overall
            return found(fits);
        }
        long needK = needKey(need);
        if (at != HEAD && at >= needK) { // sizes descend: the block at the rover is the largest after it
            examined = 1;
            return found(at);
        }
        int from = at == HEAD ? n : rank(at);
        long first = firstKey();
        boolean fits = first != HEAD && first >= needK;
        examined = fits ? (n - from) + 1 : n;
        return fits ? found(first) : -1;
    }

    /** Best fit on this list itself: the smallest block of at least {@code need} bytes, the lowest address among equals, or -1. */
    long bestFit(long need) {
        if (wide != null) {
            return wide.bestFit(need);
        }
        return found(ceilingKey(needKey(need)));
    }

    /** Worst fit on this list itself: the largest block, the lowest address among equals, or -1 when it is under {@code need}. */
    long worstFit(long need) {
        if (wide != null) {
            return wide.worstFit(need);
        }
        long first = earliestOfLargestKey();
        return first != HEAD && first >= needKey(need) ? found(first) : -1;
    }

    /** Size of the largest block on the list, 0 when empty. */
    long largest() {
        return wide != null ? wide.largest() : index.maxSize() << shift;
    }

    @Override
    public void setRover(long start, long size) {
        if (wide != null) {
            wide.setRover(start, size);
        } else {
            rover = key(start, size);
        }
    }

    @Override
    public long foundSize() {
        return wide != null ? wide.foundSize() : foundSize;
    }

    @Override
    public long examined() {
        return wide != null ? wide.examined() : examined;
    }

    @Override
    public int size() {
        return wide != null ? wide.size() : index.size();
    }

    @Override
    public long position(long start, long size) {
        return start;
    }

    @Override
    public boolean contains(long start, long size) {
        return wide != null ? wide.contains(start, size) : index.contains(key(start, size), (start - heapStart) >> shift);
    }

    /** Whether the blocks have moved to the wide list (for tests). */
    boolean isWide() {
        return wide != null;
    }
}
