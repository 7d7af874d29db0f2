package org.memsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.kernel.VmTesting.ANON;
import static org.memsim.kernel.VmTesting.PAGE;
import static org.memsim.kernel.VmTesting.counter;
import static org.memsim.kernel.VmTesting.stack;
import static org.memsim.kernel.VmTesting.storeEach;

import org.junit.jupiter.api.Test;
import org.memsim.event.Advice;
import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.stack.Stack;

/** Transparent huge pages (never, madvise, always), MAP_HUGETLB 2 MiB and 1 GiB pages, splitting, and their TLB entries. */
class HugePageTest {
    static final long MAP = 0x7f0000000000L; // 2 MiB aligned
    static final long MIB2 = 2L << 20;

    private static Stack touch4Mib(String thp, boolean advise) {
        Stack s = stack("x86-64:ram=256m", "linux:thp=" + thp, "tlb", "clock");
        EventSink in = s.entry();
        in.mmap(MAP, 2 * MIB2, Prot.RW, ANON, 0, 0);
        if (advise) {
            in.madvise(MAP, 2 * MIB2, Advice.HUGEPAGE);
        }
        storeEach(in, MAP, 1024);
        in.end();
        return s;
    }

    @Test
    void alwaysMapsTwoMibPagesWithOneFaultEach() {
        Stack s = touch4Mib("always", false);
        assertEquals(2, counter(s, "kernel.thpFaults"));
        assertEquals(2, counter(s, "kernel.minorFaults"));
        assertEquals(1024, s.kernel().residentPages());
        assertTrue(s.machine().tlb().stats().misses <= 4, "one TLB entry covers each 2 MiB page: " + s.machine().tlb().stats().misses);
        assertEquals(3, s.kernel().pageTablePages(), "2 MiB leaves need no page table: PML4, PDPT, PD");
    }

    @Test
    void neverAndUnadvisedMadviseUseBasePages() {
        Stack never = touch4Mib("never", true);
        assertEquals(1024, counter(never, "kernel.minorFaults"));
        assertTrue(never.machine().tlb().stats().misses >= 1024);
        assertEquals(0, counter(touch4Mib("madvise", false), "kernel.thpFaults"));
        assertEquals(2, counter(touch4Mib("madvise", true), "kernel.thpFaults"));
    }

    @Test
    void hugetlbMappingsTakeHugePagesFromContiguousFrames() {
        Stack s = stack("x86-64:ram=4g", "linux", "tlb", "clock");
        EventSink in = s.entry();
        in.mmap(0, MIB2, Prot.RW, ANON | MapFlags.HUGETLB, 0, 0);
        in.mmap(0, 1L << 30, Prot.RW, ANON | MapFlags.HUGETLB | (30 << 26), 0, 0);
        long twoMeg = -1;
        long oneGig = -1;
        for (org.memsim.vm.Vma v : s.kernel().current().space().vmas().all()) {
            if (v.length() == MIB2) {
                twoMeg = v.start();
            } else if (v.length() == 1L << 30) {
                oneGig = v.start();
            }
        }
        assertEquals(0, twoMeg % MIB2);
        assertEquals(0, oneGig % (1L << 30), "1 GiB pages are mapped at 1 GiB boundaries");
        in.store(twoMeg + 12345, 8);
        in.store(oneGig + (700L << 20), 8);
        assertEquals(2, counter(s, "kernel.hugetlbFaults"));
        assertEquals(512 + (1 << 18), s.memory().used());
        assertEquals(0, s.kernel().translate(1, oneGig) / PAGE % (1 << 18), "the 1 GiB page starts on a 1 GiB frame boundary");
        Stack small = stack("x86-64:ram=1g", "linux");
        small.entry().store(MAP, 8); // the first frame is taken, so no aligned 1 GiB run is left
        long at = small.kernel().mmap(0, 1L << 30, Prot.RW, ANON | MapFlags.HUGETLB | (30 << 26), 0, 0);
        small.entry().store(at, 8);
        assertTrue(small.kernel().current().detail().startsWith("SIGBUS"), small.kernel().current().detail());
    }

    @Test
    void partialUnmapSplitsAHugePage() {
        Stack s = stack("x86-64:ram=256m", "linux:thp=always");
        EventSink in = s.entry();
        in.mmap(MAP, MIB2, Prot.RW, ANON, 0, 0);
        in.store(MAP, 8);
        assertEquals(512, s.memory().used());
        in.munmap(MAP + 100 * PAGE, PAGE);
        assertEquals(511, s.kernel().residentPages());
        assertEquals(512, s.memory().used(), "the run is freed only when all of it is unmapped");
        in.munmap(MAP, MIB2);
        assertEquals(0, s.memory().used());
    }

    @Test
    void writingASharedHugePageAfterForkCopiesOneBasePage() {
        Stack s = stack("x86-64:ram=256m", "linux:thp=always");
        EventSink in = s.entry();
        in.processStart(1);
        in.mmap(MAP, MIB2, Prot.RW, ANON, 0, 0);
        in.store(MAP, 8);
        in.fork(1, 2);
        in.contextSwitch(2, 2);
        in.store(MAP + 3 * PAGE, 8);
        assertEquals(1, counter(s, "kernel.cowFaults"));
        assertEquals(513, s.memory().used());
        assertEquals(512, s.kernel().process(2).space().residentPages());
        in.processExit(2, 0);
        in.processExit(1, 0);
        assertEquals(0, s.memory().used());
    }

    @Test
    void sixteenKibPagesMakeThirtyTwoMibHugePages() {
        Stack s = stack("x86-64:ram=256m,page=16k", "linux:thp=always");
        EventSink in = s.entry();
        long at = 0x7f0000000000L;
        in.mmap(at, 32L << 20, Prot.RW, ANON, 0, 0);
        in.store(at, 8);
        assertEquals(1, counter(s, "kernel.thpFaults"));
        assertEquals(2048, s.kernel().residentPages(), "2048 pages of 16 KiB");
    }
}
