package org.memsim.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.memsim.safety.CheckOptions;
import org.memsim.safety.Checker;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.GeneratorSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-safety checker against a plain replay of the same generated trace (issue 6: at most 3×):
 * {@code replay*} is what {@code memsim replay --allocator ptmalloc} does, {@code check*} what
 * {@code memsim check} does (shadow memory, red zones, quarantine, and the same ptmalloc placing the
 * blocks). Score = events per second; the ratio of a pair is the checker's cost.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class CheckBenchmark {
    /** 200,000 × (malloc(4096), bstore of the whole block, free): 600,000 events. */
    private static final String REQUEST_LOOP = "gen:request-loop:requests=200000";
    /** 400,000 random allocations and frees around 1,000 live lognormal blocks, each written once: 600,900 events. */
    private static final String SIZES = "gen:sizes:ops=400000,touch=true,freeAll=true";

    @Benchmark
    @OperationsPerInvocation(600_000)
    public long replayRequestLoop() throws IOException {
        return replay(REQUEST_LOOP);
    }

    @Benchmark
    @OperationsPerInvocation(600_000)
    public long checkRequestLoop() throws IOException {
        return check(REQUEST_LOOP);
    }

    @Benchmark
    @OperationsPerInvocation(600_900)
    public long replaySizes() throws IOException {
        return replay(SIZES);
    }

    @Benchmark
    @OperationsPerInvocation(600_900)
    public long checkSizes() throws IOException {
        return check(SIZES);
    }

    static long replay(String workload) throws IOException {
        Stack stack = Stack.build(StackSpec.defaults().withAllocator("ptmalloc"));
        return Replay.run(GeneratorSource.parse(workload, 1), List.of(stack)).get(0).events();
    }

    static long check(String workload) throws IOException {
        Checker c = new Checker(CheckOptions.defaults());
        Replay.run(GeneratorSource.parse(workload, 1), List.of(), c);
        if (c.result().hasFindings()) {
            throw new IllegalStateException(workload + " is a clean trace: the checker found something");
        }
        return c.result().events();
    }
}
