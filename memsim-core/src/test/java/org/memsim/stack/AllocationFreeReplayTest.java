package org.memsim.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.memsim.event.KindCounter;
import org.memsim.trace.gen.GeneratorSource;
import org.memsim.trace.mst.MstReader;
import org.memsim.trace.mst.MstWriter;

/**
 * The replay path allocates no object per event: host bytes allocated by the replaying thread stay
 * far below one byte per event (measured with HotSpot's per-thread allocation counter).
 */
class AllocationFreeReplayTest {

    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's thread allocation counter");
        return ((com.sun.management.ThreadMXBean) bean).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void stackReplayOfAMillionEventsAllocatesAlmostNothing() throws Exception {
        // warm up once so class loading and JIT compilation are not counted
        Replay.run(GeneratorSource.parse("gen:request-loop:requests=50000", 1), List.of(Stack.build(StackSpec.defaults())));
        Stack stack = Stack.build(StackSpec.defaults());
        GeneratorSource source = GeneratorSource.parse("gen:request-loop:requests=333334", 1);
        long before = allocatedBytes();
        StackResult r = Replay.run(source, List.of(stack)).get(0);
        long allocated = allocatedBytes() - before;
        assertEquals(1_000_002, r.events());
        assertTrue(allocated < 200_000, "replaying 1,000,002 events allocated " + allocated + " host bytes");
    }

    /** Host bytes a whole VM replay of {@code workload} allocates (stack built outside the measurement). */
    private static long vmReplayBytes(String vm, String tlb, String policy, String workload) throws Exception {
        StackSpec spec = StackSpec.defaults().withVm(vm).withTlb(tlb).withPolicy(policy);
        Stack stack = Stack.build(spec, org.memsim.layer.LayerLog.OFF, Stack.Mode.PROCESSES);
        GeneratorSource source = GeneratorSource.parse(workload, 1);
        long before = allocatedBytes();
        Replay.run(source, List.of(stack));
        return allocatedBytes() - before;
    }

    @Test
    void vmReplayAllocatesNothingPerEventEvenWhenThrashingAndSwitching() throws Exception {
        // the same pages in both runs: whatever grows with touched pages is the same; only the event count differs
        String thrash = "gen:access:pattern=random,span=16m,count=%d,writes=0.5";
        vmReplayBytes("x86-64:ram=4m,swap=64m", "tlb", "lru", String.format(thrash, 200_000)); // warm-up
        long small = vmReplayBytes("x86-64:ram=4m,swap=64m", "tlb", "lru", String.format(thrash, 200_000));
        long large = vmReplayBytes("x86-64:ram=4m,swap=64m", "tlb", "lru", String.format(thrash, 1_200_000));
        assertTrue(large - small < 200_000, "1,000,000 more thrashing accesses (evictions, swap-ins) allocated "
            + (large - small) + " more host bytes");
        String switches = "gen:switches:processes=4,wss=1m,quantum=50,switches=%d";
        vmReplayBytes("x86-64", "tlb:asid=true,asids=2", "clock", String.format(switches, 2_000));
        long fewer = vmReplayBytes("x86-64", "tlb:asid=true,asids=2", "clock", String.format(switches, 2_000));
        long more = vmReplayBytes("x86-64", "tlb:asid=true,asids=2", "clock", String.format(switches, 20_000));
        assertTrue(more - fewer < 200_000, "918,000 more events with context switches allocated " + (more - fewer) + " more host bytes");
    }

    @Test
    void textParsingAllocatesNoObjectPerLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MstWriter w = new MstWriter(bytes)) {
            for (int i = 0; i < 200_000; i++) {
                w.alloc(i, 64 + i % 100, 0, 0, 0);
                w.store(0x7f0000000000L + i * 64L, 8);
                w.free(i, 0);
            }
        }
        byte[] data = bytes.toByteArray();
        new MstReader(new ByteArrayInputStream(data), "warmup").replay(new KindCounter());
        MstReader reader = new MstReader(new ByteArrayInputStream(data), "measured");
        KindCounter counter = new KindCounter();
        long before = allocatedBytes();
        long n = reader.replay(counter);
        long allocated = allocatedBytes() - before;
        assertEquals(600_000, n);
        assertTrue(allocated < 200_000, "parsing 600,000 lines allocated " + allocated + " host bytes");
    }
}
