package org.memsim.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.memsim.event.EventSink;
import org.memsim.layer.LayerLog;
import org.memsim.spec.Spec;
import org.memsim.trace.EventSource;
import org.memsim.vm.replace.ReferenceString;

/**
 * The kernel with N frames and swap makes the same decisions as the textbook exercise with N frames:
 * a trace that loads page p for each entry of a reference string faults exactly where the reference
 * string misses (first touches are zero fills, later misses swap-ins), for every policy — OPT
 * included, fed by a first pass over the trace.
 */
class TraceModePagingTest {
    static EventSource refs(long[] pages) {
        return new EventSource() {
            @Override
            public long replay(EventSink sink) {
                for (long p : pages) {
                    sink.load(0x7f0000000000L + p * 4096, 8);
                }
                return pages.length;
            }

            @Override public String name() { return "refs"; }
            @Override public String position(long i) { return "event " + i; }
            @Override public double progress() { return -1; }
        };
    }

    static long[] random(long seed, int n, int pages) {
        java.util.Random r = new java.util.Random(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i > 0 && r.nextInt(3) > 0 ? Math.floorMod(out[i - 1] + r.nextInt(5) - 2, pages) : r.nextInt(pages);
        }
        return out;
    }

    static long faults(long[] pages, int frames, String policy) throws Exception {
        StackSpec spec = new StackSpec(Spec.parse("freelist"), Spec.parse("linux"),
            Spec.parse("x86-64:ram=" + frames * 4096L + ",swap=1m"), Spec.parse("cost"), Spec.parse("tlb"), Spec.parse(policy));
        Stack s = Stack.build(spec, LayerLog.OFF, Stack.Mode.PROCESSES);
        if (s.needsFuture()) {
            s.provideFuture(FutureScan.scan(refs(pages), 4096, Stack.Mode.PROCESSES));
        }
        Replay.run(refs(pages), List.of(s));
        return s.metrics().counterNamed("kernel.minorFaults").get() + s.metrics().counterNamed("kernel.majorFaults").get();
    }

    @ParameterizedTest(name = "{0}, {1} frames, seed {2}")
    @CsvSource({"fifo,3,1", "lru,3,1", "opt,3,1", "clock,3,1", "second-chance,4,2", "lfu,4,2", "random:seed=5,4,3",
        "aging:tick=2,5,4", "opt,5,5", "lru,7,6", "fifo,4,7"})
    void kernelFaultsEqualReferenceStringMisses(String policy, int frames, long seed) throws Exception {
        long[] pages = random(seed, 600, 12);
        assertEquals(ReferenceString.run(pages, frames, policy).misses(), faults(pages, frames, policy));
    }

    @Test
    void beladysStringThroughTheKernel() throws Exception {
        long[] belady = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};
        assertEquals(9, faults(belady, 3, "fifo"));
        assertEquals(10, faults(belady, 4, "fifo"));
        assertEquals(7, faults(belady, 3, "opt"));
    }

    @Test
    void optWithoutAScanIsAnError() {
        StackSpec spec = StackSpec.defaults().withVm("x86-64:ram=8k,swap=1m").withPolicy("opt");
        Stack s = Stack.build(spec, LayerLog.OFF, Stack.Mode.PROCESSES);
        assertThrows(org.memsim.InputException.class, () -> Replay.run(refs(new long[] {1, 2, 3, 1}), List.of(s)));
    }
}
