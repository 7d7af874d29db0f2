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
            Param.of("searchStep", "2", "ns per free-list entry an allocator examines")),
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
