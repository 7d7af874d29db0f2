package org.memsim.alloc.slab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.buddy.BuddyAllocator;
import org.memsim.alloc.csapp.AllocatorChecks;
import org.memsim.spec.SpecException;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/** {@code slab}: caches, slab lists, pages back to the buddy allocator, large requests, metrics. */
class SlabAllocatorTest {
    static final String[] SPECS = {"slab", "slab:sizes=pow2", "slab:sizes=16/48/256/1k", "slab:pages=1", "slab:keep=0",
        "slab:source=buddy:memmap=0;maxorder=6", "slab:source=buddy:source=brk"};

    @Test
    void kmallocCachesAndTheirSlabs() {
        Stack s = AllocatorChecks.stack("slab");
        SlabAllocator a = (SlabAllocator) s.allocator();
        long p = a.malloc(1, 0);
        assertEquals(8, a.grantedSize(p), "kmalloc-8");
        assertEquals(96, a.grantedSize(a.malloc(65, 0)), "kmalloc-96");
        assertEquals(192, a.grantedSize(a.malloc(129, 0)), "kmalloc-192");
        assertEquals(256, a.grantedSize(a.malloc(200, 0)));
        long big = a.malloc(8193, 0);
        assertEquals(16384, a.grantedSize(big), "above kmalloc-8k: an order-2 block straight from the buddy allocator");
        assertEquals(1, s.metrics().counterNamed("alloc.slab.large").get());
        // kmalloc-64 slabs are one page (64 objects, at least 8): carved in address order
        long first = a.malloc(64, 0);
        for (int i = 1; i < 64; i++) {
            assertEquals(first + 64L * i, a.malloc(64, 0));
        }
        assertEquals(1, a.slabs(64, 1), "one full slab");
        assertEquals(0, a.slabs(64, 0));
        long next = a.malloc(64, 0);
        assertEquals(1, a.slabs(64, 0), "the 65th object starts a partial slab");
        assertEquals(65, a.objectsInUse(64));
        assertEquals(65, s.metrics().gaugeNamed("alloc.slab.kmalloc-64.objects").read());
        assertEquals(1, s.metrics().gaugeNamed("alloc.slab.kmalloc-64.full").read());
        a.free(first + 64 * 10);                             // the full slab becomes partial, object 10 heads its free list
        assertEquals(2, a.slabs(64, 0));
        assertEquals(first + 64 * 10, a.malloc(64, 0), "the partial list's first slab; its last freed object (LIFO)");
        // the first object of each slab came with the new slab; 63 more from the first slab, then this one
        assertEquals(64, s.metrics().counterNamed("alloc.slab.kmalloc-64.fromPartial").get());
        a.free(next);
        assertEquals(1, a.slabs(64, 2), "an empty slab is kept (keep=5)");
        a.verify();
    }

    @Test
    void slabOrdersFollowSlub() {
        SlabAllocator a = (SlabAllocator) AllocatorChecks.allocator("slab");
        BuddyAllocator pages = (BuddyAllocator) a.pageAllocator();
        // kmalloc-8k: 8 objects would need order 4; SLUB stops at order 3 (4 objects in 32 KiB)
        long p = a.malloc(8192, 0);
        long q = a.malloc(8192, 0);
        assertEquals(p + 8192, q);
        assertEquals(0, p % 32768, "the slab is an order-3 buddy block, aligned to its size");
        // kmalloc-1k: 8 objects in an order-1 slab
        long r = a.malloc(1000, 0);
        assertEquals(0, r % 8192);
        assertTrue(pages.freeBlocks() > 0);
    }

    @Test
    void emptySlabsBeyondKeepGoBackToTheBuddyAllocator() {
        SlabAllocator a = (SlabAllocator) AllocatorChecks.allocator("slab:keep=1");
        BuddyAllocator pages = (BuddyAllocator) a.pageAllocator();
        long[] objs = new long[3 * 64];
        for (int i = 0; i < objs.length; i++) {
            objs[i] = a.malloc(64, 0);
        }
        assertEquals(3, a.slabs(64, 1));
        long freeBefore = pages.freeBytes();
        for (long o : objs) {
            a.free(o);
        }
        assertEquals(1, a.slabs(64, 2), "one empty slab kept");
        assertEquals(freeBefore + 2 * 4096, pages.freeBytes(), "two slabs' pages went back");
        a.verify();
        Stack s = AllocatorChecks.stack("slab:keep=0");
        SlabAllocator z = (SlabAllocator) s.allocator();
        long o = z.malloc(64, 0);
        z.free(o);
        assertEquals(0, z.slabs(64, 2));
        assertEquals(1, s.metrics().counterNamed("alloc.slab.kmalloc-64.released").get());
        assertEquals(4L << 20, ((BuddyAllocator) z.pageAllocator()).freeBytes(), "the chunk is whole again");
    }

    @Test
    void heapMapSplitsSlabsIntoObjects() {
        SlabAllocator a = (SlabAllocator) AllocatorChecks.allocator("slab:sizes=96,source=buddy:maxorder=0;memmap=0");
        long p = a.malloc(90, 0);
        a.malloc(90, 0);
        a.free(p);
        long[] kinds = new long[5];
        a.heapMap((s, e, kind) -> kinds[kind] += e - s);
        assertEquals(96, kinds[HeapSpans.BLOCK]);
        assertEquals(96 * 41, kinds[HeapSpans.FREE], "42 objects of 96 bytes in a page, one in use");
        assertEquals(4096 - 42 * 96, kinds[HeapSpans.NEVER_USED], "the slab's leftover");
    }

    @Test
    void alignedRequestsAndKeys() {
        SlabAllocator a = (SlabAllocator) AllocatorChecks.allocator("slab");
        long p = a.malloc(40, 64);
        assertEquals(0, p % 64);
        assertEquals(64, a.grantedSize(p));
        long q = a.malloc(100, 128);
        assertEquals(128, a.grantedSize(q), "kmalloc-96 objects are only 32-aligned: kmalloc-128");
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("slab:sizes=16/12"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("slab:source=csapp"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("slab:pages=3"));
        assertThrows(IllegalStateException.class, () -> a.free(p + 8));
    }

    @Test
    void misuse() {
        for (String spec : SPECS) {
            AllocatorChecks.misuse(spec, false, true);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void randomStressUnderVerify(long seed) {
        for (String spec : SPECS) {
            AllocatorChecks.stress(spec, seed, 1200, 200_000, 8);
        }
    }

    @Test
    void checkModeReplaysAGeneratedTrace() throws Exception {
        for (String spec : SPECS) {
            StackResult r = AllocatorChecks.replayChecked(spec, 3000);
            assertEquals(0, r.failedOps(), spec);
        }
    }

    @Test
    void replayAllocatesNothingPerOp() throws Exception {
        long bytes = AllocatorChecks.replayAllocatedBytes("slab", "gen:sizes:ops=200000,freeAll=true");
        assertTrue(bytes < 100_000, "replaying 200,000 ops allocated " + bytes + " host bytes");
    }
}
