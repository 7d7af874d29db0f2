package org.memsim.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;
import org.memsim.trace.FileSource;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.Traces;
import org.memsim.trace.gen.GeneratorSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a user running {@code memsim replay TRACE.msb --allocator SPEC} gets: a 10-million-op
 * {@code .msb} file ({@code gen:sizes}, seed 1: random mallocs and frees around 1,000 live blocks,
 * lognormal sizes, median 64 bytes), written once per trial, read and replayed through the whole
 * stack (reader, runtime with its measurements, allocator, kernel, MMU). Score = allocator ops per
 * second. Run one strategy: {@code java -jar memsim-bench.jar TraceReplayBenchmark -p spec=buddy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class TraceReplayBenchmark {
    static final int OPS = 10_000_000;

    @Param({"freelist", "ptmalloc", "csapp", "segfit", "buddy", "slab", "bump", "pool"})
    public String spec;

    private Path trace;

    @Setup(Level.Trial)
    public void write() throws IOException {
        trace = Files.createTempFile("memsim-bench-", ".msb");
        TraceFormat f = Traces.outputFormat(trace.toString(), null);
        try (OutputStream out = Files.newOutputStream(trace)) {
            TraceWriter w = Traces.writer(f, out, trace.toString());
            GeneratorSource.parse("gen:sizes:ops=" + OPS, 1).replay(w);
            w.close();
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(trace);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long replay() throws IOException {
        Stack stack = Stack.build(StackSpec.defaults().withAllocator(spec));
        return Replay.run(new FileSource(trace, null), List.of(stack)).get(0).ops();
    }
}
