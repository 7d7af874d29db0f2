package org.memsim.alloc.freelist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.memsim.alloc.Allocator;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.SeededRandom;

/**
 * The fast free list agrees with the obvious linear one ({@link ReferenceFreeList}) on every
 * returned address and every search length, for every fit × order × coalescing, on seeded random
 * malloc/realloc/free streams, with the invariants checked after every op.
 */
class FreeListAgreementTest {

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (String fit : List.of("first", "next", "best", "worst")) {
            for (String order : List.of("address", "size-asc", "size-desc", "lifo", "fifo")) {
                for (boolean coalesce : List.of(true, false)) {
                    out.add(Arguments.of(fit, order, coalesce));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "fit={0} order={1} coalesce={2}")
    @MethodSource("variants")
    void agreesWithTheLinearReference(String fit, String order, boolean coalesce) {
        for (long seed = 1; seed <= 3; seed++) {
            Stack stack = Stack.build(StackSpec.defaults().withAllocator(
                "freelist:fit=" + fit + ",order=" + order + ",coalesce=" + coalesce + ",chunk=8k"));
            Allocator fast = stack.allocator();
            ReferenceFreeList ref = new ReferenceFreeList(fit, order, coalesce, 16, 16, 8192);
            SeededRandom r = new SeededRandom(seed * 7919 + fit.hashCode() + order.hashCode());
            List<long[]> live = new ArrayList<>(); // {fast address, ref address}
            for (int op = 0; op < 3000; op++) {
                double d = r.nextDouble();
                String what;
                long a;
                long b;
                if (live.isEmpty() || d < 0.45) {
                    long size = r.nextDouble() < 0.1 ? r.nextLong(2000, 20000) : r.nextLong(0, 300);
                    a = fast.malloc(size, 0);
                    b = ref.malloc(size);
                    live.add(new long[] {a, b});
                    what = "malloc(" + size + ")";
                } else if (d < 0.6) {
                    int k = r.nextInt(live.size());
                    long size = r.nextLong(0, 600);
                    a = fast.realloc(live.get(k)[0], size);
                    b = ref.realloc(live.get(k)[1], size);
                    live.set(k, new long[] {a, b});
                    what = "realloc(" + size + ")";
                } else {
                    int k = r.nextInt(live.size());
                    long[] x = live.remove(k);
                    fast.free(x[0]);
                    ref.free(x[1]);
                    a = x[0];
                    b = x[1];
                    what = "free";
                }
                String where = "op " + op + " (" + what + "), seed " + seed;
                assertEquals(Long.toHexString(b), Long.toHexString(a), "address at " + where);
                assertEquals(ref.lastSearched, fast.lastSearched(), "search length at " + where);
                fast.verify();
            }
        }
    }

    /**
     * An arena past best and worst fit's size buckets (2^29 granules of 8 bytes: 4 GiB) keeps its
     * by-size index in the wide B+-tree from the first block: every op still passes the checks, and
     * the small blocks carved from the arena's front come out in the order best fit gives them.
     */
    @ParameterizedTest(name = "fit={0} order={1}")
    @CsvSource({"best, address", "best, lifo", "worst, fifo"})
    void anArenaTooLargeForTheSizeBucketsStillWorks(String fit, String order) {
        Allocator a = Stack.build(StackSpec.defaults().withAllocator(
            "freelist:fit=" + fit + ",order=" + order + ",align=8,size=8g,grow=false")).allocator();
        SeededRandom r = new SeededRandom(5);
        List<Long> live = new ArrayList<>();
        long first = a.malloc(100, 0);
        for (int op = 0; op < 2000; op++) {
            if (live.isEmpty() || r.nextDouble() < 0.55) {
                live.add(a.malloc(r.nextLong(1, 5000), 0));
            } else {
                a.free(live.remove(r.nextInt(live.size())));
            }
            a.verify();
        }
        a.free(first);
        assertEquals(fit.equals("best") ? first : -1, fit.equals("best") ? a.malloc(100, 0) : -1);
    }
}
