package org.memsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memsim.InputException;

/** A comparison may report a metric only some of its allocators have; the others show nothing for it. */
class AllocatorMetricsScenarioTest {
    @Test
    void aMetricOfOneAllocatorIsAbsentForTheOthers() throws Exception {
        Scenario sc = ScenarioParser.parse("workload: gen:sizes:dist=uniform,min=4k,max=40k,ops=2000,live=50\n"
            + "allocator: buddy\nallocator: freelist\nreport: alloc.buddy.splits, alloc.splits\n"
            + "expect: alloc.buddy.splits > 0\n", "b.scenario");
        ScenarioResult r = ScenarioRunner.run(sc, ScenarioRunner.source(sc.workload(), 0, null));
        assertTrue(ResultMetrics.valueIfPresent("alloc.buddy.splits", r.results().get(0), r.metrics(0)) > 0);
        assertTrue(Double.isNaN(ResultMetrics.valueIfPresent("alloc.buddy.splits", r.results().get(1), r.metrics(1))));
        assertTrue(ResultMetrics.valueIfPresent("alloc.splits", r.results().get(1), r.metrics(1)) > 0);
        assertEquals(1, r.outcomes().size(), "the expectation is checked only where the metric exists");
        assertTrue(r.allPassed());
    }

    @Test
    void aMetricNoAllocatorHasIsAnError() {
        Scenario sc = ScenarioParser.parse("workload: gen:request-loop\nallocator: buddy\nallocator: freelist\n"
            + "report: alloc.nope\n", "n.scenario");
        InputException e = assertThrows(InputException.class,
            () -> ScenarioRunner.run(sc, ScenarioRunner.source(sc.workload(), 0, null)));
        assertTrue(e.getMessage().contains("unknown metric 'alloc.nope'"), e.getMessage());
    }
}
