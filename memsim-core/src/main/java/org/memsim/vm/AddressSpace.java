package org.memsim.vm;

import org.memsim.collections.LongLongHashMap;

/**
 * One process's virtual address space (Linux's {@code mm_struct}): its VMAs, its page table, the
 * swap entries of its pages that are out on the swap device, and what happened in it. The kernel
 * edits it (mmap, brk, faults, reclaim); the MMU reads it. Swap entries live beside the page table
 * rather than in non-present PTEs, so the table's counts stay those of resident pages.
 */
public final class AddressSpace {
    private final int id;
    private final VmaList vmas = new VmaList();
    private final PageTable pageTable;
    private final int pageSize;
    private final int pageShift;
    private final LongLongHashMap swapped = new LongLongHashMap(16, -1); // vpn -> swap slot
    private final SpaceStats stats;

    /** A space with id 0, for code that builds one directly. */
    public AddressSpace(PageTable pageTable, int pageSize) {
        this(0, pageTable, pageSize);
    }

    /** @param id distinct per space of one machine; tags TLB entries (ASID) and frame owners */
    public AddressSpace(int id, PageTable pageTable, int pageSize) {
        this(id, pageTable, pageSize, new SpaceStats());
    }

    /** A space that adds to existing counts (a process's new image after exec). */
    public AddressSpace(int id, PageTable pageTable, int pageSize, SpaceStats stats) {
        this.stats = stats;
        this.id = id;
        this.pageTable = pageTable;
        this.pageSize = pageSize;
        this.pageShift = Addresses.shift(pageSize);
    }

    public int id() {
        return id;
    }

    public VmaList vmas() {
        return vmas;
    }

    public PageTable pageTable() {
        return pageTable;
    }

    public int pageSize() {
        return pageSize;
    }

    public int pageShift() {
        return pageShift;
    }

    /** Base pages with a frame behind them (a huge page counts all its base pages). */
    public long residentPages() {
        return pageTable.presentPages();
    }

    /** The swap slot holding page {@code vpn}, or -1. */
    public int swapSlot(long vpn) {
        return (int) swapped.get(vpn);
    }

    public void setSwapSlot(long vpn, int slot) {
        swapped.put(vpn, slot);
    }

    /** Removes and returns the swap entry of {@code vpn}, or -1. */
    public int removeSwapSlot(long vpn) {
        return (int) swapped.remove(vpn);
    }

    /** Pages of this space out on swap. */
    public long swappedPages() {
        return swapped.size();
    }

    /** Visits every (vpn, slot) swap entry. */
    public void forEachSwapped(LongLongHashMap.EntryConsumer visitor) {
        swapped.forEach(visitor);
    }

    public SpaceStats stats() {
        return stats;
    }
}
