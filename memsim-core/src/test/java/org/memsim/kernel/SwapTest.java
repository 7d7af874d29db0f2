package org.memsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.kernel.VmTesting.counter;
import static org.memsim.kernel.VmTesting.loadEach;
import static org.memsim.kernel.VmTesting.mapAnon;
import static org.memsim.kernel.VmTesting.stack;
import static org.memsim.kernel.VmTesting.storeEach;

import org.junit.jupiter.api.Test;
import org.memsim.event.EventSink;
import org.memsim.layer.Layer;
import org.memsim.stack.Stack;

/** Swap: anonymous pages evicted under pressure, major faults reading them back, dirty tracking, no swap means OOM. */
class SwapTest {
    static final long MAP = 0x7f0000000000L;

    @Test
    void sweepingTwiceTheRamThroughLruSwapsEveryPage() {
        Stack s = stack("x86-64:ram=64k,swap=1m", "linux", "tlb", "lru"); // 16 frames
        EventSink in = s.entry();
        mapAnon(in, MAP, 32);
        storeEach(in, MAP, 32);
        assertEquals(32, counter(s, "kernel.minorFaults"), "first touches are zero fills");
        assertEquals(16, counter(s, "kernel.swapOuts"), "pages 0-15 were written out to make room for 16-31");
        double physicalBefore = s.clock().nanos(Layer.PHYSICAL);
        loadEach(in, MAP, 32);
        assertEquals(32, counter(s, "kernel.majorFaults"), "LRU on a loop twice the size of RAM misses every time");
        assertEquals(32, counter(s, "kernel.swapIns"));
        assertEquals(32, counter(s, "kernel.swapOuts"), "pages 16-31 (dirty) written; pages 0-15 read back clean: evicted without a write");
        double majorNs = s.clock().nanos(Layer.PHYSICAL) - physicalBefore;
        assertTrue(majorNs >= 32 * 10e6, "each major fault reads the disk: 10 ms: " + majorNs);
        assertEquals(16, s.memory().used());
        assertEquals(32, s.kernel().swap().used(), "16 pages out on swap, and the 16 resident ones keep their slot (the swap cache)");
        in.end();
    }

    @Test
    void cleanSwapCachedPagesAreDroppedWithoutWriting() {
        Stack s = stack("x86-64:ram=32k,swap=1m", "linux", "tlb", "fifo"); // 8 frames
        EventSink in = s.entry();
        mapAnon(in, MAP, 16);
        storeEach(in, MAP, 16);  // 8 written out
        loadEach(in, MAP, 16);   // 16 read back; the evicted 8..15 are dirty (written), 0..7 clean
        long writes = counter(s, "kernel.swapOuts");
        loadEach(in, MAP, 16);   // every eviction now is of a clean page that still has its slot
        assertEquals(writes, counter(s, "kernel.swapOuts"), "no write for clean pages with a swap copy");
        assertEquals(48 - 16, counter(s, "kernel.majorFaults"));
    }

    @Test
    void withoutSwapAnonymousMemoryCannotBeEvicted() {
        Stack s = stack("x86-64:ram=64k", "linux", "tlb", "lru");
        EventSink in = s.entry();
        mapAnon(in, MAP, 32);
        storeEach(in, MAP, 32);
        assertTrue(s.result().death().contains("out of memory"), s.result().death());
        assertEquals(16, s.memory().peakUsed());
    }

    @Test
    void aFullSwapDeviceEndsInTheOomKiller() {
        Stack s = stack("x86-64:ram=64k,swap=32k", "linux", "tlb", "lru"); // 16 frames + 8 slots
        EventSink in = s.entry();
        mapAnon(in, MAP, 40);
        storeEach(in, MAP, 40);
        assertTrue(s.kernel().current().killed());
        assertEquals(8, s.kernel().swap().peakUsed());
    }

    @Test
    void theWorkingSetPolicyTrimsIdlePagesAtFaults() {
        Stack s = stack("x86-64:ram=1m,swap=1m", "linux", "tlb", "ws:window=64");
        EventSink in = s.entry();
        mapAnon(in, MAP, 40);
        storeEach(in, MAP, 20);               // 20 pages, then only page 0 is used for a while
        for (int i = 0; i < 100; i++) {
            in.load(MAP, 8);
        }
        in.store(MAP + 30L * 4096, 8);        // a fault: pages idle for 64 references or more leave
        assertEquals(2, s.kernel().residentPages(), "page 0 (in use) and the page just faulted");
        assertTrue(counter(s, "kernel.swapOuts") >= 19, "the idle pages went to swap");
    }

    @Test
    void forkedProcessesShareSwapSlots() {
        Stack s = stack("x86-64:ram=64k,swap=1m", "linux", "tlb", "lru");
        EventSink in = s.entry();
        in.processStart(1);
        mapAnon(in, MAP, 8);
        storeEach(in, MAP, 8);
        in.fork(1, 2);
        in.contextSwitch(1, 1);
        mapAnon(in, MAP + (1L << 30), 16);
        storeEach(in, MAP + (1L << 30), 16);  // pushes the shared pages out
        long shared = s.kernel().process(2).space().swappedPages();
        assertTrue(shared > 0, "the child's entries point at the same slots");
        in.contextSwitch(2, 2);
        loadEach(in, MAP, 8);
        assertTrue(s.kernel().process(2).alive());
        in.processExit(1, 0);
        in.processExit(2, 0);
        assertEquals(0, s.kernel().swap().used(), "every slot released when both are gone");
        assertEquals(0, s.memory().used());
    }
}
