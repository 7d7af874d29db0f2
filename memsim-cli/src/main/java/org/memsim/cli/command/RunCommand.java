package org.memsim.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.memsim.cli.ProgressBar;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.OutputOptions;
import org.memsim.cli.output.Table;
import org.memsim.layer.RecordingLayerLog;
import org.memsim.scenario.ResultMetrics;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioParser;
import org.memsim.scenario.ScenarioResult;
import org.memsim.scenario.ScenarioRunner;
import org.memsim.stack.StackResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code memsim run}: a scenario file — workload, stack, report, expectations. Exit 1 when an expectation fails. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a scenario file (docs/scenarios.md): a workload through one or more stacks, the metrics it "
        + "names, and its expectations (exit status 1 if one fails). The tour's scenarios are in examples/.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file.")
    Path scenario;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() throws IOException {
        Scenario sc = ScenarioParser.parse(scenario);
        Path base = scenario.toAbsolutePath().getParent();
        ScenarioResult r;
        var source = ScenarioRunner.source(sc.workload(), sc.seed(), base);
        try (ProgressBar bar = ProgressBar.start("run", source::progress, () -> 0)) {
            r = ScenarioRunner.run(sc, source, () -> ScenarioRunner.source(sc.workload(), sc.seed(), base));
        }
        if (out.json) {
            System.out.println(json(r));
        } else {
            System.out.print(text(r, out));
        }
        return r.allPassed() ? 0 : 1;
    }

    /** The metrics a scenario reports, one row per allocator. */
    public static Table table(ScenarioResult r, OutputOptions out) {
        List<String> cols = new ArrayList<>();
        cols.add(r.scenario().managed() ? "collector" : r.scenario().varied());
        cols.addAll(r.scenario().report());
        Table t = new Table(cols);
        for (int i = 0; i < r.results().size(); i++) {
            StackResult res = r.results().get(i);
            List<String> row = new ArrayList<>();
            row.add(res.allocator());
            for (String m : r.scenario().report()) {
                row.add(cell(m, ResultMetrics.valueIfPresent(m, res, r.metrics(i)), out));
            }
            t.row(row);
        }
        return t;
    }

    static String cell(String metric, double v, OutputOptions out) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (metric.equals("utilization")) {
            return out.percent(v);
        }
        if (metric.toLowerCase(java.util.Locale.ROOT).endsWith("bytes")) {
            return out.bytes((long) v);
        }
        if (metric.toLowerCase(java.util.Locale.ROOT).endsWith("nanos") || metric.startsWith("nanos.")) {
            return out.nanos(v);
        }
        if (v == Math.rint(v)) {
            return out.count((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    static String text(ScenarioResult r, OutputOptions out) {
        StringBuilder sb = new StringBuilder();
        if (!out.csv) {
            sb.append(r.scenario().title()).append('\n');
            if (!r.scenario().about().isEmpty()) {
                sb.append(r.scenario().about()).append('\n');
            }
            sb.append("workload ").append(r.workloadName()).append(", ").append(r.results().get(0).events()).append(" events\n\n");
        }
        sb.append(out.render(table(r, out)));
        if (out.csv) {
            return sb.toString();
        }
        for (StackResult res : r.results()) {
            if (res.death() != null) {
                sb.append('\n').append(res.allocator()).append(": process killed at event ").append(res.deathEvent())
                    .append(" — ").append(res.death()).append('\n');
            }
        }
        if (!r.narration().isEmpty()) {
            sb.append("\nWhat each layer did (first events):\n");
            for (RecordingLayerLog.Note n : r.narration()) {
                sb.append(String.format("  %-16s %s%n", n.layer().label(), n.what()));
            }
        }
        if (!r.outcomes().isEmpty()) {
            sb.append("\nExpectations:\n");
            for (ScenarioResult.Outcome o : r.outcomes()) {
                sb.append("  ").append(o).append('\n');
            }
        }
        return sb.toString();
    }

    static String json(ScenarioResult r) {
        Json j = new Json().beginObject().field("scenario", r.scenario().source()).field("title", r.scenario().title())
            .field("workload", r.workloadName()).key("results").beginArray();
        for (int i = 0; i < r.results().size(); i++) {
            StackResult res = r.results().get(i);
            j.beginObject().field("allocator", res.allocator());
            for (String m : r.scenario().report()) {
                j.field(m, ResultMetrics.valueIfPresent(m, res, r.metrics(i)));
            }
            j.field("death", res.death()).endObject();
        }
        j.endArray().key("expectations").beginArray();
        for (ScenarioResult.Outcome o : r.outcomes()) {
            j.beginObject().field("expect", o.expectation().text()).field("allocator", o.allocator())
                .field("actual", o.actual()).field("passed", o.passed()).endObject();
        }
        return j.endArray().field("passed", r.allPassed()).endObject().toString();
    }
}
