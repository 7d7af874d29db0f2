package org.memsim.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A demonstration report with deterministic synthetic data: three line charts, bar charts, a heap map,
 * tables and narration. {@code main(dir)} writes it to {@code dir/index.html} for a look in a browser.
 */
public final class SampleReport {
    private SampleReport() {
    }

    /** Writes the sample to the directory given as the first argument (default /tmp/report-sample). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/report-sample");
        build().write(dir);
        System.out.println(dir.resolve("index.html"));
    }

    /** The sample report; identical on every call. */
    static HtmlReport build() {
        int n = 20_000;
        long[] x = new long[n];
        long[] rss = new long[n];
        long[] heap = new long[n];
        long[] faults = new long[n];
        long[] faultsLru = new long[n];
        double[] latency = new double[n];
        long seed = 42;
        long f = 0;
        long fl = 0;
        for (int i = 0; i < n; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            double r = ((seed >>> 11) & ((1L << 53) - 1)) / (double) (1L << 53);
            x[i] = i;
            heap[i] = (long) ((1 + Math.sin(i / 1500.0)) * 18 * 1024 * 1024 + i * 512L);
            rss[i] = Math.max(heap[i] + 4L * 1024 * 1024, (long) (heap[i] * 1.25));
            f += r < 0.05 ? 1 : 0;
            fl += r < 0.03 ? 1 : 0;
            faults[i] = f;
            faultsLru[i] = fl;
            latency[i] = 80 + 40 * r + (i == 12_345 ? 250_000 : 0);
        }
        HtmlReport report = new HtmlReport("memsim report: size-mix on first-fit");
        report.footer("memsim 0.1.0-SNAPSHOT", "2025-01-01");
        HtmlReport.Section summary = report.section("Summary");
        summary.paragraph("The run replayed " + n + " events through `first-fit` over a 4 KiB-page kernel. "
                + "Peak RSS stayed under the `64 MiB` limit.");
        summary.keyValue("trace", "gen:sizes(ops=20000, dist=lognormal)");
        summary.keyValue("allocator", "`first-fit`");
        summary.keyValue("page size", "4 KiB");
        summary.table(List.of("metric", "value", "per event"), List.of(
                List.of("allocations", "10,012", "0.5"),
                List.of("peak heap", "61.2 MiB", "-"),
                List.of("page faults", "1,003", "0.05"),
                List.of("simulated time", "1.92 ms", "96 ns")));

        HtmlReport.Section memory = report.section("Memory over time");
        memory.paragraph("Heap in use and resident set size, sampled after every event.");
        memory.chart(SvgLineChart.render(Chart.builder("Heap and RSS").unit("bytes")
                .series("heap in use", x, heap).series("RSS", x, rss)
                .reference("limit", 64.0 * 1024 * 1024).build(), 900, 340), "RSS includes allocator metadata.");
        memory.chart(SvgLineChart.render(Chart.builder("Cumulative page faults").unit("faults")
                .series("FIFO", x, faults).series("LRU", x, faultsLru).build(), 900, 300));
        memory.chart(SvgLineChart.render(Chart.builder("Allocation latency").unit("ns")
                .series("malloc", x, latency).build(), 900, 300),
                "One slow call (a `brk` that faulted) survives decimation as a spike.");

        HtmlReport.Section compare = report.section("Allocators compared");
        List<String> allocators = List.of("first-fit", "best-fit", "segregated <fast>", "buddy");
        compare.chart(SvgBarChart.render("Peak heap", "bytes", allocators,
                new double[] {61.2 * 1024 * 1024, 58.9 * 1024 * 1024, 66.0 * 1024 * 1024, 80.5 * 1024 * 1024}, 900, 200));
        compare.chart(SvgBarChart.renderStacked("Simulated time per layer", "ns", allocators,
                List.of("allocator", "kernel", "MMU", "physical"),
                new double[][] {{900_000, 600_000, 300_000, 120_000}, {1_400_000, 580_000, 290_000, 118_000},
                    {300_000, 650_000, 320_000, 125_000}, {500_000, 900_000, 410_000, 160_000}}, 900, 220));
        HtmlReport.Section heapSection = compare.section("Heap layout at the end");
        List<long[]> spans = new ArrayList<>();
        long start = 0x5555_0000_0000L;
        long a = start;
        long s2 = 7;
        while (a < start + 200_000) {
            s2 = s2 * 6364136223846793005L + 1442695040888963407L;
            long size = 16 + ((s2 >>> 33) % 2000);
            long kind = (s2 >>> 20) % 10 < 7 ? 2 : 3;
            spans.add(new long[] {a, a + 16, 1});
            spans.add(new long[] {a + 16, a + 16 + size, kind});
            long padding = (16 - size % 16) % 16;
            if (padding > 0) {
                spans.add(new long[] {a + 16 + size, a + 16 + size + padding, 4});
            }
            a += 16 + size + padding;
        }
        long[] ss = new long[spans.size()];
        long[] se = new long[spans.size()];
        byte[] sk = new byte[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            ss[i] = spans.get(i)[0];
            se[i] = spans.get(i)[1];
            sk[i] = (byte) spans.get(i)[2];
        }
        heapSection.chart(HeapMapSvg.render("first-fit heap", start, start + 256 * 1024, ss, se, sk, 900));
        HtmlReport.Section narration = report.section("Narration");
        narration.preformatted("event 1     alloc #1 24 B  -> first-fit: no free block, brk +4 KiB\n"
                + "event 1     kernel: page fault at 0x555500000000, frame 17\n"
                + "event 2     free #1       -> first-fit: block 0x555500000010 (32 B) to free list");
        return report;
    }
}
