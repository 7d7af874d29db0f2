package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.gc.GcResult;
import org.memsim.metrics.Metrics;

/** G1's regions: marking measures each old region's garbage; mixed collections take the most garbage first within the pause target. */
final class RegionalChapter implements Chapter {
    static final String WORKLOAD = "gen:cache:entries=20000,ops=300000,size=256,churn=0.5,temps=4";

    @Override
    public String id() {
        return "regional";
    }

    @Override
    public String title() {
        return "Garbage first: G1 choosing regions";
    }

    @Override
    public ChapterResult run() throws IOException {
        GcRuns g = GcRuns.run(WORKLOAD, "regional:heap=16m,region=256k,pause=10", "regional:heap=16m,region=256k,pause=1");
        GcResult loose = g.result(0);
        GcResult tight = g.result(1);
        Metrics m = g.stacks.get(0).metrics();
        Metrics mt = g.stacks.get(1).metrics();
        long candidates = m.counterNamed("gc.regional.candidateRegions").get();
        long evacuated = m.counterNamed("gc.regional.oldRegionsEvacuated").get();
        long reclaimed = m.counterNamed("gc.regional.garbageReclaimedBytes").get();
        long mixed = loose.collectionsByKind().getOrDefault("mixed", 0L);
        long markings = loose.collectionsByKind().getOrDefault("concurrent", 0L);
        long evacuatedTight = mt.counterNamed("gc.regional.oldRegionsEvacuated").get();
        long mixedTight = tight.collectionsByKind().getOrDefault("mixed", 0L);
        Table kinds = new Table("pause target", "young", "mixed", "marking (remark)", "full", "pause p50", "pause max",
            "old regions evacuated", "young target at end");
        for (int i = 0; i < 2; i++) {
            GcResult r = g.result(i);
            Metrics mm = g.stacks.get(i).metrics();
            kinds.row(i == 0 ? "10 ms" : "1 ms", Numbers.count(r.collectionsByKind().getOrDefault("young", 0L)),
                Numbers.count(r.collectionsByKind().getOrDefault("mixed", 0L)),
                Numbers.count(r.collectionsByKind().getOrDefault("concurrent", 0L)),
                Numbers.count(r.collectionsByKind().getOrDefault("full", 0L)), Numbers.nanos(r.pauseP50Ns()), Numbers.nanos(r.pauseMaxNs()),
                Numbers.count(mm.counterNamed("gc.regional.oldRegionsEvacuated").get()),
                Numbers.count(mm.gaugeNamed("gc.regional.youngTarget").read()));
        }
        List<String> findings = List.of(
            "Old regions passed the initiating occupancy (45%) " + Numbers.count(markings) + " time(s); each marking measured every old "
                + "region's live bytes and made " + Numbers.count(candidates) + " region(s) candidates in total.",
            Numbers.count(mixed) + " mixed collection(s) evacuated " + Numbers.count(evacuated) + " old region(s), most garbage first, "
                + "reclaiming " + Numbers.bytes(reclaimed) + " of dead data while copying only the live rest.",
            "With a 1 ms pause target G1 takes fewer old regions per mixed pause ("
                + GcRuns.ratio(evacuatedTight, Math.max(1, mixedTight)) + " against " + GcRuns.ratio(evacuated, Math.max(1, mixed))
                + ", in " + Numbers.count(mixedTight) + " mixed collections) and shrinks eden to " + Numbers.count(mt.gaugeNamed("gc.regional.youngTarget").read())
                + " regions; its longest pause was " + Numbers.nanos(tight.pauseMaxNs()) + " against " + Numbers.nanos(loose.pauseMaxNs())
                + " with 10 ms.",
            "Full collections (the fallback when an evacuation finds no free region, and the final one): "
                + Numbers.count(loose.collectionsByKind().getOrDefault("full", 0L)) + " with 10 ms, "
                + Numbers.count(tight.collectionsByKind().getOrDefault("full", 0L)) + " with 1 ms.");
        Figure pauses = new Figure("Pauses (µs) over the run", "µs", List.of(g.pauses(0, "target 10 ms"), g.pauses(1, "target 1 ms")));
        return new ChapterResult(id(), title(), List.of(
            "A cache of 20,000 entries of 256 bytes where half the operations replace an entry: old entries die steadily, "
                + "so old regions fill with garbage at different rates.",
            "A G1-like heap of 64 regions of 256 KiB: young collections evacuate eden; a marking cycle starts at 45% old "
                + "occupancy; mixed collections add the old regions with the most garbage while the predicted pause fits the target."),
            List.of(), findings, List.of(pauses), List.of(new ChapterResult.ChapterTable("Collections by kind", kinds),
                new ChapterResult.ChapterTable("Both runs", g.table())));
    }
}
