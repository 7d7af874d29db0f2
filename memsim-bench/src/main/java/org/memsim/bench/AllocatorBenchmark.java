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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every allocator strategy on the same 10-million-op trace (random mallocs and frees around 1,000
 * live blocks, lognormal sizes, median 64 bytes), replayed through the whole stack. Score = allocator
 * ops per second; the target is at least 10 million for every strategy.
 * Run one strategy: {@code java -jar memsim-bench.jar AllocatorBenchmark -p spec=freelist}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class AllocatorBenchmark {
    /** Allocation-family ops in the trace. */
    static final int OPS = 10_000_000;

    @Param({"freelist", "ptmalloc", "csapp", "segfit", "buddy", "slab", "bump", "pool"})
    public String spec;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long replay() throws IOException {
        Stack stack = Stack.build(StackSpec.defaults().withAllocator(spec));
        return Replay.run(GeneratorSource.parse("gen:sizes:ops=" + OPS, 1), List.of(stack)).get(0).ops();
    }
}
