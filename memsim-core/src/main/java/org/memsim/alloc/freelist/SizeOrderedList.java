package org.memsim.alloc.freelist;

import org.memsim.alloc.FreeIndex;

/** The free list kept by size, ascending (first fit is then best fit) or descending, ties by address. */
final class SizeOrderedList implements FreeList {
    private final boolean ascending;
    private final FreeIndex index = new FreeIndex();
    private long roverK1 = Long.MIN_VALUE; // key of the node next fit resumes at; MIN = the head
    private long roverK2 = Long.MIN_VALUE;
    private long examined;
    private long foundSize;

    SizeOrderedList(boolean ascending) {
        this.ascending = ascending;
    }

    private long key(long size) {
        return ascending ? size : -size;
    }

    @Override
    public void insert(long start, long size) {
        index.insert(key(size), start, start, size);
    }

    @Override
    public void replace(long oldStart, long oldSize, long newStart, long newSize) {
        boolean wasRover = roverK1 == key(oldSize) && roverK2 == oldStart;
        index.remove(key(oldSize), oldStart); // in size order a smaller remainder moves
        insert(newStart, newSize);
        if (wasRover) {
            roverK1 = key(newSize);
            roverK2 = newStart;
        }
    }

    @Override
    public void remove(long start, long size) {
        if (!index.remove(key(size), start)) {
            throw new IllegalStateException("block not on the free list");
        }
        if (roverK1 == key(size) && roverK2 == start) {
            int next = index.lowerBound(key(size), start); // the successor; none = back to the head
            roverK1 = next == 0 ? Long.MIN_VALUE : index.key1(next);
            roverK2 = next == 0 ? Long.MIN_VALUE : index.key2(next);
        }
    }

    @Override
    public long firstFit(long need) {
        int n = index.size();
        if (ascending) {
            int node = index.lowerBound(need, Long.MIN_VALUE);
            examined = node == 0 ? n : index.rank(index.key1(node), index.key2(node)) + 1;
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
        int from = index.rank(roverK1, roverK2);
        int node = index.firstFitFrom(roverK1, roverK2, need);
        if (node != 0) {
            examined = index.rank(index.key1(node), index.key2(node)) - from + 1;
            return found(node);
        }
        node = index.firstFit(need);
        examined = node == 0 ? n : (n - from) + index.rank(index.key1(node), index.key2(node)) + 1;
        return found(node);
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
