package org.memsim.cli.report;

import java.util.ArrayList;
import java.util.List;
import org.memsim.cli.command.RunCommand;
import org.memsim.cli.output.OutputOptions;
import org.memsim.cli.output.Table;
import org.memsim.layer.Layer;
import org.memsim.layer.RecordingLayerLog;
import org.memsim.metrics.TimeSeries;
import org.memsim.scenario.ScenarioResult;
import org.memsim.stack.StackResult;

/**
 * Renders one scenario run into a report section: its description, the metrics table, a chart per
 * {@code chart:} series (one line per allocator), simulated time by layer, the narration and the
 * expectation outcomes.
 */
public final class ScenarioSection {
    /** Width charts are rendered at (they scale to the page). */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 320;

    private ScenarioSection() {}

    public static void add(HtmlReport.Section into, ScenarioResult r) {
        HtmlReport.Section s = into.section(r.scenario().title());
        if (!r.scenario().about().isEmpty()) {
            s.paragraph(r.scenario().about());
        }
        s.keyValue("workload", r.workloadName());
        s.keyValue("events", String.format(java.util.Locale.ROOT, "%,d", r.results().get(0).events()));
        Table t = RunCommand.table(r, new OutputOptions());
        s.table(t.columns(), t.rows());
        for (StackResult res : r.results()) {
            if (res.death() != null) {
                s.paragraph(res.allocator() + ": the process was killed at event " + res.deathEvent() + " — " + res.death());
            }
        }
        for (String name : r.scenario().charts()) {
            if (name.equals(org.memsim.scenario.Scenario.HEAP_MAP)) {
                heapMaps(s, r);
                continue;
            }
            Chart.Builder b = Chart.builder(name).xLabel("events").unit(unitOf(r, name));
            for (int i = 0; i < r.results().size(); i++) {
                TimeSeries ts = r.metrics(i).seriesNamed(name);
                b.series(r.results().get(i).allocator(), ts.indexes(), ts.values());
            }
            s.chart(SvgLineChart.render(b.build(), WIDTH, HEIGHT));
        }
        s.chart(layerTimes(r));
        if (!r.narration().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (RecordingLayerLog.Note n : r.narration()) {
                sb.append(String.format("%-16s %s%n", n.layer().label(), n.what()));
            }
            s.paragraph("What each layer did:");
            s.preformatted(sb.toString());
        }
        if (!r.outcomes().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (ScenarioResult.Outcome o : r.outcomes()) {
                rows.add(List.of(o.expectation().text(), o.allocator(), org.memsim.cli.output.Numbers.count((long) o.actual()),
                    o.passed() ? "ok" : "FAILED"));
            }
            s.table(List.of("expectation", "allocator", "actual", "result"), rows);
        }
    }

    /** Each allocator's heap at the end: headers, payload, padding, free, never used. */
    private static void heapMaps(HtmlReport.Section s, ScenarioResult r) {
        for (int i = 0; i < r.stacks().size(); i++) {
            String svg = HeapMaps.render(r.stacks().get(i), r.results().get(i).allocator(), WIDTH);
            if (svg != null) {
                s.chart(svg);
            }
        }
    }

    private static String unitOf(ScenarioResult r, String series) {
        TimeSeries ts = r.metrics(0).seriesNamed(series);
        return ts == null ? "" : ts.unit();
    }

    /** Simulated time per layer, one stacked bar per allocator. */
    public static String layerTimes(ScenarioResult r) {
        List<Layer> used = new ArrayList<>();
        for (Layer l : Layer.values()) {
            for (StackResult res : r.results()) {
                if (res.nanosByLayer().get(l) > 0 && !used.contains(l)) {
                    used.add(l);
                }
            }
        }
        double[][] values = new double[r.results().size()][used.size()];
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < r.results().size(); i++) {
            rows.add(r.results().get(i).allocator());
            for (int j = 0; j < used.size(); j++) {
                values[i][j] = r.results().get(i).nanosByLayer().get(used.get(j));
            }
        }
        List<String> segments = new ArrayList<>();
        used.forEach(l -> segments.add(l.label()));
        return SvgBarChart.renderStacked("Simulated time by layer", "ns", rows, segments, values, WIDTH, 60 + 40 * rows.size());
    }
}
