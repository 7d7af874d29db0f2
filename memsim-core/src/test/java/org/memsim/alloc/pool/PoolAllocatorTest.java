package org.memsim.alloc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.csapp.AllocatorChecks;
import org.memsim.alloc.csapp.BoundaryTagAllocator;
import org.memsim.spec.SpecException;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/** {@code pool}: slots for the hot size, the fallback for the rest, and the shared checks. */
class PoolAllocatorTest {
    static final long H = 0x555555559000L;
    static final String[] SPECS = {"pool", "pool:fallback=csapp", "pool:fallback=segfit", "pool:fallback=buddy", "pool:fallback=slab",
        "pool:size=100,min=90,chunk=4k", "pool:fallback=csapp:fit=best;list=explicit"};

    @Test
    void hotSizeFromSlotsTheRestFromTheFallback() {
        Stack s = AllocatorChecks.stack("pool:fallback=csapp");
        PoolAllocator a = (PoolAllocator) s.allocator();
        long p = a.malloc(64, 0);
        long q = a.malloc(1, 0);
        assertEquals(p + 64, q, "slots are carved in address order");
        assertEquals(64, a.grantedSize(q), "a 1-byte request takes a whole slot");
        assertEquals(0, a.lastSearched(), "carved, not taken from the free list");
        long r = a.malloc(65, 0);
        assertEquals(H + 16, r, "65 bytes go to csapp, whose first block is at heap start + 16");
        assertEquals(2, a.lastSearched(), "the fallback's search length");
        assertEquals(0, a.malloc(0, 0), "malloc(0) is below min=1: csapp returns NULL");
        a.free(p);
        assertEquals(p, a.malloc(30, 0), "the freed slot is reused first");
        assertEquals(1, a.lastSearched());
        assertEquals(3, s.metrics().counterNamed("alloc.pool.hits").get());
        assertEquals(2, s.metrics().counterNamed("alloc.pool.fallbacks").get());
        assertEquals(2, a.liveSlots());
        assertEquals(64 * 1024 + 16 + 4096, a.footprint(), "one 64 KiB chunk and the csapp heap");
        long[] kinds = new long[5];
        a.heapMap((x, e, kind) -> kinds[kind] += e - x);
        // csapp's block for 65 bytes: asize = 8 * ((65 + 15) / 8) = 80, payload 72
        assertEquals(2 * 64 + 72, kinds[HeapSpans.BLOCK], "two slots and the csapp block's payload");
        a.verify();
    }

    @Test
    void reallocStaysInItsSlotOrMoves() {
        PoolAllocator a = (PoolAllocator) AllocatorChecks.allocator("pool:fallback=csapp");
        long p = a.malloc(10, 0);
        assertEquals(p, a.realloc(p, 60), "still fits the slot");
        long q = a.realloc(p, 500);
        assertEquals(H + 16, q, "too big for a slot: moved to the fallback");
        assertEquals(0, a.liveSlots());
        long r2 = a.realloc(q, 40);
        assertEquals(0, a.liveSlots(), "a fallback block stays with the fallback, even at a pooled size");
        assertTrue(r2 >= H && r2 < H + (1 << 20), "in the csapp heap");
        a.verify();
    }

    @Test
    void fallbackSpecs() {
        PoolAllocator a = (PoolAllocator) AllocatorChecks.allocator("pool:fallback=csapp:list=explicit;fit=best");
        assertTrue(a.fallback() instanceof BoundaryTagAllocator);
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("pool:fallback=pool"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("pool:fallback=nosuch"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("pool:fallback=csapp:fits=best"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("pool:size=64,min=65"));
    }

    @Test
    void misuse() {
        for (String spec : SPECS) {
            AllocatorChecks.misuse(spec, spec.contains("csapp"), true);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {13, 14})
    void randomStressUnderVerify(long seed) {
        for (String spec : SPECS) {
            AllocatorChecks.stress(spec, seed, 1200, 100_000, 8);
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
        long bytes = AllocatorChecks.replayAllocatedBytes("pool:fallback=segfit", "gen:sizes:ops=200000,freeAll=true");
        assertTrue(bytes < 100_000, "replaying 200,000 ops allocated " + bytes + " host bytes");
    }
}
