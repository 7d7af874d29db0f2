package org.memsim.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.ptmalloc.PtmallocAllocator;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventSink;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.real.RealAllocator;
import org.memsim.real.RealAllocators;
import org.memsim.spec.Spec;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.GeneratorSource;

/**
 * The {@code ptmalloc} model's speed against real glibc replaying the same trace natively
 * ({@code memsim-replay}, timed loop only, best of three runs), as a ratio in one run. Three model figures: the whole
 * simulated stack ({@code memsim replay --allocator ptmalloc}: runtime, MMU, page faults, kernel),
 * and the allocator model alone on a pre-decoded op array with a memory port that does nothing
 * (timed before the stack runs, so that its compiled code is the model's alone).
 * Usage: {@code java -cp memsim-bench.jar org.memsim.bench.PtmallocSpeed [OPS] [GENERATOR]}, default
 * 10,000,000 ops of {@code gen:sizes} (lognormal sizes, median 64, about 1,000 live blocks).
 */
public final class PtmallocSpeed {
    private PtmallocSpeed() {}

    /** The allocation-family ops of a trace, decoded once: op code, dense slot, size (as the native driver's input). */
    static final class Ops implements EventSink {
        static final byte MALLOC = 1, CALLOC = 2, REALLOC = 3, FREE = 4, MEMALIGN = 5;
        byte[] code = new byte[1 << 16];
        int[] slot = new int[1 << 16];
        long[] size = new long[1 << 16];
        int n;
        int slots = 1;
        private final LongLongHashMap slotOf = new LongLongHashMap(1024, -1);
        private int[] freeSlots = new int[1024];
        private int freeCount;

        private void add(byte c, long id, long s, boolean release) {
            if (n == code.length) {
                code = Arrays.copyOf(code, n * 2);
                slot = Arrays.copyOf(slot, n * 2);
                size = Arrays.copyOf(size, n * 2);
            }
            long sl = id == NULL_ID ? 0 : slotOf.get(id);
            if (sl < 0) {
                sl = freeCount > 0 ? freeSlots[--freeCount] : slots++;
                slotOf.put(id, sl);
            }
            code[n] = c;
            slot[n] = (int) sl;
            size[n] = s;
            n++;
            if (release && id != NULL_ID) {
                slotOf.remove(id);
                if (freeCount == freeSlots.length) {
                    freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
                }
                freeSlots[freeCount++] = (int) sl;
            }
        }

        @Override
        public void alloc(long id, long s, long align, long address, int site) {
            add(align == 0 ? MALLOC : MEMALIGN, id, s, false);
        }

        @Override
        public void calloc(long id, long count, long s, long address, int site) {
            add(CALLOC, id, count * s, false);
        }

        @Override
        public void realloc(long id, long s, long address, int site) {
            add(REALLOC, id, s, s == 0);
        }

        @Override
        public void free(long id, int site) {
            add(FREE, id, 0, true);
        }
    }

    /** Runs the decoded ops through a bare model (no runtime, memory accesses not simulated); returns nanoseconds. */
    static long modelAlone(Ops ops, StackSpec spec) {
        Stack host = Stack.build(spec); // for its kernel (brk and mmap bookkeeping)
        AllocatorContext c = new AllocatorContext(host.kernel(), (address, length, type) -> true,
            org.memsim.cost.CostModel.REGISTRY.create(Spec.parse("cost"), null), new org.memsim.cost.SimClock(), new Metrics(), LayerLog.OFF);
        PtmallocAllocator a = new PtmallocAllocator(null, c);
        long[] ptr = new long[ops.slots];
        long t0 = System.nanoTime();
        for (int i = 0; i < ops.n; i++) {
            int s = ops.slot[i];
            switch (ops.code[i]) {
                case Ops.MALLOC -> ptr[s] = a.malloc(ops.size[i], 0);
                case Ops.CALLOC -> ptr[s] = a.calloc(1, ops.size[i]);
                case Ops.MEMALIGN -> ptr[s] = a.malloc(ops.size[i], 64);
                case Ops.REALLOC -> {
                    long old = ptr[s];
                    if (old == 0) {
                        ptr[s] = a.malloc(ops.size[i], 0);
                    } else if (ops.size[i] == 0) {
                        a.free(old);
                        ptr[s] = 0;
                    } else {
                        long q = a.realloc(old, ops.size[i]);
                        if (q != 0) {
                            ptr[s] = q;
                        }
                    }
                }
                default -> {
                    if (ptr[s] != 0) {
                        a.free(ptr[s]);
                    }
                    ptr[s] = 0;
                }
            }
        }
        return System.nanoTime() - t0;
    }

    public static void main(String[] args) throws IOException {
        long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        String gen = args.length > 1 ? args[1] : "gen:sizes:ops=" + n;
        StackSpec spec = StackSpec.defaults().withAllocator("ptmalloc");
        System.out.println("trace: " + gen);

        // glibc's best of three runs, as each model figure is its best of several rounds: one native
        // run against the model's best would favour the model whenever the machine is busy
        double nativeRate = 0;
        for (int round = 0; round < 3; round++) {
            RealAllocator glibc = RealAllocators.create("real:glibc", null);
            StackResult real = Replay.run(GeneratorSource.parse(gen, 1), List.of(glibc)).get(0);
            nativeRate = Math.max(nativeRate, real.ops() / (real.realNanos() / 1e9));
        }

        Ops ops = new Ops();
        GeneratorSource.parse(gen, 1).replay(ops);

        // The model alone is timed first, in rounds of its own: once the whole stack has run, the JIT
        // compiles the allocator for two memory ports (the MMU and the bare one) and the alone
        // figure measures that mixed code, about a quarter slower than the model alone compiles to.
        double aloneRate = 0;
        for (int round = 0; round < 5; round++) {
            aloneRate = Math.max(aloneRate, ops.n / (modelAlone(ops, spec) / 1e9));
        }
        double stackRate = 0;
        for (int round = 0; round < 3; round++) {
            Stack stack = Stack.build(spec);
            long t0 = System.nanoTime();
            StackResult r = Replay.run(GeneratorSource.parse(gen, 1), List.of(stack)).get(0);
            stackRate = Math.max(stackRate, r.ops() / ((System.nanoTime() - t0) / 1e9));
        }
        System.out.printf("%-44s %14s %10s%n", "replay of " + ops.n + " ops", "ops/s", "vs native");
        System.out.printf("%-44s %14.0f %10s%n", "real glibc 2.36 (memsim-replay, loop only)", nativeRate, "1.00");
        System.out.printf("%-44s %14.0f %10.3f%n", "ptmalloc model alone (no runtime, no MMU)", aloneRate, aloneRate / nativeRate);
        System.out.printf("%-44s %14.0f %10.3f%n", "ptmalloc model, whole simulated stack", stackRate, stackRate / nativeRate);
    }
}
