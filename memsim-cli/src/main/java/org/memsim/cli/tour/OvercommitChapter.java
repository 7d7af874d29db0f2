package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/** Overcommit: reserving more than RAM, paying only for touched pages, and Linux's three policies. */
final class OvercommitChapter implements Chapter {
    @Override
    public String id() {
        return "overcommit";
    }

    @Override
    public String title() {
        return "Overcommit: 16 GiB reserved on 8 GiB";
    }

    private static long gauge(Stack s, String name) {
        return s.metrics().gaugeNamed(name).read();
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario sc = BuiltinExamples.scenario("overcommit.scenario");
        ScenarioResult r = BuiltinExamples.run(sc);
        Stack always = r.stacks().get(0);
        Stack heuristic = r.stacks().get(1);
        Stack never = r.stacks().get(2);
        StackResult ra = r.results().get(0);
        long reserved = gauge(always, "kernel.peakMappedBytes");
        long touched = ra.peakResidentPages() * 4096;
        long ram = always.memory().frames() * 4096;
        List<String> findings = List.of(
            "Mode 1 (always): the " + Numbers.bytes(reserved) + " reservation on " + Numbers.bytes(ram) + " of RAM succeeded — "
                + "Committed_AS reached " + Numbers.bytes(always.kernel().committedBytes()) + " by the end, twice the RAM.",
            "Only touched pages cost memory: " + Numbers.count(ra.pageFaults()) + " first-touch faults gave "
                + Numbers.count(ra.peakResidentPages()) + " frames (" + Numbers.bytes(touched) + "), "
                + String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * touched / reserved) + " of what was reserved.",
            "Mode 0 (heuristic, Linux's default): the single " + Numbers.bytes(reserved) + " request is larger than RAM + swap ("
                + Numbers.bytes(ram) + "), so mmap failed (" + heuristic.metrics().counterNamed("kernel.overcommitRefusals").get()
                + " refusal) — malloc would return NULL; two 8 GiB requests would each pass.",
            "Mode 2 (never): CommitLimit = RAM × 50% + swap = " + Numbers.bytes(gauge(never, "kernel.commitLimitBytes"))
                + "; the request was refused and the program, writing to memory it never got, died: "
                + r.results().get(2).death() + ".");
        return new ChapterResult(id(), title(), List.of(sc.about(),
            "Overcommit is why malloc rarely fails on Linux, and why the OOM killer exists: promises are cheap, frames are not."),
            List.of(r), findings, List.of());
    }
}
