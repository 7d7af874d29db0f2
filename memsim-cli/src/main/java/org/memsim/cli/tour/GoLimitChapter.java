package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.gc.GcResult;
import org.memsim.metrics.TimeSeries;

/** A Go-like runtime's resident memory with and without a soft memory limit (GOMEMLIMIT), as a container limit sees it. */
final class GoLimitChapter implements Chapter {
    static final String WORKLOAD = "gen:cache:entries=20000,ops=200000,size=512,churn=0.5,temps=8";
    static final long LIMIT = 24L << 20;

    @Override
    public String id() {
        return "go-limit";
    }

    @Override
    public String title() {
        return "Resident memory against a soft limit: a Go-like runtime";
    }

    @Override
    public ChapterResult run() throws IOException {
        GcRuns g = GcRuns.run(WORKLOAD, "concurrent:gogc=400", "concurrent:gogc=400,limit=24m");
        GcResult free = g.result(0);
        GcResult limited = g.result(1);
        long goalFree = g.stacks.get(0).metrics().seriesNamed("gc.concurrent.heapGoal").max();
        long goalLimited = g.stacks.get(1).metrics().seriesNamed("gc.concurrent.heapGoal").max();
        List<String> findings = List.of(
            "With GOGC=400 and no limit the heap may grow to five times the live data: resident memory peaked at "
                + Numbers.bytes(free.peakResidentBytes()) + " after " + Numbers.count(free.collections()) + " collection phases.",
            "With a soft limit of " + Numbers.bytes(LIMIT) + " the pacer lowers the heap goal to the limit: "
                + Numbers.count(limited.collections()) + " phases instead, resident memory peaked at " + Numbers.bytes(limited.peakResidentBytes())
                + " — under the limit, so a container limit of " + Numbers.bytes(LIMIT) + " is never hit.",
            "Collecting more often costs CPU: GC work rose from " + Numbers.nanos(free.gcWorkNs()) + " to " + Numbers.nanos(limited.gcWorkNs())
                + ", mutator assists included; pauses stay short (max " + Numbers.nanos(limited.pauseMaxNs()) + ") because marking runs beside the program.",
            "The pacer's heap goal is what moves: at most " + Numbers.bytes(goalFree) + " with GOGC alone, at most "
                + Numbers.bytes(goalLimited) + " with the limit. Resident memory follows the goal, not the live data — a container's "
                + "OOM killer sees the resident set, which is why an unlimited Go heap can be OOMKilled while its live data is small.");
        TimeSeries rs = g.stacks.get(1).metrics().seriesNamed("kernel.residentPages");
        long[] limitLine = new long[rs.size()];
        java.util.Arrays.fill(limitLine, LIMIT / 4096);
        Figure resident = new Figure("Resident pages (4 KiB) over the run", "pages", List.of(
            g.series(0, "kernel.residentPages", "no limit"), g.series(1, "kernel.residentPages", "limit=24m"),
            new Figure.Line("the limit", rs.indexes(), limitLine)));
        return new ChapterResult(id(), title(), List.of(
            "The seed: \"Go's GC can hold onto pages even after objects are freed … Kubernetes sees the limit hit, OOMKilled. "
                + "The fix is … runtime/debug.SetMemoryLimit (Go 1.19+).\"",
            "A cache workload (10 MiB live, steady churn) runs through a Go-like concurrent collector: GOGC=400, then with "
                + "GOMEMLIMIT=24 MiB."),
            List.of(), findings, List.of(resident), List.of(new ChapterResult.ChapterTable("Two configurations", g.table())));
    }
}
