package org.memsim.alloc.freelist;

/**
 * The free list of {@link FreeListAllocator} in one of its orders. A search walks the list the way
 * the textbook algorithm does and counts the entries it examines; structures differ per order so
 * that the host does no more work than the simulated algorithm (address order: a bitmap of free
 * starts; LIFO/FIFO: a doubly linked list, or for best and worst fit, which never walk it, only
 * the blocks' sequence numbers; size order: size buckets with ranks).
 */
interface FreeList {
    /** Adds a newly freed block at the place its order gives it; returns its {@link #position}. */
    long insert(long start, long size);

    /** A split: the remainder at {@code newStart} takes the consumed block's place in the list. */
    void replace(long oldStart, long oldSize, long newStart, long newSize);

    /** Takes a block off the list; returns the {@link #position} it had. */
    long remove(long start, long size);

    /** First block in list order of at least {@code need} bytes, or -1; {@link #examined()} tells the cost. */
    long firstFit(long need);

    /** As {@link #firstFit} but starting where the last allocation was made (next fit), wrapping once. */
    long nextFit(long need);

    /** Remembers the block just allocated from as the next-fit starting point. */
    void setRover(long start, long size);

    /** Size of the block the last successful search found. */
    long foundSize();

    /** Entries examined by the last search. */
    long examined();

    int size();

    /** A number ordering blocks as the list does (for ties in best and worst fit). */
    long position(long start, long size);

    /** Whether {@code start} is on the list. */
    boolean contains(long start, long size);
}
