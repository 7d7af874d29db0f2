package org.memsim.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.event.Advice;
import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.stack.Stack;

/**
 * Seeded random processes, mappings and accesses on small machines (evictions, swap, COW, files,
 * huge pages, OOM kills), with the kernel's bookkeeping verified after every event.
 */
class KernelStressTest {
    static final long BASE = 0x7f0000000000L;
    static final long HUGE = 2L << 20;
    static final String[] POLICIES = {"fifo", "lru", "clock", "second-chance", "lfu", "random:seed=3", "aging", "ws:window=50"};
    static final String[] VMS = {"x86-64:ram=256k,swap=256k", "x86-64:ram=128k,swap=1m", "x86-64:ram=16m,swap=1m", "x86-64:ram=64k",
        "flat:ram=128k,swap=512k"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    void bookkeepingStaysConsistent(long seed) {
        Random r = new Random(seed);
        String vm = VMS[(int) (seed % VMS.length)];
        String policy = POLICIES[(int) (seed % POLICIES.length)];
        String tlb = r.nextBoolean() ? "tlb:asid=true,asids=2" : "auto";
        String kernel = "linux:thp=" + (seed % 2 == 0 ? "always" : "madvise");
        Stack s = VmTesting.stack(vm, kernel, tlb, policy);
        EventSink in = s.entry();
        LinuxKernel k = s.kernel();
        List<Integer> pids = new ArrayList<>();
        int nextPid = 1;
        in.processStart(nextPid);
        pids.add(nextPid++);
        in.defineFile(1, "a");
        in.defineFile(2, "b");
        for (int step = 0; step < 2500; step++) {
            int op = r.nextInt(100);
            int pid = pids.get(r.nextInt(pids.size()));
            long slot = BASE + (long) r.nextInt(8) * (4 * HUGE);   // 8 areas of 8 MiB
            if (op < 3 && pids.size() < 6) {
                in.processStart(nextPid);
                pids.add(nextPid++);
            } else if (op < 6 && pids.size() < 6 && k.process(pid).alive()) {
                in.fork(pid, nextPid);
                pids.add(nextPid++);
            } else if (op < 8 && pids.size() > 1) {
                in.processExit(pid, 0);
                pids.remove(Integer.valueOf(pid));
            } else if (op < 20) {
                in.contextSwitch(pid, pid);
            } else if (op < 28) {
                int kind = r.nextInt(5);
                long pages = 1 + r.nextInt(kind == 4 ? 600 : 24);
                int flags;
                int file = 0;
                switch (kind) {
                    case 0: flags = MapFlags.PRIVATE | MapFlags.ANONYMOUS; break;
                    case 1: flags = MapFlags.SHARED | MapFlags.ANONYMOUS; break;
                    case 2: flags = MapFlags.SHARED; file = 1 + r.nextInt(2); break;
                    case 3: flags = MapFlags.PRIVATE; file = 1 + r.nextInt(2); break;
                    default: flags = MapFlags.PRIVATE | MapFlags.ANONYMOUS; break;
                }
                in.mmap(slot, pages * 4096, r.nextInt(4) == 0 ? Prot.READ : Prot.RW, flags, file, 0);
            } else if (op < 32) {
                in.munmap(slot + (long) r.nextInt(700) * 4096, (1 + r.nextInt(64)) * 4096L);
            } else if (op < 34) {
                in.mprotect(slot, (1 + r.nextInt(16)) * 4096L, r.nextBoolean() ? Prot.READ : Prot.RW);
            } else if (op < 37) {
                in.madvise(slot, (1 + r.nextInt(600)) * 4096L, r.nextBoolean() ? Advice.DONTNEED : Advice.HUGEPAGE);
            } else if (op < 39) {
                in.msync(slot, 32 * 4096L);
            } else if (op < 40) {
                in.brk(k.heapStart() + r.nextInt(64) * 4096L);
            } else {
                long a = slot + (long) r.nextInt(r.nextInt(4) == 0 ? 700 : 24) * 4096 + r.nextInt(4000);
                if (r.nextBoolean()) {
                    in.store(a, 8);
                } else {
                    in.load(a, 8);
                }
            }
            try {
                k.verify();
            } catch (IllegalStateException e) {
                throw new AssertionError("seed " + seed + " (" + vm + ", " + policy + ", " + tlb + ", " + kernel + ") step " + step
                    + ": " + e.getMessage(), e);
            }
        }
        in.end();
        assertTrue(s.metrics().counterNamed("kernel.minorFaults").get() > 100, "the run did something: " + stats(s));
    }

    static String stats(Stack s) {
        StringBuilder sb = new StringBuilder();
        for (String c : new String[] {"kernel.minorFaults", "kernel.majorFaults", "kernel.cowFaults", "kernel.cowReuses",
            "kernel.swapOuts", "kernel.evictions", "kernel.writeBacks", "kernel.thpFaults", "kernel.oomKills", "kernel.forks",
            "kernel.segfaults", "runtime.eventsAfterDeath"}) {
            sb.append(c.substring(c.indexOf('.') + 1)).append('=').append(s.metrics().counterNamed(c).get()).append(' ');
        }
        return sb.toString();
    }
}
