package org.memsim.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.memsim.event.EventSink;
import org.memsim.layer.LayerLog;

/**
 * Host memory grows with touched pages, not with the address range: one million pages scattered over
 * the 128 TiB user address space of an x86-64 machine fit in well under 256 MiB of heap (the issue's
 * bound), although their simulated page tables take over a million table pages.
 */
class VmFootprintTest {
    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aMillionScatteredPagesNeedLessThan256MiB() {
        long before = usedAfterGc();
        Stack s = Stack.build(StackSpec.defaults().withVm("x86-64:ram=8g").withTlb("tlb"), LayerLog.OFF, Stack.Mode.PROCESSES);
        EventSink in = s.entry();
        SplittableRandom r = new SplittableRandom(7);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            in.store((16 + r.nextLong((1L << 35) - 16)) << 12, 8);
        }
        long used = usedAfterGc() - before;
        assertTrue(s.kernel().residentPages() > 999_900, "nearly every page distinct: " + s.kernel().residentPages());
        assertTrue(s.kernel().pageTablePages() > 1_000_000, "scattered pages cost a page table each: " + s.kernel().pageTablePages());
        assertTrue(used < 256L << 20, "heap used: " + (used >> 20) + " MiB for " + n + " pages");
        assertTrue(used / n < 160, "host bytes per touched page: " + used / n);
        assertEquals(n, s.events().count());
    }
}
