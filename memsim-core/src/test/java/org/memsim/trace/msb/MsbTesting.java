package org.memsim.trace.msb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.memsim.event.EventSink;

/** Event streams for the msb tests: a Lackey-like access mix and a random stream of every kind with extremes. */
final class MsbTesting {
    private MsbTesting() {}

    /** Every event kind and definition, in memsim text (as the mst tests use it). */
    static final String EVERY_KIND = String.join("\n",
        "site 1 main;handle_request",
        "file 2 /var/lib/data.bin",
        "type 3 java.lang.String",
        "start 1",
        "switch 1 7",
        "alloc 0 4096 site=1",
        "alloc 1 200 align=64 addr=0x55550010",
        "calloc 2 4 25",
        "calloc 3 4 25 addr=0x55550400 site=1",
        "realloc 0 100 addr=0x55550100",
        "realloc 3 10 site=1",
        "bstore 0 0 100",
        "bload 0 8 8",
        "free 0",
        "free null",
        "free 1 site=1",
        "load 0x1fff000778 8",
        "store 0x1fff000770 8",
        "modify 0x4033e06 1",
        "ifetch 0x401ab70 3",
        "ifetch 0x401ab73 5",
        "ifetch 0x401ab70 21",
        "load 0x1fff000778 10",
        "brk 0x555555559000",
        "mmap 0x7f0000000000 8192 rw- private|anonymous",
        "mmap 0x7f0000100000 4096 r-- shared file=2 offset=4096",
        "mmap 0x7f0000200000 4096 r-x private file=2",
        "munmap 0x7f0000000000 4096",
        "mprotect 0x7f0000001000 4096 r--",
        "madvise 0x7f0000001000 4096 dontneed",
        "msync 0x7f0000100000 4096",
        "fork 1 2",
        "exit 2 -1",
        "new 10 24 2 type=3",
        "new 11 16 0 site=1",
        "new 12 16 1 type=3 site=1",
        "ref 10 0 11",
        "ref 10 1 null",
        "root 10",
        "unroot 10",
        "safepoint",
        "word 0x5555555592a0 0x555555559300",
        "freeptr 0x5555555592a8",
        "freeptr 0x5555555592b0 site=1");

