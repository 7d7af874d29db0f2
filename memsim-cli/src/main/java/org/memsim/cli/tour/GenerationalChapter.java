package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.gc.GcResult;

/** The generational hypothesis: most objects die young, and a nursery collects them for almost nothing. */
final class GenerationalChapter implements Chapter {
    static final String WORKLOAD = "gen:request-scoped:requests=20000,objects=20,size=48,survive=0.02,keep=2000";

    @Override
    public String id() {
        return "generational";
    }

    @Override
    public String title() {
        return "Most objects die young: generational collection";
    }

    @Override
    public ChapterResult run() throws IOException {
        GcRuns g = GcRuns.run(WORKLOAD, "marksweep:heap=8m", "semispace:heap=8m", "generational:nursery=2m,heap=8m");
        GcResult ms = g.result(0);
        GcResult ss = g.result(1);
        GcResult gen = g.result(2);
        long minors = gen.collectionsByKind().getOrDefault("minor", 0L);
        double diedYoung = 1 - (double) gen.objectsCopied() / Math.max(1, gen.objectsAllocated());
        long promoted = g.stacks.get(2).metrics().counterNamed("gc.objectsPromoted").get();
        List<String> findings = List.of(
            Numbers.percent(diedYoung) + " of the " + Numbers.count(gen.objectsAllocated()) + " objects were never copied: they "
                + "died in the nursery before their first minor collection. Only " + Numbers.count(promoted) + " were promoted.",
            "The generational collector ran " + Numbers.count(minors) + " minor collections with a median pause of "
                + Numbers.nanos(gen.pauseP50Ns()) + "; mark-sweep's median pause on the same trace was " + Numbers.nanos(ms.pauseP50Ns())
                + " (" + GcRuns.ratio(ms.pauseP50Ns(), gen.pauseP50Ns()) + "× longer).",
            "Total collector work: generational " + Numbers.nanos(gen.gcWorkNs()) + ", semispace " + Numbers.nanos(ss.gcWorkNs())
                + ", mark-sweep " + Numbers.nanos(ms.gcWorkNs()) + ". Copying costs only the survivors, while mark-sweep also "
                + "sweeps every dead object" + (ss.gcWorkNs() < gen.gcWorkNs()
                    ? "; semispace did the least work here, because the nursery copies survivors again at each minor collection "
                        + "until they are promoted — what the generations buy is the short pauses."
                    : "; the nursery did the least work: most collections never look at the long-lived session table."),
            "The card table found the old-to-young references: " + Numbers.count(g.stacks.get(2).metrics().counterNamed("gc.cardsScanned").get())
                + " dirty cards scanned over all minor collections.");
        Figure pauses = new Figure("Pauses (µs) over the run", "µs", List.of(g.pauses(0, "marksweep"), g.pauses(2, "generational")));
        return new ChapterResult(id(), title(), List.of(
            "A server handles 20,000 requests; each allocates 20 temporaries that die when the request ends, and 2% of "
                + "them are kept in a session table of 2,000 slots (overwritten round-robin).",
            "The same trace runs through mark-sweep, semispace copying, and a generational collector (2 MiB copying nursery, "
                + "promotion after 2 survivals, mark-sweep old generation, card-marking barrier)."),
            List.of(), findings, List.of(pauses), List.of(new ChapterResult.ChapterTable("Collectors on request-scoped garbage", g.table())));
    }
}
