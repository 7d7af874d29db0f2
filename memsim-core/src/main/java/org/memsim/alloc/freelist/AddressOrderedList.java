package org.memsim.alloc.freelist;

import org.memsim.alloc.BlockTable;

/** The free list in address order: free-block starts as bits in address order ({@link FreeStarts}), sizes from the block table. */
final class AddressOrderedList implements FreeList {
    private final FreeStarts starts;
    private final BlockTable blocks;
    private final long heapStart;
    private long rover = -1; // start of the free block next fit resumes at; -1 = the head
    private long examined;

    AddressOrderedList(long heapStart, long granule, BlockTable blocks) {
        this.starts = new FreeStarts(heapStart, granule, blocks);
        this.blocks = blocks;
        this.heapStart = heapStart;
    }

    @Override
    public void insert(long start, long size) {
        starts.set(start, size);
    }

    @Override
    public void replace(long oldStart, long oldSize, long newStart, long newSize) {
        starts.clear(oldStart);
        starts.set(newStart, newSize);
        if (rover == oldStart) {
            rover = newStart; // the rover points at the same list node, now the remainder
        }
    }

    @Override
    public void remove(long start, long size) {
        starts.clear(start);
        if (rover == start) {
            rover = starts.next(start + 1); // like a pointer advanced past a node unlinked under it; -1 = the list's end
        }
    }

    @Override
    public long firstFit(long need) {
        return scan(heapStart, -1, need, 0);
    }

    /** Walks free blocks from {@code from} (inclusive) up to {@code until} (exclusive, -1 for the end). */
    private long scan(long from, long until, long need, long already) {
        long found = starts.firstFit(from, until, need, already);
        examined = starts.examined();
        return found;
    }

    @Override
    public long nextFit(long need) {
        if (rover == -1) {
            return firstFit(need);
        }
        long found = scan(rover, -1, need, 0);
        if (found != -1) {
            return found;
        }
        return scan(heapStart, rover, need, examined);
    }

    @Override
    public void setRover(long start, long size) {
        rover = start;
    }

    @Override
    public long examined() {
        return examined;
    }

    @Override
    public int size() {
        return (int) starts.count();
    }

    @Override
    public long position(long start, long size) {
        return start;
    }

    @Override
    public boolean contains(long start, long size) {
        return starts.get(start);
    }
}
