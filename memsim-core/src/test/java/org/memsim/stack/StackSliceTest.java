package org.memsim.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.memsim.layer.Layer;
import org.memsim.layer.RecordingLayerLog;
import org.memsim.spec.Spec;
import org.memsim.trace.EventSource;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.Traces;
import org.memsim.trace.gen.GeneratorSource;

/** The foundation's vertical slice: one alloc flows to brk, a page fault and a frame. */
class StackSliceTest {

    static EventSource text(String mst) {
        return new EventSource() {
            OpenTrace t;

            @Override
            public long replay(org.memsim.event.EventSink sink) throws java.io.IOException {
                t = Traces.open(new ByteArrayInputStream(mst.getBytes(StandardCharsets.UTF_8)), "inline.mst", -1, "mst");
                return t.reader().replay(sink);
            }

            @Override public String name() { return "inline.mst"; }
            @Override public String position(long i) { return t.reader().position(); }
            @Override public double progress() { return -1; }
        };
    }

    @Test
    void oneMallocFlowsDownToAPageFaultAndAFrame() throws Exception {
        RecordingLayerLog log = new RecordingLayerLog(100);
        Stack stack = Stack.build(StackSpec.defaults(), log);
        StackResult r = Replay.run(text("alloc 1 100\nbstore 1 0 100\n"), List.of(stack)).get(0);
        assertEquals(2, r.events());
        assertEquals(1, r.ops());
        assertEquals(1, r.pageFaults(), "the header write faults the heap's first page in; the payload is on the same page");
        assertEquals(1, r.residentPages());
        assertEquals(128 * 1024, r.heapHighWaterBytes(), "first brk grows by the 128 KiB chunk");
        List<Layer> layers = log.notes().stream().map(RecordingLayerLog.Note::layer).distinct().collect(Collectors.toList());
        assertEquals(List.of(Layer.RUNTIME, Layer.ALLOCATOR, Layer.KERNEL, Layer.MMU), layers.subList(0, 4));
        assertTrue(log.notes().stream().anyMatch(n -> n.what().contains("zero-filled")), log.notes().toString());
        assertTrue(r.nanosByLayer().get(Layer.KERNEL) > 1000, "a minor fault costs about a microsecond");
    }

    @Test
    void requestLoopWithFreeReusesOneBlock() throws Exception {
        Stack s = Stack.build(StackSpec.defaults());
        StackResult r = Replay.run(GeneratorSource.parse("gen:request-loop:requests=1000", 1), List.of(s)).get(0);
        assertEquals(2000, r.ops());
        assertEquals(0, r.failedOps());
        assertEquals(4096, r.peakLiveBytes());
        assertEquals(128 * 1024, r.heapHighWaterBytes());
        assertTrue(r.residentPages() <= 3, "one buffer's pages stay resident: " + r.residentPages());
        assertEquals(0, r.liveBlocksAtEnd());
    }

    @Test
    void requestLoopWithoutFreeLeaksEveryBuffer() throws Exception {
        Stack s = Stack.build(StackSpec.defaults());
        StackResult r = Replay.run(GeneratorSource.parse("gen:request-loop:requests=1000,free=false", 1), List.of(s)).get(0);
        assertEquals(1000, r.ops());
        assertEquals(4096L * 1000, r.peakLiveBytes());
        assertTrue(r.heapHighWaterBytes() >= (4096L + 16) * 1000, "heap holds every leaked buffer and its header");
        assertTrue(r.residentPages() >= 1000, "every leaked buffer was written: " + r.residentPages());
        assertEquals(1000, r.liveBlocksAtEnd());
        var series = s.metrics().seriesNamed("runtime.liveBytes");
        assertTrue(series.size() > 10);
        assertTrue(series.valueAt(series.size() - 1) > series.valueAt(series.size() / 2), "leak grows over time");
    }

    @Test
    void severalAllocatorsInOnePass() throws Exception {
        Stack a = Stack.build(StackSpec.defaults().withAllocator("freelist:fit=first"));
        Stack b = Stack.build(StackSpec.defaults().withAllocator("freelist:fit=best"));
        List<StackResult> rs = Replay.run(GeneratorSource.parse("gen:sizes:ops=20000", 7), List.of(a, b));
        assertEquals(rs.get(0).ops(), rs.get(1).ops());
        assertEquals(rs.get(0).peakLiveBytes(), rs.get(1).peakLiveBytes());
        assertEquals("freelist:fit=best", rs.get(1).allocator());
    }

    @Test
    void sameInputSameNumbers() throws Exception {
        StackResult x = Replay.run(GeneratorSource.parse("gen:sizes:ops=20000,touch=true", 42), List.of(Stack.build(StackSpec.defaults()))).get(0);
        StackResult y = Replay.run(GeneratorSource.parse("gen:sizes:ops=20000,touch=true", 42), List.of(Stack.build(StackSpec.defaults()))).get(0);
        assertEquals(x, y);
    }

    @Test
    void fragmentationIsMeasuredForLiveBlocks() throws Exception {
        Stack s = Stack.build(StackSpec.defaults());
        StackResult r = Replay.run(text("alloc 1 100\nalloc 2 17\n"), List.of(s)).get(0);
        // 100 bytes + 16-byte header = 116, rounded to 128; 17 + 16 = 33 -> 48
        assertEquals((128 - 100) + (48 - 17), r.internalFragBytesAtEnd());
        assertEquals(128 + 48, s.metrics().gaugeNamed("alloc.grantedBytes").read());
        Stack t = Stack.build(StackSpec.defaults());
        StackResult done = Replay.run(text("alloc 1 100\nalloc 2 17\nalloc 3 40\nfree 1\nfree 2\nfree 3\n"), List.of(t)).get(0);
        assertEquals(0, done.internalFragBytesAtEnd(), "nothing live, nothing wasted inside blocks");
        assertEquals(0.0, done.externalFragAtEnd(), "everything coalesced back into one free block");
        Stack u = Stack.build(StackSpec.defaults().withAllocator("freelist:coalesce=false"));
        StackResult holes = Replay.run(text("alloc 1 1000\nalloc 2 10\nalloc 3 1000\nalloc 4 10\nfree 1\nfree 3\n"), List.of(u)).get(0);
        assertTrue(holes.externalFragAtEnd() > 0, "two holes and the top: the largest is not all the free memory");
    }

