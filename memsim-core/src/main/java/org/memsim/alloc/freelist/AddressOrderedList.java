package org.memsim.alloc.freelist;

/**
 * The free list in address order: the heap's free starts ({@link FreeStarts}, kept by
 * {@link HeapBlocks} for every order) searched with their per-word, per-line and per-page largest
 * sizes. Inserting and removing is the allocator's marking of blocks free and used; this class adds
 * the searches and next fit's rover.
 */
final class AddressOrderedList implements FreeList {
    private final HeapBlocks blocks;
    private final FreeStarts starts;
    private long rover = -1; // granule of the free block next fit resumes at; -1 = the head
    private long examined;

    AddressOrderedList(HeapBlocks blocks) {
        this.blocks = blocks;
        this.starts = blocks.free();
    }

    @Override
    public long insert(long start, long size) {
        return start; // the free start is the list entry: HeapBlocks.markFree has placed it
    }

    @Override
    public void replace(long oldStart, long oldSize, long newStart, long newSize) {
        if (rover == blocks.granule(oldStart)) {
            rover = blocks.granule(newStart); // the rover points at the same list node, now the remainder
        }
    }

    @Override
    public long remove(long start, long size) {
        long g = blocks.granule(start);
        if (rover == g) {
            rover = starts.next(g + 1); // like a pointer advanced past a node unlinked under it; -1 = the list's end
        }
        return start;
    }

    @Override
    public long firstFit(long need) {
        return found(starts.firstFit(blocks.granules(need)));
    }

    private long found(long g) {
        examined = starts.examined();
        return g < 0 ? -1 : blocks.address(g);
    }

    @Override
    public long nextFit(long need) {
        if (rover == -1) {
            return firstFit(need);
        }
        long needG = blocks.granules(need);
        long g = starts.firstFit(rover, Long.MAX_VALUE, needG, 0);
        if (g >= 0) {
            return found(g);
        }
        return found(starts.firstFit(0, rover, needG, starts.examined()));
    }

    @Override
    public void setRover(long start, long size) {
        rover = blocks.granule(start);
    }

    @Override
    public long foundSize() {
        return blocks.bytes(starts.foundSizeG());
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
        return starts.get(blocks.granule(start));
    }
}
