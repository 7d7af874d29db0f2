package org.memsim.cost;

import java.util.List;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.Registry;

/**
 * What each hardware and software event costs in simulated time, from one spec such as
 * {@code cost:ghz=3,minorFault=1000}. Defaults follow the seed's orders of magnitude: an L1/TLB
 * hit about 1 cycle, an L2 TLB hit a few more, a page walk tens to a hundred cycles (25 per level
 * read, four levels when the page-walk cache holds none), a minor fault around a microsecond, a major
 * fault (disk) about 10 ms, malloc's fast path tens of nanoseconds. Later layers add their own keys.
 */
public final class CostModel {
    /** The registry of cost models: one today, {@code cost}. */
    public static final Registry<CostModel, Void> REGISTRY = new Registry<CostModel, Void>("cost model")
        .register("cost", "cycle and nanosecond costs of hardware and kernel events", List.of(
            Param.of("ghz", "3.0", "CPU clock in GHz; cycle costs convert to ns with it"),
            Param.of("access", "1", "cycles for a memory access that hits (L1 and TLB)"),
            Param.of("walk", "25", "cycles per page-table entry a walk reads from memory (the page-walk cache skips upper levels)"),
            Param.of("l2Hit", "7", "extra cycles when a translation misses the L1 TLB and hits the L2 TLB"),
            Param.of("syscall", "100", "ns to enter and leave the kernel (brk, mmap, munmap, …)"),
            Param.of("minorFault", "1000", "ns to handle a minor page fault (trap, find VMA, map)"),
            Param.of("zeroPage", "250", "ns to zero one 4 KiB frame on first touch"),
            Param.of("majorFault", "10000000", "ns for a major fault that reads from disk (10 ms)"),
            Param.of("writeBack", "10000000", "ns to write one page to disk (swap-out, dirty file page)"),
            Param.of("copyPage", "300", "ns to copy one 4 KiB page (copy on write)"),
            Param.of("contextSwitch", "2000", "ns for a context switch between processes (TLB refills are charged separately)"),
            Param.of("mallocBase", "20", "ns for an allocator call's fast path"),
            Param.of("searchStep", "2", "ns per free-list entry an allocator examines"),
            Param.of("mutatorEvent", "20", "ns of the program's own work per managed event (the mutator's clock)"),
            Param.of("gcAlloc", "5", "ns for a managed allocation's fast path (bump or free cell)"),
            Param.of("gcPause", "20000", "ns fixed per stop-the-world pause (reach a safepoint, resume)"),
            Param.of("gcRoot", "10", "ns per root scanned"),
            Param.of("gcMark", "10", "ns per object marked (header read, mark bit set, pushed)"),
            Param.of("gcScanRef", "2", "ns per reference slot scanned"),
            Param.of("gcSweep", "4", "ns per object visited by a sweep"),
            Param.of("gcCopyObject", "20", "ns per object copied or slid (forwarding, header)"),
            Param.of("gcCopyByte", "0.1", "ns per byte copied or slid (10 GB/s)"),
            Param.of("gcCard", "30", "ns per dirty card scanned for old-to-young references"),
            Param.of("rcUpdate", "1", "ns per reference-count increment or decrement"),
            Param.of("rcFree", "20", "ns per object freed by reference counting (dealloc)"),
            Param.of("gcThreads", "1", "parallel GC threads: a pause takes work / threads")),
            (p, ctx) -> new CostModel(p));

    public final double cycleNs;
    public final double accessNs;
    public final double walkNs;
    public final double l2TlbHitNs;
    public final double writeBackNs;
    public final double copyPageNs;
    public final double contextSwitchNs;
    public final double syscallNs;
    public final double minorFaultNs;
    public final double zeroPageNs;
    public final double majorFaultNs;
    public final double mallocBaseNs;
    public final double searchStepNs;
    /** Managed runtimes (org.memsim.gc): the mutator's own work and each collector's unit costs, in ns. */
    public final double mutatorEventNs;
    public final double gcAllocNs;
    public final double gcPauseNs;
    public final double gcRootNs;
    public final double gcMarkNs;
    public final double gcScanRefNs;
    public final double gcSweepNs;
    public final double gcCopyObjectNs;
    public final double gcCopyByteNs;
    public final double gcCardNs;
    public final double rcUpdateNs;
    public final double rcFreeNs;
    public final int gcThreads;
    private final String spec;

    private CostModel(Params p) {
        double ghz = p.real("ghz");
        if (ghz <= 0) {
            throw new org.memsim.spec.SpecException("cost: ghz must be positive");
        }
        cycleNs = 1.0 / ghz;
        accessNs = p.real("access") * cycleNs;
        walkNs = p.real("walk") * cycleNs;
        l2TlbHitNs = p.real("l2Hit") * cycleNs;
        writeBackNs = p.real("writeBack");
        copyPageNs = p.real("copyPage");
        contextSwitchNs = p.real("contextSwitch");
        syscallNs = p.real("syscall");
        minorFaultNs = p.real("minorFault");
        zeroPageNs = p.real("zeroPage");
        majorFaultNs = p.real("majorFault");
        mallocBaseNs = p.real("mallocBase");
        searchStepNs = p.real("searchStep");
        mutatorEventNs = p.real("mutatorEvent");
        gcAllocNs = p.real("gcAlloc");
        gcPauseNs = p.real("gcPause");
        gcRootNs = p.real("gcRoot");
        gcMarkNs = p.real("gcMark");
        gcScanRefNs = p.real("gcScanRef");
        gcSweepNs = p.real("gcSweep");
        gcCopyObjectNs = p.real("gcCopyObject");
        gcCopyByteNs = p.real("gcCopyByte");
        gcCardNs = p.real("gcCard");
        rcUpdateNs = p.real("rcUpdate");
        rcFreeNs = p.real("rcFree");
        gcThreads = (int) p.number("gcThreads", 1, 1024);
        spec = p.component();
    }

    /** The default costs. */
    public static CostModel defaults() {
        return REGISTRY.create("cost", null);
    }

    @Override
    public String toString() {
        return spec;
    }
}
