package org.memsim.cli.tour;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.memsim.InputException;
import org.memsim.cli.Defaults;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.OutputOptions;
import org.memsim.layer.RecordingLayerLog;
import org.memsim.scenario.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code memsim tour}: the seed's topics, chapter by chapter, on built-in workloads; text summary plus an HTML report. */
@Command(name = "tour", mixinStandardHelpOptions = true,
    description = "A guided tour of memory management on built-in workloads: runs every chapter, prints a summary "
        + "and writes a self-contained HTML report with charts.")
public final class TourCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = Defaults.REPORT_DIR,
        description = "Directory for the HTML report (default: ${DEFAULT-VALUE}); index.html is replaced atomically.")
    Path out;

    @Option(names = "--no-html", description = "Print the summary only.")
    boolean noHtml;

    @Option(names = "--chapter", paramLabel = "ID", description = "Run only these chapters (repeatable).")
    List<String> only = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        List<Chapter> chapters = new ArrayList<>();
        for (Chapter c : Tour.chapters()) {
            if (only.isEmpty() || only.contains(c.id())) {
                chapters.add(c);
            }
        }
        if (chapters.isEmpty()) {
            throw new InputException("no chapter " + only + "; valid: "
                + String.join(", ", Tour.chapters().stream().map(Chapter::id).toList()));
        }
        List<ChapterResult> results = new ArrayList<>();
        for (Chapter c : chapters) {
            results.add(c.run());
        }
        Path report = noHtml ? null : TourReport.write(results, out);
        if (output.json) {
            System.out.println(json(results, report));
        } else {
            System.out.print(text(results));
            if (report != null) {
                System.out.println("report: " + report);
            }
        }
        boolean passed = results.stream().flatMap(r -> r.runs().stream()).allMatch(ScenarioResult::allPassed);
        return passed ? 0 : 1;
    }

    static String text(List<ChapterResult> results) {
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (ChapterResult r : results) {
            String heading = n++ + ". " + r.title();
            sb.append(heading).append('\n').append("=".repeat(heading.length())).append("\n\n");
            for (ScenarioResult s : r.runs()) {
                sb.append(s.scenario().title()).append('\n');
                sb.append(org.memsim.cli.command.RunCommand.table(s, new OutputOptions()).toText()).append('\n');
                if (!s.narration().isEmpty()) {
                    for (RecordingLayerLog.Note note : s.narration()) {
                        sb.append(String.format("  %-16s %s%n", note.layer().label(), note.what()));
                    }
                    sb.append('\n');
                }
            }
            for (ChapterResult.ChapterTable t : r.tables()) {
                sb.append(t.title()).append('\n').append(t.table().toText()).append('\n');
            }
            for (String f : r.findings()) {
                sb.append("* ").append(f).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String json(List<ChapterResult> results, Path report) {
        Json j = new Json().beginObject().key("chapters").beginArray();
        for (ChapterResult r : results) {
            j.beginObject().field("id", r.id()).field("title", r.title()).key("findings").beginArray();
            r.findings().forEach(j::value);
            j.endArray().key("scenarios").beginArray();
            for (ScenarioResult s : r.runs()) {
                j.beginObject().field("scenario", s.scenario().source()).field("title", s.scenario().title())
                    .field("workload", s.workloadName()).field("passed", s.allPassed()).key("results").beginArray();
                for (int i = 0; i < s.results().size(); i++) {
                    j.beginObject().field("allocator", s.results().get(i).allocator());
                    for (String m : s.scenario().report()) {
                        j.field(m, org.memsim.scenario.ResultMetrics.valueIfPresent(m, s.results().get(i), s.metrics(i)));
                    }
                    j.endObject();
                }
                j.endArray().endObject();
            }
            j.endArray().endObject();
        }
        return j.endArray().field("report", report == null ? null : report.toString()).endObject().toString();
    }
}
