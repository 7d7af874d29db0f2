package org.memsim.alloc.freelist;

/**
 * The blocks tiling a free-list heap, as two granule bitmaps instead of a per-block table: every
 * block start ({@link BlockStarts}) and every free block start ({@link FreeStarts}). A block's size
 * is the distance to the next start (or the heap end), found in a few word reads; its in-use bit
 * is the absence of its free bit. Addresses are heap granules (the allocator's alignment) from
 * {@code base}.
 */
final class HeapBlocks {
    /** Returned by {@link #size} for an address where no block starts. */
    static final long NONE = -1;

    private final long base;
    private final int shift;
    private final BlockStarts starts = new BlockStarts();
    private final FreeStarts free;
    private long endG;

    /**
     * @param base    the heap's first block start
     * @param granule alignment of block starts and sizes (a power of two)
     * @param maxima  whether free starts keep the largest sizes for address-ordered first fit
     */
    HeapBlocks(long base, long granule, boolean maxima) {
        this.base = base;
        this.shift = Long.numberOfTrailingZeros(granule);
        this.free = new FreeStarts(this, maxima);
    }

    /** The free blocks' starts. */
    FreeStarts free() {
        return free;
    }

    long granule(long address) {
        return (address - base) >>> shift;
    }

    /** Whole granules in {@code bytes}. */
    long granules(long bytes) {
        return bytes >>> shift;
    }

    /** Bytes in {@code g} granules. */
    long bytes(long g) {
        return g << shift;
    }

    long address(long g) {
        return base + (g << shift);
    }

    /** Sets the heap's end: the last block ends there. */
    void end(long heapEnd) {
        endG = granule(heapEnd);
    }

    /** Number of blocks. */
    long count() {
        return starts.count();
    }

    boolean inHeap(long a) {
        return a >= base && ((a - base) & ((1L << shift) - 1)) == 0 && granule(a) < endG;
    }

    /** Whether a block (free or in use) starts at {@code a}. */
    boolean isBlock(long a) {
        return inHeap(a) && starts.get(granule(a));
    }

    /** Whether a block in use starts at {@code a}. */
    boolean isUsed(long a) {
        if (!inHeap(a)) {
            return false;
        }
        long g = granule(a);
        return starts.get(g) && !free.get(g);
    }

    /** Whether a free block starts at {@code a}. */
    boolean isFree(long a) {
        return inHeap(a) && free.get(granule(a));
    }

    /**
     * The block starts of the 64 granules of the word holding granule {@code g}, a block start:
     * the same words as {@link FreeStarts}', so a free start that is not its word's last ends at
     * the next start bit of this word.
     */
    long startWord(long g) {
        return starts.word(g);
    }

    /** The block starts of the word holding granule {@code g} (a granule of the heap), 0 in a page without any. */
    long startWordAt(long g) {
        return starts.wordOrZero(g);
    }

    /** The free starts of the word holding granule {@code g} (a granule of the heap). */
    long freeWordAt(long g) {
        return free.word(g);
    }

    /** Size in granules of the block starting at granule {@code g}. */
    long sizeG(long g) {
        long n = starts.next(g + 1);
        return (n < 0 ? endG : n) - g;
    }

    /**
     * Size of the free block at {@code a}, 0 when the block there is in use; {@code a} must be a
     * block start or the heap end (a block's end), so it needs none of {@link #isFree}'s range tests.
     */
    long freeSizeAt(long a) {
        long g = granule(a);
        return g < endG && free.get(g) ? sizeG(g) << shift : 0;
    }

    /** Whether the block starting at {@code a} (a block start of the heap) is free. */
    boolean isFreeStart(long a) {
        return free.get(granule(a));
    }

    /** Size of the block at {@code a}, or {@link #NONE}. */
    long size(long a) {
        return isBlock(a) ? sizeG(granule(a)) << shift : NONE;
    }

    /** The start of the block that ends at {@code a} (the last start before it), or -1. */
    long blockBefore(long a) {
        long g = starts.prev(granule(a) - 1);
        return g < 0 ? -1 : address(g);
    }

    /** A block now starts at {@code a} (in use unless marked free). */
    void addStart(long a) {
        starts.set(granule(a));
    }

    /** The block at {@code a} is merged into the one before it. */
    void removeStart(long a) {
        starts.clear(granule(a));
    }

    /** The block at {@code a} of {@code size} bytes, whose start is set, is free. */
    void markFree(long a, long size) {
        free.set(granule(a), size >>> shift);
    }

    /** The free block at {@code a} of {@code size} bytes is in use (or about to be merged). */
    void markUsed(long a, long size) {
        free.clear(granule(a), size >>> shift);
    }

    /**
     * The free block at {@code a} of {@code size} bytes gives way to the free block at {@code a2} of
     * {@code size2} bytes (a split's remainder, or a freed block that absorbed its free successor);
     * block starts must already be those after the change, {@code a2}'s included.
     */
    void moveFree(long a, long size, long a2, long size2) {
        free.move(granule(a), size >>> shift, granule(a2), size2 >>> shift);
    }

    /** The free block at {@code a} grew to {@code size} bytes (it absorbed the block after it). */
    void growFree(long a, long size) {
        free.grow(granule(a), size >>> shift);
    }

    /** The largest free block, 0 with none: a walk of the free starts. */
    long largestFree() {
        long max = 0;
        for (long g = free.next(0); g >= 0; g = free.next(g + 1)) {
            max = Math.max(max, sizeG(g));
        }
        return max << shift;
    }

    /** Checks the free starts' summaries. */
    void verify() {
        free.verify();
    }

    /** Host bytes held by the block starts (the free starts not counted). */
    long startBytes() {
        return starts.footprintBytes();
    }
}
