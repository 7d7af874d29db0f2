package org.memsim.alloc;

/**
 * A page allocator that other allocators carve up: blocks of 2^order contiguous pages, naturally
 * aligned, as Linux's {@code alloc_pages(gfp, order)} / {@code __free_pages(page, order)} hand them
 * to the slab allocators ({@code mm/page_alloc.c}). Implemented by {@code buddy}.
 */
public interface PageSource {
    /** Bytes in one page: the order-0 block. */
    long pageBytes();

    /** The largest order {@link #allocPages} serves. */
    int maxOrder();

    /** Allocates 2^order contiguous pages aligned to their size; returns the address, or 0. */
    long allocPages(int order);

    /** Gives back pages {@link #allocPages} returned for the same order. */
    void freePages(long address, int order);

    /**
     * A small dense index of the page holding {@code address} (0, 1, 2, … over every page the source
     * ever owned), or -1 when the address is not the source's: lets a user keep per-page arrays, as
     * Linux keeps {@code struct page}. The first page of a block of 2^order pages has an index that is
     * a multiple of 2^order, as its address is of the block's size.
     */
    long pageIndex(long address);

    /** Address of the page descriptor ({@code struct page}) of the page at {@code address}, or 0 when not modelled. */
    long descriptorAddress(long address);

    /** The address of the page with index {@code pageIndex} (as {@link #pageIndex} numbers them): {@code page_address}. */
    long pageAddress(int pageIndex);

    /** Address of the page descriptor of the page with index {@code pageIndex}, or 0 when not modelled. */
    long pageDescriptor(int pageIndex);
}
