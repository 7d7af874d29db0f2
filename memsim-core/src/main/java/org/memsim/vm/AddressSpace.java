package org.memsim.vm;

/**
 * One process's virtual address space: its VMAs and its page table, over a page size. The kernel
 * edits it (mmap, brk, faults); the MMU reads it.
 */
public final class AddressSpace {
    private final VmaList vmas = new VmaList();
    private final PageTable pageTable;
    private final int pageSize;
    private final int pageShift;

    public AddressSpace(PageTable pageTable, int pageSize) {
        this.pageTable = pageTable;
        this.pageSize = pageSize;
        this.pageShift = Addresses.shift(pageSize);
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

    /** Pages with a frame behind them. */
    public long residentPages() {
        return pageTable.present();
    }
}
