package org.memsim.bench;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.memsim.event.EventSink;
import org.memsim.layer.LayerLog;
import org.memsim.spec.Spec;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;

/**
 * Host memory of the VM layer: writes one byte to each of N pages scattered uniformly over the
 * 128 TiB user address space of an x86-64 machine (8 GiB of RAM, Skylake-like TLB) and reports the
 * JVM heap used after full GCs, per touched page. Usage:
 * {@code java -Xmx256m -cp memsim-bench.jar org.memsim.bench.VmFootprint [N]} (default 1,000,000). The
 * issue's target: 1 M scattered pages in less than 256 MiB of heap.
 */
public final class VmFootprint {
    private VmFootprint() {}

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = usedAfterGc();
        Stack s = Stack.build(new StackSpec(Spec.parse("freelist"), Spec.parse("linux"), Spec.parse("x86-64:ram=8g"), Spec.parse("cost"),
            Spec.parse("tlb"), Spec.parse("clock")), LayerLog.OFF, Stack.Mode.PROCESSES);
        EventSink in = s.entry();
        SplittableRandom r = new SplittableRandom(7);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long page = 16 + r.nextLong((1L << 35) - 16); // 2^35 pages of 4 KiB = 128 TiB
            in.store(page << 12, 8);
        }
        long t1 = System.nanoTime();
        long used = usedAfterGc() - before;
        System.out.printf("%,d pages touched across 128 TiB: %,d resident, %,d simulated page-table pages (%,.0f MiB)%n", n,
            s.kernel().residentPages(), s.kernel().pageTablePages(), s.kernel().pageTablePages() * 4096 / 1048576.0);
        System.out.printf("host heap used: %.1f MiB, %.1f bytes per touched page; %.2f s (%.2f M faults/s)%n", used / 1048576.0,
            (double) used / n, (t1 - t0) / 1e9, n / ((t1 - t0) / 1e3));
        if (s.events().count() < 0) {
            System.out.println(in); // keeps the stack reachable until measured
        }
    }
}
