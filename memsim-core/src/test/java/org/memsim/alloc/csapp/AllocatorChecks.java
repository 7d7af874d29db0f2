package org.memsim.alloc.csapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.HeapSpans;
import org.memsim.collections.LongArrayList;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.GeneratorSource;

/**
 * Checks every allocator strategy shares: a seeded random stress of the API under {@code verify()}
 * after every call with an outside model of the live blocks (no overlap, alignment, sizes, heap
 * map), misuse (NULL, zero and huge sizes, bad frees, realloc edge cases), a replay under
 * {@code --check}, and the no-allocation-per-op property of the replay path.
 */
public final class AllocatorChecks {
    private AllocatorChecks() {}

    /** A fresh stack with the allocator {@code spec} (the default kernel, VM and costs). */
    public static Stack stack(String spec) {
        return Stack.build(StackSpec.defaults().withAllocator(spec));
    }

    /**
     * Replays {@code ops} ops of {@code gen:sizes} (seed 3, blocks up to 20,000 bytes) through a
     * fresh stack with the allocator's invariants verified after every op ({@code --check}).
     */
    public static StackResult replayChecked(String spec, int ops) throws Exception {
        Stack s = stack(spec);
        s.runtime().setCheck(true);
        return Replay.run(GeneratorSource.parse("gen:sizes:ops=" + ops + ",max=20000", 3), List.of(s)).get(0);
    }

    /** The allocator of a fresh stack. */
    public static Allocator allocator(String spec) {
        return stack(spec).allocator();
    }

    /** One live block as the test sees it. */
    private record Live(long address, long size, long align) {}

