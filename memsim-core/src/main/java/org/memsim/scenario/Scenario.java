package org.memsim.scenario;

import java.util.List;

/**
 * An experiment as a file: a workload, a stack spec (one or more allocators to compare — or, for a
 * managed-heap workload, one or more garbage collectors), what to report and chart, optional
 * narration of the first events, and expectations that make the file a test. Format:
 * {@code docs/scenarios.md}.
 *
 * @param workload a trace path (relative to the scenario file) or {@code gen:NAME[:k=v,…]}
 * @param narrate  how many layer-log notes to record (0 = none)
 * @param collectors collector specs; when not empty the scenario runs managed stacks and {@code allocators} is empty
 */
public record Scenario(String source, String title, String about, String workload, long seed,
                       List<String> allocators, String kernel, String vm, String cost,
                       List<String> report, List<String> charts, int narrate, List<Expectation> expectations,
                       List<String> collectors) {

    /** A scenario of allocators only (the shape before collectors existed). */
    public Scenario(String source, String title, String about, String workload, long seed, List<String> allocators, String kernel,
                    String vm, String cost, List<String> report, List<String> charts, int narrate, List<Expectation> expectations) {
        this(source, title, about, workload, seed, allocators, kernel, vm, cost, report, charts, narrate, expectations, List.of());
    }

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
