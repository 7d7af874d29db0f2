package org.memsim.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memsim.InputException;
import org.memsim.cli.Defaults;
import org.memsim.cli.ProgressBar;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.OutputOptions;
import org.memsim.cli.output.Table;
import org.memsim.cli.report.Chart;
import org.memsim.cli.report.HtmlReport;
import org.memsim.cli.report.ScenarioSection;
import org.memsim.cli.report.SvgLineChart;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.TimeSeries;
import org.memsim.spec.Spec;
import org.memsim.stack.FutureScan;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;
import org.memsim.stack.VmSummary;
import org.memsim.trace.EventSource;
import org.memsim.trace.FileSource;
import org.memsim.vm.Addresses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memsim vm}: a trace's raw accesses, mappings and process events through the virtual-memory
 * layer — page tables, TLB, faults, swap, overcommit, the page cache — reported per process and in
 * total, with time series (faults, TLB miss rate, resident set) for an HTML report.
 */
@Command(name = "vm", mixinStandardHelpOptions = true,
    description = "Replay a trace (Lackey, din, memsim, or gen:...) through processes, page tables, TLB, physical memory "
        + "and swap; report faults, TLB behaviour, memory and simulated time per process and in total.")
public final class VmCommand implements Callable<Integer> {
    /** The series drawn in the report, in order. */
    static final List<String> SERIES = List.of("vm.faults", "vm.majorFaults", "tlb.missRatePermille", "kernel.residentPages",
        "kernel.swapUsedPages");

    @Parameters(index = "0", paramLabel = "TRACE",
        description = "Trace file (format detected; .zst/.gz undone), '-' for standard input, or gen:NAME[:k=v,...].")
    String trace;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Input format instead of detecting it.")
    String format;

    @Option(names = "--seed", defaultValue = "" + Defaults.SEED, description = "Seed for gen: workloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--vm", paramLabel = "SPEC", defaultValue = "x86-64",
        description = "VM hardware spec (default: ${DEFAULT-VALUE}; flat for the foundation's single-level table).")
    String vm;

    @Option(names = "--page-size", paramLabel = "SIZE", description = "Page size: 4k or 16k (sets the vm spec's page).")
    String pageSize;

    @Option(names = "--levels", paramLabel = "N", description = "Page-table levels of x86-64: 4 or 5.")
    String levels;

    @Option(names = "--ram", paramLabel = "BYTES", description = "Physical memory (sets the vm spec's ram; default 8g).")
    String ram;

    @Option(names = "--frames", paramLabel = "N", description = "Physical memory in page frames, instead of --ram.")
    Long frames;

    @Option(names = "--swap", paramLabel = "BYTES", description = "Swap device size (default 0: no swap).")
    String swap;

    @Option(names = "--tlb", paramLabel = "SPEC", defaultValue = StackSpec.DEFAULT_TLB,
        description = "TLB spec, e.g. tlb:l1d=64x4,l2=1536x12,asid=true (default: ${DEFAULT-VALUE}; see `memsim list tlb`).")
    String tlb;

    @Option(names = "--policy", paramLabel = "SPEC", defaultValue = StackSpec.DEFAULT_POLICY,
        description = "Page replacement: fifo, lru, clock, second-chance, lfu, random, opt, aging, ws (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--kernel", paramLabel = "SPEC", defaultValue = StackSpec.DEFAULT_KERNEL,
        description = "Kernel spec (default: ${DEFAULT-VALUE}; e.g. linux:unmapped=segv).")
    String kernel;

    @Option(names = "--overcommit", paramLabel = "MODE", description = "vm.overcommit_memory: 0 heuristic, 1 always, 2 never.")
    String overcommit;

    @Option(names = "--thp", paramLabel = "MODE", description = "Transparent huge pages: never, madvise, always.")
    String thp;

    @Option(names = "--cost", paramLabel = "SPEC", defaultValue = StackSpec.DEFAULT_COST, description = "Cost model spec (default: ${DEFAULT-VALUE}).")
    String cost;

    @Option(names = "--html", paramLabel = "DIR", description = "Also write an HTML report with the time series to DIR/index.html.")
    Path html;

    @Mixin
    OutputOptions out;

