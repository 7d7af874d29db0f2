package org.memsim.bench;

import java.util.concurrent.TimeUnit;
import org.memsim.alloc.Allocator;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.SeededRandom;
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
 * One allocator strategy alone — its malloc/free, metadata writes through the MMU, brk growth — on
 * a 10-million-op trace prepared in arrays (random mallocs and frees around 1,000 live blocks,
 * lognormal sizes, median 64 bytes, as {@code gen:sizes}). Unlike {@link AllocatorBenchmark} it
 * leaves out the runtime's id maps and measurement, so the score is the strategy's own speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class StrategyBenchmark {
    static final int OPS = 10_000_000;

    @Param({"freelist", "ptmalloc", "csapp", "segfit", "buddy", "slab", "bump", "pool"})
    public String spec;

    private long[] sizes;   // >= 0: malloc of that size into slot; < 0: free of slot -size-1
    private int[] slots;

    @Setup(Level.Trial)
    public void prepare() {
        SeededRandom r = new SeededRandom(1);
        sizes = new long[OPS];
        slots = new int[OPS];
        int[] live = new int[1000];
        int liveCount = 0;
        int nextSlot = 0;
        int[] freeSlots = new int[2000];
        int freeSlotCount = 0;
        for (int i = 0; i < OPS; i++) {
            if (liveCount < 1000 && (liveCount == 0 || r.nextDouble() < 0.5 || liveCount < 500)) {
                int slot = freeSlotCount > 0 ? freeSlots[--freeSlotCount] : nextSlot++;
                sizes[i] = Math.max(1, Math.min(65536, (long) Math.rint(r.nextLognormal(64, 1.2))));
                slots[i] = slot;
                live[liveCount++] = slot;
            } else {
                int k = r.nextInt(liveCount);
                int slot = live[k];
                live[k] = live[--liveCount];
                sizes[i] = -1;
                slots[i] = slot;
                freeSlots[freeSlotCount++] = slot;
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long run() {
        Allocator a = Stack.build(StackSpec.defaults().withAllocator(spec)).allocator();
        long[] addr = new long[2048];
        long sum = 0;
        for (int i = 0; i < OPS; i++) {
            int slot = slots[i];
            if (sizes[i] >= 0) {
                addr[slot] = a.malloc(sizes[i], 0);
                sum += addr[slot];
            } else {
                a.free(addr[slot]);
            }
        }
        return sum;
    }
}
