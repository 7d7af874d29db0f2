package org.memsim.cli.tour;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.gc.GcResult;

/** Mark-sweep pauses grow with the live heap: the same churn at three live-set sizes. */
final class MarkSweepPauseChapter implements Chapter {
    static final int[] ENTRIES = {5_000, 20_000, 80_000};

    @Override
    public String id() {
        return "marksweep-pause";
    }

    @Override
    public String title() {
        return "Mark-sweep: the pause grows with the heap";
    }

    @Override
    public ChapterResult run() throws IOException {
        Table t = new Table("live entries", "live heap", "collections", "pause p50", "pause max", "per live object");
        List<Figure.Line> lines = new ArrayList<>();
        List<GcResult> rs = new ArrayList<>();
        for (int e : ENTRIES) {
            String w = "gen:cache:entries=" + e + ",ops=" + (4 * e + 50_000) + ",size=128,churn=0.5,temps=2";
            long heapKib = Math.max(1024, (long) e * 128 * 5 / 2 / 1024);
            GcRuns g = GcRuns.run(w, "marksweep:heap=" + heapKib + "k,max=" + heapKib + "k");
            GcResult r = g.result(0);
            rs.add(r);
            long live = (long) e * 128;
            t.row(Numbers.count(e), Numbers.bytes(live), Numbers.count(r.collections()), Numbers.nanos(r.pauseP50Ns()),
                Numbers.nanos(r.pauseMaxNs()), Numbers.nanos((double) r.pauseP50Ns() / e));
            lines.add(g.pauses(0, Numbers.count(e) + " entries"));
        }
        GcResult small = rs.get(0);
        GcResult large = rs.get(rs.size() - 1);
        List<String> findings = List.of(
            "With " + Numbers.count(ENTRIES[0]) + " live entries a mark-sweep pause takes " + Numbers.nanos(small.pauseP50Ns())
                + " (median); with " + Numbers.count(ENTRIES[ENTRIES.length - 1]) + " it takes " + Numbers.nanos(large.pauseP50Ns())
                + ": " + GcRuns.ratio(large.pauseP50Ns(), small.pauseP50Ns()) + "× longer for "
                + GcRuns.ratio(ENTRIES[ENTRIES.length - 1], ENTRIES[0]) + "× the live data.",
            "The mark visits every live object and the sweep every allocated one, so the pause is proportional to the heap, "
                + "not to the garbage — the early JVMs' multi-second pauses on large heaps.",
            "The largest heap paused the program for " + Numbers.nanos(large.pauseTotalNs()) + " in total, leaving a mutator "
                + "utilization of " + Numbers.percent(large.mutatorUtilization()) + ".");
        return new ChapterResult(id(), title(), List.of(
            "A cache of N entries with churn (half the operations replace an entry, each allocates two temporaries) runs "
                + "through mark-sweep with a fixed heap of 2.5 times the live set, for three sizes of N.",
            "Pauses are simulated time under the cost model: a fixed 20 µs to stop the world, 10 ns per object marked, "
                + "2 ns per reference scanned, 4 ns per object swept."),
            List.of(), findings, List.of(new Figure("Each mark-sweep pause (µs) over the run", "µs", lines)),
            List.of(new ChapterResult.ChapterTable("Pause against live heap", t)));
    }
}
