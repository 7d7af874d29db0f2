package org.memsim.alloc.ptmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.alloc.HeapSpans;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.GeneratorSource;

/** The ptmalloc model by itself: glibc's geometry, its integrity checks, its invariants and heap map. */
class PtmallocModelTest {
    static final long HEAP = 0x555555559000L;

    private static Stack stack() {
        return Stack.build(StackSpec.defaults().withAllocator("ptmalloc"));
    }

    private static PtmallocAllocator model(Stack s) {
        return (PtmallocAllocator) s.allocator();
    }

    @ParameterizedTest
    @CsvSource({"0,32", "1,32", "24,32", "25,48", "40,48", "41,64", "1032,1040", "100000,100016"})
    void request2sizeFollowsGlibc(long request, long chunk) {
        assertEquals(chunk, Chunk.request2size(request));
    }

    @Test
    void constantsMatchGlibc236() {
        assertEquals(10, FastBins.NFASTBINS);
        assertEquals(0x80, FastBins.MAX_FAST);
        assertEquals(640, Tcache.STRUCT_BYTES);
        assertEquals(63, Tcache.index(1040));
        assertEquals(64, Bins.largebinIndex(1024));
        assertEquals(126, Bins.largebinIndex(1L << 30));
        assertEquals(ChunkMemory.MAIN_ARENA + 96, Bins.UNSORTED);
    }

    @Test
    void firstChunkFollowsTheTcacheStructAndHeapIs0x21000() {
        Stack s = stack();
        PtmallocAllocator a = model(s);
        long p = a.malloc(10, 0);
        assertEquals(HEAP + 0x2a0, p);
        assertEquals(HEAP + 0x21000, s.kernel().currentBreak(), "nb + top_pad + MINSIZE, page-rounded");
        assertEquals(24, a.usableSize(p));
        a.verify();
    }

    @Test
    void tcacheIsLifoAndSevenDeep() {
        PtmallocAllocator a = model(stack());
        long[] p = new long[9];
        for (int i = 0; i < 9; i++) {
            p[i] = a.malloc(24, 0);
        }
        for (int i = 0; i < 9; i++) {
            a.free(p[i]);
        }
        assertEquals(7, a.tcache.counts[0]);
        assertEquals(2, a.fast.count);
        assertEquals(p[6], a.malloc(24, 0), "the tcache hands back the last chunk freed into it");
        a.verify();
    }

    @Test
    void tcacheDoubleFreeAbortsWithGlibcsMessage() {
        PtmallocAllocator a = model(stack());
        long p = a.malloc(40, 0);
        a.free(p);
        GlibcAbort e = assertThrows(GlibcAbort.class, () -> a.free(p));
        assertEquals("free(): double free detected in tcache 2", e.getMessage());
    }

