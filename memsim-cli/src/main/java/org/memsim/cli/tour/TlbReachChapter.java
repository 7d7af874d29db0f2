package org.memsim.cli.tour;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.layer.LayerLog;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.spec.Spec;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;
import org.memsim.vm.tlb.TlbHierarchy;
import org.memsim.vm.tlb.TlbStats;

/** The TLB's reach: a working set swept across it, with 4 KiB and 2 MiB pages (the seed's 2 GB: 500,000 entries vs 1,000). */
final class TlbReachChapter implements Chapter {
    /** Working sets of the sweep, in MiB. */
    static final long[] SIZES_MIB = {1, 2, 4, 6, 8, 16, 64, 256};
    static final long BASE = 0x7f0000000000L;

    @Override
    public String id() {
        return "tlb-reach";
    }

    @Override
    public String title() {
        return "The TLB and huge pages: a working set swept across the TLB's reach";
    }

    /** Miss rate (per mille) of the second sweep over {@code mib} MiB, one access per 4 KiB. */
    static long secondSweepMissPermille(long mib, boolean huge) {
        StackSpec spec = new StackSpec(Spec.parse("freelist"), Spec.parse("linux:thp=" + (huge ? "always" : "never")),
            Spec.parse("x86-64:ram=8g"), Spec.parse("cost"), Spec.parse("tlb"), Spec.parse("clock"));
        Stack s = Stack.build(spec, LayerLog.OFF, Stack.Mode.PROCESSES);
        EventSink in = s.entry();
        long bytes = mib << 20;
        in.mmap(BASE, bytes, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, EventSink.NONE, 0);
        for (long a = 0; a < bytes; a += 4096) {
            in.store(BASE + a, 8);
        }
        TlbStats t = s.machine().tlb().stats();
        long lookups = t.lookups;
        long misses = t.misses;
        for (long a = 0; a < bytes; a += 4096) {
            in.load(BASE + a, 8);
        }
        in.end();
        return Math.round(1000.0 * (t.misses - misses) / (t.lookups - lookups));
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario sc = BuiltinExamples.scenario("tlb-reach.scenario");
        ScenarioResult r = BuiltinExamples.run(sc);
        Stack small = r.stacks().get(0);
        Stack huge = r.stacks().get(1);
        TlbHierarchy tlb = (TlbHierarchy) small.machine().tlb();
        long twoGiB = 2L << 30;
        long base = twoGiB / 4096;
        long hugeEntries = twoGiB / (2L << 20);
        TlbStats ts = small.machine().tlb().stats();
        TlbStats th = huge.machine().tlb().stats();
        long[] x = new long[SIZES_MIB.length];
        long[] y4k = new long[SIZES_MIB.length];
        long[] y2m = new long[SIZES_MIB.length];
        Table t = new Table("working set", "4 KiB pages needed", "2 MiB pages needed", "misses, 4 KiB pages", "misses, 2 MiB pages");
        for (int i = 0; i < SIZES_MIB.length; i++) {
            long mib = SIZES_MIB[i];
            y4k[i] = secondSweepMissPermille(mib, false);
            y2m[i] = secondSweepMissPermille(mib, true);
            t.row(Numbers.bytes(mib << 20), Numbers.count((mib << 20) / 4096), Numbers.count(Math.max(1, (mib << 20) / (2L << 20))),
                String.format(Locale.ROOT, "%.1f%%", y4k[i] / 10.0), String.format(Locale.ROOT, "%.1f%%", y2m[i] / 10.0));
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = i; // evenly spaced: the sizes are listed in the table
        }
        List<String> findings = new ArrayList<>();
        findings.add("A 2 GiB working set is " + Numbers.count(base) + " pages of 4 KiB but " + Numbers.count(hugeEntries)
            + " pages of 2 MiB. The second-level TLB holds " + Numbers.count(tlb.l2Entries()) + " translations: a reach of "
            + Numbers.bytes(tlb.reach(4096)) + " with 4 KiB pages, " + Numbers.bytes(tlb.reach(2L << 20)) + " with 2 MiB pages.");
        findings.add(String.format(Locale.ROOT, "Sweeping it twice, %.1f%% of translations missed every TLB with 4 KiB pages (%s page walks) "
                + "and %.2f%% with 2 MiB pages (%s walks, all on first touch).",
            100.0 * ts.misses / ts.lookups, Numbers.count(ts.misses), 100.0 * th.misses / th.lookups, Numbers.count(th.misses)));
        findings.add("The MMU's simulated time fell from " + Numbers.nanos(r.results().get(0).nanosByLayer().get(org.memsim.layer.Layer.MMU))
            + " to " + Numbers.nanos(r.results().get(1).nanosByLayer().get(org.memsim.layer.Layer.MMU)) + "; the page tables from "
            + Numbers.count(small.kernel().pageTablePages()) + " pages to " + Numbers.count(huge.kernel().pageTablePages())
            + " (2 MiB leaves live in the page directory), and page faults from " + Numbers.count(r.results().get(0).pageFaults())
            + " to " + Numbers.count(r.results().get(1).pageFaults()) + ".");
        findings.add("The sweep below shows the cliff: with 4 KiB pages the misses jump to 100% once the working set passes the "
            + Numbers.bytes(tlb.reach(4096)) + " of reach (a loop larger than an LRU cache misses every time); with 2 MiB pages "
            + "nothing up to " + Numbers.bytes(SIZES_MIB[SIZES_MIB.length - 1] << 20) + " misses after the first sweep (nor at 2 GiB above).");
        Figure sweep = new Figure("TLB misses on the second sweep, by working set (1, 2, 4, 6, 8, 16, 64, 256 MiB)", "‰",
            List.of(new Figure.Line("4 KiB pages", x, y4k), new Figure.Line("2 MiB pages", x, y2m)), "working set (steps of the table)");
        return new ChapterResult(id(), title(), List.of(sc.about(),
            "The TLB caches translations; its reach is entries × page size. Past it, every access pays a page walk."),
            List.of(r), findings, List.of(sweep), List.of(new ChapterResult.ChapterTable("Misses on the second sweep", t)));
    }
}
