package org.memsim.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import org.memsim.collections.LongArrayList;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventSink;
import org.memsim.kernel.ProcessLayout;
import org.memsim.layer.Layer;
import org.memsim.runtime.BadEventException;
import org.memsim.runtime.OpsLog;
import org.memsim.stack.ReplayTarget;
import org.memsim.stack.StackResult;

/**
 * A real allocator as a replay target: the allocation-family events of a trace are spooled (to a
 * temporary file, in constant memory, ids remapped to dense reusable slots) and, at the end, replayed
 * natively by {@code memsim-replay} through glibc's malloc or a preloaded jemalloc/tcmalloc/mimalloc.
 * The result has the meaning of a simulated stack's where the real run can measure it; the ops
 * log has the simulated replay's columns, with brk-heap addresses rebased onto the model's heap
 * start ({@code 0x555555559000}) so model and reality can be diffed line by line.
 */
public final class RealAllocator implements ReplayTarget {
    /** Where the model's heap starts; a real heap offset is reported as this plus the offset. */
    public static final long MODEL_HEAP_START = ProcessLayout.linuxDefault().heapStart();

    private static final long NOT_LIVE = -1;
    private static final int BUFFER = 1 << 16;

    private final RealAllocators.Entry allocator;
    private final OpsLog opsLog;
    private final Sink sink = new Sink();
    private final LongLongHashMap slotOf = new LongLongHashMap(1024, NOT_LIVE); // id -> slot
    private final LongArrayList freeSlots = new LongArrayList();
    private long nextSlot = 1; // slot 0 stays NULL: free(NULL) replays as free of slot 0
    private long events;
    private long ops;
    private long ignored;
    private Path input;
    private Path side;
    private FileChannel inputChannel;
    private FileChannel sideChannel;
    private final ByteBuffer inputBuffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer sideBuffer;
    private StackResult result;
    private NativeReplayer.Run run;

