package org.memsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.kernel.VmTesting.ANON;
import static org.memsim.kernel.VmTesting.counter;
import static org.memsim.kernel.VmTesting.stack;

import org.junit.jupiter.api.Test;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.stack.Stack;

/** vm.overcommit_memory 0, 1 and 2 as mm/util.c's __vm_enough_memory applies them. */
class OvercommitTest {
    static final long GIB = 1L << 30;

    private static long map(Stack s, long bytes, int prot, int flags) {
        return s.kernel().mmap(0, bytes, prot, flags, 0, 0);
    }

    @Test
    void alwaysOvercommitReservesSixteenGibOnEightAndPaysForTouchedPages() {
        Stack s = stack("x86-64:ram=8g", "linux:overcommit=1");
        long a = map(s, 16 * GIB, Prot.RW, ANON);
        assertNotEquals(-1, a);
        for (int i = 0; i < 100; i++) {
            s.entry().store(a + i * 4096L * 1000, 8);
        }
        assertEquals(100, s.kernel().residentPages(), "only touched pages take frames");
        assertTrue(s.kernel().committedBytes() >= 16 * GIB);
    }

    @Test
    void heuristicRefusesOneRequestLargerThanRamPlusSwap() {
        Stack s = stack("x86-64:ram=8g", "linux:overcommit=0");
        assertEquals(-1, map(s, 16 * GIB, Prot.RW, ANON), "16 GiB at once on 8 GiB without swap");
        assertNotEquals(-1, map(s, 8 * GIB, Prot.RW, ANON));
        assertNotEquals(-1, map(s, 8 * GIB, Prot.RW, ANON), "the heuristic looks at one request, not the total");
        assertEquals(1, counter(s, "kernel.overcommitRefusals"));
        Stack withSwap = stack("x86-64:ram=8g,swap=8g", "linux:overcommit=0");
        assertNotEquals(-1, map(withSwap, 16 * GIB, Prot.RW, ANON), "RAM + swap = 16 GiB");
    }

    @Test
    void neverOvercommitStopsAtCommitLimit() {
        Stack s = stack("x86-64:ram=8g", "linux:overcommit=2");
        assertEquals(4 * GIB, s.kernel().commitLimitBytes(), "CommitLimit = 8 GiB x 50% + 0 swap");
        assertNotEquals(-1, map(s, 3 * GIB, Prot.RW, ANON));
        assertEquals(-1, map(s, GIB, Prot.RW, ANON), "3 GiB + 1 GiB + the process image reaches the limit");
        assertNotEquals(-1, map(s, GIB - (1 << 20), Prot.RW, ANON));
        assertNotEquals(-1, map(s, 100 * GIB, Prot.READ, ANON), "read-only private memory is not charged");
        assertEquals(-1, map(s, 100 * GIB, Prot.RW, MapFlags.SHARED | MapFlags.ANONYMOUS | MapFlags.NORESERVE),
            "shared anonymous memory is charged, and mode 2 ignores MAP_NORESERVE");
        Stack t = stack("x86-64:ram=8g,swap=2g", "linux:overcommit=2,overcommitRatio=100");
        assertEquals(10 * GIB, t.kernel().commitLimitBytes());
    }

    @Test
    void noReserveIsHonouredExceptInModeTwo() {
        Stack one = stack("x86-64:ram=8g", "linux:overcommit=0");
        assertNotEquals(-1, map(one, 64 * GIB, Prot.RW, ANON | MapFlags.NORESERVE), "MAP_NORESERVE is not accounted in mode 0");
        Stack two = stack("x86-64:ram=8g", "linux:overcommit=2");
        assertEquals(-1, map(two, 64 * GIB, Prot.RW, ANON | MapFlags.NORESERVE), "mode 2 ignores MAP_NORESERVE");
    }

    @Test
    void munmapReturnsTheChargeAndForkChargesTheChild() {
        Stack s = stack("x86-64:ram=8g", "linux:overcommit=2");
        s.entry().processStart(1);
        long before = s.kernel().committedBytes();
        long a = map(s, 3 * GIB, Prot.RW, ANON);
        assertEquals(before + 3 * GIB, s.kernel().committedBytes());
        assertFalse(s.kernel().fork(1, 2), "a copy of 3 GiB of private memory would pass CommitLimit");
        assertEquals(1, counter(s, "kernel.forkFailures"));
        assertEquals(0, s.kernel().munmap(a, 3 * GIB));
        assertEquals(before, s.kernel().committedBytes());
        assertTrue(s.kernel().fork(1, 2));
        assertEquals(2 * before, s.kernel().committedBytes());
    }

    @Test
    void brkAndStackGrowthAreCharged() {
        Stack s = stack("x86-64:ram=64m", "linux:overcommit=2");
        long start = s.kernel().heapStart();
        long limit = s.kernel().commitLimitBytes();
        assertEquals(start, s.kernel().brk(start + limit), "a heap as large as CommitLimit is refused");
        assertEquals(start + (1 << 20), s.kernel().brk(start + (1 << 20)));
    }
}
