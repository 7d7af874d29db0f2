package org.memsim.vm.tlb;

import java.util.List;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.Registry;

/**
 * The TLB models a spec can name: {@code --tlb tlb:l1d=64x4,l2=1536x12,asid=true}. Defaults are
 * Intel Skylake's (Intel 64 and IA-32 Architectures Optimization Reference Manual, table "TLB
 * parameters" of the Skylake microarchitecture): L1 DTLB 64×4 (4 KiB), 32×4 (2 MiB), 4 fully
 * associative (1 GiB); L1 ITLB 128×8 (4 KiB), 8 (2 MiB); STLB 1536×12 shared by 4 KiB and 2 MiB
 * pages, 16×4 for 1 GiB. Page-walk cache sizes are estimates (Intel does not publish them).
 */
public final class Tlbs {
    /** What a TLB needs to know of the machine. */
    public record Context(boolean radixTable, int bitsPerLevel, int tableLevels) {}

    private static final List<Param> PARAMS = List.of(
        Param.of("l1d", "64x4", "L1 data TLB for base pages: ENTRIESxWAYS (0 for none)"),
        Param.of("l1i", "128x8", "L1 instruction TLB for base pages"),
        Param.of("l1dHuge", "32x4", "L1 data TLB for 2 MiB pages"),
        Param.of("l1iHuge", "8x8", "L1 instruction TLB for 2 MiB pages"),
        Param.of("l1dGiant", "4x4", "L1 data TLB for 1 GiB pages"),
        Param.of("l2", "1536x12", "second-level TLB, shared by base and 2 MiB pages"),
        Param.of("l2Giant", "16x4", "second-level TLB for 1 GiB pages"),
        Param.of("asid", "false", "tag entries with an address-space id (PCID) so context switches need not flush"),
        Param.of("asids", "4096", "ASIDs available (x86 PCID has 12 bits; Linux uses 6 per CPU); the least recently used is recycled"),
        Param.of("pwc", "true", "page-walk cache of upper-level entries (walks skip the levels it holds)"),
        Param.of("pde", "32", "page-walk cache entries for page-directory entries (level 2)"),
        Param.of("pdpte", "4", "page-walk cache entries for PDPT entries (level 3)"),
        Param.of("pml4e", "2", "page-walk cache entries for PML4 (and PML5) entries"));

    /** {@code --tlb NAME[:k=v,…]}. */
    public static final Registry<Tlb, Context> REGISTRY = new Registry<Tlb, Context>("tlb")
        .register("auto", "the VM model's own: none for flat, tlb's defaults for x86-64", List.of(),
            (p, c) -> c.radixTable() ? hierarchy(defaults(), c) : new NoTlb())
        .register("none", "no TLB: every translation reads the page table, charged as a hit (the foundation's model)",
            List.of(), (p, c) -> new NoTlb())
        .register("tlb", "split L1 i/d TLBs and a unified L2, set-associative LRU, huge-page arrays, page-walk cache, ASIDs",
            PARAMS, (p, c) -> hierarchy(config(p), c));

    private Tlbs() {}

    private static Params defaults() {
        return REGISTRY.params(org.memsim.spec.Spec.parse("tlb"));
    }

    private static TlbHierarchy hierarchy(Params p, Context c) {
        return hierarchy(config(p), c);
    }

    private static TlbHierarchy hierarchy(TlbHierarchy.Config config, Context c) {
        return new TlbHierarchy(config, c.bitsPerLevel(), c.tableLevels());
    }

    static TlbHierarchy.Config config(Params p) {
        return new TlbHierarchy.Config(
            g(p, "l1d"), g(p, "l1i"), g(p, "l1dHuge"), g(p, "l1iHuge"), g(p, "l1dGiant"), g(p, "l2"), g(p, "l2Giant"),
            p.bool("asid"), (int) p.number("asids", 1, 4095 + 1), p.bool("pwc"),
            (int) p.number("pde", 0, 4096), (int) p.number("pdpte", 0, 4096), (int) p.number("pml4e", 0, 4096));
    }

    private static TlbHierarchy.Geometry g(Params p, String key) {
        return TlbHierarchy.Geometry.parse(key, p.string(key));
    }
}
