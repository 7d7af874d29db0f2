package org.memsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.memsim.InputException;

/** {@code chart: heapmap} is not a time series, yet a valid chart name for allocator scenarios. */
class HeapMapChartTest {
    @Test
    void heapmapIsAcceptedBesideTimeSeries() throws Exception {
        Scenario sc = ScenarioParser.parse("workload: gen:fragmentation:blocks=10\nchart: alloc.footprint, heapmap\n", "h.scenario");
        ScenarioResult r = ScenarioRunner.run(sc, ScenarioRunner.source(sc.workload(), 0, null));
        assertEquals(1, r.results().size());
    }

    @Test
    void otherUnknownChartsAreStillErrors() {
        Scenario sc = ScenarioParser.parse("workload: gen:fragmentation:blocks=10\nchart: heap-map\n", "h.scenario");
        assertThrows(InputException.class, () -> ScenarioRunner.run(sc, ScenarioRunner.source(sc.workload(), 0, null)));
    }
}
