package org.memsim.scenario;

import java.util.List;

/**
 * An experiment as a file: a workload, a stack spec (one or more stacks to compare, differing in one
 * layer), what to report and chart, optional narration of the first events, and expectations that
 * make the file a test. Format: {@code docs/scenarios.md}.
 *
 * @param workload  a trace path (relative to the scenario file) or {@code gen:NAME[:k=v,…]}
 * @param narrate   how many layer-log notes to record (0 = none)
 * @param processes replay process events (exec, fork, switch, exit) and raw brk, as {@code memsim vm} does
 * @param varied    the layer whose spec differs between the compared stacks ({@code allocator} unless
 *                  another key was repeated)
 * @param variants  that layer's specs, one stack each, in file order
 */
public record Scenario(String source, String title, String about, String workload, long seed,
                       List<String> allocators, String kernel, String vm, String cost,
                       List<String> report, List<String> charts, int narrate, List<Expectation> expectations,
                       String tlb, String policy, boolean processes, String varied, List<String> variants) {

    /** Metrics reported when a scenario names none. */
    public static final List<String> DEFAULT_REPORT = List.of("ops", "failedOps", "peakLiveBytes",
        "heapHighWaterBytes", "utilization", "pageFaults", "residentPages");

    /** A scenario comparing allocators, with the default TLB and replacement policy and no process replay. */
    public Scenario(String source, String title, String about, String workload, long seed,
                    List<String> allocators, String kernel, String vm, String cost,
                    List<String> report, List<String> charts, int narrate, List<Expectation> expectations) {
        this(source, title, about, workload, seed, allocators, kernel, vm, cost, report, charts, narrate, expectations,
            org.memsim.stack.StackSpec.DEFAULT_TLB, org.memsim.stack.StackSpec.DEFAULT_POLICY, false, "allocator", allocators);
    }
}
