package org.memsim.cli.tour;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.layer.Layer;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.scenario.ScenarioRunner;
import org.memsim.stack.StackResult;

/** One {@code malloc(100)} followed down every layer: runtime, allocator, brk, MMU, page fault, frame. */
final class OneMallocChapter implements Chapter {
    @Override
    public String id() {
        return "one-malloc";
    }

    @Override
    public String title() {
        return "One malloc, all the way down";
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario sc = BuiltinExamples.scenario("one-malloc.scenario");
        ScenarioResult r = ScenarioRunner.run(sc, BuiltinExamples.source(sc));
        StackResult res = r.results().get(0);
        List<String> findings = new ArrayList<>();
        findings.add("The first malloc(100) found an empty heap: the allocator called brk once, moving the break by "
            + Numbers.bytes(res.heapHighWaterBytes()) + " — address space only, no memory yet.");
        findings.add("Memory arrived on first touch: " + res.pageFaults() + " page faults, each a zero-filled frame; "
            + res.residentPages() + " pages resident for " + Numbers.bytes(res.peakLiveBytes()) + " of live payload.");
        StringBuilder layers = new StringBuilder("Simulated time by layer:");
        for (Layer l : Layer.values()) {
            double ns = res.nanosByLayer().get(l);
            if (ns > 0) {
                layers.append(' ').append(l.label()).append(' ').append(Numbers.nanos(ns)).append(',');
            }
        }
        layers.setLength(layers.length() - 1);
        findings.add(layers + " — the two faults cost more than everything else together.");
        return new ChapterResult(id(), title(), List.of(sc.about()), List.of(r), findings, List.of());
    }
}