    /**
     * Random malloc/calloc/realloc/free/aligned calls, verify() after each, outside checks of the
     * live set; {@code maxSize} bounds the sizes, {@code alignedOk} says whether the strategy
     * honours alignments above its own.
     */
    public static void stress(String spec, long seed, int ops, long maxSize, int minAlign) {
        Allocator a = allocator(spec);
        Random r = new Random(seed);
        List<Live> live = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            int what = r.nextInt(100);
            String op;
            if (what < 45 || live.isEmpty()) {
                long size = size(r, maxSize);
                long align = r.nextInt(20) == 0 ? 1L << (5 + r.nextInt(8)) : 0;
                op = "malloc(" + size + ", " + align + ")";
                long p = a.malloc(size, align);
                if (p != 0) {
                    live.add(new Live(p, size, align));
                } else if (size > 0 && size <= maxSize) {
                    fail(spec + ": " + op + " failed at op " + i);
                }
            } else if (what < 50) {
                long n = 1 + r.nextInt(8);
                long size = size(r, maxSize) / n;
                op = "calloc(" + n + ", " + size + ")";
                long p = a.calloc(n, size);
                if (p != 0) {
                    live.add(new Live(p, n * size, 0));
                }
            } else if (what < 65) {
                int k = r.nextInt(live.size());
                Live b = live.get(k);
                long size = r.nextBoolean() ? Math.max(1, b.size / (1 + r.nextInt(4))) : Math.min(maxSize, b.size * (1 + r.nextInt(4)) + r.nextInt(64));
                op = "realloc(" + Long.toHexString(b.address) + ", " + size + ")";
                long p = a.realloc(b.address, size);
                if (p != 0) {
                    live.set(k, new Live(p, size, 0));
                } else {
                    fail(spec + ": " + op + " failed at op " + i);
                }
            } else {
                int k = r.nextInt(live.size());
                Live b = live.get(k);
                op = "free(" + Long.toHexString(b.address) + ")";
                a.free(b.address);
                live.set(k, live.get(live.size() - 1));
                live.remove(live.size() - 1);
            }
            try {
                a.verify();
                checkLive(a, live, minAlign);
                if (i % 97 == 0) {
                    checkHeapMap(a, live);
                }
            } catch (IllegalStateException | AssertionError e) {
                throw new AssertionError(spec + " seed " + seed + " after op " + i + " " + op + ": " + e.getMessage(), e);
            }
        }
        for (Live b : live) {
            a.free(b.address);
        }
        a.verify();
        checkHeapMap(a, List.of());
    }

    private static long size(Random r, long maxSize) {
        int k = r.nextInt(100);
        long s;
        if (k < 2) {
            s = 0;
        } else if (k < 70) {
            s = 1 + r.nextInt(128);
        } else if (k < 92) {
            s = 129 + r.nextInt(1920);
        } else {
            s = 2049 + (long) (r.nextDouble() * r.nextDouble() * 64 * 1024);
        }
        return Math.min(s, maxSize);
    }

    private static void checkLive(Allocator a, List<Live> live, int minAlign) {
        long[] starts = new long[live.size()];
        long[] ends = new long[live.size()];
        for (int i = 0; i < live.size(); i++) {
            Live b = live.get(i);
            long usable = a.usableSize(b.address);
            long granted = a.grantedSize(b.address);
            if (usable < b.size || granted < usable) {
                throw new AssertionError("block " + Long.toHexString(b.address) + " of " + b.size + " bytes: usable " + usable + ", granted " + granted);
            }
            if (b.address % minAlign != 0 || (b.align > 0 && b.address % b.align != 0)) {
                throw new AssertionError("block " + Long.toHexString(b.address) + " is not aligned to " + Math.max(minAlign, b.align));
            }
            starts[i] = b.address;
            ends[i] = b.address + Math.max(b.size, 1);
        }
        Integer[] order = new Integer[live.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(starts[x], starts[y]));
        for (int i = 1; i < order.length; i++) {
            if (ends[order[i - 1]] > starts[order[i]]) {
                throw new AssertionError("blocks at " + Long.toHexString(starts[order[i - 1]]) + " and " + Long.toHexString(starts[order[i]]) + " overlap");
            }
        }
        long free = a.freeBytes();
        long largest = a.largestFree();
        if (free < 0 || largest < 0 || largest > free || (free > 0) != (a.freeBlocks() > 0) || a.footprint() < 0) {
            throw new AssertionError("free " + free + " bytes, largest " + largest + ", " + a.freeBlocks() + " blocks, footprint " + a.footprint());
        }
    }

    /** Heap map spans are ordered and disjoint, and each live block starts a block span that holds it. */
    public static void checkHeapMap(Allocator a, List<?> liveBlocks) {
        LongArrayList spans = new LongArrayList();
        a.heapMap((s, e, kind) -> {
            spans.add(s);
            spans.add(e);
            spans.add(kind);
        });
        long prevEnd = Long.MIN_VALUE;
        List<long[]> blocks = new ArrayList<>();
        for (int i = 0; i < spans.size(); i += 3) {
            long s = spans.get(i);
            long e = spans.get(i + 1);
            int kind = (int) spans.get(i + 2);
            if (s >= e || s < prevEnd || kind < HeapSpans.NEVER_USED || kind > HeapSpans.FREE) {
                throw new AssertionError("heap map span [" + Long.toHexString(s) + ", " + Long.toHexString(e) + ") kind " + kind
                    + " is empty, out of order or overlaps the previous one ending at " + Long.toHexString(prevEnd));
            }
            prevEnd = e;
            if (kind == HeapSpans.BLOCK) {
                blocks.add(new long[] {s, e});
            }
        }
        for (Object o : liveBlocks) {
            Live b = (Live) o;
            int k = binarySearch(blocks, b.address);
            if (k < 0 || blocks.get(k)[1] - blocks.get(k)[0] < b.size) {
                throw new AssertionError("live block " + Long.toHexString(b.address) + " of " + b.size + " bytes has no block span in the heap map");
            }
        }
    }

    private static int binarySearch(List<long[]> blocks, long start) {
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = blocks.get(mid)[0];
            if (s < start) {
                lo = mid + 1;
            } else if (s > start) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * NULL, zero, negative and huge sizes; bad frees; realloc edge cases. {@code zeroIsNull}: the
     * strategy returns NULL for {@code malloc(0)}; {@code strictFree}: it throws on a bad free.
     */
    public static void misuse(String spec, boolean zeroIsNull, boolean strictFree) {
        Allocator a = allocator(spec);
        long[] huge = {Long.MAX_VALUE, Long.MAX_VALUE - 8, 1L << 62, 1L << 50};
        for (long h : huge) {
            assertEquals(0, a.malloc(h, 0), spec + ": malloc(" + h + ")");
            assertEquals(0, a.malloc(h, 4096), spec + ": aligned malloc(" + h + ")");
            assertEquals(0, a.calloc(h, 1), spec + ": calloc(" + h + ", 1)");
            assertEquals(0, a.calloc(1, h), spec + ": calloc(1, " + h + ")");
        }
        assertEquals(0, a.calloc(Long.MAX_VALUE / 2, 3), spec + ": calloc overflow");
        assertEquals(0, a.malloc(-1, 0), spec + ": malloc(-1)");
        assertEquals(0, a.malloc(16, 1L << 62), spec + ": malloc with a 2^62 alignment");
        a.verify();
        long z = a.malloc(0, 0);
        if (zeroIsNull) {
            assertEquals(0, z, spec + ": malloc(0)");
        } else {
            assertNotEquals(0, z, spec + ": malloc(0) returns a unique pointer");
            long z2 = a.malloc(0, 0);
            assertNotEquals(z, z2, spec + ": two malloc(0) give two pointers");
            a.free(z2);
            a.free(z);
        }
        a.free(0); // free(NULL) does nothing
        long p = a.malloc(100, 0);
        assertNotEquals(0, p);
        long usable = a.usableSize(p);
        assertEquals(0, a.realloc(p, Long.MAX_VALUE), spec + ": realloc to 2^63-1 fails");
        assertEquals(0, a.realloc(p, 1L << 50), spec + ": realloc to 2^50 fails");
        assertEquals(usable, a.usableSize(p), spec + ": the block survives a failed realloc");
        a.verify();
        long q = a.realloc(p, 100);
        assertNotEquals(0, q, spec + ": realloc to the same size");
        long r = a.realloc(q, 10);
        assertNotEquals(0, r, spec + ": realloc shrinking");
        long s = a.realloc(r, 5000);
        assertNotEquals(0, s, spec + ": realloc growing");
        assertTrue(a.usableSize(s) >= 5000);
        long t = a.realloc(0, 64);
        assertNotEquals(0, t, spec + ": realloc(NULL, n) is malloc(n)");
        assertEquals(0, a.realloc(t, 0), spec + ": realloc(p, 0) frees p and returns NULL");
        a.verify();
        if (strictFree) {
            assertThrows(IllegalStateException.class, () -> a.free(t), spec + ": free of a block realloc(p, 0) freed");
            assertThrows(IllegalStateException.class, () -> a.free(s + 1), spec + ": free of an address inside a block");
            assertThrows(IllegalStateException.class, () -> a.free(0x1000), spec + ": free of an address outside the heap");
        }
        a.free(s);
        if (strictFree) {
            assertThrows(IllegalStateException.class, () -> a.free(s), spec + ": double free");
        }
        a.verify();
        checkHeapMap(a, List.of());
    }

    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's thread allocation counter");
        return ((com.sun.management.ThreadMXBean) bean).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * The replay path allocates no object per op: the second replay of a trace that frees everything
     * (so every structure already has its size) allocates next to nothing on the host.
     */
    public static long replayAllocatedBytes(String spec, String generator) throws Exception {
        Stack stack = stack(spec);
        GeneratorSource source = GeneratorSource.parse(generator, 5);
        source.replay(stack.entry());
        source.replay(stack.entry()); // the JIT has seen the whole path twice
        long before = allocatedBytes();
        source.replay(stack.entry());
        return allocatedBytes() - before;
    }
}
