package org.memsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.kernel.VmTesting.PAGE;
import static org.memsim.kernel.VmTesting.counter;
import static org.memsim.kernel.VmTesting.frame;
import static org.memsim.kernel.VmTesting.mapAnon;
import static org.memsim.kernel.VmTesting.stack;
import static org.memsim.kernel.VmTesting.storeEach;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.memsim.event.EventSink;
import org.memsim.stack.Stack;
import org.memsim.vm.PageTable;

/** Processes: isolation, fork with copy on write, context switches, exit, the stack, SIGSEGV, the OOM killer. */
class ProcessesTest {
    static final long STACK_ADDRESS = 0x7ffffffde2f0L; // inside the initial stack, like the seed's 0x7ffcd3a0b2f0
    static final long MAP = 0x7f0000000000L;

    private static Set<Long> frames(Stack s, int pid) {
        Set<Long> out = new HashSet<>();
        s.kernel().process(pid).space().pageTable().forEach((vpn, e) -> out.add(PageTable.pfn(e)));
        return out;
    }

    @Test
    void twoProcessesWritingTheSameAddressGetDifferentFrames() {
        Stack s = stack("x86-64:ram=64m", "linux");
        EventSink in = s.entry();
        in.processStart(1);
        in.store(STACK_ADDRESS, 8);
        in.processStart(2);
        in.store(STACK_ADDRESS, 8);
        in.contextSwitch(1, 1);
        in.load(STACK_ADDRESS, 8);
        in.end();
        long f1 = frame(s, 1, STACK_ADDRESS);
        long f2 = frame(s, 2, STACK_ADDRESS);
        assertTrue(f1 >= 0 && f2 >= 0);
        assertNotEquals(f1, f2, "same virtual address, different physical frames");
        assertEquals(STACK_ADDRESS & 0xfff, s.kernel().translate(2, STACK_ADDRESS) & 0xfff);
        assertEquals(2, s.memory().zeroFills(), "each process's first touch got its own zero-filled frame: neither sees the other's data");
        assertEquals(2, counter(s, "kernel.minorFaults"), "pid 1's load after the switch finds its own page");
        Set<Long> one = frames(s, 1);
        one.retainAll(frames(s, 2));
        assertTrue(one.isEmpty(), "no frame is mapped by both processes");
        assertEquals(2, s.kernel().processes().size(), "the implicit pid 1 became the trace's pid 1");
    }

    @Test
    void forkSharesPagesUntilOneSideWrites() {
        Stack s = stack("x86-64:ram=64m", "linux");
        EventSink in = s.entry();
        in.processStart(1);
        mapAnon(in, MAP, 16);
        storeEach(in, MAP, 16);
        assertEquals(16, s.memory().used());
        in.fork(1, 2);
        in.contextSwitch(2, 2);
        VmTesting.loadEach(in, MAP, 16);
        assertEquals(16, counter(s, "kernel.minorFaults"), "the child reads the parent's pages without faulting");
        assertEquals(16, s.memory().used());
        assertEquals(frame(s, 1, MAP + PAGE), frame(s, 2, MAP + PAGE));
        in.store(MAP, 8);
        assertEquals(1, counter(s, "kernel.cowFaults"));
        assertEquals(17, s.memory().used(), "the written page was copied");
        assertNotEquals(frame(s, 1, MAP), frame(s, 2, MAP));
        assertEquals(frame(s, 1, MAP + PAGE), frame(s, 2, MAP + PAGE), "unwritten pages stay shared");
        in.contextSwitch(1, 1);
        in.store(MAP + PAGE, 8);
        assertEquals(2, counter(s, "kernel.cowFaults"), "the parent's pages are write-protected too");
        assertEquals(18, s.memory().used());
        in.processExit(2, 0);
        assertEquals(16, s.memory().used(), "the child's copy of page 0 and the original page 1 (only the child mapped it) are freed");
        in.contextSwitch(1, 1);
        in.store(MAP + 2 * PAGE, 8);
        assertEquals(2, counter(s, "kernel.cowFaults"));
        assertEquals(1, counter(s, "kernel.cowReuses"), "nobody else maps it any more: made writable without a copy");
        assertEquals(16, s.memory().used());
        in.end();
    }

    private static long switchingMisses(String tlb) {
        Stack s = stack("x86-64:ram=64m", "linux", tlb, "clock");
        EventSink in = s.entry();
        in.processStart(1);
        mapAnon(in, MAP, 8);
        in.processStart(2);
        mapAnon(in, MAP, 8);
        for (int round = 0; round < 10; round++) {
            in.contextSwitch(1 + round % 2, 1);
            storeEach(in, MAP, 8);
        }
        in.end();
        return s.machine().tlb().stats().misses;
    }

    @Test
    void contextSwitchesFlushTheTlbUnlessEntriesCarryAsids() {
        long flushing = switchingMisses("tlb");
        long tagged = switchingMisses("tlb:asid=true");
        assertTrue(flushing >= 10 * 8, "every switch empties the TLB: " + flushing);
        assertTrue(tagged <= 2 * 8 * 2, "with ASIDs only first touches miss: " + tagged);
    }

