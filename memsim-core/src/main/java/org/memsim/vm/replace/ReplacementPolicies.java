package org.memsim.vm.replace;

import java.util.List;
import org.memsim.spec.Param;
import org.memsim.spec.Registry;

/** Every page-replacement policy by spec name ({@code --policy lru}, {@code --policy random:seed=7}); the context is the host. */
public final class ReplacementPolicies {
    /** {@code --policy NAME[:k=v,…]}. */
    public static final Registry<ReplacementPolicy, PolicyHost> REGISTRY = new Registry<ReplacementPolicy, PolicyHost>("replacement policy")
        .register("fifo", "evict the page resident longest", List.of(), (p, h) -> new FifoPolicy())
        .register("lru", "evict the page least recently used (exact, every reference seen)", List.of(), (p, h) -> new LruPolicy())
        .register("clock", "one hand sweeping frames in physical order, reference bit per frame (Linux-like approximation of LRU)",
            List.of(), (p, h) -> new ClockPolicy())
        .register("second-chance", "FIFO that gives a referenced page another round at the tail", List.of(),
            (p, h) -> new SecondChancePolicy())
        .register("lfu", "evict the page referenced least often since loaded (ties: loaded first)", List.of(), (p, h) -> new LfuPolicy())
        .register("random", "evict a uniformly random page", List.of(Param.of("seed", "0", "seed of the generator")),
            (p, h) -> new RandomPolicy(p.number("seed")))
        .register("opt", "Belady's optimal: evict the page used farthest in the future (scans the trace ahead)",
            List.of(Param.of("lookahead", "0", "positions OPT sees ahead; 0 for the whole trace")),
            (p, h) -> new OptPolicy(h, p.number("lookahead", 0, Long.MAX_VALUE)))
        .register("aging", "Tanenbaum's aging counters: shift right every tick, reference bit on top",
            List.of(Param.of("bits", "8", "counter width"), Param.of("tick", "1", "references between shifts")),
            (p, h) -> new AgingPolicy((int) p.number("bits", 1, 62), p.number("tick", 1, Long.MAX_VALUE)))
        .register("ws", "Denning's working set: pages unused for a window of references leave; LRU under pressure",
            List.of(Param.of("window", "1000", "working-set window tau, in references")),
            (p, h) -> new WorkingSetPolicy(p.number("window", 1, Long.MAX_VALUE)));

    /** The policy the kernel uses when none is named: CLOCK, the family Linux's reclaim belongs to. */
    public static final String DEFAULT = "clock";

    private ReplacementPolicies() {}
}