    RealAllocator(RealAllocators.Entry allocator, OpsLog opsLog) {
        this.allocator = allocator;
        this.opsLog = opsLog;
        this.sideBuffer = opsLog == null ? null : ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        try {
            input = Files.createTempFile("memsim-real-", ".ops");
            inputChannel = FileChannel.open(input, StandardOpenOption.WRITE);
            inputBuffer.put(new byte[NativeReplayer.HEADER_BYTES]); // header written at the end
            if (opsLog != null) {
                side = Files.createTempFile("memsim-real-", ".log");
                sideChannel = FileChannel.open(side, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            cleanup();
            throw new UncheckedIOException(e);
        }
    }

    /** The allocator's name as in results: {@code real:glibc}. */
    public String name() {
        return RealAllocators.PREFIX + allocator.name();
    }

    /** Events that are not allocation-family calls (accesses, mappings, processes), which a real replay skips. */
    public long ignoredEvents() {
        return ignored;
    }

    /** The native run's raw measurements, after {@code end()}. */
    public NativeReplayer.Run run() {
        return run;
    }

    @Override
    public EventSink entry() {
        return sink;
    }

    @Override
    public StackResult result() {
        if (result == null) {
            throw new IllegalStateException("the real replay has not ended yet");
        }
        return result;
    }

    // ------------------------------------------------------------------ spooling

    private void op(int code, int alignLog2, long slot, long size, long index, long id) {
        if (inputBuffer.remaining() < NativeReplayer.OP_BYTES) {
            drain(inputChannel, inputBuffer);
        }
        inputBuffer.put((byte) code).put((byte) alignLog2).putShort((short) 0).putInt((int) slot).putLong(size);
        if (sideBuffer != null) {
            if (sideBuffer.remaining() < 16) {
                drain(sideChannel, sideBuffer);
            }
            sideBuffer.putLong(index).putLong(id);
        }
        ops++;
    }

    private static void drain(FileChannel ch, ByteBuffer b) {
        b.flip();
        try {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        b.clear();
    }

    private long newSlot(long id) {
        long slot = freeSlots.isEmpty() ? nextSlot++ : freeSlots.removeLast();
        if (slot > 0xFFFF_FFFFL) {
            throw new BadEventException("more than 2^32 blocks live at once: the native replay cannot hold them");
        }
        slotOf.put(id, slot);
        return slot;
    }

    private void release(long id, long slot) {
        slotOf.remove(id);
        freeSlots.add(slot);
    }

    private final class Sink implements EventSink {
        private long tick() {
            return events++;
        }

        @Override
        public void alloc(long id, long size, long align, long address, int site) {
            long i = tick();
            checkId(id, "alloc");
            checkSize(size, "alloc");
            if (align < 0 || (align != 0 && Long.bitCount(align) != 1)) {
                throw new BadEventException("alloc with alignment " + align + " (expected 0 or a power of two)");
            }
            long slot = slotOf.get(id);
            if (slot == NOT_LIVE) {
                slot = newSlot(id);
            }
            if (align == 0) {
                op(NativeReplayer.OP_MALLOC, 0, slot, size, i, id);
            } else {
                op(NativeReplayer.OP_MEMALIGN, Long.numberOfTrailingZeros(align), slot, size, i, id);
            }
        }

        @Override
        public void calloc(long id, long count, long size, long address, int site) {
            long i = tick();
            checkId(id, "calloc");
            checkSize(size, "calloc");
            checkSize(count, "calloc");
            long total = size != 0 && count > Long.MAX_VALUE / size ? -1L : count * size; // -1: 2^64-1, fails like an overflow
            long slot = slotOf.get(id);
            if (slot == NOT_LIVE) {
                slot = newSlot(id);
            }
            op(NativeReplayer.OP_CALLOC, 0, slot, total, i, id);
        }

        @Override
        public void realloc(long id, long size, long address, int site) {
            long i = tick();
            checkSize(size, "realloc");
            if (id < 0) {
                throw new BadEventException("realloc with id " + id + " (expected an id >= 0)");
            }
            long slot = slotOf.get(id);
            if (slot == NOT_LIVE) {
                slot = newSlot(id);
                op(NativeReplayer.OP_REALLOC, 0, slot, size, i, id);
                return;
            }
            op(NativeReplayer.OP_REALLOC, 0, slot, size, i, id);
            if (size == 0) {
                release(id, slot); // glibc: realloc(p, 0) frees p (when p holds a block; else it mallocs 0 bytes)
            }
        }

        @Override
        public void free(long id, int site) {
            long i = tick();
            if (id == NULL_ID) {
                op(NativeReplayer.OP_FREE, 0, 0, 0, i, id);
                return;
            }
            long slot = slotOf.get(id);
            if (slot == NOT_LIVE) {
                throw new BadEventException("free of id " + id + ", which is not live (never allocated, or already freed)");
            }
            op(NativeReplayer.OP_FREE, 0, slot, 0, i, id);
            release(id, slot);
        }

        private void checkId(long id, String op) {
            if (id < 0) {
                throw new BadEventException(op + " with id " + id + " (expected an id >= 0)");
            }
        }

        private void checkSize(long size, String op) {
            if (size < 0) {
                throw new BadEventException(op + " of " + size + " bytes (expected a size >= 0)");
            }
        }

        private void skip() {
            tick();
            ignored++;
        }

        @Override public void load(long address, int size) { skip(); }
        @Override public void store(long address, int size) { skip(); }
        @Override public void modify(long address, int size) { skip(); }
        @Override public void ifetch(long address, int size) { skip(); }
        @Override public void blockLoad(long id, long offset, long size) { skip(); }
        @Override public void blockStore(long id, long offset, long size) { skip(); }
        @Override public void brk(long address) { skip(); }
        @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { skip(); }
        @Override public void munmap(long address, long length) { skip(); }
        @Override public void mprotect(long address, long length, int prot) { skip(); }
        @Override public void madvise(long address, long length, int advice) { skip(); }
        @Override public void msync(long address, long length) { skip(); }
        @Override public void processStart(int pid) { skip(); }
        @Override public void processExit(int pid, int status) { skip(); }
        @Override public void fork(int parentPid, int childPid) { skip(); }
        @Override public void contextSwitch(int pid, int tid) { skip(); }
        @Override public void newObject(long id, long size, int refSlots, int type, int site) { skip(); }
        @Override public void refWrite(long object, int slot, long target) { skip(); }
        @Override public void rootAdd(long object) { skip(); }
        @Override public void rootRemove(long object) { skip(); }
        @Override public void safepoint() { skip(); }
        @Override public void word(long address, long value) { skip(); }
        @Override public void freePointer(long address, int site) { skip(); }

        @Override
        public void end() {
            finish();
        }
    }

    // ------------------------------------------------------------------ the native run and its result

    private void finish() {
        if (result != null) {
            return;
        }
        Path out = null;
        try {
            drain(inputChannel, inputBuffer);
            ByteBuffer h = ByteBuffer.allocate(NativeReplayer.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            h.put("MSIMRPL1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(nextSlot).putLong(ops).putLong(0);
            h.flip();
            inputChannel.write(h, 0);
            inputChannel.close();
            if (sideChannel != null) {
                drain(sideChannel, sideBuffer);
                sideChannel.close();
            }
            out = Files.createTempFile("memsim-real-", ".out");
            int flags = allocator.library() == null ? NativeReplayer.FLAG_GLIBC_HEADERS : NativeReplayer.FLAG_USABLE_SIZE;
            run = NativeReplayer.run(input, out, flags, allocator.library());
            result = summarize(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            cleanup();
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignoredToo) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private void cleanup() {
        try {
            if (inputChannel != null) {
                inputChannel.close();
            }
            if (sideChannel != null) {
                sideChannel.close();
            }
            if (input != null) {
                Files.deleteIfExists(input);
            }
            if (side != null) {
                Files.deleteIfExists(side);
            }
        } catch (IOException e) {
            // temp files left behind are harmless
        }
    }

    /** Walks the input, the per-op pointers and the ops-log side file together to rebuild what the runtime measures. */
    private StackResult summarize(NativeReplayer.Run r) throws IOException {
        long[] liveSize = new long[(int) Math.min(Integer.MAX_VALUE - 8, nextSlot)];
        java.util.Arrays.fill(liveSize, NOT_LIVE);
        long live = 0, peakLive = 0, blocks = 0;
        long heapLo = r.initialBreak();
        long heapHi = r.initialBreak() + r.brkHighWater();
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
             FileChannel res = FileChannel.open(r.results(), StandardOpenOption.READ);
             FileChannel log = side == null ? null : FileChannel.open(side, StandardOpenOption.READ)) {
            ByteBuffer ib = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer rb = ByteBuffer.allocate(BUFFER / 2).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer lb = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
            in.position(NativeReplayer.HEADER_BYTES);
            ib.limit(0);
            rb.limit(0);
            lb.limit(0);
            for (long k = 0; k < r.ops(); k++) {
                fill(in, ib, NativeReplayer.OP_BYTES);
                fill(res, rb, 8);
                int code = ib.get();
                ib.get();
                ib.getShort();
                int slot = ib.getInt();
                long size = ib.getLong();
                long p = rb.getLong();
                long before = liveSize[slot];
                String name;
                long logSize = size;
                switch (code) {
                    case NativeReplayer.OP_FREE -> {
                        name = OpsLog.FREE;
                        logSize = Math.max(0, before);
                        if (before >= 0) {
                            live -= before;
                            blocks--;
                        }
                        liveSize[slot] = NOT_LIVE;
                    }
                    case NativeReplayer.OP_REALLOC -> {
                        name = OpsLog.REALLOC;
                        if (before < 0) {
                            if (p != 0) {
                                liveSize[slot] = size;
                                live += size;
                                blocks++;
                            }
                        } else if (size == 0) {
                            live -= before;
                            blocks--;
                            liveSize[slot] = NOT_LIVE;
                        } else if (p != 0) {
                            live += size - before;
                            liveSize[slot] = size;
                        }
                    }
                    default -> {
                        name = code == NativeReplayer.OP_MALLOC ? OpsLog.MALLOC
                            : code == NativeReplayer.OP_CALLOC ? OpsLog.CALLOC : OpsLog.MEMALIGN;
                        if (code == NativeReplayer.OP_CALLOC && size < 0) {
                            logSize = Long.MAX_VALUE;
                        }
                        if (before >= 0) { // the id was re-allocated while live: the old block leaks
                            live -= before;
                            blocks--;
                        }
                        liveSize[slot] = p != 0 ? size : NOT_LIVE;
                        if (p != 0) {
                            live += size;
                            blocks++;
                        }
                    }
                }
                peakLive = Math.max(peakLive, live);
                if (log != null) {
                    fill(log, lb, 16);
                    long index = lb.getLong();
                    long id = lb.getLong();
                    long shown = p == 0 ? 0 : (p >= heapLo && p < heapHi ? MODEL_HEAP_START + (p - heapLo) : p);
                    opsLog.record(index, name, id, logSize, shown, -1);
                }
            }
        }
        long highWater = r.peakFootprint();
        long rssPages = Math.max(0, r.rssPeakKib() - r.rssBeforeKib()) / 4;
        EnumMap<Layer, Double> ns = new EnumMap<>(Layer.class);
        return new StackResult(name(), events, ops, r.failedOps(), peakLive, highWater,
            highWater == 0 ? 0 : (double) peakLive / highWater, r.minorFaults(), rssPages, rssPages, live, blocks,
            0, 0, 0, ns, null, -1, r.loopNanos());
    }

    private static void fill(FileChannel ch, ByteBuffer b, int need) throws IOException {
        if (b.remaining() >= need) {
            return;
        }
        b.compact();
        while (b.position() < need) {
            if (ch.read(b) < 0) {
                throw new IOException("the native replay's files end early");
            }
        }
        b.flip();
    }
}
