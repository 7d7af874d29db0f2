package org.memsim.alloc.ptmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.GeneratorSource;

/** Replaying through the ptmalloc model allocates no host object per event (as AllocationFreeReplayTest for the default stack). */
class PtmallocReplayAllocationTest {
    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's thread allocation counter");
        return ((com.sun.management.ThreadMXBean) bean).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long replayAllocation(int ops) throws Exception {
        Stack stack = Stack.build(StackSpec.defaults().withAllocator("ptmalloc"));
        GeneratorSource source = GeneratorSource.parse("gen:sizes:ops=" + ops + ",live=2000", 1);
        long before = allocatedBytes();
        StackResult r = Replay.run(source, List.of(stack)).get(0);
        long allocated = allocatedBytes() - before;
        assertEquals(ops, r.ops());
        return allocated;
    }

    @Test
    void ptmallocReplayOfAMillionEventsAllocatesAlmostNothing() throws Exception {
        // tables grow with the live set; what must not grow is garbage per event: a run three times
        // longer over the same live set allocates about as much
        replayAllocation(200_000);
        long shortRun = replayAllocation(500_000);
        long longRun = replayAllocation(1_500_000);
        assertTrue(longRun - shortRun < 150_000, "1,000,000 more ops allocated " + (longRun - shortRun) + " more host bytes");
    }
}
