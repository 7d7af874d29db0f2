package org.memsim.scenario;

import java.util.List;

/**
 * An experiment as a file: a workload, a stack spec (one or more stacks to compare, differing in one
 * layer: allocators by default, or — for a managed-heap workload — garbage collectors, or the
 * kernel, VM, cost model, TLB or replacement policy), what to report and chart, optional narration
 * of the first events, and expectations that make the file a test. Format: {@code docs/scenarios.md}.
 *
 * @param workload   a trace path (relative to the scenario file) or {@code gen:NAME[:k=v,…]}
 * @param narrate    how many layer-log notes to record (0 = none)
 * @param collectors collector specs; when not empty the scenario runs managed stacks and {@code allocators} is empty
 * @param processes  replay process events (exec, fork, switch, exit) and raw brk, as {@code memsim vm} does
 * @param varied     the layer whose spec differs between the compared stacks ({@code allocator} unless
 *                   another key was repeated; {@code collector} for collector scenarios)
 * @param variants   that layer's specs, one stack each, in file order
 */
public record Scenario(String source, String title, String about, String workload, long seed,
                       List<String> allocators, String kernel, String vm, String cost,
                       List<String> report, List<String> charts, int narrate, List<Expectation> expectations,
                       List<String> collectors, String tlb, String policy, boolean processes, String varied,
                       List<String> variants) {

    /** A scenario of allocators only (the shape before collectors and the VM layer existed). */
    public Scenario(String source, String title, String about, String workload, long seed, List<String> allocators, String kernel,
                    String vm, String cost, List<String> report, List<String> charts, int narrate, List<Expectation> expectations) {
        this(source, title, about, workload, seed, allocators, kernel, vm, cost, report, charts, narrate, expectations, List.of());
    }

    /** A scenario of allocators or collectors, with the default TLB and replacement policy and no process replay. */
    public Scenario(String source, String title, String about, String workload, long seed, List<String> allocators, String kernel,
                    String vm, String cost, List<String> report, List<String> charts, int narrate, List<Expectation> expectations,
                    List<String> collectors) {
        this(source, title, about, workload, seed, allocators, kernel, vm, cost, report, charts, narrate, expectations, collectors,
            org.memsim.stack.StackSpec.DEFAULT_TLB, org.memsim.stack.StackSpec.DEFAULT_POLICY, false,
            collectors.isEmpty() ? "allocator" : "collector", collectors.isEmpty() ? allocators : collectors);
    }

    /** The {@code chart:} name that asks for each allocator's heap map at the end instead of a time series. */
    public static final String HEAP_MAP = "heapmap";

    /** Whether this scenario compares garbage collectors on managed stacks. */
    public boolean managed() {
        return !collectors.isEmpty();
    }

    /** Metrics reported when a scenario names none. */
    public static final List<String> DEFAULT_REPORT = List.of("ops", "failedOps", "peakLiveBytes",
        "heapHighWaterBytes", "utilization", "pageFaults", "residentPages");

    /** Metrics reported when a collector scenario names none. */
    public static final List<String> DEFAULT_GC_REPORT = List.of("gc.collections", "gc.objectsFreed", "gc.objectsLeaked",
        "gc.peakHeapBytes", "gc.pause.p50", "gc.pause.p99", "gc.pause.max", "pageFaults", "residentPages");
}
