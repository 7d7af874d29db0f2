package org.memsim.alloc.segfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.csapp.AllocatorChecks;
import org.memsim.stack.StackResult;

/** {@code segfit}: addresses by hand on the 8-byte-tag heap, class search, fits, and the shared checks. */
class SegFitAllocatorTest {
    static final long H = 0x555555559000L;
    static final String[] SPECS = {
        "segfit", "segfit:classes=pow2", "segfit:fit=best", "segfit:classes=pow2,fit=best", "segfit:order=address",
        "segfit:order=fifo,fit=best", "segfit:realloc=naive", "segfit:chunk=4k",
    };

    @Test
    void addressesByHand() {
        Allocator a = AllocatorChecks.allocator("segfit");
        // mm_init with W = 8: padding [H, H+8), prologue header and footer [H+8, H+24), epilogue [H+24, H+32);
        // extend_heap(64 KiB): one free block, bp H+32 (16-aligned), class 62 + log2(65536) - 10 = 68.
        long p1 = a.malloc(1, 0);       // asize = max(32, alignUp(1 + 16, 16)) = 32: class 0 is empty, class 68's head fits
        assertEquals(H + 32, p1);
        assertEquals(1, a.lastSearched());
        assertEquals(32, a.grantedSize(p1));
        assertEquals(16, a.usableSize(p1)); // header and footer take 16 of the 32 bytes
        long p2 = a.malloc(100, 0);     // alignUp(116, 16) = 128 at H+64
        assertEquals(H + 64, p2);
        long p3 = a.malloc(24, 0);      // alignUp(40, 16) = 48 at H+192
        assertEquals(H + 192, p3);
        a.free(p2);                     // a 128-byte block in class (128 - 32) / 16 = 6
        assertEquals(2, a.freeBlocks());
        assertEquals(H + 64, a.malloc(97, 0)); // alignUp(113, 16) = 128: class 6, first entry
        assertEquals(1, a.lastSearched());
        assertEquals(65536 + 32, a.footprint());
        a.verify();
    }

    /** Free blocks of 240 bytes (lower address) and 176 bytes (higher), both in pow2 class [128, 256). */
    private static Allocator twoHoles(String spec) {
        Allocator a = AllocatorChecks.allocator(spec);
        long x = a.malloc(224, 0);   // 240
        a.malloc(1, 0);
        long y = a.malloc(160, 0);   // 176
        a.malloc(1, 0);
        a.free(x);
        a.free(y);
        return a;
    }

    @Test
    void firstAndBestFitWithinAClass() {
        Allocator first = twoHoles("segfit:classes=pow2,order=address");
        assertEquals(H + 32, first.malloc(144, 0));      // asize 160: the first block of the list (address order), 240 bytes
        assertEquals(1, first.lastSearched());
        Allocator lifo = twoHoles("segfit:classes=pow2");
        assertEquals(H + 304, lifo.malloc(144, 0));      // LIFO: the 176-byte block, freed last, heads the list and fits
        Allocator best = twoHoles("segfit:classes=pow2,fit=best");
        assertEquals(H + 32 + 240 + 32, best.malloc(144, 0)); // the 176-byte block after the 240 and a 32-byte block
        assertEquals(2, best.lastSearched());             // its class is scanned whole
        Allocator fine = twoHoles("segfit");
        assertEquals(H + 32 + 240 + 32, fine.malloc(144, 0)); // fine classes: 160 and 176 are neighbours, 240 is further up
    }

    @Test
    void misuse() {
        for (String spec : SPECS) {
            AllocatorChecks.misuse(spec, false, true);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void randomStressUnderVerify(long seed) {
        for (String spec : SPECS) {
            AllocatorChecks.stress(spec, seed, 1500, 100_000, 16);
        }
    }

    @Test
    void checkModeReplaysAGeneratedTrace() throws Exception {
        for (String spec : SPECS) {
            StackResult r = AllocatorChecks.replayChecked(spec, 4000);
            assertEquals(0, r.failedOps(), spec);
        }
    }

    @Test
    void replayAllocatesNothingPerOp() throws Exception {
        for (String spec : new String[] {"segfit", "segfit:fit=best,order=address"}) {
            long bytes = AllocatorChecks.replayAllocatedBytes(spec, "gen:sizes:ops=200000,freeAll=true");
            assertTrue(bytes < 100_000, spec + ": replaying 200,000 ops allocated " + bytes + " host bytes");
        }
    }
}
