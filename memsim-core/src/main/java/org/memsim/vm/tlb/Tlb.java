package org.memsim.vm.tlb;

import org.memsim.vm.PageTable;

/**
 * The translation caches between the MMU and the page table: TLBs and the page-walk (paging
 * structure) cache. The MMU asks {@link #lookup} first; on a miss it walks the page table, pays
 * {@link #walkReads} memory references, and {@link #fill}s. The kernel invalidates entries when it
 * changes a PTE (Linux's {@code flush_tlb_page}) and switches address spaces on a context switch,
 * which flushes everything unless entries carry ASID (PCID) tags.
 */
public interface Tlb {
    /** {@link #lookup} found nothing. */
    long MISS = PageTable.NOT_PRESENT;
    /** Tags keep the ASID in their top 12 bits. */
    int ASID_SHIFT = 52;

    /** False for {@link NoTlb}: every translation reads the page table, charged as a hit. */
    boolean present();

    /**
     * The cached leaf entry translating base page {@code vpn} of the current space (a huge leaf's
     * entry when a huge page covers it), or {@link #MISS}. Counts the hit or miss.
     */
    long lookup(long vpn, boolean instruction);

    /** 1 when the last {@link #lookup} hit a first-level TLB, 2 for the second level. */
    int lastHitLevel();

    /** Caches the leaf entry found by a walk (its level bits tell the page size). */
    void fill(long vpn, long entry, boolean instruction);

    /** Refreshes a cached entry in place (after the MMU set its dirty bit). */
    void update(long vpn, long entry);

    /**
     * Page-table entries a walk to a leaf at {@code leafLevel} (1 = PTE, 2 = 2 MiB PDE, 3 = 1 GiB
     * PDPTE) reads from memory in a table of {@code levels} levels, after the page-walk cache skips
     * the upper levels it holds; updates the page-walk cache.
     */
    int walkReads(long vpn, int leafLevel, int levels);

    /** Drops the translation of {@code vpn} in address space {@code space} (INVLPG). */
    void invalidate(int space, long vpn);

    /** Drops every translation of address space {@code space}. */
    void flushSpace(int space);

    /** A context switch to {@code space}: a full flush, or an ASID change. */
    void switchTo(int space);

    /** The space is gone: its ASID (if any) becomes free. */
    void release(int space);

    /** Bytes one array set of the TLB covers when every entry maps a page of {@code pageSize}: the TLB reach. */
    long reach(long pageSize);

    /** Counters, read by reports. */
    TlbStats stats();
}