    @Test
    void theStackGrowsDownAndOverflowsIntoTheGuardGap() {
        // a heap 8 MiB below a stack allowed 64 MiB: the guard gap is reached first
        Stack s = stack("x86-64:ram=256m", "linux:unmapped=segv,heapStart=0x7ffffd000000,mmapBase=0x7ffffffdd000,stackLimit=64m");
        EventSink in = s.entry();
        in.processStart(1);
        in.brk(0x7ffffd000000L + (8L << 20));
        long top = 0x7ffffffff000L;
        long a = top - 64;
        int pushes = 0;
        while (s.kernel().process(1).alive() && pushes < 100_000) {
            in.store(a, 8);
            a -= PAGE;
            pushes++;
        }
        Process p = s.kernel().process(1);
        assertEquals(Process.State.SEGFAULT, p.state());
        assertTrue(p.detail().contains("stack overflow"), p.detail());
        assertTrue(p.detail().contains("guard gap above 0x7ffffd000000-0x7ffffd800000 rw- [heap]"), p.detail());
        long died = a + PAGE;
        assertTrue(died < 0x7ffffd900000L && died >= 0x7ffffd8ff000L, "dies one guard gap (1 MiB) above the heap: " + Long.toHexString(died));
        assertEquals(1, counter(s, "kernel.stackOverflows"));
    }

    @Test
    void stackGrowthBeyondRlimitIsAnOverflow() {
        Stack s = stack("x86-64", "linux:unmapped=segv,stackLimit=1m");
        EventSink in = s.entry();
        long top = 0x7ffffffff000L;
        in.store(top - 900 * 1024, 8);
        assertTrue(s.kernel().current().alive(), "within RLIMIT_STACK the stack grows");
        in.store(top - (1 << 20) - 100, 8);
        assertTrue(s.kernel().current().detail().contains("RLIMIT_STACK"), s.kernel().current().detail());
    }

    @Test
    void brkStopsAGuardGapBelowTheStack() {
        Stack s = stack("x86-64", "linux:heapStart=0x7fffff000000,mmapBase=0x7ffffffdd000");
        s.entry().processStart(1);
        LinuxKernel k = s.kernel();
        long stackStart = 0x7ffffffff000L - 0x21000;
        assertEquals(0x7fffff000000L + PAGE, k.brk(0x7fffff000000L + PAGE));
        long tooFar = stackStart - (1 << 20) + PAGE;
        assertEquals(0x7fffff000000L + PAGE, k.brk(tooFar), "brk refused within the stack's guard gap");
    }

    @Test
    void segfaultsNameTheAddressAndTheNearestMapping() {
        Stack s = stack("x86-64", "linux:unmapped=segv");
        s.entry().load(0x555555560000L, 8);
        String d = s.kernel().current().detail();
        assertTrue(d.startsWith("SIGSEGV: read at 0x555555560000 (no mapping); nearest mapping 0x555555559000-0x555555559000"), d);
        Stack t = stack("x86-64", "linux:unmapped=segv");
        t.entry().store(0x555555554010L, 8);
        assertTrue(t.kernel().current().detail().contains("SIGSEGV: write at 0x555555554010 (the mapping is r-x); nearest mapping "
            + "0x555555554000-0x555555556000 r-x text"), t.kernel().current().detail());
        Stack u = stack("x86-64", "linux");
        u.entry().load(0xffff800000001000L, 8);
        assertTrue(u.kernel().current().detail().contains("outside the user address space"), u.kernel().current().detail());
    }

    @Test
    void exitReleasesEveryFrame() {
        Stack s = stack("x86-64:ram=64m", "linux");
        EventSink in = s.entry();
        in.processStart(7);
        mapAnon(in, MAP, 100);
        storeEach(in, MAP, 100);
        in.store(STACK_ADDRESS, 8);
        assertEquals(101, s.memory().used());
        in.processExit(7, 0);
        assertEquals(0, s.memory().used());
        assertEquals(0, s.kernel().residentPages());
        assertEquals(Process.State.EXITED, s.kernel().process(7).state());
        in.store(MAP, 8);
        assertEquals(1, counter(s, "runtime.eventsAfterDeath"), "events of an exited process are skipped");
    }

    @Test
    void theOomKillerPicksTheBiggestProcess() {
        Stack s = stack("x86-64:ram=256k", "linux"); // 64 frames, no swap
        EventSink in = s.entry();
        in.processStart(1);
        mapAnon(in, MAP, 50);
        storeEach(in, MAP, 50);
        in.processStart(2);
        mapAnon(in, MAP, 30);
        storeEach(in, MAP, 30);
        Process big = s.kernel().process(1);
        assertEquals(Process.State.OOM_KILLED, big.state());
        assertTrue(big.detail().contains("killed by the OOM killer"), big.detail());
        assertTrue(s.kernel().process(2).alive(), "the smaller process got the frames");
        assertEquals(30, s.kernel().process(2).space().residentPages());
        assertEquals(1, counter(s, "kernel.oomKills"));
        in.end();
        assertTrue(s.result().death().startsWith("pid 1: out of memory"), s.result().death());
    }

    @Test
    void forkOfAnUnknownParentIsABadEvent() {
        Stack s = stack("x86-64", "linux");
        org.junit.jupiter.api.Assertions.assertThrows(org.memsim.runtime.BadEventException.class, () -> s.entry().fork(5, 6));
        s.entry().processStart(5);
        s.entry().fork(5, 6);
        org.junit.jupiter.api.Assertions.assertThrows(org.memsim.runtime.BadEventException.class, () -> s.entry().fork(5, 6));
        assertFalse(s.kernel().process(6) == null);
    }
}
