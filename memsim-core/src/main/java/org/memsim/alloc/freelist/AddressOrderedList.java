package org.memsim.alloc.freelist;

import org.memsim.alloc.BlockTable;
import org.memsim.alloc.GranuleBitmap;

/** The free list in address order: a bitmap of free-block starts walked in address order, sizes from the block table. */
final class AddressOrderedList implements FreeList {
    private final GranuleBitmap starts;
    private final BlockTable blocks;
    private final long heapStart;
    private long rover = -1; // start of the free block next fit resumes at; -1 = the head
    private long examined;

    AddressOrderedList(long heapStart, long granule, BlockTable blocks) {
        this.starts = new GranuleBitmap(heapStart, granule);
        this.blocks = blocks;
        this.heapStart = heapStart;
    }

    @Override
    public void insert(long start, long size) {
        starts.set(start);
    }

    @Override
    public void replace(long oldStart, long oldSize, long newStart, long newSize) {
        starts.clear(oldStart);
        starts.set(newStart);
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
        long n = already;
        long a = starts.next(from);
        while (a != -1 && (until == -1 || a < until)) {
            n++;
            if (blocks.size(a) >= need) {
                examined = n;
                return a;
            }
            a = starts.next(a + 1);
        }
        examined = n;
        return -1;
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
