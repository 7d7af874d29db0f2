package org.memsim.cli.command;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.memsim.cli.AtomicFile;
import org.memsim.cli.Defaults;
import org.memsim.cli.ProgressBar;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.OutputOptions;
import org.memsim.cli.output.Table;
import org.memsim.layer.Layer;
import org.memsim.runtime.CsvOpsLog;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.real.RealAllocators;
import org.memsim.stack.ReplayTarget;
import org.memsim.trace.EventSource;
import org.memsim.trace.FileSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memsim replay}: one trace through the simulated stack, one row per allocator; an allocator
 * written {@code real:NAME} runs natively instead, so model and reality share one table.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a trace through the simulated stack (runtime → allocator → kernel → MMU → RAM); "
        + "several --allocator flags give one comparison table from a single pass. --allocator real:glibc "
        + "(or real:jemalloc, real:tcmalloc, real:mimalloc) replays the same trace on the real allocator natively.")
public class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRACE",
        description = "Trace file (format detected; .zst/.gz undone), '-' for standard input, or gen:NAME[:k=v,...].")
    String trace;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Input format instead of detecting it (see `memsim list formats`).")
    String format;

    @Option(names = "--seed", defaultValue = "" + Defaults.SEED, description = "Seed for gen: workloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ops-log", paramLabel = "FILE",
        description = "Write one CSV row per allocation-family op: index,op,id,size,address,searched. "
            + "With several allocators, FILE gets -1, -2, ... before its extension.")
    Path opsLog;

    @Option(names = "--check", description = "Verify the allocator's invariants after every operation (slow).")
    boolean check;

    @Option(names = "--force", description = "Replace an existing --ops-log file.")
    boolean force;

    @Option(names = "--html", paramLabel = "DIR",
        description = "Also write an HTML report to DIR/index.html: the table, time series of live bytes, heap size, "
            + "free blocks and fragmentation, simulated time by layer, and each allocator's heap map at the end.")
    Path html;

    @Mixin
    StackOptions stackOptions;

    @Mixin
    OutputOptions out;

    /** The allocator specs to run, in table order ({@code real:NAME} for native runs). */
    protected List<String> allocatorSpecs() {
        return stackOptions.allocators;
    }

    @Override
    public Integer call() throws IOException {
        EventSource source = Sources.of(trace, format, seed);
        String formatName = "generator";
        if (source instanceof FileSource) {
            formatName = ((FileSource) source).open().describeFormat();
        }
        List<String> specs = allocatorSpecs();
        List<ReplayTarget> targets = new ArrayList<>();
        List<Stack> stacks = new ArrayList<>();
        List<AtomicFile> logs = new ArrayList<>();
        List<Writer> writers = new ArrayList<>();
        try {
            for (int i = 0; i < specs.size(); i++) {
                CsvOpsLog log = null;
                if (opsLog != null) {
                    AtomicFile f = AtomicFile.create(logPath(opsLog, i, specs.size()), force, inputPath());
                    logs.add(f);
                    Writer w = new java.io.BufferedWriter(new OutputStreamWriter(f.stream(), StandardCharsets.UTF_8), 1 << 16);
                    writers.add(w);
                    log = new CsvOpsLog(w);
                }
                String spec = specs.get(i);
                if (RealAllocators.isRealSpec(spec)) {
                    targets.add(RealAllocators.create(spec, log));
                } else {
                    Stack st = Stack.build(stackOptions.spec(spec));
                    st.runtime().setCheck(check);
                    st.runtime().setOpsLog(log);
                    if (st.needsFuture()) {
                        st.provideFuture(org.memsim.stack.FutureScan.scan(Sources.of(trace, format, seed),
                            st.machine().vm().pageSize(), Stack.Mode.MANUAL));
                    }
                    stacks.add(st);
                    targets.add(st);
                }
            }
            List<StackResult> results;
            Stack first = stacks.isEmpty() ? null : stacks.get(0);
            try (ProgressBar bar = ProgressBar.start("replay", source::progress, () -> first == null ? 0 : first.events().count())) {
                results = Replay.run(source, targets);
            }
            for (int i = 0; i < logs.size(); i++) {
                writers.get(i).flush();
                logs.get(i).commit();
            }
            print(source, formatName, results, targets);
            if (html != null) {
                org.memsim.cli.report.ReplayReport.write(html, source.name(), formatName, results, targets);
                if (!out.json && !out.csv) {
                    System.out.println("report: " + html.resolve("index.html"));
                }
            }
        } finally {
            for (AtomicFile f : logs) {
                f.close();
            }
        }
        return 0;
    }

    private Path inputPath() {
        return trace.startsWith("gen:") || trace.equals("-") ? null : Path.of(trace);
    }

    static Path logPath(Path base, int i, int n) {
        if (n == 1) {
            return base;
        }
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String withIndex = dot > 0 ? name.substring(0, dot) + "-" + (i + 1) + name.substring(dot) : name + "-" + (i + 1);
        return base.resolveSibling(withIndex);
    }

    private void print(EventSource source, String formatName, List<StackResult> results, List<ReplayTarget> stacks) {
        if (out.json) {
            System.out.println(json(source.name(), formatName, results, stacks));
            return;
        }
        Table t = new Table("allocator", "ops", "failed", "peak live", "heap high-water", "utilization", "page faults",
            "resident pages", "time");
        for (StackResult r : results) {
            String time = r.realNanos() >= 0 ? out.nanos(r.realNanos()) + (out.csv ? "" : " real") : out.nanos(r.totalNanos());
            t.row(r.allocator(), out.count(r.ops()), out.count(r.failedOps()), out.bytes(r.peakLiveBytes()),
                out.bytes(r.heapHighWaterBytes()), out.percent(r.utilization()), out.count(r.pageFaults()),
                out.count(r.residentPages()), time);
        }
        if (!out.csv) {
            System.out.println("trace " + source.name() + " (" + formatName + "), " + org.memsim.cli.output.Numbers.count(results.get(0).events()) + " events");
            System.out.println();
        }
        System.out.print(out.render(t));
        if (out.csv) {
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            StackResult r = results.get(i);
            if (r.death() != null) {
                System.out.println("\n" + r.allocator() + ": process killed at event " + r.deathEvent() + " — " + r.death());
            }
            if (stacks.get(i) instanceof Stack) {
                notes((Stack) stacks.get(i), results.size() > 1 ? r.allocator() + ": " : "");
            }
        }
        if (opsLog != null) {
            for (int i = 0; i < results.size(); i++) {
                System.out.println("ops log: " + logPath(opsLog, i, results.size()) + (results.size() > 1 ? " (" + results.get(i).allocator() + ")" : ""));
            }
        }
    }

    private static void notes(Stack s, String prefix) {
        long brk = s.metrics().counterNamed("runtime.traceBrkIgnored").get();
        long managed = s.metrics().counterNamed("runtime.managedIgnored").get();
        long proc = s.metrics().counterNamed("runtime.processEvents").get();
        if (brk > 0) {
            System.out.println(prefix + brk + " brk event(s) of the trace not replayed: the simulated allocator moves the break itself.");
        }
        if (managed > 0) {
            System.out.println(prefix + managed + " managed-heap event(s) not simulated by the manual runtime.");
        }
        if (proc > 0) {
            System.out.println(prefix + proc + " process event(s) seen; replay simulates one process (memsim vm replays several).");
        }
    }

    /** The replay JSON document (schema in docs/json.md). */
    static String json(String traceName, String formatName, List<StackResult> results, List<ReplayTarget> stacks) {
        Json j = new Json().beginObject()
            .field("trace", traceName)
            .field("format", formatName)
            .field("events", results.isEmpty() ? 0 : results.get(0).events())
            .key("results").beginArray();
        for (int i = 0; i < results.size(); i++) {
            StackResult r = results.get(i);
            j.beginObject()
                .field("allocator", r.allocator())
                .field("ops", r.ops())
                .field("failedOps", r.failedOps())
                .field("peakLiveBytes", r.peakLiveBytes())
                .field("heapHighWaterBytes", r.heapHighWaterBytes())
                .field("utilization", r.utilization())
                .field("pageFaults", r.pageFaults())
                .field("residentPages", r.residentPages())
                .field("peakResidentPages", r.peakResidentPages())
                .field("liveBytesAtEnd", r.liveBytesAtEnd())
                .field("liveBlocksAtEnd", r.liveBlocksAtEnd())
                .field("internalFragBytes", r.internalFragBytesAtEnd())
                .field("externalFragmentation", r.externalFragAtEnd())
                .field("freeBlocks", r.freeBlocksAtEnd())
                .field("simulatedNanos", r.totalNanos())
                .field("realNanos", r.realNanos() < 0 ? Double.NaN : r.realNanos());
            j.key("nanosByLayer").beginObject();
            for (Layer l : Layer.values()) {
                j.field(l.name().toLowerCase(java.util.Locale.ROOT), r.nanosByLayer().get(l));
            }
            j.endObject();
            j.field("death", r.death());
            j.field("deathEvent", r.deathEvent());
            j.key("counters").beginObject();
            if (stacks.get(i) instanceof Stack) {
                ((Stack) stacks.get(i)).metrics().counters().forEach((name, c) -> j.field(name, c.get()));
            }
            j.endObject();
            j.endObject();
        }
        return j.endArray().endObject().toString();
    }
}
