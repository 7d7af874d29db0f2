package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.cli.report.XmlAssertions.NASTY;
import static org.memsim.cli.report.XmlAssertions.elements;
import static org.memsim.cli.report.XmlAssertions.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HtmlReportTest {

    private static Element only(Document d, String tag) {
        List<Element> l = elements(d, tag);
        assertEquals(1, l.size(), tag);
        return l.get(0);
    }

    @Test
    void pageIsWellFormedXhtmlWithNoExternalResources() {
        String html = SampleReport.build().render();
        Document d = parse(html);
        Element root = d.getDocumentElement();
        assertEquals("html", root.getLocalName());
        assertEquals("http://www.w3.org/1999/xhtml", root.getNamespaceURI());
        assertEquals(6, elements(d, "svg").size());
        assertTrue(elements(d, "script").isEmpty());
        assertTrue(elements(d, "link").isEmpty());
        assertTrue(elements(d, "img").isEmpty());
        assertFalse(html.replace("http://www.w3.org/", "").contains("http://"), "only namespace URIs");
        assertFalse(html.contains("https://"));
        assertFalse(html.contains("url("), "no CSS resources");
        assertTrue(only(d, "style").getTextContent().contains("max-width: 1000px"));
    }

    @Test
    void tableOfContentsLinksToUniqueSectionIds() {
        HtmlReport r = new HtmlReport("r");
        HtmlReport.Section a = r.section("Results");
        a.section("Details").paragraph("x");
        a.section("Details");
        r.section("Results");
        r.section("1st & <best>");
        r.section("!!!");
        Document d = parse(r.render());
        Set<String> ids = new HashSet<>();
        for (Element s : elements(d, "section")) {
            assertTrue(ids.add(s.getAttribute("id")), "duplicate id " + s.getAttribute("id"));
        }
        assertEquals(Set.of("results", "details", "details-2", "results-2", "s-1st-best", "section"), ids);
        Element nav = only(d, "nav");
        List<String> targets = elements(nav, "a").stream().map(e -> e.getAttribute("href")).collect(Collectors.toList());
        assertEquals(List.of("#results", "#details", "#details-2", "#results-2", "#s-1st-best", "#section"), targets);
        assertEquals(2, elements(nav, "ol").size(), "subsections nest");
        assertEquals("h3", elements(d, "section").get(1).getFirstChild().getNextSibling().getNodeName());
    }

    @Test
    void escapesTextInEveryPosition() {
        HtmlReport r = new HtmlReport(NASTY + "#title");
        r.footer(NASTY + "#generator", NASTY + "#date");
        HtmlReport.Section s = r.section(NASTY + "#section");
        s.section(NASTY + "#subsection");
        s.paragraph(NASTY + "#paragraph `" + NASTY + "#code`");
        s.table(List.of(NASTY + "#header"), List.of(List.of(NASTY + "#cell")));
        s.keyValue(NASTY + "#key", NASTY + "#value");
        s.preformatted(NASTY + "#pre");
        s.chart(SvgLineChart.render(Chart.builder(NASTY + "#chart").build(), 400, 200), NASTY + "#caption");
        String html = r.render();
        assertFalse(html.contains(NASTY), "raw special characters in output");
        Document d = parse(html);
        String text = d.getDocumentElement().getTextContent();
        for (String where : List.of("title", "generator", "date", "section", "subsection", "paragraph", "code",
                "header", "cell", "key", "value", "pre", "chart", "caption")) {
            assertTrue(text.contains(NASTY + "#" + where), where);
        }
        assertEquals(NASTY + "#title", elements(d, "title").get(0).getTextContent());
        assertEquals(NASTY + "#code", only(d, "code").getTextContent());
        Element generator = elements(d, "meta").stream().filter(m -> "generator".equals(m.getAttribute("name")))
                .findFirst().orElseThrow();
        assertEquals(NASTY + "#generator", generator.getAttribute("content"));
    }

    @Test
    void controlCharactersCannotBreakTheDocument() {
        HtmlReport r = new HtmlReport("bell \u0007 nul \u0000 lone \ud800 ok \ud83d\ude00");
        r.section("s").preformatted("esc \u001b[31m red");
        Document d = parse(r.render());
        assertTrue(d.getDocumentElement().getTextContent().contains("ok \ud83d\ude00"));
    }

    @Test
    void backticksMakeInlineCode() {
        assertEquals("call <code>malloc(&lt;n&gt;)</code> then <code>free</code>",
                HtmlReport.inline("call `malloc(<n>)` then `free`"));
        assertEquals("one ` unpaired", HtmlReport.inline("one ` unpaired"));
        assertEquals("empty `` pair", HtmlReport.inline("empty `` pair"));
        assertEquals("<code>a</code> and ` rest", HtmlReport.inline("`a` and ` rest"));
        assertEquals("", HtmlReport.inline(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1,234", "-7", "+3", "\u22125", "12.5%", "3.4M", "12k", "1.5 KiB", "64 MiB", "4096 B",
        "96 ns", "1.92 ms", "250 \u00b5s", "3 s", "1e-9", "2.5x", "0x7f00", ".5", "1_000_000"})
    void numericCellsAreRecognised(String cell) {
        assertTrue(HtmlReport.numeric(cell), cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "first-fit", "n/a", "-", "1.2.3", "12 pages", "v2", "KiB", "1,23", "x86_64"})
    void otherCellsAreNot(String cell) {
        assertFalse(HtmlReport.numeric(cell), cell);
    }

    @Test
    void numericCellsAndColumnsAlignRight() {
        HtmlReport r = new HtmlReport("t");
        r.section("s").table(List.of("name", "bytes", "mixed"), List.of(
                List.of("a", "1 KiB", "12"),
                List.of("b", "-", "many"),
                List.of("c")));
        Document d = parse(r.render());
        List<Element> th = elements(d, "th");
        assertEquals(List.of("", "num", ""), th.stream().map(e -> e.getAttribute("class")).collect(Collectors.toList()));
        List<Element> td = elements(d, "td");
        assertEquals(9, td.size(), "short rows are padded");
        assertEquals(List.of("", "num", "num", "", "num", "", "", "num", ""),
                td.stream().map(e -> e.getAttribute("class")).collect(Collectors.toList()));
        assertThrows(IllegalArgumentException.class,
                () -> r.section("x").table(List.of("one"), List.of(List.of("a", "b"))));
    }

    @Test
    void consecutiveKeyValuesShareOneList() {
        HtmlReport r = new HtmlReport("t");
        r.section("s").keyValue("a", "1").keyValue("b", "`2`").paragraph("p").keyValue("c", "3");
        Document d = parse(r.render());
        List<Element> lists = elements(d, "dl");
        assertEquals(2, lists.size());
        assertEquals(2, elements(lists.get(0), "dt").size());
        assertEquals("2", elements(lists.get(0), "code").get(0).getTextContent());
    }

    @Test
    void preformattedKeepsWhitespaceAndALeadingNewline() {
        HtmlReport r = new HtmlReport("t");
        r.section("s").preformatted("\n  indented\n\ttab <x>");
        String html = r.render();
        assertTrue(html.contains("<pre>\n\n  indented\n\ttab &lt;x&gt;</pre>"), html);
    }

    @Test
    void chartsMustBeSvgAndAreEmbeddedVerbatim() {
        HtmlReport r = new HtmlReport("t");
        assertThrows(IllegalArgumentException.class, () -> r.section("s").chart("<div>no</div>"));
        assertThrows(IllegalArgumentException.class, () -> r.section("s").chart((String) null));
        String svg = SvgBarChart.render("b", "", List.of("x"), new double[] {1}, 300, 100);
        r.section("c").chart(svg, "a `caption`");
        String html = r.render();
        assertTrue(html.contains(svg.strip()));
        Document d = parse(html);
        assertEquals("a caption", only(d, "figcaption").getTextContent());
        HtmlReport lazy = new HtmlReport("t");
        lazy.section("s").chart(() -> "not svg");
        assertThrows(IllegalArgumentException.class, lazy::render);
    }

    @Test
    void renderingIsDeterministicAndUsesTheCallersDate() {
        String a = SampleReport.build().render();
        String b = SampleReport.build().render();
        assertEquals(a, b);
        assertTrue(a.contains("Generated by memsim 0.1.0-SNAPSHOT on 2025-01-01."));
        assertTrue(new HtmlReport("t").render().contains("<footer>\n<p>Generated by memsim.</p>"));
    }

    @Test
    void writeCreatesTheDirectoryAndLeavesOnlyIndexHtml(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a/b/report");
        HtmlReport r = SampleReport.build();
        r.write(dir);
        assertEquals(r.render(), Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8));
        r.write(dir);
        assertEquals(List.of("index.html"), list(dir));
    }

    @Test
    void failedRenderingKeepsTheOlderReport(@TempDir Path dir) throws IOException {
        new HtmlReport("old").write(dir);
        String old = Files.readString(dir.resolve("index.html"));
        HtmlReport broken = new HtmlReport("new");
        broken.section("s").paragraph("fine").chart(() -> {
            throw new IllegalStateException("chart failed");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.write(dir));
        assertEquals("chart failed", e.getMessage());
        assertEquals(old, Files.readString(dir.resolve("index.html")));
        assertEquals(List.of("index.html"), list(dir));
    }

    @Test
    void failedWritingKeepsTheOlderFileAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("index.html");
        Files.writeString(target, "old report");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of a new rep".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old report", Files.readString(target));
        assertEquals(List.of("index.html"), list(dir));
        AtomicFiles.write(target, out -> out.write("new report".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new report", Files.readString(target));
        assertEquals(List.of("index.html"), list(dir));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
