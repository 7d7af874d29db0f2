package org.memsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsim.kernel.VmTesting.PAGE;
import static org.memsim.kernel.VmTesting.counter;
import static org.memsim.kernel.VmTesting.frame;
import static org.memsim.kernel.VmTesting.loadEach;
import static org.memsim.kernel.VmTesting.stack;

import org.junit.jupiter.api.Test;
import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.stack.Stack;

/** mmap of files: one page cache shared by processes, MAP_SHARED writes seen by all, MAP_PRIVATE copies, msync, eviction. */
class FileMappingTest {
    static final long A1 = 0x7f0000000000L;
    static final long A2 = 0x7e0000000000L;
    static final long A3 = 0x7d0000000000L;

    private static void mapFile(EventSink in, long at, long pages, int flags) {
        in.mmap(at, pages * PAGE, Prot.RW, flags, 1, 0);
    }

    @Test
    void twoProcessesShareOnePageCache() {
        Stack s = stack("x86-64:ram=64m", "linux");
        EventSink in = s.entry();
        in.defineFile(1, "data.bin");
        in.processStart(1);
        mapFile(in, A1, 16, MapFlags.SHARED);
        loadEach(in, A1, 16);
        assertEquals(16, counter(s, "kernel.majorFaults"), "the first reader reads the file from disk");
        in.processStart(2);
        mapFile(in, A2, 16, MapFlags.SHARED);
        loadEach(in, A2, 16);
        assertEquals(16, counter(s, "kernel.majorFaults"), "the second finds every page in the page cache");
        assertEquals(16, counter(s, "kernel.minorFaults"));
        assertEquals(frame(s, 1, A1 + 5 * PAGE), frame(s, 2, A2 + 5 * PAGE), "the same page of the file, the same frame");
        assertEquals(16, s.memory().used());

        in.store(A2, 4);   // "NEW!" written through pid 2's shared mapping
        in.contextSwitch(1, 1);
        in.load(A1, 4);
        assertEquals(frame(s, 1, A1), frame(s, 2, A2), "pid 1 reads the frame pid 2 wrote: it sees the data");
        in.contextSwitch(2, 2);
        in.msync(A2, 16 * PAGE);
        assertEquals(1, counter(s, "kernel.writeBacks"), "one dirty page written back");
        in.msync(A2, 16 * PAGE);
        assertEquals(1, counter(s, "kernel.writeBacks"), "clean now");

        mapFile(in, A3, 16, MapFlags.PRIVATE);
        in.load(A3 + PAGE, 8);
        assertEquals(frame(s, 1, A1 + PAGE), frame(s, 2, A3 + PAGE), "a private mapping reads the cached page");
        in.store(A3 + PAGE, 8);
        assertEquals(1, counter(s, "kernel.cowFaults"));
        assertNotEquals(frame(s, 1, A1 + PAGE), frame(s, 2, A3 + PAGE), "writing a private mapping copies the page");
        in.end();
    }

    @Test
    void memoryPressureEvictsFilePagesAndWritesBackDirtyOnes() {
        Stack s = stack("x86-64:ram=64k", "linux", "tlb", "lru"); // 16 frames, no swap: only file pages can go
        EventSink in = s.entry();
        in.processStart(1);
        mapFile(in, A1, 24, MapFlags.SHARED);
        for (int i = 0; i < 24; i++) {
            in.store(A1 + (long) i * PAGE, 8);
        }
        assertTrue(s.kernel().current().alive(), "file pages are evicted, not OOM-killed");
        assertEquals(8, counter(s, "kernel.evictions"));
        assertEquals(8, counter(s, "kernel.writeBacks"), "every evicted page was dirty");
        in.load(A1, 8);
        assertEquals(25, counter(s, "kernel.majorFaults"), "the evicted page is read from the file again");
        assertEquals(16, s.kernel().pageCache().size());
    }

    @Test
    void sharedAnonymousMemoryIsSharedAcrossFork() {
        Stack s = stack("x86-64:ram=64m", "linux");
        EventSink in = s.entry();
        in.processStart(1);
        in.mmap(A1, 4 * PAGE, Prot.RW, MapFlags.SHARED | MapFlags.ANONYMOUS, 0, 0);
        in.store(A1, 8);
        in.fork(1, 2);
        in.contextSwitch(2, 2);
        in.store(A1, 8);
        in.store(A1 + PAGE, 8);
        assertEquals(0, counter(s, "kernel.cowFaults"), "MAP_SHARED is not copied on write");
        assertEquals(frame(s, 1, A1), frame(s, 2, A1));
        in.contextSwitch(1, 1);
        in.load(A1 + PAGE, 8);
        assertEquals(frame(s, 1, A1 + PAGE), frame(s, 2, A1 + PAGE), "a page first touched by the child is the parent's too");
        assertEquals(0, counter(s, "kernel.majorFaults"), "new shared anonymous pages are zero-filled, not read");
    }
}
