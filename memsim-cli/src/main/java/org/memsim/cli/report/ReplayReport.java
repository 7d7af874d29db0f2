package org.memsim.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memsim.cli.output.Numbers;
import org.memsim.layer.Layer;
import org.memsim.metrics.TimeSeries;
import org.memsim.stack.ReplayTarget;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/** The HTML report of {@code memsim replay --html}: results, time series per allocator, layer times, heap maps. */
public final class ReplayReport {
    private static final List<String> SERIES = List.of("runtime.liveBytes", "alloc.footprint", "alloc.freeBlocks",
        "alloc.internalFragBytes", "alloc.externalFragPermille", "kernel.residentPages");

    private ReplayReport() {}

    public static HtmlReport build(String trace, String format, List<StackResult> results, List<? extends ReplayTarget> stacks, String date) {
        HtmlReport report = new HtmlReport("memsim replay: " + trace);
        HtmlReport.Section s = report.section("Results");
        s.keyValue("trace", trace + " (" + format + ")");
        s.keyValue("events", String.format(Locale.ROOT, "%,d", results.get(0).events()));
        List<List<String>> rows = new ArrayList<>();
        for (StackResult r : results) {
            rows.add(List.of(r.allocator(), Numbers.count(r.ops()), Numbers.count(r.failedOps()), Numbers.bytes(r.peakLiveBytes()),
                Numbers.bytes(r.heapHighWaterBytes()), Numbers.percent(r.utilization()), Numbers.bytes(r.internalFragBytesAtEnd()),
                Numbers.percent(r.externalFragAtEnd()), Numbers.count(r.pageFaults()),
                r.realNanos() >= 0 ? Numbers.nanos(r.realNanos()) + " real" : Numbers.nanos(r.totalNanos())));
        }
        s.table(List.of("allocator", "ops", "failed", "peak live", "heap high-water", "utilization", "internal frag",
            "external frag", "page faults", "time"), rows);
        HtmlReport.Section over = report.section("Over the replay");
        for (String name : SERIES) {
            Chart.Builder b = null;
            for (int i = 0; i < stacks.size(); i++) {
                if (!(stacks.get(i) instanceof Stack)) {
                    continue; // a real allocator has no time series
                }
                TimeSeries ts = ((Stack) stacks.get(i)).metrics().seriesNamed(name);
                if (ts == null) {
                    continue;
                }
                if (b == null) {
                    b = Chart.builder(name).xLabel("events").unit(ts.unit());
                }
                b.series(results.get(i).allocator(), ts.indexes(), ts.values());
            }
            if (b != null) {
                over.chart(SvgLineChart.render(b.build(), ScenarioSection.WIDTH, ScenarioSection.HEIGHT));
            }
        }
        List<Layer> used = new ArrayList<>();
        for (Layer l : Layer.values()) {
            if (results.stream().anyMatch(r -> r.nanosByLayer().get(l) > 0)) {
                used.add(l);
            }
        }
        double[][] v = new double[results.size()][used.size()];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            labels.add(results.get(i).allocator());
            for (int j = 0; j < used.size(); j++) {
                v[i][j] = results.get(i).nanosByLayer().get(used.get(j));
            }
        }
        List<String> segs = new ArrayList<>();
        used.forEach(l -> segs.add(l.label()));
        if (!used.isEmpty()) {
            over.chart(SvgBarChart.renderStacked("Simulated time by layer", "ns", labels, segs, v, ScenarioSection.WIDTH,
                60 + 40 * labels.size()));
        }
        HtmlReport.Section maps = report.section("Heap maps at the end");
        maps.paragraph("Each row is a run of addresses; colours show headers and other allocator metadata, payload the "
            + "program asked for, padding it was given beyond that (internal fragmentation), free blocks, and heap never used.");
        for (int i = 0; i < stacks.size(); i++) {
            if (!(stacks.get(i) instanceof Stack)) {
                continue;
            }
            String svg = HeapMaps.render((Stack) stacks.get(i), results.get(i).allocator(), ScenarioSection.WIDTH);
            if (svg != null) {
                maps.chart(svg);
            } else {
                maps.paragraph(results.get(i).allocator() + ": no heap.");
            }
        }
        report.footer("memsim 0.1.0 — memsim replay", date);
        return report;
    }

    public static void write(Path dir, String trace, String format, List<StackResult> results, List<? extends ReplayTarget> stacks) throws IOException {
        build(trace, format, results, stacks, LocalDate.now().toString()).write(dir);
    }
}