    /** The stack spec the options describe. */
    StackSpec spec() {
        Spec v = Spec.parse(vm);
        if (pageSize != null) {
            v = v.with("page", pageSize);
        }
        if (levels != null) {
            v = v.with("levels", levels);
        }
        if (frames != null && ram != null) {
            throw new InputException("give --frames or --ram, not both");
        }
        if (ram != null) {
            v = v.with("ram", ram);
        }
        if (frames != null) {
            if (frames <= 0) {
                throw new InputException("--frames " + frames + ": expected a positive number of frames");
            }
            long page = pageSize == null ? 4096 : org.memsim.spec.Values.parseBytes(pageSize);
            if (v.settings().containsKey("page")) {
                page = org.memsim.spec.Values.parseBytes(v.settings().get("page"));
            }
            if (frames > (1L << 50) / page) {
                throw new InputException("--frames " + frames + ": more than 1 PiB of RAM");
            }
            v = v.with("ram", Long.toString(frames * page));
        }
        if (swap != null) {
            v = v.with("swap", swap);
        }
        Spec k = Spec.parse(kernel);
        if (overcommit != null) {
            k = k.with("overcommit", overcommit);
        }
        if (thp != null) {
            k = k.with("thp", thp);
        }
        return new StackSpec(Spec.parse(StackSpec.DEFAULT_ALLOCATOR), k, v, Spec.parse(cost), Spec.parse(tlb), Spec.parse(policy));
    }

