package org.memsim.alloc;

/**
 * Receives an allocator's view of the memory it manages, in address order, for heap maps: which
 * bytes are metadata (headers, footers, bin structures), handed-out blocks, free, or never used.
 * The runtime splits each block span into requested payload and padding (internal fragmentation).
 */
@FunctionalInterface
public interface HeapSpans {
    /** Heap bytes the allocator owns but never handed out (the untouched part of the top chunk, say). */
    int NEVER_USED = 0;
    /** Allocator bookkeeping inside the heap: headers, footers, boundary tags, slab descriptors. */
    int METADATA = 1;
    /** The usable bytes of a block in use (payload plus padding). */
    int BLOCK = 2;
    /** Free memory that can serve a later request (a free block, including its own header). */
    int FREE = 3;
    /** Runtime view only: the part of a block beyond the requested size (internal fragmentation). */
    int PADDING = 4;

    void span(long start, long end, int kind);
}
