package org.memsim.cli.tour;

import java.io.IOException;
import org.memsim.scenario.ResultMetrics;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.scenario.ScenarioRunner;
import org.memsim.stack.StackResult;

/** Runs a built-in allocator scenario and reads its rows by allocator spec, for the allocator chapters. */
final class AllocatorRuns {
    private final ScenarioResult result;

    private AllocatorRuns(ScenarioResult result) {
        this.result = result;
    }

    static AllocatorRuns of(String example) throws IOException {
        Scenario sc = BuiltinExamples.scenario(example);
        return new AllocatorRuns(ScenarioRunner.run(sc, BuiltinExamples.source(sc)));
    }

    ScenarioResult result() {
        return result;
    }

    /** The row of the allocator whose spec is {@code spec}. */
    StackResult row(String spec) {
        return result.results().get(index(spec));
    }

    /** A metric of one row, by the names scenario reports use. */
    double metric(String spec, String metric) {
        int i = index(spec);
        return ResultMetrics.value(metric, result.results().get(i), result.metrics(i));
    }

    /** A mean for a sentence: whole numbers from 10 up, two decimals below. */
    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, v >= 10 ? "%.0f" : "%.2f", v);
    }

    private int index(String spec) {
        for (int i = 0; i < result.results().size(); i++) {
            if (result.results().get(i).allocator().equals(spec)) {
                return i;
            }
        }
        throw new IllegalStateException("no allocator " + spec + " in " + result.scenario().source());
    }
}
