package org.memsim.scenario;

import java.util.List;

/**
 * An experiment as a file: a workload, a stack spec (one or more allocators to compare), what to
 * report and chart, optional narration of the first events, and expectations that make the file a
 * test. Format: {@code docs/scenarios.md}.
 *
 * @param workload a trace path (relative to the scenario file) or {@code gen:NAME[:k=v,…]}
 * @param narrate  how many layer-log notes to record (0 = none)
 */
public record Scenario(String source, String title, String about, String workload, long seed,
                       List<String> allocators, String kernel, String vm, String cost,
                       List<String> report, List<String> charts, int narrate, List<Expectation> expectations) {

    /** Metrics reported when a scenario names none. */
    public static final List<String> DEFAULT_REPORT = List.of("ops", "failedOps", "peakLiveBytes",
        "heapHighWaterBytes", "utilization", "pageFaults", "residentPages");
}
