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
