package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.kernel.Process;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/** The process layout: heap up, stack down, until they meet — the stack overflow, reported with the nearest mapping. */
final class StackHeapChapter implements Chapter {
    @Override
    public String id() {
        return "stack-heap";
    }

    @Override
    public String title() {
        return "Heap and stack grow toward each other: stack overflow";
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario sc = BuiltinExamples.scenario("stack-heap.scenario");
        ScenarioResult r = BuiltinExamples.run(sc);
        Stack s = r.stacks().get(0);
        StackResult res = r.results().get(0);
        Process p = s.kernel().process(1);
        long steps = s.metrics().counterNamed("kernel.brk").get();
        List<String> findings = List.of(
            "After " + Numbers.count(steps) + " steps the heap had grown to " + Numbers.bytes(p.heapBytes()) + " and the stack to "
                + Numbers.bytes(p.stackBytes()) + "; the next frame would have come within the kernel's "
                + Numbers.bytes(1L << 20) + " guard gap above the heap.",
            "The kernel refused to grow the stack and the process died at event " + Numbers.count(res.deathEvent()) + ": " + p.detail() + ".",
            "The " + Numbers.count(s.metrics().counterNamed("runtime.eventsAfterDeath").get())
                + " events after that belong to a dead process and were not simulated. RLIMIT_STACK (64 MiB here) was never "
                + "reached: it was the collision, not the limit, that ended the recursion.",
            "Each step's pages were touched on the way: " + Numbers.count(res.pageFaults()) + " page faults, "
                + Numbers.count(res.peakResidentPages()) + " frames at the peak.");
        return new ChapterResult(id(), title(), List.of(sc.about(),
            "Text, data and bss sit at the bottom, the heap grows up from them with brk, the stack grows down from the top; "
                + "the kernel grows the stack on a fault just below it, as long as it stays within RLIMIT_STACK and the guard gap."),
            List.of(r), findings, List.of());
    }
}
