package org.memsim.alloc.freelist;

import org.memsim.alloc.FreeIndex;

/**
 * The free list kept by size, ascending or descending, ties by address, for any sizes and addresses:
 * a {@link FreeIndex} (B+-tree) keyed (±size, address), whose leaf counts give a block's place in
 * the list. {@link SizeOrderedList} moves here when a block outgrows its size buckets.
 */
final class TreeSizeOrderedList implements FreeList {
    private final boolean ascending;
    private final FreeIndex index = new FreeIndex();
    private long roverK1 = Long.MIN_VALUE; // key of the node next fit resumes at; MIN = the head
    private long roverK2 = Long.MIN_VALUE;
    private long examined;
    private long foundSize;

    TreeSizeOrderedList(boolean ascending) {
        this.ascending = ascending;
    }

    private long key(long size) {
        return ascending ? size : -size;
    }

    @Override
    public long insert(long start, long size) {
        index.insert(key(size), start, start);
        return start;
    }

    @Override
    public void replace(long oldStart, long oldSize, long newStart, long newSize) {
        boolean wasRover = roverK1 == key(oldSize) && roverK2 == oldStart;
        index.replace(key(oldSize), oldStart, key(newSize), newStart, newStart); // in size order a smaller remainder moves
        if (wasRover) {
            roverK1 = key(newSize);
            roverK2 = newStart;
        }
    }

    @Override
    public long remove(long start, long size) {
        if (!index.remove(key(size), start)) {
            throw new IllegalStateException("block not on the free list");
        }
        if (roverK1 == key(size) && roverK2 == start) {
            int next = index.lowerBound(key(size), start); // the successor; none = back to the head
            roverK1 = next == 0 ? Long.MIN_VALUE : index.key1(next);
            roverK2 = next == 0 ? Long.MIN_VALUE : index.key2(next);
        }
        return start;
    }

    @Override
    public long firstFit(long need) {
        int n = index.size();
        if (ascending) {
            int node = index.lowerBoundRanked(need, Long.MIN_VALUE);
            examined = node == 0 ? n : index.foundRank() + 1;
            return found(node);
        }
        int first = index.first();
        if (first != 0 && index.blockSize(first) >= need) {
            examined = 1;
            return found(first);
        }
        examined = n;
        return -1;
    }

    @Override
    public long nextFit(long need) {
        int n = index.size();
        int at = index.lowerBoundRanked(roverK1, roverK2); // the rover's block, or its successor
        int from = index.foundRank();
        if (ascending) { // the first fit from the rover: the later of the rover and the first block of `need` bytes
            int fits = index.lowerBoundRanked(need, Long.MIN_VALUE);
            int fitsRank = index.foundRank();
            if (at != 0 && fits != 0) {
                boolean fitsLater = fitsRank >= from;
                examined = (fitsLater ? fitsRank : from) - from + 1;
                return found(fitsLater ? fits : at);
            }
            examined = fits == 0 ? n : (n - from) + fitsRank + 1; // wrapped to the head: the first fit overall
            return found(fits);
        }
        if (at != 0 && index.blockSize(at) >= need) { // sizes descend: the block at the rover is the largest after it
            examined = 1;
            return found(at);
        }
        int first = index.first();
        boolean fits = first != 0 && index.blockSize(first) >= need;
        examined = fits ? (n - from) + 1 : n;
        return found(fits ? first : 0);
    }

    /**
     * Best fit on this list itself (no second index): the smallest block of at least {@code need}
     * bytes, the lowest address among equals (its list order), or -1.
     */
    long bestFit(long need) {
        if (ascending) {
            return found(index.lowerBound(need, Long.MIN_VALUE));
        }
        // sizes descend: the last key of at least `need` bytes, then the first of its size
        int last = index.before(-(need - 1), Long.MIN_VALUE);
        return last == 0 ? -1 : found(index.lowerBound(index.key1(last), Long.MIN_VALUE));
    }

    /** Worst fit on this list itself: the largest block, the lowest address among equals, or -1 when it is under {@code need}. */
    long worstFit(long need) {
        if (!ascending) {
            int first = index.first();
            return first != 0 && index.blockSize(first) >= need ? found(first) : -1;
        }
        return index.lastSize() >= need ? found(index.firstOfLargest()) : -1;
    }

    /** Size of the largest block on the list, 0 when empty. */
    long largest() {
        if (ascending) {
            return index.lastSize();
        }
        int first = index.first();
        return first == 0 ? 0 : index.blockSize(first);
    }

    private long found(int node) {
        if (node == 0) {
            return -1;
        }
        foundSize = index.blockSize(node);
        return index.start(node);
    }

    @Override
    public void setRover(long start, long size) {
        roverK1 = key(size);
        roverK2 = start;
    }

    @Override
    public long foundSize() {
        return foundSize;
    }

    @Override
    public long examined() {
        return examined;
    }

    @Override
    public int size() {
        return index.size();
    }

    @Override
    public long position(long start, long size) {
        return start;
    }

    @Override
    public boolean contains(long start, long size) {
        return index.find(key(size), start) != 0;
    }
}
