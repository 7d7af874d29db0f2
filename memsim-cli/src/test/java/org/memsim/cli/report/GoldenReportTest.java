package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares a small fixed report with {@code golden-report.html}. After a deliberate change to the output,
 * regenerate it with {@code ./mvnw verify -pl memsim-core,memsim-cli -Dmemsim.updateGolden=true} and review the diff.
 */
class GoldenReportTest {
    private static final String RESOURCE = "golden-report.html";
    private static final Path SOURCE = Path.of("src/test/resources/org/memsim/cli/report", RESOURCE);

    static HtmlReport small() {
        HtmlReport r = new HtmlReport("Golden report");
        r.footer("memsim test", "2024-02-29");
        HtmlReport.Section s = r.section("Run");
        s.paragraph("Replayed `3` events; see <below> & enjoy.");
        s.keyValue("allocator", "first-fit");
        s.keyValue("pages", "12");
        s.table(List.of("metric", "value"), List.of(List.of("peak", "1.5 KiB"), List.of("faults", "3")));
        s.chart(SvgLineChart.render(Chart.builder("Heap").unit("bytes")
                .series("heap", new long[] {0, 1, 2, 3}, new long[] {0, 512, 1536, 1024})
                .reference("limit", 2048).build(), 480, 220), "Heap in use.");
        HtmlReport.Section sub = s.section("Layout");
        sub.chart(SvgBarChart.render("Peak", "bytes", List.of("a", "b"), new double[] {1024, 3072}, 480, 120));
        sub.chart(HeapMapSvg.render("Heap map", 0, 128, new long[] {0, 16, 48}, new long[] {16, 40, 64},
                new byte[] {1, 2, 3}, 480));
        r.section("Log").preformatted("event 1: alloc 24 B\nevent 2: free");
        return r;
    }

    @Test
    void matchesTheGoldenFile() throws IOException {
        String actual = small().render();
        XmlAssertions.parse(actual);
        if (Boolean.getBoolean("memsim.updateGolden")) {
            Files.writeString(SOURCE, actual, StandardCharsets.UTF_8);
            fail("golden file regenerated at " + SOURCE.toAbsolutePath() + "; review it and run again without the flag");
        }
        String expected;
        try (InputStream in = GoldenReportTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " missing; generate it with -Dmemsim.updateGolden=true");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        if (!expected.equals(actual)) {
            String[] e = expected.split("\n", -1);
            String[] a = actual.split("\n", -1);
            int i = 0;
            while (i < e.length && i < a.length && e[i].equals(a[i])) {
                i++;
            }
            assertEquals(i < e.length ? e[i] : "<end>", i < a.length ? a[i] : "<end>",
                    "report differs from " + RESOURCE + " at line " + (i + 1)
                            + " (regenerate deliberately with -Dmemsim.updateGolden=true)");
        }
    }
}
