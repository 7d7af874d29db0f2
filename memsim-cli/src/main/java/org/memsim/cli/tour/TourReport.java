package org.memsim.cli.tour;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.memsim.cli.report.Chart;
import org.memsim.cli.report.HtmlReport;
import org.memsim.cli.report.ScenarioSection;
import org.memsim.cli.report.SvgLineChart;
import org.memsim.scenario.ScenarioResult;

/** Writes the tour's self-contained HTML report: one section per chapter with its findings, runs and figures. */
final class TourReport {
    private TourReport() {}

    static HtmlReport build(List<ChapterResult> results, String date) {
        HtmlReport report = new HtmlReport("memsim tour: what memory management costs");
        for (ChapterResult c : results) {
            HtmlReport.Section s = report.section(c.title());
            c.intro().forEach(s::paragraph);
            HtmlReport.Section f = s.section("What the numbers say");
            c.findings().forEach(f::paragraph);
            for (Figure fig : c.figures()) {
                Chart.Builder b = Chart.builder(fig.title()).xLabel(fig.xLabel()).unit(fig.unit());
                for (Figure.Line l : fig.lines()) {
                    b.series(l.label(), l.x(), l.y());
                }
                f.chart(SvgLineChart.render(b.build(), ScenarioSection.WIDTH, ScenarioSection.HEIGHT));
            }
            for (ChapterResult.ChapterTable t : c.tables()) {
                HtmlReport.Section ts = s.section(t.title());
                ts.table(t.table().columns(), t.table().rows());
            }
            for (ScenarioResult r : c.runs()) {
                ScenarioSection.add(s, r);
            }
        }
        report.footer("memsim 0.1.0 — memsim tour", date);
        return report;
    }

    /** Writes {@code dir/index.html} and returns its path. */
    static Path write(List<ChapterResult> results, Path dir) throws IOException {
        build(results, LocalDate.now().toString()).write(dir);
        return dir.resolve("index.html");
    }
}
