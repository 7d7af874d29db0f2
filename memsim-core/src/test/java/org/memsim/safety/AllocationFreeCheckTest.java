package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.memsim.trace.gen.GeneratorSource;

/**
 * The checker's event path allocates nothing per event: a run with a million more events (the
 * same live set, the same addresses) allocates almost no more host memory.
 */
class AllocationFreeCheckTest {
    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's thread allocation counter");
        return ((com.sun.management.ThreadMXBean) bean).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long checkBytes(String workload) {
        Checker c = new Checker(CheckOptions.defaults());
        GeneratorSource source = GeneratorSource.parse(workload, 1);
        long before = allocatedBytes();
        source.replay(c);
        return allocatedBytes() - before;
    }

    @Test
    void aMillionMoreEventsAllocateAlmostNothing() {
        String loop = "gen:request-loop:requests=%d,size=1000";
        checkBytes(String.format(loop, 50_000)); // warm-up: class loading, JIT
        long small = checkBytes(String.format(loop, 50_000));
        long large = checkBytes(String.format(loop, 383_334));
        assertTrue(large - small < 300_000, "1,000,002 more checked events allocated " + (large - small) + " more host bytes");
    }
}
