package org.memsim.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.memsim.layer.LayerLog;
import org.memsim.layer.RecordingLayerLog;
import org.memsim.spec.Spec;
import org.memsim.stack.ManagedStack;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.stack.StackSpec;
import org.memsim.trace.EventSource;
import org.memsim.trace.FileSource;
import org.memsim.trace.gen.GeneratorSource;

/** Runs a scenario: builds one stack per allocator, replays the workload once through all, checks expectations. */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    /** The event source a workload string names, paths relative to {@code baseDir}. */
    public static EventSource source(String workload, long seed, Path baseDir) {
        if (GeneratorSource.isGenerator(workload)) {
            return GeneratorSource.parse(workload, seed);
        }
        Path p = Path.of(workload);
        return new FileSource(baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p), null);
    }

    public static ScenarioResult run(Scenario sc, Path baseDir) throws IOException {
        return run(sc, source(sc.workload(), sc.seed(), baseDir), () -> source(sc.workload(), sc.seed(), baseDir));
    }

    /** Runs {@code sc} on {@code source}; a policy that reads the trace ahead (OPT) is refused, as there is no second pass. */
    public static ScenarioResult run(Scenario sc, EventSource source) throws IOException {
        return run(sc, source, null);
    }

    /** The stack spec of each variant of {@code sc}: the first value of every layer key, the varied layer replaced. */
    public static List<StackSpec> specs(Scenario sc) {
        List<StackSpec> out = new ArrayList<>();
        for (String v : sc.variants()) {
            StackSpec base = new StackSpec(Spec.parse(sc.allocators().get(0)), Spec.parse(sc.kernel()), Spec.parse(sc.vm()),
                Spec.parse(sc.cost()), Spec.parse(sc.tlb()), Spec.parse(sc.policy()));
            switch (sc.varied()) {
                case "kernel": out.add(base.withKernel(v)); break;
                case "vm": out.add(base.withVm(v)); break;
                case "cost": out.add(base.withCost(v)); break;
                case "tlb": out.add(base.withTlb(v)); break;
                case "policy": out.add(base.withPolicy(v)); break;
                default: out.add(base.withAllocator(v)); break;
            }
        }
        return out;
    }

    /**
     * Runs {@code sc} on {@code source}; {@code again} gives a fresh copy of the workload for the first
     * pass a policy that reads ahead (OPT) needs (null: such a policy is an error).
     */
    public static ScenarioResult run(Scenario sc, EventSource source, java.util.function.Supplier<EventSource> again) throws IOException {
        if (sc.managed()) {
            return runManaged(sc, source);
        }
        List<Stack> stacks = new ArrayList<>();
        RecordingLayerLog narration = sc.narrate() > 0 ? new RecordingLayerLog(sc.narrate()) : null;
        Stack.Mode mode = sc.processes() ? Stack.Mode.PROCESSES : Stack.Mode.MANUAL;
        List<StackSpec> specs = specs(sc);
        for (int i = 0; i < specs.size(); i++) {
            Stack s = Stack.build(specs.get(i), stacks.isEmpty() && narration != null ? narration : LayerLog.OFF, mode);
            if (!sc.varied().equals("allocator")) {
                s.withLabel(Spec.parse(sc.variants().get(i)).toString());
            }
            stacks.add(s);
        }
        for (Stack s : stacks) {
            if (s.needsFuture()) {
                if (again == null) {
                    throw new org.memsim.InputException(sc.source() + ": policy opt needs a first pass over the workload, "
                        + "which this run cannot make");
                }
                s.provideFuture(org.memsim.stack.FutureScan.scan(again.get(), s.machine().vm().pageSize(), mode));
            }
        }
        List<org.memsim.metrics.Metrics> all = stacks.stream().map(Stack::metrics).toList();
        for (String m : sc.report()) {
            ResultMetrics.requireKnown(m, all); // unknown names fail before the replay
        }
        for (Expectation e : sc.expectations()) {
            ResultMetrics.requireKnown(e.metric(), all);
        }
        for (String c : sc.charts()) {
            if (!c.equals(Scenario.HEAP_MAP) && stacks.get(0).metrics().seriesNamed(c) == null) {
                throw new org.memsim.InputException(sc.source() + ": chart '" + c + "' is not a time series; valid: "
                    + String.join(", ", stacks.get(0).metrics().series().stream().map(t -> t.name()).toList()));
            }
        }
        List<StackResult> results = Replay.run(source, stacks);
        List<ScenarioResult.Outcome> outcomes = new ArrayList<>();
        for (Expectation e : sc.expectations()) {
            for (int i = 0; i < stacks.size(); i++) {
                if (!ResultMetrics.known(e.metric(), stacks.get(i).metrics())) {
                    continue; // another allocator's metric: nothing to check here
                }
                double v = ResultMetrics.value(e.metric(), results.get(i), stacks.get(i));
                outcomes.add(new ScenarioResult.Outcome(e, results.get(i).allocator(), v, e.test(v)));
            }
        }
        return new ScenarioResult(sc, source.name(), stacks, results, outcomes,
            narration == null ? List.of() : List.copyOf(narration.notes()));
    }

    /** A collector scenario: one managed stack per collector, the correctness oracle on after every collection. */
    private static ScenarioResult runManaged(Scenario sc, EventSource source) throws IOException {
        List<ManagedStack> stacks = new ArrayList<>();
        RecordingLayerLog narration = sc.narrate() > 0 ? new RecordingLayerLog(sc.narrate()) : null;
        StackSpec base = new StackSpec(Spec.parse(StackSpec.DEFAULT_ALLOCATOR), Spec.parse(sc.kernel()), Spec.parse(sc.vm()),
            Spec.parse(sc.cost()), Spec.parse(sc.tlb()), Spec.parse(sc.policy()));
        for (String c : sc.collectors()) {
            ManagedStack s = ManagedStack.build(base, c, stacks.isEmpty() && narration != null ? narration : LayerLog.OFF);
            s.runtime().setCheck(true);
            stacks.add(s);
        }
        ManagedStack first = stacks.get(0);
        for (String m : sc.report()) {
            ResultMetrics.value(m, first.result(), first.metrics());
        }
        for (Expectation e : sc.expectations()) {
            ResultMetrics.value(e.metric(), first.result(), first.metrics());
        }
        for (String c : sc.charts()) {
            if (first.metrics().seriesNamed(c) == null) {
                throw new org.memsim.InputException(sc.source() + ": chart '" + c + "' is not a time series; valid: "
                    + String.join(", ", first.metrics().series().stream().map(t -> t.name()).toList()));
            }
        }
        List<StackResult> results = Replay.run(source, stacks);
        List<ScenarioResult.Outcome> outcomes = new ArrayList<>();
        for (Expectation e : sc.expectations()) {
            for (int i = 0; i < stacks.size(); i++) {
                double v = ResultMetrics.value(e.metric(), results.get(i), stacks.get(i).metrics());
                outcomes.add(new ScenarioResult.Outcome(e, results.get(i).allocator(), v, e.test(v)));
            }
        }
        return new ScenarioResult(sc, source.name(), List.of(), results, outcomes,
            narration == null ? List.of() : List.copyOf(narration.notes()), List.copyOf(stacks));
    }
}