    /** Writes what {@code events} produces with an {@link MsbWriter} and returns the file. */
    static byte[] write(java.util.function.Consumer<EventSink> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MsbWriter w = new MsbWriter(out)) {
            events.accept(w);
        }
        return out.toByteArray();
    }

    /**
     * A Lackey-like stream ({@code valgrind --tool=lackey --trace-mem=yes}): about 60% instruction
     * fetches (mostly sequential, sizes 1–8), 25% loads, 10% stores, 5% modifies near a stack and a heap pointer.
     */
    static void lackeyLike(EventSink sink, int events, long seed) {
        Random r = new Random(seed);
        long pc = 0x401ab70L;
        long sp = 0x1fff000778L;
        long heap = 0x4033e00L;
        int[] isizes = {1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8};
        int[] dsizes = {8, 8, 8, 8, 4, 4, 1, 1, 2, 16};
        for (int i = 0; i < events; i++) {
            int k = r.nextInt(100);
            if (k < 60) {
                if (r.nextInt(8) == 0) {
                    pc += r.nextInt(1024) - 512;
                }
                int s = isizes[r.nextInt(isizes.length)];
                sink.ifetch(pc, s);
                pc += s;
            } else {
                long a;
                if (r.nextInt(3) == 0) {
                    heap += (r.nextInt(64) - 24) * 8L;
                    a = heap;
                } else {
                    sp += (r.nextInt(16) - 8) * 8L;
                    a = sp;
                }
                int s = dsizes[r.nextInt(dsizes.length)];
                if (k < 85) {
                    sink.load(a, s);
                } else if (k < 95) {
                    sink.store(a, s);
                } else {
                    sink.modify(a, s);
                }
            }
        }
    }

    private static final long[] SPECIAL = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1,
        0x7f0000000000L, 0x1fff000778L, 1L << 32, (1L << 32) - 1, 127, 128, 16383, 16384};
    private static final int[] SPECIAL_INT = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 15, 16, 1 << 14, (1 << 14) + 1, 3, 127, 128};

    private static long anyLong(Random r, long near) {
        switch (r.nextInt(4)) {
            case 0: return SPECIAL[r.nextInt(SPECIAL.length)];
            case 1: return r.nextLong();
            default: return near + r.nextInt(4096) - 2048;
        }
    }

    private static int anyInt(Random r) {
        switch (r.nextInt(3)) {
            case 0: return SPECIAL_INT[r.nextInt(SPECIAL_INT.length)];
            case 1: return r.nextInt();
            default: return r.nextInt(20);
        }
    }

    /** 0 (absent) half the time, else any value. */
    private static long optLong(Random r, long near) {
        return r.nextBoolean() ? 0 : anyLong(r, near);
    }

    private static int optInt(Random r) {
        return r.nextBoolean() ? 0 : anyInt(r);
    }

    private static String anyText(Random r) {
        String[] parts = {"main", ";", "handle_request", "ä", "€", "日本", "😀", " ", "/tmp/x.bin", "java.lang.String", ""};
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(parts[r.nextInt(parts.length)]);
        }
        return sb.toString();
    }

    /** A random stream of every event kind, with extreme and near values mixed. */
    static void randomEvents(EventSink s, int events, long seed) {
        Random r = new Random(seed);
        long near = 0x55550000L;
        for (int i = 0; i < events; i++) {
            long id = r.nextInt(10) == 0 ? EventSink.NULL_ID : anyLong(r, 1000);
            switch (r.nextInt(31)) {
                case 0: s.alloc(id, anyLong(r, 64), optLong(r, 16), optLong(r, near), optInt(r)); break;
                case 1: s.calloc(id, anyLong(r, 4), anyLong(r, 8), optLong(r, near), optInt(r)); break;
                case 2: s.realloc(id, anyLong(r, 64), optLong(r, near), optInt(r)); break;
                case 3: s.free(id, optInt(r)); break;
                case 4: case 25: s.load(anyLong(r, near), anyInt(r)); break;
                case 5: case 26: s.store(anyLong(r, near), anyInt(r)); break;
                case 6: case 27: s.modify(anyLong(r, near), anyInt(r)); break;
                case 7: case 28: case 29: case 30: s.ifetch(anyLong(r, near), anyInt(r)); break;
                case 8: s.blockLoad(id, anyLong(r, 0), anyLong(r, 8)); break;
                case 9: s.blockStore(id, anyLong(r, 0), anyLong(r, 8)); break;
                case 10: s.brk(anyLong(r, near)); break;
                case 11: s.mmap(anyLong(r, near), anyLong(r, 4096), anyInt(r), anyInt(r), optInt(r), optLong(r, 4096)); break;
                case 12: s.munmap(anyLong(r, near), anyLong(r, 4096)); break;
                case 13: s.mprotect(anyLong(r, near), anyLong(r, 4096), anyInt(r)); break;
                case 14: s.madvise(anyLong(r, near), anyLong(r, 4096), anyInt(r)); break;
                case 15: s.msync(anyLong(r, near), anyLong(r, 4096)); break;
                case 16: s.processStart(anyInt(r)); break;
                case 17: s.processExit(anyInt(r), anyInt(r)); break;
                case 18: s.fork(anyInt(r), anyInt(r)); break;
                case 19: s.contextSwitch(anyInt(r), anyInt(r)); break;
                case 20: s.newObject(id, anyLong(r, 24), anyInt(r), optInt(r), optInt(r)); break;
                case 21: s.refWrite(id, anyInt(r), r.nextInt(4) == 0 ? EventSink.NULL_ID : anyLong(r, 1000)); break;
                case 22: s.rootAdd(id); break;
                case 23: s.rootRemove(id); break;
                default:
                    switch (r.nextInt(4)) {
                        case 0: s.defineSite(anyInt(r), anyText(r)); break;
                        case 1: s.defineFile(anyInt(r), anyText(r)); break;
                        case 2: s.defineType(anyInt(r), anyText(r)); break;
                        default:
                            if (r.nextInt(3) == 0) { s.freePointer(anyLong(r, near), optInt(r)); } else if (r.nextBoolean()) { s.safepoint(); } else { s.word(anyLong(r, near), anyLong(r, near)); }
                            break;
                    }
            }
            if (r.nextInt(50) == 0) {
                near = anyLong(r, near);
            }
        }
    }
}
