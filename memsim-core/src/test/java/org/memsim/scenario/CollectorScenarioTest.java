package org.memsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.memsim.InputException;

/** The scenario format's {@code collector:} key: managed stacks, GC metrics, and the errors. */
class CollectorScenarioTest {
    @Test
    void collectorScenariosRunManagedStacks() throws IOException {
        Scenario sc = ScenarioParser.parse("workload: gen:node-cycle:pairs=300\ncollector: rc:cycles=false\ncollector: rc\n"
            + "expect: gc.objectsFreed >= 0\n", "t.scenario");
        assertTrue(sc.managed());
        assertTrue(sc.allocators().isEmpty());
        assertEquals(Scenario.DEFAULT_GC_REPORT, sc.report());
        ScenarioResult r = ScenarioRunner.run(sc, (java.nio.file.Path) null);
        assertEquals(2, r.managed().size());
        assertEquals(600, ResultMetrics.value("gc.objectsLeaked", r.results().get(0), r.metrics(0)));
        assertEquals(0, ResultMetrics.value("gc.objectsLeaked", r.results().get(1), r.metrics(1)));
        assertEquals(600, ResultMetrics.value("ops", r.results().get(1), r.metrics(1)), "ops = objects allocated");
        assertTrue(r.allPassed());
    }

    @Test
    void allocatorScenariosAreUnchanged() {
        Scenario sc = ScenarioParser.parse("workload: gen:request-loop\n", "t.scenario");
        assertFalse(sc.managed());
        assertEquals(java.util.List.of("freelist"), sc.allocators());
        assertEquals(Scenario.DEFAULT_REPORT, sc.report());
    }

    @Test
    void allocatorsAndCollectorsDoNotMix() {
        InputException e = assertThrows(InputException.class, () -> ScenarioParser.parse(
            "workload: gen:node-cycle\nallocator: freelist\ncollector: rc\n", "mix.scenario"));
        assertTrue(e.getMessage().contains("mix.scenario line 3") && e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void unknownMetricsAndCollectorsAreNamed() {
        InputException e = assertThrows(InputException.class, () -> ScenarioRunner.run(ScenarioParser.parse(
            "workload: gen:node-cycle\ncollector: rc\nreport: gc.nope\n", "m.scenario"), (java.nio.file.Path) null));
        assertTrue(e.getMessage().contains("unknown metric 'gc.nope'") && e.getMessage().contains("gc.objectsLeaked"), e.getMessage());
        assertThrows(InputException.class, () -> ScenarioRunner.run(ScenarioParser.parse(
            "workload: gen:node-cycle\ncollector: boehm\n", "c.scenario"), (java.nio.file.Path) null));
    }
}
