package org.memsim.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Whole-stack replay speed: generated events through runtime → free list → kernel → MMU → frames.
 * Score = events per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ReplayBenchmark {
    /** 1,000,000 iterations of malloc(4096), fill, free: 3,000,000 events. */
    @Benchmark
    @OperationsPerInvocation(3_000_000)
    public long requestLoop() throws IOException {
        return replay("gen:request-loop:requests=1000000");
    }

    /** 2,000,000 random allocations and frees around 1,000 live blocks, lognormal sizes: 2,000,000 events. */
    @Benchmark
    @OperationsPerInvocation(2_000_000)
    public long sizeMix() throws IOException {
        return replay("gen:sizes:ops=2000000");
    }

    private static long replay(String workload) throws IOException {
        Stack stack = Stack.build(StackSpec.defaults());
        return Replay.run(GeneratorSource.parse(workload, 1), List.of(stack)).get(0).events();
    }
}
