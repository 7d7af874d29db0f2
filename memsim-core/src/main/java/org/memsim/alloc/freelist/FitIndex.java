package org.memsim.alloc.freelist;

import org.memsim.alloc.FreeIndex;
import org.memsim.alloc.SizeIndex;

/**
 * Best and worst fit's index over an address-, LIFO- or FIFO-ordered free list: the free blocks by
 * (size, list position), so that the smallest block that holds a request (best fit) or the earliest
 * of the largest (worst fit), ties to the earliest in list order, is found without walking the list.
 * Entries live in a {@link SizeIndex} (an exact-size bucket per size up to 1024 granules, TLSF-style
 * ranges above, a bitmap of non-empty buckets) while sizes and positions, in granules from the heap
 * start, fit its 64-bit key; the first block that does not (an arena past 2^34 granules) moves them
 * all to a {@link FreeIndex}, a B+-tree of two 64-bit keys, for good.
 */
final class FitIndex {
    private static final long SEQ_TOP = (1L << SizeIndex.POSITION_BITS) - 1;

    private final long heapStart;
    private final int shift;          // log2(align): sizes and starts in granules
    private final long positionBase;  // a list position's offset in a key: the heap start, or a LIFO list's -SEQ_TOP
    private final int positionShift;  // and its unit: granules for addresses, 1 for sequence numbers
    private final boolean newestLowest; // FIFO worst fit: keys hold SEQ_TOP - position (see bySequence)
    private SizeIndex buckets;
    private FreeIndex wide;           // after the first entry too wide for the buckets
    private long foundSize;
    private long foundStart = -1; // the block the last search found, until the index next changes
    private long foundPosition;   // and its list position

    private FitIndex(long heapStart, long align, long positionBase, boolean byAddress, boolean newestLowest) {
        this.heapStart = heapStart;
        this.newestLowest = newestLowest;
        this.shift = Long.numberOfTrailingZeros(align);
        this.positionBase = positionBase;
        this.positionShift = byAddress ? shift : 0;
        this.buckets = new SizeIndex(byAddress); // an address is both the position and the reference
    }

    /** For an address-ordered list, whose positions are the blocks' starts. */
    static FitIndex byAddress(long heapStart, long align) {
        return new FitIndex(heapStart, align, heapStart, true, false);
    }

    /**
     * For a LIFO list (positions: minus a sequence number from 1) or a FIFO list (the sequence
     * number). In either, a newly freed block's key gets the lowest position of its size, so that
     * it is the last entry of its bucket, appended without a shift: a LIFO list's newest block comes
     * first in list order anyway; for worst fit on a FIFO list the keys hold the position counted
     * down, and worst fit takes the largest key (the oldest of the largest blocks). Best fit on a
     * FIFO list keeps positions counting up, so that it takes the oldest block of the fitting size
     * from the end of its bucket.
     */
    static FitIndex bySequence(long heapStart, long align, boolean lifo, boolean worst) {
        return new FitIndex(heapStart, align, lifo ? -SEQ_TOP : 0, false, !lifo && worst);
    }

    /** A list position as a key's: granules from the heap start, or a sequence number counting up from 0. */
    private long mapped(long position) {
        return newestLowest ? SEQ_TOP - position : (position - positionBase) >> positionShift;
    }

    /** The list position a bucket key holds. */
    private long positionOf(long key) {
        return newestLowest ? SEQ_TOP - SizeIndex.positionOf(key) : positionBase + (SizeIndex.positionOf(key) << positionShift);
    }

    /** Whether a block's size, mapped position and reference fit a bucket key. */
    private boolean fits(long size, long mappedPosition, long ref) {
        return mappedPosition >= 0 && SizeIndex.fits(size >> shift, mappedPosition) && SizeIndex.fits(0, ref);
    }

    void insert(long size, long position, long start) {
        foundStart = -1;
        if (buckets != null) {
            long p = mapped(position);
            long ref = (start - heapStart) >> shift;
            if (fits(size, p, ref)) {
                buckets.insert(SizeIndex.key(size >> shift, p), ref);
                return;
            }
            widen();
        }
        wide.insert(size, position, start);
    }

