package org.memsim.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.memsim.cli.Defaults;
import org.memsim.cli.ProgressBar;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.OutputOptions;
import org.memsim.cli.output.Table;
import org.memsim.gc.GcResult;
import org.memsim.spec.Spec;
import org.memsim.stack.ManagedStack;
import org.memsim.stack.Replay;
import org.memsim.stack.StackSpec;
import org.memsim.trace.EventSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memsim gc}: one mutator trace through several garbage collectors, one row each, from a single pass. */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = "Replay a managed-heap trace (new objects, reference writes, roots) through garbage collectors on the simulated "
        + "stack and compare pauses, GC work, heap, resident memory and leaks. Each collector ends with one full collection of its "
        + "own kind; objectsLeaked counts what is unreachable and still allocated after it.")
public final class GcCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRACE",
        description = "Trace file (format detected), '-' for standard input, or gen:NAME[:k=v,...] (e.g. gen:node-cycle:pairs=1000).")
    String trace;

    @Option(names = "--collector", paramLabel = "SPEC", defaultValue = "marksweep",
        description = "Collector spec, e.g. rc:cycles=false, generational:nursery=8m. Repeat to compare (default: ${DEFAULT-VALUE}; "
            + "see `memsim list collectors`).")
    List<String> collectors = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "Input format instead of detecting it.")
    String format;

    @Option(names = "--seed", defaultValue = "" + Defaults.SEED, description = "Seed for gen: workloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--check", description = "Run the correctness oracle after every collection (slow on large heaps).")
    boolean check;

    @Option(names = "--kernel", paramLabel = "SPEC", defaultValue = Defaults.KERNEL, description = "Kernel spec (default: ${DEFAULT-VALUE}).")
    String kernel;

    @Option(names = "--vm", paramLabel = "SPEC", defaultValue = Defaults.VM, description = "VM hardware spec (default: ${DEFAULT-VALUE}).")
    String vm;

    @Option(names = "--cost", paramLabel = "SPEC", defaultValue = Defaults.COST,
        description = "Cost model spec, including the GC keys (default: ${DEFAULT-VALUE}; see `memsim list cost`).")
    String cost;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() throws IOException {
        EventSource source = Sources.of(trace, format, seed);
        StackSpec base = new StackSpec(Spec.parse(Defaults.ALLOCATOR), Spec.parse(kernel), Spec.parse(vm), Spec.parse(cost));
        List<ManagedStack> stacks = new ArrayList<>();
        for (String c : collectors) {
            ManagedStack s = ManagedStack.build(base, c);
            s.runtime().setCheck(check);
            stacks.add(s);
        }
        ManagedStack first = stacks.get(0);
        try (ProgressBar bar = ProgressBar.start("gc", source::progress, () -> first.events().count())) {
            Replay.run(source, stacks);
        }
        List<GcResult> results = new ArrayList<>();
        for (ManagedStack s : stacks) {
            results.add(s.gcResult());
        }
        if (out.json) {
            System.out.println(json(source.name(), collectors, results));
            return 0;
        }
        Table t = new Table("collector", "collections", "freed", "leaked", "peak heap", "pause p50", "pause p99", "pause max",
            "GC work", "mutator util.", "peak resident");
        for (int i = 0; i < results.size(); i++) {
            GcResult r = results.get(i);
            t.row(collectors.get(i), out.count(r.collections()), out.count(r.objectsFreed()), out.count(r.objectsLeaked()),
                out.bytes(r.peakHeapBytes()), out.nanos(r.pauseP50Ns()), out.nanos(r.pauseP99Ns()), out.nanos(r.pauseMaxNs()),
                out.nanos(r.gcWorkNs()), out.percent(r.mutatorUtilization()), out.bytes(r.peakResidentBytes()));
        }
        if (!out.csv) {
            System.out.println("trace " + source.name() + ", " + Numbers.count(results.get(0).events()) + " events, "
                + Numbers.count(results.get(0).objectsAllocated()) + " objects allocated");
            System.out.println();
        }
        System.out.print(out.render(t));
        if (!out.csv) {
            if (results.get(0).objectsAllocated() == 0 && results.get(0).events() > 0) {
                System.out.println("note: the trace has no managed-heap events (new, ref, root); for malloc/free traces use `memsim replay`.");
            }
            for (int i = 0; i < results.size(); i++) {
                GcResult r = results.get(i);
                System.out.println(collectors.get(i) + ": " + kinds(r) + (r.death() != null ? "; died at event " + r.deathEvent()
                    + ": " + r.death() : ""));
            }
        }
        return 0;
    }

    private static String kinds(GcResult r) {
        if (r.collectionsByKind().isEmpty()) {
            return "no collections";
        }
        StringBuilder sb = new StringBuilder();
        r.collectionsByKind().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(Numbers.count(v)).append(' ').append(k));
        return sb.toString();
    }

    /** The gc JSON document (schema in docs/json.md). */
    static String json(String traceName, List<String> specs, List<GcResult> results) {
        Json j = new Json().beginObject().field("trace", traceName)
            .field("events", results.isEmpty() ? 0 : results.get(0).events())
            .key("collectors").beginArray();
        for (int i = 0; i < results.size(); i++) {
            GcResult r = results.get(i);
            j.beginObject()
                .field("spec", specs.get(i))
                .field("collector", r.spec())
                .field("collections", r.collections())
                .field("objectsAllocated", r.objectsAllocated())
                .field("objectsFreed", r.objectsFreed())
                .field("objectsLeaked", r.objectsLeaked())
                .field("peakHeapBytes", r.peakHeapBytes())
                .field("pauseP50Ns", r.pauseP50Ns())
                .field("pauseP99Ns", r.pauseP99Ns())
                .field("pauseMaxNs", r.pauseMaxNs())
                .field("pauseTotalNs", r.pauseTotalNs())
                .field("gcWorkNs", r.gcWorkNs())
                .field("mutatorUtilization", r.mutatorUtilization())
                .field("objectsCopied", r.objectsCopied())
                .field("bytesCopied", r.bytesCopied())
                .field("pageFaults", r.pageFaults())
                .field("peakResidentBytes", r.peakResidentBytes())
                .field("residentBytesAtEnd", r.residentBytesAtEnd())
                .field("simulatedNanos", r.simulatedNanos());
            j.key("collectionsByKind").beginObject();
            r.collectionsByKind().forEach(j::field);
            j.endObject();
            j.field("death", r.death());
            j.endObject();
        }
        return j.endArray().endObject().toString();
    }
}
