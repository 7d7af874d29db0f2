package org.memsim.alloc.buddy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.csapp.AllocatorChecks;
import org.memsim.spec.SpecException;
import org.memsim.stack.StackResult;

/** {@code buddy}: splitting and merging by hand, orders, the merge hint, and the shared checks. */
class BuddyAllocatorTest {
    static final long K = 4096;
    static final String[] SPECS = {"buddy", "buddy:source=brk", "buddy:min=16,maxorder=14", "buddy:hint=false", "buddy:memmap=0",
        "buddy:maxorder=3,min=64k", "buddy:maxorder=0,min=1m", "buddy:maxorder=1,min=128k"};

    @Test
    void splitOnAllocateMergeOnFree() {
        BuddyAllocator a = (BuddyAllocator) AllocatorChecks.allocator("buddy");
        long base = a.malloc(1, 0);
        // no free block at all: a 4 MiB order-10 chunk is mapped, naturally aligned, and split ten times;
        // the lower half is kept each time, the upper halves (orders 9 … 0) go on the lists
        assertEquals(0, base % (4L << 20));
        assertEquals(11, a.lastSearched(), "orders 0 … 10 looked at");
        assertEquals(10, a.freeBlocks());
        assertEquals((4L << 20) - K, a.freeBytes());
        for (int o = 0; o < 10; o++) {
            assertEquals(1, a.freeBlocks(o), "one free block of order " + o);
        }
        assertEquals(4096, a.grantedSize(base));
        assertEquals(base + K, a.malloc(4096, 0));           // the order-0 buddy
        assertEquals(1, a.lastSearched());
        long c = a.malloc(5000, 0);                          // 8 KiB: order 1, the block at base + 8K
        assertEquals(base + 2 * K, c);
        assertEquals(8192, a.grantedSize(c), "5000 bytes take an 8 KiB block: 3192 bytes of internal fragmentation");
        a.free(base);                                        // its buddy (base + 4K) is in use: no merge
        assertEquals(1, a.lastSearched(), "one buddy examined");
        assertEquals(1, a.freeBlocks(0));
        a.free(base + K);                                    // merges with base into an order-1 block; its buddy c is in use
        assertEquals(2, a.lastSearched());
        assertEquals(0, a.freeBlocks(0));
        assertEquals(1, a.freeBlocks(1));
        a.free(c);                                           // merges up to order 10: the whole chunk is one block again
        assertEquals(9, a.lastSearched(), "buddies of orders 1 … 9 examined, each free");
        assertEquals(1, a.freeBlocks());
        assertEquals(4L << 20, a.freeBytes());
        assertEquals(4L << 20, a.largestFree());
        assertEquals((4L << 20) + 64 * 1024, a.footprint(), "the chunk and its struct page array (1024 x 64 bytes)");
        a.verify();
    }

    @Test
    void requestsAboveTheLargestOrderFail() {
        BuddyAllocator a = (BuddyAllocator) AllocatorChecks.allocator("buddy:maxorder=3");
        assertEquals(0, a.malloc(8 * K + 1, 0), "above 2^3 pages");
        long p = a.malloc(8 * K, 0);
        assertTrue(p != 0);
        assertEquals(3, a.orderAt(p));
        assertEquals(0, a.allocPages(4));
    }

    /** Eight order-1 blocks fill an order-4 chunk; then blocks 2, 6 and 7 are freed (6 and 7 merge). */
    private static long[] eightPairs(BuddyAllocator a) {
        long[] b = new long[8];
        for (int i = 0; i < 8; i++) {
            b[i] = a.allocPages(1);
        }
        for (int i = 1; i < 8; i++) {
            assertEquals(b[0] + i * 2 * K, b[i], "pairs in address order");
        }
        a.freePages(b[2], 1);   // buddy b3 in use; one order up, b0+b1 are in use: to the head of order 1
        a.freePages(b[6], 1);
        a.freePages(b[7], 1);   // merges with b6 into an order-2 block at frame 12
        return b;
    }

    @Test
    void mergeLikelyBlocksGoToTheTail() {
        BuddyAllocator hinted = (BuddyAllocator) AllocatorChecks.allocator("buddy:maxorder=4");
        long[] b = eightPairs(hinted);
        // b5 (frame 10): its buddy b4 is in use, but the order-2 buddy of the pair (frame 12) is free:
        // Linux's buddy_merge_likely puts it at the tail, behind b2
        hinted.freePages(b[5], 1);
        assertEquals(b[2], hinted.allocPages(1));
        BuddyAllocator plain = (BuddyAllocator) AllocatorChecks.allocator("buddy:maxorder=4,hint=false");
        b = eightPairs(plain);
        plain.freePages(b[5], 1);
        assertEquals(b[5], plain.allocPages(1), "without the hint the last freed block is first");
    }

    @Test
    void heapMapShowsBlocksFreeAndNeverUsedPagesAndTheMemmap() {
        BuddyAllocator a = (BuddyAllocator) AllocatorChecks.allocator("buddy:maxorder=2");
        long p = a.malloc(1, 0);
        a.malloc(1, 0);
        a.free(p);
        long[] kinds = new long[5];
        a.heapMap((s, e, kind) -> kinds[kind] += e - s);
        assertEquals(K, kinds[HeapSpans.BLOCK]);
        assertEquals(K, kinds[HeapSpans.FREE]);
        assertEquals(2 * K, kinds[HeapSpans.NEVER_USED]);
        assertEquals(K, kinds[HeapSpans.METADATA], "4 struct pages of 64 bytes, mapped as one page");
    }

    @Test
    void badFreesAndKeys() {
        BuddyAllocator a = (BuddyAllocator) AllocatorChecks.allocator("buddy");
        long p = a.malloc(3 * K, 0);
        assertThrows(IllegalStateException.class, () -> a.free(p + K), "the second page of an order-2 block");
        assertThrows(IllegalStateException.class, () -> a.freePages(p, 1), "freed with the wrong order");
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("buddy:min=3000"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("buddy:maxorder=40"));
    }

    @Test
    void misuse() {
        for (String spec : SPECS) {
            AllocatorChecks.misuse(spec, false, true);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void randomStressUnderVerify(long seed) {
        for (String spec : SPECS) {
            AllocatorChecks.stress(spec, seed, 1200, 200_000, 16);
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
        long bytes = AllocatorChecks.replayAllocatedBytes("buddy", "gen:sizes:ops=200000,freeAll=true");
        assertTrue(bytes < 100_000, "replaying 200,000 ops allocated " + bytes + " host bytes");
    }
}
