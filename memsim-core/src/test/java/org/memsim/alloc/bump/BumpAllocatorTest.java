package org.memsim.alloc.bump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.csapp.AllocatorChecks;
import org.memsim.spec.SpecException;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/** {@code bump}: the pointer, frees that free nothing, resets, chunks, and the shared checks. */
class BumpAllocatorTest {
    static final long H = 0x555555559000L;
    static final String[] SPECS = {"bump", "bump:reset=never", "bump:source=mmap", "bump:source=mmap,chunk=4k", "bump:align=8"};

    @Test
    void bumpsAndFreesNothing() {
        Stack s = AllocatorChecks.stack("bump");
        BumpAllocator a = (BumpAllocator) s.allocator();
        long p = a.malloc(10, 0);
        assertEquals(H, p, "the first chunk starts at the break");
        assertEquals(64 * 1024, a.footprint());
        assertEquals(H + 16, a.malloc(10, 0));
        assertEquals(H + 32, a.malloc(0, 0), "malloc(0) still moves the pointer: a unique address");
        assertEquals(16, a.grantedSize(H + 32));
        long q = a.malloc(100, 0);
        assertEquals(H + 48, q);
        assertEquals(112, a.grantedSize(q));
        assertEquals(-1, a.lastSearched(), "no free list");
        a.free(H + 16);
        assertEquals(H + 160, a.malloc(1, 0), "the freed 16 bytes stay used");
        assertEquals(1, s.metrics().counterNamed("alloc.bump.deadFrees").get());
        assertEquals(64 * 1024 - 176, a.freeBytes());
        assertEquals(1, a.freeBlocks());
        long[] kinds = new long[5];
        a.heapMap((x, e, kind) -> kinds[kind] += e - x);
        assertEquals(176, kinds[HeapSpans.BLOCK], "freed blocks still count as used bytes");
        assertEquals(64 * 1024 - 176, kinds[HeapSpans.NEVER_USED]);
        a.verify();
    }

    @Test
    void resetWhenEveryBlockIsDead() {
        BumpAllocator a = (BumpAllocator) AllocatorChecks.allocator("bump");
        long p = a.malloc(1000, 0);
        long q = a.malloc(1000, 0);
        a.free(p);
        assertEquals(H + 2016, a.malloc(1, 0));
        a.free(q);
        a.free(H + 2016);  // the last live block: the arena resets
        assertEquals(0, a.liveBlocks());
        long r = a.malloc(1, 0);
        assertEquals(H, r, "back at the start of the first chunk");
        long[] kinds = new long[5];
        a.heapMap((x, e, kind) -> kinds[kind] += e - x);
        assertEquals(16, kinds[HeapSpans.BLOCK]);
        assertEquals(2016 + 16 - 16, kinds[HeapSpans.FREE], "used before the reset, free now");
    }

    @Test
    void resetEveryNCalls() {
        BumpAllocator a = (BumpAllocator) AllocatorChecks.allocator("bump:reset=3");
        assertEquals(H, a.malloc(10, 0));       // call 1
        assertEquals(H + 16, a.malloc(10, 0));  // call 2
        assertEquals(H, a.malloc(10, 0), "call 3 resets first: the blocks of calls 1 and 2 are abandoned");
        a.free(H + 16);                         // call 4: an abandoned block, nothing to do
        assertEquals(H + 16, a.malloc(10, 0));  // call 5
        assertEquals(1 + 1, a.liveBlocks());
        a.verify();
    }

    @Test
    void mmapChunksAndLargeRequests() {
        Stack s = AllocatorChecks.stack("bump:source=mmap,chunk=4k");
        BumpAllocator a = (BumpAllocator) s.allocator();
        long p = a.malloc(3000, 0);
        long q = a.malloc(3000, 0);             // does not fit the 1096 bytes left: a new chunk
        assertTrue(q != p + 3008);
        assertEquals(4096 - 3008, s.metrics().counterNamed("alloc.bump.wastedTail").get());
        long big = a.malloc(10000, 0);          // a chunk of its own size
        assertEquals(10000, a.grantedSize(big), "10000 is a multiple of 16");
        assertEquals(3, s.metrics().counterNamed("alloc.bump.chunks").get());
        a.verify();
    }

    @Test
    void reallocGrowsTheNewestBlockInPlace() {
        BumpAllocator a = (BumpAllocator) AllocatorChecks.allocator("bump");
        long p = a.malloc(10, 0);
        long q = a.malloc(10, 0);
        assertEquals(q, a.realloc(q, 1000), "the newest block grows where it is");
        assertEquals(1008, a.grantedSize(q));
        long p2 = a.realloc(p, 100);
        assertEquals(q + 1008, p2, "an older block moves to the pointer");
        assertEquals(p2, a.realloc(p2, 50), "shrinking keeps the block");
    }

    @Test
    void keysAreChecked() {
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("bump:reset=sometimes"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("bump:reset=0"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("bump:align=12"));
    }

    @Test
    void misuse() {
        for (String spec : SPECS) {
            AllocatorChecks.misuse(spec, false, true);
        }
        AllocatorChecks.misuse("bump:reset=1000", false, false);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void randomStressUnderVerify(long seed) {
        for (String spec : SPECS) {
            AllocatorChecks.stress(spec, seed, 1500, 100_000, 8);
        }
    }

    @Test
    void checkModeReplaysAGeneratedTrace() throws Exception {
        for (String spec : new String[] {"bump", "bump:reset=500", "bump:source=mmap"}) {
            StackResult r = AllocatorChecks.replayChecked(spec, 3000);
            assertEquals(0, r.failedOps(), spec);
        }
    }

    @Test
    void replayAllocatesNothingPerOp() throws Exception {
        long bytes = AllocatorChecks.replayAllocatedBytes("bump", "gen:sizes:ops=200000,freeAll=true");
        assertTrue(bytes < 100_000, "replaying 200,000 ops allocated " + bytes + " host bytes");
    }
}
