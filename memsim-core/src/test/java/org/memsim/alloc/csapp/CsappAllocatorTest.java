package org.memsim.alloc.csapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.HeapSpans;
import org.memsim.spec.SpecException;
import org.memsim.stack.StackResult;

/**
 * {@code csapp}, the CS:APP §9.9.12 allocator: addresses and search lengths computed by hand from
 * the textbook's layout, the variants' choices, and the checks every strategy shares.
 */
class CsappAllocatorTest {
    /** The default kernel's heap start: mm_init's sbrk returns it. */
    static final long H = 0x555555559000L;

    static final String[] SPECS = {
        "csapp", "csapp:fit=next", "csapp:fit=best",
        "csapp:list=explicit", "csapp:list=explicit,fit=next", "csapp:list=explicit,fit=best",
        "csapp:list=explicit,order=fifo", "csapp:list=explicit,order=address", "csapp:list=explicit,order=address,fit=next",
        "csapp:list=explicit,order=address,fit=best", "csapp:list=explicit,order=fifo,fit=best",
        "csapp:list=segregated", "csapp:list=segregated,fit=best", "csapp:list=segregated,order=address",
        "csapp:list=segregated,order=fifo,fit=best", "csapp:realloc=inplace", "csapp:list=explicit,realloc=inplace,chunk=64",
    };

    @Test
    void theTextbookTraceByHand() {
        Allocator a = AllocatorChecks.allocator("csapp");
        // mm_init: sbrk(16) = H: padding word at H, prologue header H+4 (8|1), footer H+8 (8|1), epilogue
        // header H+12 (0|1); heap_listp = H+8. extend_heap(4096/4 words): bp = old break H+16, one free block
        // of 4096 bytes (header H+12 where the epilogue was, footer H+4104), new epilogue at H+4108, break H+4112.
        long p1 = a.malloc(1, 0);
        // asize = 2*DSIZE = 16 (size <= DSIZE). find_fit reads the prologue (8, allocated) and the 4096-byte
        // block at H+16: 2 blocks. place splits (4096 - 16 = 4080 >= 16): the first block's payload is H+16.
        assertEquals(H + 16, p1);
        assertEquals(2, a.lastSearched());
        assertEquals(4112, a.footprint());
        long p2 = a.malloc(8, 0);     // asize 16; walks prologue, p1, the free block at H+32: 3
        assertEquals(H + 32, p2);
        assertEquals(3, a.lastSearched());
        long p3 = a.malloc(9, 0);     // asize = 8 * ((9 + 8 + 7) / 8) = 24; 4 blocks read
        assertEquals(H + 48, p3);
        assertEquals(4, a.lastSearched());
        long p4 = a.malloc(100, 0);   // asize = 8 * ((100 + 15) / 8) = 112 at H+72; the rest, 3928 bytes, at H+184
        assertEquals(H + 72, p4);
        assertEquals(5, a.lastSearched());
        assertEquals(112, a.grantedSize(p4));
        assertEquals(104, a.usableSize(p4)); // the allocated block keeps its footer: payload = size - DSIZE
        a.free(p2);                   // case 1: both neighbours allocated, a 16-byte hole at H+32
        assertEquals(0, a.lastSearched());
        assertEquals(16 + 3928, a.freeBytes());
        assertEquals(2, a.freeBlocks());
        long p5 = a.malloc(4, 0);     // asize 16: prologue, p1, the hole: 3; no split (16 - 16 < 16)
        assertEquals(H + 32, p5);
        assertEquals(3, a.lastSearched());
        a.free(p3);                   // a 24-byte hole at H+48
        long p6 = a.malloc(16, 0);    // asize = 8 * ((16 + 15) / 8) = 24: prologue, p1, p5, the hole: 4
        assertEquals(H + 48, p6);
        assertEquals(4, a.lastSearched());
        a.free(p4);                   // case 2: merges with the 3928-byte block after it: 4040 at H+72
        a.free(p6);                   // case 2 again: 24 + 4040 = 4064 at H+48
        assertEquals(1, a.freeBlocks());
        assertEquals(4064, a.largestFree());
        long p7 = a.malloc(5000, 0);
        // asize = 8 * ((5000 + 15) / 8) = 5008: prologue, p1, p5, the 4064 block, then the epilogue: 4 read, none
        // fits. extend_heap(5008 / 4 words) at the old break H+4112 (case 3: merges with the 4064 block: 9072 at
        // H+48); place splits 9072 - 5008 = 4064. The break is H+4112+5008 = H+9120.
        assertEquals(H + 48, p7);
        assertEquals(4, a.lastSearched());
        assertEquals(9120, a.footprint());
        assertEquals(4064, a.freeBytes());
        a.verify();
    }