    @Test
    void anAllocatorAbortKillsTheProcessWithItsMessage() throws Exception {
        Stack s = Stack.build(StackSpec.defaults().withAllocator("ptmalloc"));
        org.memsim.alloc.ptmalloc.PtmallocAllocator glibc = (org.memsim.alloc.ptmalloc.PtmallocAllocator) s.allocator();
        s.entry().alloc(1, 24, 0, 0, 0);
        long block = s.runtime().blockAddress(1);
        // an overflow out of block 1 rewrites the top chunk's size field (the word after its 24 usable bytes)
        glibc.programWrote(block + 24, -1L); // glibc 2.29+ refuses a top larger than the arena ("house of force")
        s.entry().alloc(2, 4096, 0, 0, 0);
        s.entry().free(1, 0);
        s.entry().end();
        StackResult r = s.result();
        assertEquals("SIGABRT: malloc(): corrupted top size", r.death());
        assertEquals(1, r.deathEvent());
        assertEquals(1, s.metrics().counterNamed("runtime.eventsAfterDeath").get());
    }

    @Test
    void freeOfUnknownIdNamesTheLine() {
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> Replay.run(text("alloc 1 16\nfree 1\nfree 1\n"), List.of(Stack.build(StackSpec.defaults()))));
        assertTrue(e.getMessage().startsWith("inline.mst line 3: free of id 1, which is not live"), e.getMessage());
    }

    @Test
    void hugeRequestFailsLikeMallocReturningNullButBigHeapsAreOvercommitted() throws Exception {
        StackResult r = Replay.run(text("alloc 1 9223372036854775807\nfree 1\nalloc 2 17179869184\nbstore 2 0 8\n"),
            List.of(Stack.build(StackSpec.defaults()))).get(0);
        assertEquals(3, r.ops());
        assertEquals(1, r.failedOps(), "only the 2^63-1 byte request fails");
        assertTrue(r.heapHighWaterBytes() > 16L << 30, "a 16 GiB heap on 8 GiB of RAM: the break moves");
        assertEquals(2, r.residentPages(), "but only touched pages take frames (overcommit): the block's header "
            + "and the free remainder's header 16 GiB further on");
        assertNull(r.death());
    }

    @Test
    void runningOutOfFramesOomKills() throws Exception {
        Stack s = Stack.build(StackSpec.defaults().withVm("flat:ram=64k"));
        StackResult r = Replay.run(GeneratorSource.parse("gen:request-loop:requests=100,free=false", 1), List.of(s)).get(0);
        assertNotNull(r.death());
        assertTrue(r.death().startsWith("out of memory"), r.death());
        assertEquals(16, r.peakResidentPages());
        assertTrue(s.metrics().counterNamed("runtime.eventsAfterDeath").get() > 0);
    }

    @Test
    void strictKernelSegfaultsOutsideEveryMapping() throws Exception {
        Stack s = Stack.build(StackSpec.defaults().withKernel("linux:unmapped=segv"));
        StackResult r = Replay.run(text("load 0x1000000 8\nload 0x1000008 8\n"), List.of(s)).get(0);
        assertTrue(r.death().contains("SIGSEGV: read at 0x1000000 (no mapping)"), r.death());
        assertEquals(0, r.deathEvent());
    }

    @Test
    void nullDereferenceAfterFailedMallocSegfaultsEvenWhenMappingOnTouch() throws Exception {
        StackResult r = Replay.run(text("alloc 1 9223372036854775807\nbstore 1 0 8\n"), List.of(Stack.build(StackSpec.defaults()))).get(0);
        assertTrue(r.death().contains("SIGSEGV: write at 0x0"), r.death());
    }

    @Test
    void unknownAllocatorKeyListsValidOnes() {
        var e = assertThrows(org.memsim.spec.SpecException.class,
            () -> Stack.build(StackSpec.defaults().withAllocator("freelist:fits=best")));
        assertTrue(e.getMessage().contains("unknown key 'fits' for allocator 'freelist'; valid: fit=first (first|next|best|worst)"), e.getMessage());
        var e2 = assertThrows(org.memsim.spec.SpecException.class, () -> Stack.build(new StackSpec(Spec.parse("dlmalloc"),
            Spec.parse("linux"), Spec.parse("flat"), Spec.parse("cost"))));
        assertTrue(e2.getMessage().contains("unknown allocator 'dlmalloc'; valid: freelist"), e2.getMessage());
    }

    @Test
    void checkModeVerifiesAfterEveryOp() throws Exception {
        for (String fit : new String[] {"first", "next", "best", "worst"}) {
            for (String coalesce : new String[] {"true", "false"}) {
                Stack s = Stack.build(StackSpec.defaults().withAllocator("freelist:fit=" + fit + ",coalesce=" + coalesce));
                s.runtime().setCheck(true);
                StackResult r = Replay.run(GeneratorSource.parse("gen:sizes:ops=3000,max=3000", 3), List.of(s)).get(0);
                assertEquals(3000, r.ops());
            }
        }
    }
}
