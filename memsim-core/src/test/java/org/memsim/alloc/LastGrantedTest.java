package org.memsim.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;

/**
 * Every allocator but ptmalloc reports {@link Allocator#lastGranted}, and says what {@link Allocator#grantedSize}
 * says of the block a malloc or calloc returned and of the block a free released, on seeded random
 * traffic (small, large and aligned requests, calloc, frees in random order).
 */
class LastGrantedTest {
    @ParameterizedTest
    @ValueSource(strings = {"freelist", "freelist:fit=best,order=lifo", "csapp", "csapp:list=explicit,fit=best", "segfit",
        "ptmalloc", "slab", "buddy", "bump", "pool", "pool:fallback=ptmalloc"})
    void agreesWithGrantedSize(String spec) {
        Allocator a = Stack.build(StackSpec.defaults().withAllocator(spec)).allocator();
        // ptmalloc reads a chunk's size word as cheaply as it would track it: the runtime asks grantedSize
        assertEquals(!spec.contains("ptmalloc"), a.lastGranted() >= 0, spec + " reports lastGranted");
        SplittableRandom r = new SplittableRandom(spec.hashCode());
        long[] live = new long[600];
        int n = 0;
        for (int step = 0; step < 40_000; step++) {
            if (n < live.length && (n == 0 || r.nextInt(2) == 0)) {
                int kind = r.nextInt(20);
                long size = kind == 0 ? 4096 + r.nextInt(300_000) : kind == 1 ? 0 : 1 + r.nextInt(kind < 10 ? 64 : 1024);
                long p = kind == 2 ? a.calloc(1 + r.nextInt(8), size) : kind == 3 ? a.malloc(size, 64) : a.malloc(size, 0);
                if (p != 0) {
                    if (a.lastGranted() >= 0) {
                        assertEquals(a.grantedSize(p), a.lastGranted(), spec + ": granted to the block at " + p);
                    }
                    live[n++] = p;
                }
            } else {
                int k = r.nextInt(n);
                long p = live[k];
                live[k] = live[--n];
                long granted = a.grantedSize(p);
                a.free(p);
                if (a.lastGranted() >= 0) {
                    assertEquals(granted, a.lastGranted(), spec + ": released with the block at " + p);
                }
            }
        }
    }
}