    @Test
    void nextFitStartsAtTheRover() {
        Allocator a = AllocatorChecks.allocator("csapp:fit=next");
        long p1 = a.malloc(1, 0);     // the rover starts at heap_listp: prologue, H+16: 2
        assertEquals(2, a.lastSearched());
        long p2 = a.malloc(8, 0);     // from the rover at p1: p1, H+32: 2
        assertEquals(2, a.lastSearched());
        a.malloc(9, 0);
        long p4 = a.malloc(100, 0);
        assertEquals(H + 72, p4);
        a.free(p2);
        // first fit would take the hole at H+32; next fit goes on from p4: p4, then the free block at H+184
        long p5 = a.malloc(4, 0);
        assertEquals(H + 184, p5);
        assertEquals(2, a.lastSearched());
        assertEquals(H + 16, p1);
        a.verify();
    }

    /** a(100) b(16) c(40) d(16) e(200) f(16), then a, c and e freed: holes of 112, 48 and 208 bytes. */
    private static long[] holes(Allocator a) {
        long pa = a.malloc(100, 0);   // 112 bytes at H+16
        long pb = a.malloc(16, 0);    // 24 at H+128
        long pc = a.malloc(40, 0);    // 48 at H+152
        long pd = a.malloc(16, 0);    // 24 at H+200
        long pe = a.malloc(200, 0);   // 208 at H+224
        long pf = a.malloc(16, 0);    // 24 at H+432; 3656 free from H+456
        a.free(pa);
        a.free(pc);
        a.free(pe);
        return new long[] {pa, pb, pc, pd, pe, pf};
    }

    @Test
    void bestFitScansEveryBlockAndTakesTheSmallest() {
        Allocator first = AllocatorChecks.allocator("csapp");
        holes(first);
        assertEquals(H + 16, first.malloc(30, 0));    // asize 40: the 112-byte hole is the first that fits
        assertEquals(2, first.lastSearched());
        Allocator best = AllocatorChecks.allocator("csapp:fit=best");
        long[] p = holes(best);
        assertEquals(H + 152, best.malloc(30, 0));    // the 48-byte hole is the smallest that holds 40
        assertEquals(p[2], H + 152);
        assertEquals(8, best.lastSearched());         // prologue, 3 holes, b, d, f, the tail: the whole list
        assertEquals(48, best.grantedSize(H + 152));  // 48 - 40 = 8 < 16: not split
        Allocator next = AllocatorChecks.allocator("csapp:fit=next");
        holes(next);
        assertEquals(H + 456, next.malloc(30, 0));    // from the rover at f: f, then the tail
        assertEquals(2, next.lastSearched());
    }

    @Test
    void bestFitTiesGoToTheEarliest() {
        Allocator a = AllocatorChecks.allocator("csapp:fit=best");
        long x = a.malloc(40, 0);
        a.malloc(1, 0);
        long y = a.malloc(40, 0);
        a.malloc(1, 0);
        a.free(y);
        a.free(x);
        assertEquals(x, a.malloc(40, 0), "two 48-byte holes: the lower address wins");
        Allocator lifo = AllocatorChecks.allocator("csapp:list=explicit,fit=best");
        x = lifo.malloc(40, 0);
        lifo.malloc(1, 0);
        y = lifo.malloc(40, 0);
        lifo.malloc(1, 0);
        lifo.free(x);
        lifo.free(y);
        assertEquals(y, lifo.malloc(40, 0), "a LIFO list: the block freed last is the earliest in the list");
    }

    @Test
    void explicitListsOrderFreedBlocks() {
        Allocator lifo = AllocatorChecks.allocator("csapp:list=explicit");
        long[] p = holes(lifo);
        // the list is e, c, a, tail (last freed first); asize = 8 * ((50 + 15) / 8) = 64: e (208) fits at once
        assertEquals(p[4], lifo.malloc(50, 0));
        assertEquals(1, lifo.lastSearched());
        Allocator fifo = AllocatorChecks.allocator("csapp:list=explicit,order=fifo");
        p = holes(fifo);
        // FIFO: the tail was listed before a, c and e were freed; it fits
        assertEquals(H + 456, fifo.malloc(50, 0));
        Allocator address = AllocatorChecks.allocator("csapp:list=explicit,order=address");
        p = holes(address);
        assertEquals(p[0], address.malloc(50, 0)); // a, the lowest address, holds 64
        assertEquals(1, address.lastSearched());
        // a was split: its 48-byte remainder at H+80 heads the list; asize 32 leaves 16 < 24 (the explicit minimum): no split
        assertEquals(H + 80, address.malloc(20, 0));
        assertEquals(1, address.lastSearched());
    }

