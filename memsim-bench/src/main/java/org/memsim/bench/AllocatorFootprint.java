package org.memsim.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.memsim.event.EventSink;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;

/**
 * Host memory per live simulated block, for each allocator spec given: grows a stack to
 * {@code N} live blocks (sizes 16..512 bytes, untouched) and measures the JVM heap used after full
 * GCs against an empty stack: the whole replay's bytes per block, the runtime's share (its live-block
 * table, as the table counts itself) and the rest (the allocator's structures, with the page tables
 * and frames of the metadata it touches). Usage:
 * {@code java -cp memsim-bench.jar org.memsim.bench.AllocatorFootprint [--shuffled] [N] SPEC...}.
 * Blocks get ids in allocation order (as generators, {@code capture} and the importers number them)
 * unless {@code --shuffled} numbers them in a random order, which the runtime cannot index
 * directly. The target is ≤ 32 bytes per live block.
 */
public final class AllocatorFootprint {
    private AllocatorFootprint() {}

    private static boolean shuffled;

    public static void main(String[] args) {
        int n = 1_000_000;
        int first = 0;
        if (args.length > first && args[first].equals("--shuffled")) {
            shuffled = true;
            first++;
        }
        if (args.length > first && args[first].matches("\\d+")) {
            n = Integer.parseInt(args[first]);
            first++;
        }
        List<String> specs = args.length > first ? List.of(args).subList(first, args.length) : List.of("freelist");
        System.out.printf("%-40s %12s %16s %16s %16s%n", "allocator", "live blocks", "whole B/block", "allocator B/block",
            "runtime B/block");
        for (String spec : specs) {
            measure(spec, n);
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void measure(String spec, int n) {
        Stack warm = Stack.build(StackSpec.defaults().withAllocator(spec));
        grow(warm.entry(), 1000);
        long base = usedAfterGc();
        Stack stack = Stack.build(StackSpec.defaults().withAllocator(spec));
        EventSink in = stack.entry();
        grow(in, n);
        long whole = usedAfterGc() - base;
        // the runtime's own per-block table (id -> address and requested size), as it reports it
        long runtimeOnly = stack.runtime().blockStateBytes();
        System.out.printf("%-40s %12d %16.1f %16.1f %16.1f%n", spec, stack.runtime().liveBlocks(),
            (double) whole / n, (double) (whole - runtimeOnly) / n, (double) runtimeOnly / n);
        if (stack.runtime().liveBlocks() < 0) {
            System.out.println(in); // keep the stack reachable until measured
        }
    }

    private static void grow(EventSink in, int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        if (shuffled) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(1);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                long t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
        }
        for (int i = 0; i < n; i++) {
            in.alloc(ids[i], 16 + (i * 37L) % 497, 0, EventSink.NO_ADDRESS, EventSink.NONE);
        }
    }
}