    @Test
    void fastbinDoubleFreeMakesTwoMallocsReturnTheSameAddress() {
        PtmallocAllocator a = model(stack());
        long[] fill = new long[7];
        for (int i = 0; i < 7; i++) {
            fill[i] = a.malloc(24, 0);
        }
        long x = a.malloc(24, 0);
        long y = a.malloc(24, 0);
        for (long f : fill) {
            a.free(f);
        }
        a.free(x);
        GlibcAbort top = assertThrows(GlibcAbort.class, () -> a.free(x));
        assertEquals("double free or corruption (fasttop)", top.getMessage());
        a.free(y);
        a.free(x); // not on top of the fastbin any more: glibc does not notice
        for (int i = 0; i < 7; i++) {
            a.malloc(24, 0); // empty the tcache
        }
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(a.malloc(24, 0));
        }
        assertEquals(x, got.get(0));
        assertEquals(x, got.get(2), "the fastbin cycle x -> y -> x hands x out twice: " + got);
    }

    @Test
    void overflowIntoTheNextSizeFieldHasGlibcsConsequence() {
        PtmallocAllocator a = model(stack());
        long big = a.malloc(0x500 - 8, 0); // chunk 0x500: too big for the tcache, goes to the unsorted bin
        a.malloc(24, 0);
        long chunk = big - 16;
        assertEquals(0x501, a.wordAt(chunk + 8));
        a.programWrote(chunk + 8, 0x10001); // an overflow from the chunk before rewrites the size
        GlibcAbort e = assertThrows(GlibcAbort.class, () -> a.free(big));
        assertEquals("double free or corruption (!prev)", e.getMessage());
    }

    @Test
    void corruptedTopSizeIsCaught() {
        PtmallocAllocator a = model(stack());
        long p = a.malloc(24, 0);
        long top = p - 16 + 32;
        a.programWrote(top + 8, -1L); // House of Force: top size set to all ones
        GlibcAbort e = assertThrows(GlibcAbort.class, () -> a.malloc(100, 0));
        assertEquals("malloc(): corrupted top size", e.getMessage());
    }

    @Test
    void verifyNoticesAMetadataOverwrite() {
        PtmallocAllocator a = model(stack());
        long p = a.malloc(2000, 0);
        long q = a.malloc(2000, 0);
        a.malloc(16, 0);
        a.free(p);
        a.verify();
        a.programWrote(q - 16, 12345); // the freed chunk's footer (q's prev_size)
        assertThrows(IllegalStateException.class, a::verify);
    }

    @Test
    void freeOfAPointerGlibcNeverReturnedAborts() {
        PtmallocAllocator a = model(stack());
        a.malloc(100, 0);
        GlibcAbort e = assertThrows(GlibcAbort.class, () -> a.free(HEAP + 0x1008));
        assertEquals("free(): invalid pointer", e.getMessage());
    }

    @Test
    void mmapThresholdRisesWhenAnMmappedChunkIsFreed() {
        Stack s = stack();
        PtmallocAllocator a = model(s);
        long big = a.malloc(200_000, 0);
        assertTrue(big < HEAP || big > HEAP + (1L << 32), "mmapped");
        a.free(big);
        assertEquals(0x31000, a.mmapThreshold());
        long again = a.malloc(200_000, 0);
        assertTrue(again > HEAP && again < HEAP + (1L << 32), "now served by the heap");
        long huge = a.malloc(40L << 20, 0);
        a.free(huge);
        assertEquals(0x31000, a.mmapThreshold(), "chunks above 32 MiB do not move the threshold");
        a.verify();
    }

    @Test
    void callocClearsOnlyMemoryThatWasNotJustSbrked() {
        Stack s = stack();
        PtmallocAllocator a = model(s);
        a.malloc(10, 0);
        a.malloc(130_000, 0); // leaves about 4.6 KiB of top
        long before = s.metrics().counterNamed("mmu.bytes").get();
        a.calloc(1, 100_000); // top grows by sbrk: glibc clears only the old top's bytes
        long touched = s.metrics().counterNamed("mmu.bytes").get() - before;
        assertTrue(touched < 10_000, "freshly sbrked memory is not cleared: " + touched + " bytes touched");
        long q = a.malloc(50_000, 0);
        a.malloc(16, 0);
        a.free(q);
        before = s.metrics().counterNamed("mmu.bytes").get();
        a.calloc(1, 50_000); // recycled: cleared in full
        assertTrue(s.metrics().counterNamed("mmu.bytes").get() - before >= 50_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gen:sizes:ops=20000", "gen:sizes:ops=20000,dist=uniform,max=300000,live=200", "gen:fragmentation"})
    void checkModeVerifiesAfterEveryOp(String gen) throws Exception {
        Stack s = stack();
        s.runtime().setCheck(true);
        StackResult r = Replay.run(GeneratorSource.parse(gen, 5), List.of(s)).get(0);
        assertTrue(r.ops() > 0);
        assertEquals(0, r.failedOps());
        assertTrue(r.heapHighWaterBytes() >= r.peakLiveBytes());
        assertEquals(r.heapHighWaterBytes(), s.runtime().footprintHighWater());
    }

    @Test
    void randomMixWithEveryCallKeepsTheInvariants() throws Exception {
        Stack s = stack();
        s.runtime().setCheck(true);
        Replay.run(ScriptSource.random("mix", 11, 20_000, 400, 500_000), List.of(s));
        model(s).verify();
    }

    @Test
    void outOfMemoryReturnsNullAndKeepsTheHeapConsistent() throws Exception {
        // the break may grow only 2.5 MiB before it would run into the mmap area, and mmap has no room either
        Stack s = Stack.build(StackSpec.defaults().withAllocator("ptmalloc").withKernel("linux:mmapBase=0x555555800000"));
        s.runtime().setCheck(true);
        StackResult r = Replay.run(new ScriptSource("oom", "m 0 100000 x40; f 3; f 7; m 100 1000 x50; m 200 300000 x3"), List.of(s)).get(0);
        assertTrue(r.failedOps() > 0, "some requests fail");
        assertTrue(r.ops() - r.failedOps() > 20, "the heap still serves what fits");
        model(s).verify();
    }

    @Test
    void aBlockedBreakFallsBackToMmapAsANonContiguousTop() {
        Stack s = stack();
        s.runtime().setCheck(true);
        org.memsim.event.EventSink in = s.entry();
        // a mapping 680 KiB above the heap start stops brk there (sysmalloc_mmap_fallback takes over)
        in.mmap(HEAP + 0xaa000, 4096, org.memsim.event.Prot.RW, org.memsim.event.MapFlags.PRIVATE | org.memsim.event.MapFlags.ANONYMOUS, 0, 0);
        for (int i = 0; i < 30; i++) {
            in.alloc(i, 100_000, 0, 0, 0);
        }
        for (int i = 0; i < 30; i += 2) {
            in.free(i, 0);
        }
        for (int i = 100; i < 130; i++) {
            in.alloc(i, 50_000, 0, 0, 0);
        }
        PtmallocAllocator a = model(s);
        assertEquals(0, s.runtime().liveBlocks() - 45, "every request was served");
        assertTrue(!a.heap.contiguous && a.mmapFallbackBytes >= SystemHeap.MMAP_AS_MORECORE_SIZE);
        a.verify();
    }

    @Test
    void narrationSaysWhereEachChunkCameFrom() {
        org.memsim.layer.RecordingLayerLog log = new org.memsim.layer.RecordingLayerLog(1000);
        log.setOn(true);
        Stack s = Stack.build(StackSpec.defaults().withAllocator("ptmalloc"), log);
        PtmallocAllocator a = model(s);
        long p = a.malloc(100, 0);
        a.free(p);
        a.malloc(100, 0);
        String all = log.notes().stream().filter(n -> n.layer() == org.memsim.layer.Layer.ALLOCATOR)
            .map(org.memsim.layer.RecordingLayerLog.Note::what).reduce("", (x, y) -> x + "\n" + y);
        assertTrue(all.contains("tcache_init"), all);
        assertTrue(all.contains("from the top chunk"), all);
        assertTrue(all.contains("to the tcache"), all);
        assertTrue(all.contains("from the tcache (tcache_get)"), all);
    }

    @Test
    void heapMapCoversTheHeapInOrder() throws Exception {
        Stack s = stack();
        Replay.run(GeneratorSource.parse("gen:sizes:ops=5000,dist=uniform,max=400000,live=100", 2), List.of(s));
        PtmallocAllocator a = model(s);
        long[] last = {HEAP};
        long[] kinds = new long[5];
        a.heapMap((start, end, kind) -> {
            assertTrue(start >= last[0] && end > start, "span " + Long.toHexString(start) + ".." + Long.toHexString(end));
            if (start < HEAP + (1L << 32)) {
                assertEquals(last[0], start, "heap spans leave no gap");
            }
            last[0] = end;
            kinds[kind] += end - start;
        });
        assertTrue(kinds[HeapSpans.BLOCK] > 0 && kinds[HeapSpans.METADATA] > 0);
        assertTrue(a.freeBytes() >= a.largestFree() && a.largestFree() > 0);
        assertNotEquals(0, a.freeBlocks());
    }
}