    void remove(long size, long position) {
        foundStart = -1;
        boolean removed = buckets != null
            ? buckets.remove(SizeIndex.key(size >> shift, mapped(position)))
            : wide.remove(size, position);
        if (!removed) {
            throw new IllegalStateException("block of " + size + " bytes not in the by-size index");
        }
    }

    /** A split's remainder takes the consumed block's entry. */
    void replace(long oldSize, long oldPosition, long newSize, long newPosition, long newStart) {
        foundStart = -1;
        if (buckets == null) {
            wide.replace(oldSize, oldPosition, newSize, newPosition, newStart);
            return;
        }
        long p = mapped(newPosition);
        long ref = (newStart - heapStart) >> shift;
        if (!fits(newSize, p, ref)) {
            remove(oldSize, oldPosition);
            insert(newSize, newPosition, newStart);
        } else if (!buckets.replace(SizeIndex.key(oldSize >> shift, mapped(oldPosition)), SizeIndex.key(newSize >> shift, p), ref)) {
            throw new IllegalStateException("block of " + oldSize + " bytes not in the by-size index");
        }
    }

    /** Moves every entry to the wide index, which takes any 64-bit keys. */
    private void widen() {
        wide = new FreeIndex();
        long[] all = buckets.keysAndRefs();
        for (int i = 0; i < all.length; i += 2) {
            wide.insert(SizeIndex.sizeOf(all[i]) << shift, positionOf(all[i]), heapStart + (all[i + 1] << shift));
        }
        buckets = null;
    }

    /** Best fit: the start of the smallest block of at least {@code need} bytes, earliest in list order, or -1. */
    long best(long need) {
        if (newestLowest) {
            throw new IllegalStateException("this index is worst fit's: its keys order a FIFO list's ties newest first");
        }
        if (buckets != null) {
            long ref = buckets.ceiling(SizeIndex.key((need + (1L << shift) - 1) >> shift, 0));
            return found(ref);
        }
        return foundInWide(wide.lowerBound(need, Long.MIN_VALUE));
    }

    /** Worst fit: the start of the earliest of the largest blocks, or -1 when that is under {@code need} bytes. */
    long worst(long need) {
        if (buckets != null) {
            long ref = newestLowest ? buckets.largest() : buckets.earliestOfLargest();
            return ref >= 0 && SizeIndex.sizeOf(buckets.lastKey()) << shift >= need ? found(ref) : -1;
        }
        return foundInWide(wide.lastSize() >= need ? wide.firstOfLargest() : 0);
    }

    private long foundInWide(int node) {
        if (node == 0) {
            foundSize = 0;
            return -1;
        }
        foundSize = wide.blockSize(node);
        foundPosition = wide.key2(node);
        return foundStart = wide.start(node);
    }

    private long found(long ref) {
        if (ref < 0) {
            foundSize = 0;
            return -1;
        }
        foundSize = SizeIndex.sizeOf(buckets.lastKey()) << shift;
        foundPosition = positionOf(buckets.lastKey());
        return foundStart = heapStart + (ref << shift);
    }

    /**
     * Whether the block at {@code start} is the one the last search found, with no change to the
     * index since (a malloc's split of it): {@link #foundPosition} then tells its list position
     * without asking the list.
     */
    boolean isFound(long start) {
        return start == foundStart;
    }

    long foundPosition() {
        return foundPosition;
    }

    /** Size of the block the last successful {@link #best} or {@link #worst} found. */
    long foundSize() {
        return foundSize;
    }

    /** Size of the largest block, 0 when empty. */
    long largest() {
        return buckets != null ? buckets.maxSize() << shift : wide.lastSize();
    }

    boolean contains(long size, long position, long start) {
        return buckets != null
            ? buckets.contains(SizeIndex.key(size >> shift, mapped(position)), (start - heapStart) >> shift)
            : wide.find(size, position) != 0;
    }

    int size() {
        return buckets != null ? buckets.size() : wide.size();
    }

    /** Whether entries have moved to the wide index (for tests). */
    boolean isWide() {
        return buckets == null;
    }
}
