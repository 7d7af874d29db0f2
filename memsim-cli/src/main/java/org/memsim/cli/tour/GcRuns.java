package org.memsim.cli.tour;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.gc.GcResult;
import org.memsim.gc.PauseLog;
import org.memsim.stack.ManagedStack;
import org.memsim.stack.Replay;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.GeneratorSource;

/** What the garbage-collection chapters share: one generated workload through several collectors in one pass, and their table. */
final class GcRuns {
    final String workload;
    final List<String> collectors;
    final List<ManagedStack> stacks = new ArrayList<>();
    final List<GcResult> results = new ArrayList<>();

    private GcRuns(String workload, List<String> collectors) {
        this.workload = workload;
        this.collectors = collectors;
    }

    /** Replays {@code gen:…} (seed 0) through each collector on the default stack, with the oracle on. */
    static GcRuns run(String workload, String... collectors) throws IOException {
        GcRuns r = new GcRuns(workload, List.of(collectors));
        for (String c : collectors) {
            ManagedStack s = ManagedStack.build(StackSpec.defaults(), c);
            s.runtime().setCheck(true);
            r.stacks.add(s);
        }
        Replay.run(GeneratorSource.parse(workload, 0), r.stacks);
        for (ManagedStack s : r.stacks) {
            r.results.add(s.gcResult());
        }
        return r;
    }

    GcResult result(int i) {
        return results.get(i);
    }

    /** The comparison table of {@code memsim gc}. */
    Table table() {
        Table t = new Table("collector", "collections", "freed", "leaked", "peak heap", "pause p50", "pause p99", "pause max",
            "GC work", "mutator util.", "peak resident");
        for (int i = 0; i < results.size(); i++) {
            GcResult r = results.get(i);
            t.row(collectors.get(i), Numbers.count(r.collections()), Numbers.count(r.objectsFreed()), Numbers.count(r.objectsLeaked()),
                Numbers.bytes(r.peakHeapBytes()), Numbers.nanos(r.pauseP50Ns()), Numbers.nanos(r.pauseP99Ns()),
                Numbers.nanos(r.pauseMaxNs()), Numbers.nanos(r.gcWorkNs()), Numbers.percent(r.mutatorUtilization()),
                Numbers.bytes(r.peakResidentBytes()));
        }
        return t;
    }

    /** The pause timeline of stack {@code i}: one point per pause (event index, µs). */
    Figure.Line pauses(int i, String label) {
        PauseLog log = stacks.get(i).runtime().context().stats.pauseLog;
        long[] ns = log.pauses();
        long[] us = new long[ns.length];
        for (int k = 0; k < ns.length; k++) {
            us[k] = Math.round(ns[k] / 1000.0);
        }
        return new Figure.Line(label, log.eventIndexes(), us);
    }

    /** A sampled series of stack {@code i}. */
    Figure.Line series(int i, String name, String label) {
        return Figure.Line.of(label, stacks.get(i).metrics().seriesNamed(name));
    }

    static String ratio(double a, double b) {
        return b == 0 ? "∞" : String.format(java.util.Locale.ROOT, "%.1f", a / b);
    }
}
