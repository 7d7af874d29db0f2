package org.memsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.memsim.InputException;

/** Scenarios compare stacks that differ in one layer, and may replay processes. */
class ScenarioLayersTest {
    @Test
    void aRepeatedLayerKeyNamesTheStacks() throws Exception {
        Scenario sc = ScenarioParser.parse("workload: gen:switches:switches=20\nprocesses: true\nvm: x86-64\n"
            + "tlb: tlb:asid=false\ntlb: tlb:asid=true\nreport: tlb.misses\n", "s.scenario");
        assertEquals("tlb", sc.varied());
        assertEquals(List.of("tlb:asid=false", "tlb:asid=true"), sc.variants());
        assertTrue(sc.processes());
        ScenarioResult r = ScenarioRunner.run(sc, ScenarioRunner.source(sc.workload(), 0, null));
        assertEquals("tlb:asid=false", r.results().get(0).allocator());
        assertTrue(r.stacks().get(0).machine().tlb().stats().misses > r.stacks().get(1).machine().tlb().stats().misses);
    }

    @Test
    void processReplaysAreLabelledByMachine() {
        Scenario sc = ScenarioParser.parse("workload: gen:isolation\nprocesses: true\nvm: x86-64:ram=1g\n", "s.scenario");
        assertEquals("vm", sc.varied());
        assertEquals(List.of("x86-64:ram=1g"), sc.variants());
        Scenario plain = ScenarioParser.parse("workload: gen:request-loop\n", "p.scenario");
        assertEquals("allocator", plain.varied());
        assertEquals(List.of("freelist"), plain.variants());
    }

    @Test
    void twoRepeatedLayersAreAnError() {
        InputException e = assertThrows(InputException.class, () -> ScenarioParser.parse(
            "workload: gen:isolation\nvm: flat\nvm: x86-64\nkernel: linux\nkernel: linux:thp=always\n", "t.scenario"));
        assertTrue(e.getMessage().startsWith("t.scenario: both 'kernel' and 'vm' are repeated"), e.getMessage());
        InputException b = assertThrows(InputException.class, () -> ScenarioParser.parse("workload: gen:isolation\nprocesses: maybe\n", "b.scenario"));
        assertTrue(b.getMessage().startsWith("b.scenario line 2: 'maybe' is not true or false"), b.getMessage());
    }

    @Test
    void optGetsItsFirstPassFromTheRunner() throws Exception {
        Scenario sc = ScenarioParser.parse("workload: gen:access:pattern=stride,span=256k,stride=4k,count=128,writes=1,wss=64k\nprocesses: true\n"
            + "vm: x86-64:ram=128k,swap=1m\npolicy: opt\npolicy: lru\nreport: kernel.majorFaults\n", "o.scenario");
        ScenarioResult r = ScenarioRunner.run(sc, (java.nio.file.Path) null);
        double opt = ResultMetrics.value("kernel.majorFaults", r.results().get(0), r.stacks().get(0));
        double lru = ResultMetrics.value("kernel.majorFaults", r.results().get(1), r.stacks().get(1));
        assertEquals(32, opt, 0.0, "OPT keeps 32 of the 64 pages for the second pass (96 faults in all on the doubled loop)");
        assertEquals(64, lru, 0.0, "LRU misses every page of a loop larger than memory");
        assertThrows(InputException.class, () -> ScenarioRunner.run(sc, ScenarioRunner.source(sc.workload(), 0, null)),
            "without a way to read the workload twice, opt is refused");
    }
}