    @Override
    public Integer call() throws IOException {
        StackSpec spec = spec();
        Stack stack = Stack.build(spec, LayerLog.OFF, Stack.Mode.PROCESSES);
        EventSource source = Sources.of(trace, format, seed);
        String formatName = "generator";
        if (source instanceof FileSource) {
            formatName = ((FileSource) source).open().describeFormat();
        }
        if (stack.needsFuture()) {
            if (trace.equals("-")) {
                throw new InputException("policy opt reads the trace twice (once ahead); standard input can be read only once");
            }
            stack.provideFuture(FutureScan.scan(Sources.of(trace, format, seed), stack.machine().vm().pageSize(), Stack.Mode.PROCESSES));
        }
        try (ProgressBar bar = ProgressBar.start("vm", source::progress, () -> stack.events().count())) {
            Replay.run(source, List.of(stack));
        }
        VmSummary summary = VmSummary.of(stack);
        Path report = html == null ? null : writeHtml(source.name(), spec, stack, summary, html);
        if (out.json) {
            System.out.println(json(source.name(), formatName, spec, stack, summary));
        } else if (out.csv) {
            System.out.print(processTable(summary, out).toCsv());
        } else {
            System.out.print(text(source.name(), formatName, spec, summary, out));
            if (report != null) {
                System.out.println("report: " + report);
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ text

    static Table processTable(VmSummary s, OutputOptions o) {
        Table t = new Table("pid", "state", "events", "accesses", "TLB misses", "minor faults", "major faults", "COW faults",
            "swap-outs", "peak RSS", "RSS at end", "swapped", "page tables");
        List<VmSummary.ProcessRow> rows = new ArrayList<>(s.processes());
        rows.add(s.total());
        for (VmSummary.ProcessRow r : rows) {
            boolean total = r.pid() < 0;
            t.row(total ? "total" : Integer.toString(r.pid()), total ? "" : r.state(), o.count(r.events()), o.count(r.accesses()),
                o.count(r.tlbMisses()), o.count(r.minorFaults()), o.count(r.majorFaults()), o.count(r.cowFaults()),
                o.count(r.swapOuts()), pages(r.peakResidentPages(), s.memory().pageSize(), o), pages(r.residentPages(), s.memory().pageSize(), o),
                pages(r.swappedPages(), s.memory().pageSize(), o), pages(r.pageTablePages(), s.memory().pageSize(), o));
        }
        return t;
    }

    private static String pages(long n, int page, OutputOptions o) {
        return o.csv ? Long.toString(n) : Numbers.count(n) + " (" + Numbers.bytes(n * page) + ")";
    }

    static String text(String name, String formatName, StackSpec spec, VmSummary s, OutputOptions o) {
        StringBuilder sb = new StringBuilder();
        sb.append("trace ").append(name).append(" (").append(formatName).append("), ").append(Numbers.count(s.events())).append(" events\n");
        sb.append("vm ").append(spec.vm()).append("  tlb ").append(spec.tlb()).append("  policy ").append(spec.policy())
            .append("  kernel ").append(spec.kernel()).append("\n\n");
        sb.append(processTable(s, o).toText());
        for (VmSummary.ProcessRow r : s.processes()) {
            if (!r.detail().isEmpty()) {
                sb.append("pid ").append(r.pid()).append(": ").append(r.detail()).append('\n');
            }
        }
        VmSummary.TlbRow t = s.tlb();
        sb.append('\n');
        if (t.present()) {
            sb.append(String.format(Locale.ROOT, "TLB: %s lookups, %s L1 hits, %s L2 hits, %s misses (%.2f%%); walks read %.2f entries each "
                    + "(%s page-walk-cache hits); %s flushes, %s ASID switches, %s ASIDs recycled%n",
                Numbers.count(t.lookups()), Numbers.count(t.l1Hits()), Numbers.count(t.l2Hits()), Numbers.count(t.misses()),
                100 * t.missRate(), t.readsPerWalk(), Numbers.count(t.pwcHits()), Numbers.count(t.flushes()),
                Numbers.count(t.asidSwitches()), Numbers.count(t.asidRecycles())));
            sb.append("TLB reach (L2): ").append(Numbers.bytes(t.reachBase())).append(" with ").append(Numbers.bytes(s.memory().pageSize()))
                .append(" pages, ").append(Numbers.bytes(t.reachHuge())).append(" with huge pages\n");
        } else {
            sb.append("TLB: none (every translation reads the page table, charged as a hit)\n");
        }
        VmSummary.MemoryRow m = s.memory();
        sb.append(String.format(Locale.ROOT, "Memory: %s frames of %s (%s); peak %s in use, %s at the end; page tables %s pages, page cache %s pages%n",
            Numbers.count(m.frames()), Numbers.bytes(m.pageSize()), Numbers.bytes(m.frames() * m.pageSize()), Numbers.count(m.peakFrames()),
            Numbers.count(m.framesInUse()), Numbers.count(m.pageTablePages()), Numbers.count(m.pageCachePages())));
        sb.append(String.format(Locale.ROOT, "Paging: %s zero fills, %s evictions, %s swap-ins, %s swap-outs, %s write-backs, %s THP faults, %s hugetlb faults%n",
            Numbers.count(m.zeroFills()), Numbers.count(m.evictions()), Numbers.count(m.swapIns()), Numbers.count(m.swapOuts()),
            Numbers.count(m.writeBacks()), Numbers.count(m.thpFaults()), Numbers.count(m.hugetlbFaults())));
        sb.append(String.format(Locale.ROOT, "Swap: %s slots, %s in use, peak %s%n", Numbers.count(m.swapSlots()), Numbers.count(m.swapUsed()),
            Numbers.count(m.swapPeak())));
        sb.append(String.format(Locale.ROOT, "Overcommit mode %d: committed %s of CommitLimit %s, %s requests refused; %s context switches, %s forks%n",
            m.overcommitMode(), Numbers.bytes(m.committedBytes()), Numbers.bytes(m.commitLimitBytes()), Numbers.count(m.overcommitRefusals()),
            Numbers.count(m.contextSwitches()), Numbers.count(m.forks())));
        sb.append("Simulated time: ").append(Numbers.nanos(s.totalNanos()));
        String sep = " (";
        for (Layer l : Layer.values()) {
            double ns = s.nanosByLayer().get(l);
            if (ns > 0) {
                sb.append(sep).append(l.label()).append(' ').append(Numbers.nanos(ns));
                sep = ", ";
            }
        }
        sb.append(sep.equals(", ") ? ")" : "");
        if (s.diskNanos() > 0) {
            sb.append("; disk I/O ").append(Numbers.nanos(s.diskNanos())).append(" of it");
        }
        sb.append('\n');
        return sb.toString();
    }

    // ------------------------------------------------------------------ JSON

    static String json(String name, String formatName, StackSpec spec, Stack stack, VmSummary s) {
        Json j = new Json().beginObject().field("trace", name).field("format", formatName).field("events", s.events());
        j.key("spec").beginObject().field("vm", spec.vm().toString()).field("tlb", spec.tlb().toString())
            .field("policy", spec.policy().toString()).field("kernel", spec.kernel().toString()).field("cost", spec.cost().toString()).endObject();
        j.key("processes").beginArray();
        for (VmSummary.ProcessRow r : s.processes()) {
            process(j, r);
        }
        j.endArray().key("total");
        process(j, s.total());
        VmSummary.TlbRow t = s.tlb();
        j.key("tlb").beginObject().field("present", t.present()).field("lookups", t.lookups()).field("l1Hits", t.l1Hits())
            .field("l2Hits", t.l2Hits()).field("misses", t.misses()).field("missRate", t.missRate()).field("walkReads", t.walkReads())
            .field("pwcHits", t.pwcHits()).field("flushes", t.flushes()).field("invalidations", t.invalidations())
            .field("asidSwitches", t.asidSwitches()).field("asidRecycles", t.asidRecycles()).field("reachBytes", t.reachBase())
            .field("hugeReachBytes", t.reachHuge()).endObject();
        VmSummary.MemoryRow m = s.memory();
        j.key("memory").beginObject().field("frames", m.frames()).field("pageSize", m.pageSize()).field("framesInUse", m.framesInUse())
            .field("peakFrames", m.peakFrames()).field("residentPages", m.residentPages()).field("pageTablePages", m.pageTablePages())
            .field("pageCachePages", m.pageCachePages()).field("swapSlots", m.swapSlots()).field("swapUsed", m.swapUsed())
            .field("swapPeak", m.swapPeak()).field("swapIns", m.swapIns()).field("swapOuts", m.swapOuts())
            .field("writeBacks", m.writeBacks()).field("evictions", m.evictions()).field("zeroFills", m.zeroFills())
            .field("thpFaults", m.thpFaults()).field("hugetlbFaults", m.hugetlbFaults()).field("committedBytes", m.committedBytes())
            .field("commitLimitBytes", m.commitLimitBytes()).field("overcommitMode", m.overcommitMode())
            .field("overcommitRefusals", m.overcommitRefusals()).field("contextSwitches", m.contextSwitches())
            .field("forks", m.forks()).endObject();
        j.field("simulatedNanos", s.totalNanos()).field("diskNanos", s.diskNanos());
        j.key("nanosByLayer").beginObject();
        for (Layer l : Layer.values()) {
            j.field(l.name().toLowerCase(Locale.ROOT), s.nanosByLayer().get(l));
        }
        j.endObject().key("series").beginObject();
        for (String series : SERIES) {
            TimeSeries ts = stack.metrics().seriesNamed(series);
            j.key(series).beginArray();
            for (int i = 0; i < ts.size(); i++) {
                j.beginArray().value(ts.indexAt(i)).value(ts.valueAt(i)).endArray();
            }
            j.endArray();
        }
        return j.endObject().endObject().toString();
    }

    private static void process(Json j, VmSummary.ProcessRow r) {
        j.beginObject();
        if (r.pid() >= 0) {
            j.field("pid", r.pid()).field("parent", r.parent()).field("state", r.state()).field("detail", r.detail().isEmpty() ? null : r.detail());
        }
        j.field("events", r.events()).field("accesses", r.accesses()).field("tlbMisses", r.tlbMisses()).field("walks", r.walks())
            .field("minorFaults", r.minorFaults()).field("majorFaults", r.majorFaults()).field("cowFaults", r.cowFaults())
            .field("swapOuts", r.swapOuts()).field("hugeFaults", r.hugeFaults()).field("peakResidentPages", r.peakResidentPages())
            .field("residentPages", r.residentPages()).field("swappedPages", r.swappedPages())
            .field("pageTablePages", r.pageTablePages()).field("committedBytes", r.committedBytes()).endObject();
    }

    // ------------------------------------------------------------------ HTML

    static Path writeHtml(String name, StackSpec spec, Stack stack, VmSummary s, Path dir) throws IOException {
        HtmlReport report = new HtmlReport("memsim vm: " + name);
        HtmlReport.Section sec = report.section("Virtual memory replay");
        sec.keyValue("trace", name);
        sec.keyValue("events", Numbers.count(s.events()));
        sec.keyValue("vm", spec.vm().toString());
        sec.keyValue("tlb", spec.tlb().toString());
        sec.keyValue("policy", spec.policy().toString());
        sec.keyValue("kernel", spec.kernel().toString());
        Table t = processTable(s, new OutputOptions());
        sec.table(t.columns(), t.rows());
        sec.preformatted(text(name, "", spec, s, new OutputOptions()).lines().skip(2).filter(l -> l.startsWith("TLB") || l.startsWith("Memory")
            || l.startsWith("Paging") || l.startsWith("Swap") || l.startsWith("Overcommit") || l.startsWith("Simulated"))
            .reduce("", (a, b) -> a + b + "\n"));
        HtmlReport.Section charts = report.section("Over time");
        for (String series : SERIES) {
            TimeSeries ts = stack.metrics().seriesNamed(series);
            Chart.Builder b = Chart.builder(stack.metrics().gaugeNamed(series).help()).xLabel("events").unit(ts.unit());
            b.series(series, ts.indexes(), ts.values());
            charts.chart(SvgLineChart.render(b.build(), ScenarioSection.WIDTH, ScenarioSection.HEIGHT));
        }
        report.footer("memsim 0.1.0 — memsim vm", null);
        report.write(dir);
        return dir.resolve("index.html");
    }

    static String hex(long a) {
        return Addresses.hex(a);
    }
}
