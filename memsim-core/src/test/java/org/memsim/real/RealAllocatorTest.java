package org.memsim.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsim.InputException;
import org.memsim.event.EventSink;
import org.memsim.runtime.BadEventException;
import org.memsim.spec.Spec;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.GeneratorSource;

/** The native replay driver against the real allocators of this machine (skipped where gcc is missing). */
class RealAllocatorTest {
    record Row(long index, String op, long id, long size, long address) {}

    static void assumeGcc() {
        Assumptions.assumeTrue(NativeReplayer.compiler() != null, "gcc (or cc) is not installed: the native replay driver cannot be built");
    }

    static void assumeInstalled(String name) {
        for (RealAllocators.Entry e : RealAllocators.ALL) {
            if (e.name().equals(name)) {
                Assumptions.assumeTrue(e.installed(), "real:" + name + " needs " + e.library() + " (apt-get install " + e.debianPackage() + ")");
            }
        }
    }

    /** The exact offsets below are glibc 2.36's (Debian 12); other versions may differ in detail. */
    static void assumeGlibc236() {
        String v = "";
        try {
            Process p = new ProcessBuilder("ldd", "--version").redirectErrorStream(true).start();
            v = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor();
        } catch (Exception e) {
            v = e.toString();
        }
        Assumptions.assumeTrue(v.trim().endsWith(" 2.36"), "the expected offsets are glibc 2.36's; ldd says: " + v);
    }

    @Test
    void glibcPlacesTheFirstSmallChunkAfterTheTcacheStruct() {
        assumeGcc();
        assumeGlibc236();
        List<Row> rows = new ArrayList<>();
        RealAllocator real = RealAllocators.create("real:glibc", (i, op, id, size, a, s) -> rows.add(new Row(i, op, id, size, a)));
        EventSink s = real.entry();
        s.alloc(1, 10, 0, 0, 0);        // chunk 0x20 after tcache_perthread_struct (chunk 0x290)
        s.alloc(2, 100, 0, 0, 0);       // chunk 0x70
        s.free(1, 0);
        s.free(EventSink.NULL_ID, 0);
        s.alloc(3, 10, 0, 0, 0);        // the tcache hands chunk 1 back
        s.alloc(4, 300_000, 0, 0, 0);   // above the mmap threshold
        s.calloc(5, 4, 8, 0, 0);
        s.realloc(2, 0, 0, 0);          // frees
        s.store(0x1000, 8);              // ignored
        s.end();
        StackResult r = real.result();
        long base = RealAllocator.MODEL_HEAP_START;
        assertEquals(9, r.events());
        assertEquals(8, r.ops());
        assertEquals(1, real.ignoredEvents());
        assertEquals(0, r.failedOps());
        assertEquals(base + 0x2a0, rows.get(0).address());
        assertEquals(base + 0x2c0, rows.get(1).address());
        assertEquals(base + 0x2a0, rows.get(4).address());
        long mm = rows.get(5).address();
        assertTrue(mm < base || mm > base + (1L << 32), "a 300000-byte block is mmapped: " + Long.toHexString(mm));
        assertEquals(base + 0x330, rows.get(6).address());
        assertEquals(32, rows.get(6).size());
        assertEquals(0, rows.get(7).address());
        assertEquals(0x21000 + 0x4a000, r.heapHighWaterBytes(), "initial heap of 0x21000 plus the 300000-byte mapping");
        assertEquals(10 + 300_000 + 32, r.liveBytesAtEnd());
        assertEquals(3, r.liveBlocksAtEnd());
        assertTrue(r.realNanos() > 0);
        assertEquals("real:glibc", r.allocator());
    }

    @Test
    void generatorTraceRunsAndCountsLikeTheSimulatedRuntime() throws Exception {
        assumeGcc();
        String gen = "gen:sizes:ops=20000,live=300";
        Stack sim = Stack.build(StackSpec.defaults());
        RealAllocator real = RealAllocators.create(Spec.parse("real:allocator=glibc"), null);
        List<StackResult> rs = Replay.run(GeneratorSource.parse(gen, 7), List.of(sim, real));
        assertEquals(rs.get(0).events(), rs.get(1).events());
        assertEquals(rs.get(0).ops(), rs.get(1).ops());
        assertEquals(rs.get(0).peakLiveBytes(), rs.get(1).peakLiveBytes());
        assertEquals(rs.get(0).liveBytesAtEnd(), rs.get(1).liveBytesAtEnd());
        assertEquals(rs.get(0).liveBlocksAtEnd(), rs.get(1).liveBlocksAtEnd());
        assertTrue(rs.get(1).heapHighWaterBytes() >= rs.get(1).peakLiveBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jemalloc", "tcmalloc", "mimalloc"})
    void preloadedAllocatorsReplay(String name) throws Exception {
        assumeGcc();
        assumeInstalled(name);
        List<Row> rows = new ArrayList<>();
        RealAllocator real = RealAllocators.create("real:" + name, (i, op, id, size, a, s) -> rows.add(new Row(i, op, id, size, a)));
        StackResult r = Replay.run(GeneratorSource.parse("gen:sizes:ops=5000,live=100", 3), List.of(real)).get(0);
        assertEquals(5000, r.ops());
        assertEquals(0, r.failedOps());
        assertEquals(5000, rows.size());
        assertTrue(rows.stream().filter(x -> !x.op().equals("free")).allMatch(x -> x.address() != 0));
        assertEquals("real:" + name, r.allocator());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        InputException e = assertThrows(InputException.class, () -> RealAllocators.create("real:hoard", null));
        assertTrue(e.getMessage().contains("glibc, jemalloc, tcmalloc, mimalloc"), e.getMessage());
        assertTrue(e.getMessage().contains("installed here: glibc"), e.getMessage());
        assertThrows(InputException.class, () -> RealAllocators.create("freelist", null));
        assertThrows(InputException.class, () -> RealAllocators.create(Spec.parse("real:allocator=glibc,x=1"), null));
        assertTrue(RealAllocators.isRealSpec("real:glibc"));
    }

    @Test
    void freeOfADeadIdIsABadEvent() {
        assumeGcc();
        RealAllocator real = RealAllocators.create("real:glibc", null);
        real.entry().alloc(1, 8, 0, 0, 0);
        real.entry().free(1, 0);
        assertThrows(BadEventException.class, () -> real.entry().free(1, 0));
        real.entry().end();
        assertEquals(2, real.result().ops());
    }

    @Test
    void theDriverIsCachedByItsSourceHashAndNativeCopyMatches() throws Exception {
        assumeGcc();
        Path exe = NativeReplayer.driver();
        assertTrue(Files.isExecutable(exe));
        assertTrue(exe.getFileName().toString().startsWith("memsim-replay-"));
        assertEquals(exe, NativeReplayer.driver());
        Path repoCopy = Path.of("..", "native", "memsim-replay.c");
        if (Files.exists(repoCopy)) {
            assertEquals(new String(NativeReplayer.source()), Files.readString(repoCopy), "native/memsim-replay.c differs from the shipped resource");
        }
    }
}
