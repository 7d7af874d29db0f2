package org.memsim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.layer.LayerLog;
import org.memsim.spec.Spec;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Address translation speed through the whole VM stack (process runtime → MMU → TLB → page walk →
 * kernel): 10 M loads per invocation on an x86-64 machine with the default Skylake-like TLB, all
 * pages touched beforehand so the numbers are translation, not page faults. Score = accesses per
 * second. Workloads:
 * <ul>
 *   <li>{@code sequential}: 8-byte loads walking a 64 KiB buffer (TLB-friendly, consecutive accesses share a page);</li>
 *   <li>{@code l1Random}: uniformly random loads over 256 KiB (64 pages: every one hits the L1 DTLB);</li>
 *   <li>{@code missing64m}: uniformly random loads over 64 MiB (16,384 pages, 10× the L2 TLB's reach: ~91% miss);</li>
 *   <li>{@code missing1g}: uniformly random loads over 1 GiB (262,144 pages, 170× the reach: ~99.4% miss).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class VmBenchmark {
    static final int ACCESSES = 10_000_000;
    static final long BASE = 0x7f0000000000L;

    @Param({"sequential", "l1Random", "missing64m", "missing1g"})
    public String workload;

    private long[] addresses;
    private long span;
    private Stack stack;
    private EventSink in;

    @Setup(Level.Trial)
    public void trace() {
        switch (workload) {
            case "sequential": span = 64 << 10; break;
            case "l1Random": span = 256 << 10; break;
            case "missing64m": span = 64L << 20; break;
            default: span = 1L << 30; break;
        }
        addresses = new long[ACCESSES];
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < ACCESSES; i++) {
            addresses[i] = BASE + (workload.equals("sequential") ? (i * 8L) % span : r.nextLong(span) & ~7L);
        }
    }

    @Setup(Level.Invocation)
    public void machine() {
        StackSpec spec = new StackSpec(Spec.parse("freelist"), Spec.parse("linux"), Spec.parse("x86-64:ram=8g"), Spec.parse("cost"),
            Spec.parse("tlb"), Spec.parse("clock"));
        stack = Stack.build(spec, LayerLog.OFF, Stack.Mode.PROCESSES);
        in = stack.entry();
        in.mmap(BASE, span, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, EventSink.NONE, 0);
        for (long off = 0; off < span; off += 4096) {
            in.store(BASE + off, 8);
        }
        System.gc(); // the previous invocation's machine is garbage: collect it outside the measurement
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public long translate() {
        final EventSink sink = in;
        final long[] a = addresses;
        for (int i = 0; i < a.length; i++) {
            sink.load(a[i], 8);
        }
        return stack.machine().tlb().stats().misses;
    }
}
