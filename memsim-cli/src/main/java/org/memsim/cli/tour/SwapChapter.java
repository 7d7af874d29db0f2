package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.memsim.cli.output.Numbers;
import org.memsim.cost.CostModel;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/** Swap: a working set larger than RAM, evictions, and the major fault that costs milliseconds. */
final class SwapChapter implements Chapter {
    @Override
    public String id() {
        return "swap";
    }

    @Override
    public String title() {
        return "Swap and the six-orders-of-magnitude major fault";
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario sc = BuiltinExamples.scenario("swap.scenario");
        ScenarioResult r = BuiltinExamples.run(sc);
        Stack fits = r.stacks().get(0);
        Stack swaps = r.stacks().get(1);
        StackResult rf = r.results().get(0);
        StackResult rs = r.results().get(1);
        long majors = swaps.metrics().counterNamed("kernel.majorFaults").get();
        long outs = swaps.metrics().counterNamed("kernel.swapOuts").get();
        CostModel cost = swaps.machine().cost();
        double ratio = cost.majorFaultNs / cost.accessNs;
        List<String> findings = List.of(
            "With " + Numbers.bytes(fits.memory().frames() * 4096) + " of RAM the 96 MiB fit: " + Numbers.count(rf.pageFaults())
                + " minor faults (first touches), no major fault, " + Numbers.nanos(rf.totalNanos()) + " of simulated time.",
            "With " + Numbers.bytes(swaps.memory().frames() * 4096) + " the kernel evicted pages to swap (" + Numbers.count(outs)
                + " pages written) and the second sweep read every one back: " + Numbers.count(majors)
                + " major faults. The run took " + Numbers.nanos(rs.totalNanos()) + ", "
                + String.format(Locale.ROOT, "%,.0f", rs.totalNanos() / rf.totalNanos()) + " times longer.",
            "A major fault costs " + Numbers.nanos(cost.majorFaultNs) + " (a disk read); an access that hits the L1 cache and the TLB "
                + "costs one cycle, " + String.format(Locale.ROOT, "%.2f", cost.accessNs) + " ns at 3 GHz: a ratio of "
                + String.format(Locale.ROOT, "%.1e", ratio) + ", " + String.format(Locale.ROOT, "%.1f", Math.log10(ratio))
                + " orders of magnitude (the seed's \"six\" counts a few-nanosecond L1 hit).",
            "LRU cannot help a loop larger than memory: the page needed next is always the one evicted longest ago. "
                + "Every major fault of the second sweep was a page LRU had just pushed out.");
        Figure resident = new Figure("Resident pages and swap in use (64 MiB RAM)", "pages", List.of(
            Figure.Line.of("resident", swaps.metrics().seriesNamed("kernel.residentPages")),
            Figure.Line.of("on swap", swaps.metrics().seriesNamed("kernel.swapUsedPages"))));
        return new ChapterResult(id(), title(), List.of(sc.about(),
            "When RAM is exhausted the kernel evicts a page to swap; touching it again is a major fault: the kernel "
                + "reads it from disk and the program waits."),
            List.of(r), findings, List.of(resident));
    }
}
