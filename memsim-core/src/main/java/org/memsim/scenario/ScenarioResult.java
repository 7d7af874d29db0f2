package org.memsim.scenario;

import java.util.List;
import org.memsim.layer.RecordingLayerLog;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/** A scenario after its run: the stacks (for metrics and series), their results, expectation outcomes, narration. */
public record ScenarioResult(Scenario scenario, String workloadName, List<Stack> stacks, List<StackResult> results,
                             List<Outcome> outcomes, List<RecordingLayerLog.Note> narration) {

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
