package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.layer.Layer;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.stack.Stack;
import org.memsim.vm.tlb.TlbStats;

/** Context switches: what flushing the TLB costs, and how ASIDs (PCIDs) avoid it. */
final class ContextSwitchChapter implements Chapter {
    @Override
    public String id() {
        return "context-switch";
    }

    @Override
    public String title() {
        return "Context switches with and without ASIDs";
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario sc = BuiltinExamples.scenario("context-switch.scenario");
        ScenarioResult r = BuiltinExamples.run(sc);
        Stack flush = r.stacks().get(0);
        Stack asid = r.stacks().get(1);
        TlbStats f = flush.machine().tlb().stats();
        TlbStats a = asid.machine().tlb().stats();
        long switches = flush.metrics().counterNamed("kernel.contextSwitches").get();
        double mmuFlush = r.results().get(0).nanosByLayer().get(Layer.MMU);
        double mmuAsid = r.results().get(1).nanosByLayer().get(Layer.MMU);
        List<String> findings = List.of(
            "Without ASIDs each of the " + Numbers.count(switches) + " switches flushed the TLB (" + Numbers.count(f.flushes)
                + " flushes), so every turn started cold: " + Numbers.count(f.misses) + " of " + Numbers.count(f.lookups)
                + " translations missed and walked the page tables.",
            "With ASIDs the entries of both processes stayed, tagged by address space: " + Numbers.count(a.misses)
                + " misses in all — the first touches — and " + Numbers.count(a.lookups - a.misses) + " hits.",
            "The MMU's simulated time: " + Numbers.nanos(mmuFlush) + " with flushes, " + Numbers.nanos(mmuAsid) + " with ASIDs — "
                + "the hidden cost of a context switch beyond saving registers (" + Numbers.nanos(flush.machine().cost().contextSwitchNs)
                + " each here, charged the same in both runs).");
        Figure miss = new Figure("TLB miss rate over the run", "‰", List.of(
            Figure.Line.of("flush on switch", flush.metrics().seriesNamed("tlb.missRatePermille")),
            Figure.Line.of("ASIDs", asid.metrics().seriesNamed("tlb.missRatePermille"))));
        return new ChapterResult(id(), title(), List.of(sc.about(),
            "A TLB entry is valid only for the address space that filled it. Without tags the kernel must flush on every switch."),
            List.of(r), findings, List.of(miss));
    }
}