    @Test
    void segregatedListsStartAtTheRequestsClass() {
        Allocator a = AllocatorChecks.allocator("csapp:list=segregated");
        long[] p = holes(a);
        // classes by powers of two: [24,32) [32,64) [64,128) [128,256) …; holes 112 (class 2), 48 (class 1), 208 (class 3)
        assertEquals(p[2], a.malloc(20, 0));      // asize 32, class 1: the 48-byte hole, the only block of its list
        assertEquals(1, a.lastSearched());
        assertEquals(p[0], a.malloc(60, 0));      // asize 72, class 2: the 112-byte hole
        assertEquals(1, a.lastSearched());
        long big = a.malloc(150, 0);              // asize 160, class 3: the 208-byte hole fits
        assertEquals(p[4], big);
        a.verify();
    }

    @Test
    void reallocNaiveMovesInplaceGrows() {
        Allocator naive = AllocatorChecks.allocator("csapp");
        long p = naive.malloc(100, 0);
        assertEquals(H + 16, p);
        assertEquals(H + 128, naive.realloc(p, 200)); // mm_realloc: malloc(200) first (at H+128), copy, free
        Allocator inplace = AllocatorChecks.allocator("csapp:realloc=inplace");
        p = inplace.malloc(100, 0);
        assertEquals(p, inplace.realloc(p, 200), "the next block is free: the block grows where it is");
        assertEquals(208, inplace.grantedSize(p));
        assertEquals(p, inplace.realloc(p, 8000), "the last block grows past the break");
        assertEquals(p, inplace.realloc(p, 10), "shrinking splits the tail off");
        assertEquals(24, inplace.grantedSize(p));
        inplace.verify();
    }

    @Test
    void chunkKeyAndHeapMap() {
        Allocator a = AllocatorChecks.allocator("csapp:chunk=8192");
        long p = a.malloc(100, 0);
        assertEquals(16 + 8192, a.footprint());
        long[] kinds = new long[5];
        long[] firstBlock = {0, 0};
        a.heapMap((s, e, kind) -> {
            kinds[kind] += e - s;
            if (kind == HeapSpans.BLOCK) {
                firstBlock[0] = s;
                firstBlock[1] = e;
            }
        });
        assertEquals(p, firstBlock[0]);
        assertEquals(p + 104, firstBlock[1]);                 // payload between header and footer
        assertEquals(4 + 8 + 4 + 4 + 4, kinds[HeapSpans.METADATA]); // padding, prologue, the block's tags, epilogue
        assertEquals(8192 - 112, kinds[HeapSpans.NEVER_USED]);
        assertEquals(0, kinds[HeapSpans.FREE]);
        a.free(p);
        long[] after = new long[5];
        a.heapMap((s, e, kind) -> after[kind] += e - s);
        assertEquals(112, after[HeapSpans.FREE]);
    }

    @Test
    void keysAreChecked() {
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("csapp:order=address"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("csapp:list=segregated,fit=next"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("csapp:chunk=12"));
        assertThrows(SpecException.class, () -> AllocatorChecks.allocator("csapp:fit=worst"));
    }

    @Test
    void misuse() {
        for (String spec : SPECS) {
            AllocatorChecks.misuse(spec, true, true);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomStressUnderVerify(long seed) {
        for (String spec : SPECS) {
            AllocatorChecks.stress(spec, seed, 1500, 100_000, 8);
        }
    }

    @Test
    void checkModeReplaysAGeneratedTrace() throws Exception {
        for (String spec : SPECS) {
            StackResult r = AllocatorChecks.replayChecked(spec, 4000);
            assertEquals(4000, r.ops());
            assertEquals(0, r.failedOps(), spec);
        }
    }

    @Test
    void replayAllocatesNothingPerOp() throws Exception {
        for (String spec : new String[] {"csapp", "csapp:fit=best", "csapp:list=explicit", "csapp:list=segregated,order=address"}) {
            long bytes = AllocatorChecks.replayAllocatedBytes(spec, "gen:sizes:ops=200000,freeAll=true");
            assertTrue(bytes < 100_000, spec + ": replaying 200,000 ops allocated " + bytes + " host bytes");
        }
    }
}
