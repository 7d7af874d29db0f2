package org.memsim.scenario;

import java.util.List;
import org.memsim.layer.RecordingLayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.stack.ManagedStack;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/**
 * A scenario after its run: the stacks (for metrics and series) — allocator stacks, or managed
 * stacks for a collector scenario — their results, expectation outcomes, narration.
 */
public record ScenarioResult(Scenario scenario, String workloadName, List<Stack> stacks, List<StackResult> results,
                             List<Outcome> outcomes, List<RecordingLayerLog.Note> narration, List<ManagedStack> managed) {

    /** The result of an allocator scenario. */
    public ScenarioResult(Scenario scenario, String workloadName, List<Stack> stacks, List<StackResult> results,
                          List<Outcome> outcomes, List<RecordingLayerLog.Note> narration) {
        this(scenario, workloadName, stacks, results, outcomes, narration, List.of());
    }

    /** The metrics (counters, gauges, histograms, series) of the {@code i}-th stack, allocator or managed. */
    public Metrics metrics(int i) {
        return stacks.isEmpty() ? managed.get(i).metrics() : stacks.get(i).metrics();
    }

    /** One expectation checked against one allocator's result. */
    public record Outcome(Expectation expectation, String allocator, double actual, boolean passed) {
        @Override
        public String toString() {
            return (passed ? "ok     " : "FAILED ") + expectation.text() + "  [" + allocator + ": "
                + Expectation.format(actual) + "]";
        }
    }

    public boolean allPassed() {
        return outcomes.stream().allMatch(Outcome::passed);
    }
}
