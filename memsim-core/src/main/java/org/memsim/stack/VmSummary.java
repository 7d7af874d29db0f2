package org.memsim.stack;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.memsim.cost.CostModel;
import org.memsim.kernel.LinuxKernel;
import org.memsim.kernel.Process;
import org.memsim.layer.Layer;
import org.memsim.metrics.Metrics;
import org.memsim.vm.SpaceStats;
import org.memsim.vm.tlb.Tlb;
import org.memsim.vm.tlb.TlbHierarchy;
import org.memsim.vm.tlb.TlbStats;

/**
 * What a virtual-memory replay measured, per process and in total: faults, TLB behaviour, memory in
 * use, swap, overcommit and simulated time by layer — the data of {@code memsim vm}'s tables, JSON
 * and report, read from a finished {@link Stack}.
 */
public record VmSummary(List<ProcessRow> processes, ProcessRow total, TlbRow tlb, MemoryRow memory,
                        Map<Layer, Double> nanosByLayer, double diskNanos, long events) {

    /** One process (or the total, pid -1). Memory columns are in base pages; resident and swapped are as of the end. */
    public record ProcessRow(int pid, int parent, String state, String detail, long events, long accesses, long tlbMisses,
                             long walks, long minorFaults, long majorFaults, long cowFaults, long swapOuts, long hugeFaults,
                             long peakResidentPages, long residentPages, long swappedPages, long pageTablePages,
                             long committedBytes) {}

    /** The TLB and page-walk cache. */
    public record TlbRow(boolean present, long lookups, long l1Hits, long l2Hits, long misses, long walkReads, long pwcHits,
                         long flushes, long invalidations, long asidSwitches, long asidRecycles, long reachBase,
                         long reachHuge, long reachGiant, int l2Entries) {
        /** Misses per lookup. */
        public double missRate() {
            return lookups == 0 ? 0 : (double) misses / lookups;
        }

        /** Page-table entries read from memory per walk. */
        public double readsPerWalk() {
            return misses == 0 ? 0 : (double) walkReads / misses;
        }
    }

    /** Physical memory, the page cache, swap and overcommit. */
    public record MemoryRow(long frames, int pageSize, long framesInUse, long peakFrames, long residentPages,
                            long pageTablePages, long pageCachePages, long swapSlots, long swapUsed, long swapPeak,
                            long swapIns, long swapOuts, long writeBacks, long evictions, long zeroFills, long thpFaults,
                            long hugetlbFaults, long committedBytes, long commitLimitBytes, int overcommitMode,
                            long overcommitRefusals, long contextSwitches, long forks) {}

    /** Reads the summary of a finished stack. */
    public static VmSummary of(Stack s) {
        LinuxKernel k = s.kernel();
        Metrics m = s.metrics();
        List<ProcessRow> rows = new ArrayList<>();
        s.mmu().publishSpaceStats();
        long[] sum = new long[14];
        for (Process p : k.processes()) {
            SpaceStats st = p.space().stats();
            boolean alive = p.alive();
            ProcessRow r = new ProcessRow(p.pid(), p.parent(), p.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                p.detail(), p.events(), st.accesses, st.tlbMisses, st.walks, st.minorFaults, st.majorFaults, st.cowFaults,
                st.swapOuts, st.hugeFaults, st.peakResident, alive ? p.space().residentPages() : 0,
                alive ? p.space().swappedPages() : 0, alive ? p.space().pageTable().tablePages() : 0,
                alive ? p.committedBytes() : 0);
            rows.add(r);
            long[] v = {r.events(), r.accesses(), r.tlbMisses(), r.walks(), r.minorFaults(), r.majorFaults(), r.cowFaults(),
                r.swapOuts(), r.hugeFaults(), r.peakResidentPages(), r.residentPages(), r.swappedPages(), r.pageTablePages(),
                r.committedBytes()};
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        ProcessRow total = new ProcessRow(-1, 0, "", "", s.events().count(), sum[1], sum[2], sum[3], sum[4], sum[5], sum[6],
            sum[7], sum[8], s.memory().peakUsed(), sum[10], sum[11], sum[12], k.committedBytes());
        Tlb tlb = s.machine().tlb();
        TlbStats t = tlb.stats();
        int page = s.machine().vm().pageSize();
        long huge = (long) page << s.machine().vm().bitsPerLevel();
        TlbRow tr = new TlbRow(tlb.present(), t.lookups, t.l1Hits, t.l2Hits, t.misses, t.walkReads, t.pwcHits, t.flushes,
            t.invalidations, t.asidSwitches, t.asidRecycles, tlb.reach(page), tlb.reach(huge), tlb.reach(huge << s.machine().vm().bitsPerLevel()),
            tlb instanceof TlbHierarchy ? ((TlbHierarchy) tlb).l2Entries() : 0);
        MemoryRow mr = new MemoryRow(s.memory().frames(), page, s.memory().used(), s.memory().peakUsed(), k.residentPages(),
            k.pageTablePages(), k.pageCache().size(), k.swap().slots(), k.swap().used(), k.swap().peakUsed(),
            c(m, "kernel.swapIns"), c(m, "kernel.swapOuts"), c(m, "kernel.writeBacks"), c(m, "kernel.evictions"),
            s.memory().zeroFills(), c(m, "kernel.thpFaults"), c(m, "kernel.hugetlbFaults"), k.committedBytes(),
            k.commitLimitBytes(), k.overcommitMode(), c(m, "kernel.overcommitRefusals"), c(m, "kernel.contextSwitches"),
            c(m, "kernel.forks"));
        Map<Layer, Double> ns = new EnumMap<>(Layer.class);
        for (Layer l : Layer.values()) {
            ns.put(l, s.clock().nanos(l));
        }
        CostModel cost = s.machine().cost();
        double disk = c(m, "kernel.majorFaults") * cost.majorFaultNs + (c(m, "kernel.swapOuts") + c(m, "kernel.writeBacks")) * cost.writeBackNs;
        return new VmSummary(rows, total, tr, mr, ns, disk, s.events().count());
    }

    private static long c(Metrics m, String name) {
        org.memsim.metrics.Counter c = m.counterNamed(name);
        return c == null ? 0 : c.get();
    }

    /** Simulated time over every layer. */
    public double totalNanos() {
        double t = 0;
        for (double v : nanosByLayer.values()) {
            t += v;
        }
        return t;
    }
}
