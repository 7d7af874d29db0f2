package org.memsim.vm;

/**
 * What happened in one address space (one process), for per-process reports: the MMU and the kernel
 * add to these plain fields on their paths, as Linux keeps {@code min_flt}/{@code maj_flt} per task.
 * The MMU hands the current space's {@link #accesses} and {@link #walks} over at a switch of address
 * space and on {@link Mmu#publishSpaceStats()}, which a report calls before reading them.
 */
public final class SpaceStats {
    /** Memory accesses translated while this space was current. */
    public long accesses;
    /** Page translations that missed every TLB level. */
    public long tlbMisses;
    /** Page-table walks (TLB misses, and every translation when there is no TLB). */
    public long walks;
    /** Faults served without I/O: zero fill, page-cache hit, copy on write, permission refresh. */
    public long minorFaults;
    /** Faults that read from disk: swap-in or a file page not in the page cache. */
    public long majorFaults;
    /** Write faults that copied a shared page (fork, MAP_PRIVATE file). */
    public long cowFaults;
    /** Pages of this space written out to swap. */
    public long swapOuts;
    /** Faults that mapped a transparent or hugetlb huge page. */
    public long hugeFaults;
    /** Highest resident-page count seen. */
    public long peakResident;
}
