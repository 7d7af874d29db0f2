package org.memsim.bench;

import java.lang.management.ManagementFactory;
import org.memsim.event.EventSink;
import org.memsim.stack.ManagedStack;
import org.memsim.stack.StackSpec;

/**
 * Host memory per live simulated object of the managed heap: grows a managed stack to {@code N}
 * live objects of a given shape (reference slots per object: 0, 1 or 2; one root, every object
 * reachable) under mark-sweep with a heap large enough that nothing is collected, and measures the
 * JVM heap used after full GCs against an empty stack — the whole stack (object table, spaces,
 * page table, frames) and the object table alone. The budget: ≤ 32 bytes per live object.
 * Usage: {@code java -cp memsim-bench.jar org.memsim.bench.ManagedFootprint [N]}.
 */
public final class ManagedFootprint {
    private ManagedFootprint() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("%-34s %12s %16s %16s%n", "graph", "live objects", "whole B/object", "table B/object");
        for (int slots = 0; slots <= 2; slots++) {
            measure(n, slots);
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static ManagedStack stack() {
        return ManagedStack.build(StackSpec.defaults(), "marksweep:heap=16g,max=16g");
    }

    /** N objects of 32 bytes; each points at earlier ones (a list with 1 slot, a binary tree with 2); object 0 is the root. */
    static void grow(EventSink in, int n, int slots) {
        for (int i = 0; i < n; i++) {
            in.newObject(i, 32, slots, 0, 0);
            if (i == 0) {
                in.rootAdd(0);
            } else if (slots == 1) {
                in.refWrite(i - 1, 0, i);
            } else if (slots == 2) {
                in.refWrite((i - 1) / 2, (i - 1) % 2, i);
            }
        }
    }

    private static void measure(int n, int slots) {
        ManagedStack warm = stack();
        grow(warm.entry(), 1000, slots);
        long base = usedAfterGc();
        ManagedStack s = stack();
        grow(s.entry(), n, slots);
        long whole = usedAfterGc() - base;
        long table = s.runtime().table().footprintBytes();
        String shape = slots == 0 ? "no references (ints)" : slots == 1 ? "1 reference each (a list)" : "2 references each (a binary tree)";
        System.out.printf("%-34s %12d %16.1f %16.1f%n", shape, s.runtime().table().live(), (double) whole / n, (double) table / n);
        if (s.runtime().table().live() < 0) {
            System.out.println(warm);
        }
    }
}
