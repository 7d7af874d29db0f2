package org.memsim.stack;

import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.EventClock;
import org.memsim.kernel.LinuxKernel;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.vm.Mmu;
import org.memsim.vm.PhysicalMemory;
import org.memsim.vm.SwapDevice;
import org.memsim.vm.tlb.Tlb;
import org.memsim.vm.tlb.TlbStats;
import org.memsim.vm.tlb.Tlbs;

/**
 * The hardware and the kernel of one stack, wired bottom-up from a {@link StackSpec}: physical
 * memory and the swap device, the TLB, the kernel (processes, page tables, replacement policy),
 * the MMU. Both kinds of stack sit on one: an allocator replay and a multi-process VM replay.
 */
public final class Machine {
    private final VmModel vm;
    private final CostModel cost;
    private final PhysicalMemory memory;
    private final SwapDevice swap;
    private final Tlb tlb;
    private final LinuxKernel kernel;
    private final Mmu mmu;
    private long lastLookups;
    private long lastMisses;

    public Machine(StackSpec spec, SimClock clock, Metrics metrics, EventClock events, LayerLog log) {
        cost = CostModel.REGISTRY.create(spec.cost(), null);
        vm = VmModel.REGISTRY.create(spec.vm(), null);
        memory = new PhysicalMemory(vm.frames(), vm.pageSize());
        swap = new SwapDevice(vm.swapSlots());
        tlb = Tlbs.REGISTRY.create(spec.tlb(), new Tlbs.Context(vm.radix(), vm.bitsPerLevel(), vm.radix() ? vm.levels() : 1));
        kernel = LinuxKernel.REGISTRY.create(spec.kernel(), new LinuxKernel.Context(memory, swap, size -> vm.newPageTable(),
            vm.pageSize(), vm.userTop(), tlb, spec.policy(), events::index, cost, clock, metrics, log));
        mmu = new Mmu(kernel, tlb, cost, clock, metrics, log);
        kernel.attach(mmu);
        metrics.gauge("memory.peakFrames", "frames", "most frames in use at once", memory::peakUsed);
        metrics.gauge("memory.zeroFills", "frames", "frames zero-filled on first touch", memory::zeroFills);
        TlbStats t = tlb.stats();
        metrics.gauge("tlb.lookups", "translations", "translations looked up in the TLB", () -> t.lookups);
        metrics.gauge("tlb.l1Hits", "translations", "hits in a first-level TLB", () -> t.l1Hits);
        metrics.gauge("tlb.l2Hits", "translations", "hits in the second-level TLB", () -> t.l2Hits);
        metrics.gauge("tlb.misses", "translations", "misses at every level: page walks", () -> t.misses);
        metrics.gauge("tlb.walkReads", "entries", "page-table entries walks read from memory", () -> t.walkReads);
        metrics.gauge("tlb.pwcHits", "entries", "upper-level entries found in the page-walk cache", () -> t.pwcHits);
        metrics.gauge("tlb.flushes", "flushes", "full TLB flushes (context switches without ASIDs, large unmaps)", () -> t.flushes);
        metrics.gauge("tlb.invalidations", "pages", "single-page TLB invalidations", () -> t.invalidations);
        metrics.gauge("tlb.asidSwitches", "switches", "context switches that kept the TLB thanks to ASIDs", () -> t.asidSwitches);
        metrics.gauge("tlb.asidRecycles", "switches", "ASIDs taken from another process (its entries flushed)", () -> t.asidRecycles);
        metrics.sampledGauge("tlb.missRatePermille", "‰", "TLB misses per 1000 lookups since the previous sample", this::intervalMissRate);
        org.memsim.metrics.Counter minor = metrics.counterNamed("kernel.minorFaults");
        org.memsim.metrics.Counter major = metrics.counterNamed("kernel.majorFaults");
        metrics.sampledGauge("vm.faults", "faults", "page faults so far, minor and major", () -> minor.get() + major.get());
        metrics.sampledGauge("vm.majorFaults", "faults", "major faults (disk reads) so far", major::get);
    }

    private long intervalMissRate() {
        TlbStats t = tlb.stats();
        long lookups = t.lookups - lastLookups;
        long misses = t.misses - lastMisses;
        lastLookups = t.lookups;
        lastMisses = t.misses;
        return lookups == 0 ? 0 : Math.round(1000.0 * misses / lookups);
    }

    public VmModel vm() {
        return vm;
    }

    public CostModel cost() {
        return cost;
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public SwapDevice swap() {
        return swap;
    }

    public Tlb tlb() {
        return tlb;
    }

    public LinuxKernel kernel() {
        return kernel;
    }

    public Mmu mmu() {
        return mmu;
    }
}
