package org.memsim.bench;

import java.util.Random;
import org.memsim.alloc.Allocator;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;

/**
 * Free-list indexes at scale: many free blocks of one size, the case that made a sorted array per
 * size shift megabytes per insert. Allocates {@code N} blocks of 32 bytes, frees every other one in
 * a random order ({@code N / 2} holes that cannot merge), then makes {@code N} random mallocs of
 * 16–32 bytes and frees; prints ns per op for the frees and for the mixed ops (one cold pass, wall
 * clock) and a checksum of the addresses. Usage:
 * {@code java -Xmx8g -cp memsim-bench.jar org.memsim.bench.HoleScale N SPEC...}.
 */
public final class HoleScale {
    private HoleScale() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: HoleScale N SPEC...");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        for (int k = 1; k < args.length; k++) {
            Allocator a = Stack.build(StackSpec.defaults().withAllocator(args[k])).allocator();
            long[] addr = new long[n];
            Random r = new Random(1);
            for (int i = 0; i < n; i++) {
                addr[i] = a.malloc(32, 0);
            }
            int[] odd = new int[n / 2];
            for (int i = 0; i < odd.length; i++) {
                odd[i] = 2 * i + 1;
            }
            for (int i = odd.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = odd[i];
                odd[i] = odd[j];
                odd[j] = t;
            }
            long t0 = System.nanoTime();
            for (int i : odd) {
                a.free(addr[i]);
                addr[i] = 0;
            }
            long t1 = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < n; i++) {
                int j = r.nextInt(n);
                if (addr[j] == 0) {
                    addr[j] = a.malloc(16 + r.nextInt(3) * 8, 0);
                    sum += addr[j];
                } else {
                    a.free(addr[j]);
                    addr[j] = 0;
                }
            }
            long t2 = System.nanoTime();
            System.out.printf("%-40s frees %8.0f ns/op   mixed %8.0f ns/op   free blocks %d   (checksum %x)%n", args[k],
                (t1 - t0) / (double) odd.length, (t2 - t1) / (double) n, a.freeBlocks(), sum);
        }
    }
}
