package org.memsim.alloc;

/**
 * The allocator layer: turns {@code malloc}/{@code free} requests into addresses, asking the
 * kernel for memory with {@code brk}/{@code mmap} and touching its own metadata through the MMU.
 * Addresses are payload addresses as C sees them; 0 is {@code NULL}.
 */
public interface Allocator {
    /** {@code malloc(size)} ({@code align} 0) or an aligned allocation; 0 when it fails. */
    long malloc(long size, long align);

    /** {@code calloc(count, size)}: zeroed; 0 when it fails or {@code count * size} overflows. */
    long calloc(long count, long size);

    /**
     * {@code realloc(address, size)}: grows or shrinks in place when it can, else moves (copying the
     * payload). Returns the new address, or 0 when it fails (the old block stays valid).
     */
    long realloc(long address, long size);

    /** {@code free(address)} of a live block's payload address. */
    void free(long address);

    /** The usable size of a live block (at least what was requested). */
    long usableSize(long address);

    /**
     * Bytes set aside for the live block at {@code address}: the whole block or chunk, header and
     * padding included. Granted minus requested is the block's internal fragmentation.
     */
    long grantedSize(long address);

    /**
     * Bytes granted to the block the last {@code malloc} or {@code calloc} returned, or released with
     * the block the last {@code free} freed (0 when it freed none) — what {@link #grantedSize} said
     * or would have said of it — so the runtime need not look the block up again on every op; -1
     * when the allocator does not keep it and the runtime must ask {@link #grantedSize}.
     */
    default long lastGranted() {
        return -1;
    }

    /** Bytes in free blocks that could serve a later request (free lists, bins, the top chunk). */
    long freeBytes();

    /** The largest single free block, in bytes; with {@link #freeBytes()} it gives external fragmentation. */
    long largestFree();

    /** Free blocks over all lists and bins (the free-list length); must be cheap, it is read after every op. */
    long freeBlocks();

    /** Visits every byte range the allocator manages, in address order, by kind (for heap maps). */
    void heapMap(HeapSpans spans);

    /** Free-list entries examined by the last call, or -1 when the allocator keeps no list. */
    long lastSearched();

    /** Bytes the allocator currently holds from the kernel (heap extent plus mapped regions). */
    long footprint();

    /**
     * Checks every invariant of the allocator's state (no overlap, alignment, bounds, free lists
     * consistent); throws {@link IllegalStateException} naming the first one broken.
     */
    void verify();
}
