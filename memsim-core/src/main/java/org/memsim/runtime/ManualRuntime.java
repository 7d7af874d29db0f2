package org.memsim.runtime;

import org.memsim.alloc.Allocator;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventClock;
import org.memsim.event.EventSink;
import org.memsim.kernel.SystemCalls;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.vm.AccessType;
import org.memsim.vm.MemoryPort;

/**
 * The C runtime of a trace: the program calls {@code malloc}/{@code free} by block id and this layer
 * keeps id → address, sends requests to the allocator, turns block-relative accesses into
 * addresses, raw accesses into MMU accesses and mapping calls into system calls. It measures what
 * the program asked for (ops, failed ops, live and peak live payload) against what the allocator
 * took from the kernel (footprint and its high-water mark).
 */
public final class ManualRuntime implements EventSink {
    private static final long NOT_LIVE = Long.MIN_VALUE;

    private final Allocator allocator;
    private final SystemCalls kernel;
    private final MemoryPort memory;
    private final Metrics metrics;
    private final EventClock clock;
    private final org.memsim.layer.LayerLog log;
    private OpsLog opsLog;
    private boolean check;
    private boolean observed; // opsLog != null || check: one test per op
    private final boolean grantedKnown; // the allocator reports each block's granted bytes as it goes

    private final LiveBlocks live = new LiveBlocks(); // id -> address (0 = NULL) and requested size
    private long liveBytes;
    private long liveGranted;
    private long peakLiveBytes;
    private long liveBlocks;
    private long footprintHighWater;
    private long deathIndex = -1;
    private String abortMessage;

    private final Counter ops;
    private final Counter failedOps;
    private final Counter requestedBytes;
    private final Counter brkIgnored;
    private final Counter processEvents;
    private final Counter managedIgnored;
    private final Counter invalidFrees;
    private final Counter afterDeath;
    private final org.memsim.metrics.Histogram requestSizes;
    private final org.memsim.metrics.Histogram searchLengths;
    private final org.memsim.metrics.Histogram freeListLengths;

    public ManualRuntime(Allocator allocator, SystemCalls kernel, MemoryPort memory, Metrics metrics, EventClock clock,
                         org.memsim.layer.LayerLog log) {
        this.log = log;
        this.allocator = allocator;
        this.kernel = kernel;
        this.memory = memory;
        this.metrics = metrics;
        this.clock = clock;
        this.grantedKnown = allocator.lastGranted() >= 0;
        ops = metrics.counter("runtime.ops", "ops", "allocation-family operations (malloc, calloc, realloc, free)");
        failedOps = metrics.counter("runtime.failedOps", "ops", "operations that returned NULL");
        requestedBytes = metrics.counter("runtime.requestedBytes", "bytes", "bytes requested in total");
        brkIgnored = metrics.counter("runtime.traceBrkIgnored", "events", "brk events of the trace (the simulated allocator moves the break itself)");
        processEvents = metrics.counter("runtime.processEvents", "events", "process events (start, exit, fork, switch) seen");
        invalidFrees = metrics.counter("runtime.invalidFrees", "events", "frees of a pointer that starts no block (freeptr), not passed to the allocator");
        managedIgnored = metrics.counter("runtime.managedIgnored", "events", "managed-heap events a manual runtime does not simulate");
        afterDeath = metrics.counter("runtime.eventsAfterDeath", "events", "events after the process was killed, not simulated");
        requestSizes = metrics.histogram("runtime.requestSize", "bytes");
        searchLengths = metrics.histogram("alloc.searchLength", "entries");
        freeListLengths = metrics.histogram("alloc.freeListLength", "blocks");
        metrics.sampledGauge("alloc.freeBytes", "bytes", "bytes in free blocks", allocator::freeBytes);
        metrics.sampledGauge("alloc.freeBlocks", "blocks", "free blocks over all lists", allocator::freeBlocks);
        metrics.sampledGauge("alloc.internalFragBytes", "bytes", "granted minus requested bytes of live blocks", this::internalFragmentation);
        metrics.sampledGauge("alloc.externalFragPermille", "‰", "1000 × (1 − largest free block / free bytes)", this::externalFragPermille);
        metrics.sampledGauge("alloc.utilizationPermille", "‰", "1000 × peak live bytes / heap high-water so far", this::utilizationPermille);
        metrics.gauge("alloc.largestFree", "bytes", "largest free block", allocator::largestFree);
        metrics.gauge("alloc.grantedBytes", "bytes", "bytes granted to live blocks, headers and padding included", () -> liveGranted);
        metrics.sampledGauge("runtime.liveBytes", "bytes", "payload bytes of live blocks", () -> liveBytes);
        metrics.sampledGauge("alloc.footprint", "bytes", "bytes the allocator holds from the kernel", allocator::footprint);
        metrics.gauge("runtime.liveBlocks", "blocks", "blocks allocated and not freed", () -> liveBlocks);
        metrics.gauge("runtime.peakLiveBytes", "bytes", "peak payload bytes live at once", () -> peakLiveBytes);
        metrics.gauge("alloc.footprintHighWater", "bytes", "peak bytes the allocator held from the kernel", () -> footprintHighWater);
    }

    /** Sends one row per allocation-family op to {@code log} (null for none). */
    public void setOpsLog(OpsLog log) {
        this.opsLog = log;
        observed = opsLog != null || check;
    }

    /** Verifies the allocator's invariants after every operation ({@code --check}). */
    public void setCheck(boolean check) {
        this.check = check;
        observed = opsLog != null || check;
    }

    public long liveBytes() {
        return liveBytes;
    }

    public long peakLiveBytes() {
        return peakLiveBytes;
    }

    public long liveBlocks() {
        return liveBlocks;
    }

    public long footprintHighWater() {
        return footprintHighWater;
    }

    /** Host bytes of the runtime's per-block state (the id → address and size table). */
    public long blockStateBytes() {
        return live.footprintBytes();
    }

    /**
     * The heap as the program sees it: the allocator's spans with each block split into the
     * requested payload ({@link HeapSpans#BLOCK}) and the padding beyond it ({@link HeapSpans#PADDING}).
     */
    public void heapMap(org.memsim.alloc.HeapSpans out) {
        LongLongHashMap requested = new LongLongHashMap(Math.max(16, (int) Math.min(liveBlocks, 1 << 24)), NOT_LIVE);
        live.forEach((id, address, size) -> {
            if (address != 0) {
                requested.put(address, size);
            }
        });
        allocator.heapMap((start, end, kind) -> {
            if (kind != org.memsim.alloc.HeapSpans.BLOCK) {
                out.span(start, end, kind);
                return;
            }
            long want = requested.get(start);
            long payloadEnd = want == NOT_LIVE ? end : Math.min(end, start + want);
            if (payloadEnd > start) {
                out.span(start, payloadEnd, org.memsim.alloc.HeapSpans.BLOCK);
            }
            if (end > payloadEnd) {
                out.span(payloadEnd, end, org.memsim.alloc.HeapSpans.PADDING);
            }
        });
    }

    /** The address block {@code id} lives at (0 for a failed allocation), or -1 when it is not live. */
    public long blockAddress(long id) {
        long e = live.get(id);
        return e == LiveBlocks.MISSING ? -1 : live.address(e, id);
    }

    /** Index of the event at which the process died, or -1. */
    public long deathIndex() {
        return deathIndex;
    }

    /** The allocator aborted the process (glibc's malloc_printerr): a simulated SIGABRT. */
    private void abort(org.memsim.alloc.AllocatorAbort e) {
        abortMessage = e.getMessage();
        if (deathIndex < 0) {
            deathIndex = clock.index();
        }
        if (log.enabled()) {
            log.note(org.memsim.layer.Layer.ALLOCATOR, "abort: " + e.getMessage() + " — the process gets SIGABRT");
        }
    }

    /** Why the process died ({@code SIGABRT: …} from the allocator, or the kernel's SIGSEGV / OOM kill), or null. */
    public String death() {
        if (abortMessage != null) {
            return "SIGABRT: " + abortMessage;
        }
        return null;
    }

    /** Starts an event; false when the process is dead and the event is skipped. */
    private boolean begin() {
        return beginOp() >= 0;
    }

    /** Starts an event and returns its index; -1 when the process is dead and the event is skipped. */
    private long beginOp() {
        long i = clock.tick();
        metrics.sample(i);
        if (kernel.killed() || abortMessage != null) {
            if (deathIndex < 0) {
                deathIndex = i;
            }
            afterDeath.inc();
            return -1;
        }
        return i;
    }

    /** Granted minus requested bytes of the live blocks. */
    public long internalFragmentation() {
        return liveGranted - liveBytes;
    }

    /** 1000 × (1 − largest free block / all free bytes); 0 with no free memory. */
    public long externalFragPermille() {
        long free = allocator.freeBytes();
        return free <= 0 ? 0 : Math.round(1000.0 * (1 - (double) allocator.largestFree() / free));
    }

    private long utilizationPermille() {
        return footprintHighWater == 0 ? 0 : Math.round(1000.0 * peakLiveBytes / footprintHighWater);
    }

    private void afterOp(long index, String op, long id, long size, long address) {
        long fp = allocator.footprint();
        if (fp > footprintHighWater) {
            footprintHighWater = fp;
        }
        long searched = allocator.lastSearched();
        if (searched >= 0) {
            searchLengths.record(searched);
        }
        freeListLengths.record(allocator.freeBlocks());
        if (observed) {
            observe(index, op, id, size, address, searched);
        }
        if (kernel.killed() && deathIndex < 0) {
            deathIndex = index;
        }
    }

    /** The ops log row and the {@code --check} verification of one op. */
    private void observe(long index, String op, long id, long size, long address, long searched) {
        if (opsLog != null) {
            opsLog.record(index, op, id, size, address, searched);
        }
        if (check) {
            try {
                allocator.verify();
            } catch (IllegalStateException e) {
                throw new IllegalStateException("after event " + index + " (" + op + " id " + id + "): " + e.getMessage(), e);
            }
        }
    }

    private void checkFresh(long id, String op) {
        long e = live.get(id);
        if (e != LiveBlocks.MISSING && live.address(e, id) != 0) {
            throw new BadEventException(op + " of id " + id + ", which is already live (expected a fresh id, or a free first)");
        }
        if (id < 0) {
            throw new BadEventException(op + " with id " + id + " (expected an id >= 0)");
        }
    }

    private static void checkSize(long size, String op) {
        if (size < 0) {
            throw new BadEventException(op + " of " + size + " bytes (expected a size >= 0)");
        }
    }

    private void born(long id, long size, long address) {
        live.put(id, address, address != 0 ? size : 0);
        if (address != 0) {
            liveGranted += grantedKnown ? allocator.lastGranted() : allocator.grantedSize(address);
            liveBytes += size;
            liveBlocks++;
            if (liveBytes > peakLiveBytes) {
                peakLiveBytes = liveBytes;
            }
        } else {
            failedOps.inc();
        }
    }

    /** Counts block {@code id} gone: it lived at {@code address} (0: a failed allocation) with {@code size} bytes requested. */
    private void died(long address, long size) {
        if (address != 0) {
            liveBytes -= size;
            liveBlocks--;
        }
    }

    // ------------------------------------------------------------------ allocation family

    @Override
    public void alloc(long id, long size, long align, long address, int site) {
        try {
            allocOp(id, size, align, address, site);
        } catch (org.memsim.alloc.AllocatorAbort e) {
            abort(e);
        }
    }

    private void allocOp(long id, long size, long align, long address, int site) {
        long i = beginOp();
        if (i < 0) {
            return;
        }
        checkFresh(id, "alloc");
        checkSize(size, "alloc");
        if (align < 0 || (align != 0 && Long.bitCount(align) != 1)) {
            throw new BadEventException("alloc with alignment " + align + " (expected 0 or a power of two)");
        }
        ops.inc();
        requestedBytes.add(size);
        requestSizes.record(size);
        if (log.enabled()) {
            note("the program calls " + (align == 0 ? "malloc(" + size + ")" : "aligned_alloc(" + align + ", " + size + ")") + " for block " + id);
        }
        long a = allocator.malloc(size, align);
        born(id, size, a);
        afterOp(i, align == 0 ? OpsLog.MALLOC : OpsLog.MEMALIGN, id, size, a);
    }

    @Override
    public void calloc(long id, long count, long size, long address, int site) {
        try {
            callocOp(id, count, size, address, site);
        } catch (org.memsim.alloc.AllocatorAbort e) {
            abort(e);
        }
    }

    private void callocOp(long id, long count, long size, long address, int site) {
        long i = beginOp();
        if (i < 0) {
            return;
        }
        checkFresh(id, "calloc");
        checkSize(size, "calloc");
        checkSize(count, "calloc");
        ops.inc();
        long total = size != 0 && count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size;
        requestedBytes.add(total);
        requestSizes.record(total);
        long a = allocator.calloc(count, size);
        born(id, total, a);
        afterOp(i, OpsLog.CALLOC, id, total, a);
    }

    @Override
    public void realloc(long id, long size, long address, int site) {
        try {
            reallocOp(id, size, address, site);
        } catch (org.memsim.alloc.AllocatorAbort e) {
            abort(e);
        }
    }

    private void reallocOp(long id, long size, long address, int site) {
        long i = beginOp();
        if (i < 0) {
            return;
        }
        checkSize(size, "realloc");
        if (id < 0) {
            throw new BadEventException("realloc with id " + id + " (expected an id >= 0)");
        }
        ops.inc();
        requestSizes.record(size);
        long entry = live.get(id);
        long old = entry == LiveBlocks.MISSING ? 0 : live.address(entry, id);
        if (old == 0) {
            requestedBytes.add(size);
            long a = allocator.malloc(size, 0);
            born(id, size, a);
            afterOp(i, OpsLog.REALLOC, id, size, a);
            return;
        }
        if (size == 0) {
            liveGranted -= allocator.grantedSize(old);
            allocator.free(old); // glibc: realloc(p, 0) frees p and returns NULL
            died(old, live.takenSize(live.take(id)));
            afterOp(i, OpsLog.REALLOC, id, 0, 0);
            return;
        }
        long oldGranted = allocator.grantedSize(old);
        long a = allocator.realloc(old, size);
        if (a == 0) {
            failedOps.inc();
        } else {
            liveGranted += allocator.grantedSize(a) - oldGranted;
            long oldSize = live.size(entry, id);
            requestedBytes.add(Math.max(0, size - oldSize));
            live.put(id, a, size);
            liveBytes += size - oldSize;
            if (liveBytes > peakLiveBytes) {
                peakLiveBytes = liveBytes;
            }
        }
        afterOp(i, OpsLog.REALLOC, id, size, a);
    }

    @Override
    public void free(long id, int site) {
        try {
            freeOp(id, site);
        } catch (org.memsim.alloc.AllocatorAbort e) {
            abort(e);
        }
    }

    /** An invalid free names no block the simulated allocator placed: counted, not passed on. */
    @Override
    public void freePointer(long address, int site) {
        if (begin()) {
            invalidFrees.inc();
        }
    }

    private void freeOp(long id, int site) {
        long i = beginOp();
        if (i < 0) {
            return;
        }
        ops.inc();
        if (id == NULL_ID) {
            afterOp(i, OpsLog.FREE, id, 0, 0);
            return;
        }
        long entry = live.take(id);
        if (entry == LiveBlocks.MISSING) {
            throw new BadEventException("free of id " + id + ", which is not live (never allocated, or already freed)");
        }
        long a = live.takenAddress(entry);
        long size = a == 0 ? 0 : live.takenSize(entry);
        if (log.enabled()) {
            note("the program calls free() on block " + id);
        }
        if (a != 0) {
            long granted = grantedKnown ? 0 : allocator.grantedSize(a);
            try {
                allocator.free(a);
            } catch (org.memsim.alloc.AllocatorAbort e) {
                live.put(id, a, size); // the process dies holding the block, as before the call
                throw e;
            }
            liveGranted -= grantedKnown ? allocator.lastGranted() : granted;
        }
        died(a, size);
        afterOp(i, OpsLog.FREE, id, size, 0);
    }

    // ------------------------------------------------------------------ accesses

    /** One access through the MMU; notes the event at which the process died, if it did. */
    private boolean touch(long address, long size, int accessType) {
        if (memory.access(address, size, accessType)) {
            return true;
        }
        if (deathIndex < 0) {
            deathIndex = clock.index();
        }
        return false;
    }

    private long blockAddress(long id, long offset, long size, String op) {
        long entry = live.get(id);
        if (entry == LiveBlocks.MISSING) {
            throw new BadEventException(op + " into id " + id + ", which is not live");
        }
        long a = live.address(entry, id);
        long blockSize = a == 0 ? Long.MAX_VALUE : live.size(entry, id);
        if (offset < 0 || size < 0 || offset > blockSize || size > blockSize - offset) {
            throw new BadEventException(op + " of " + size + " bytes at offset " + offset + " in id " + id + " of "
                + blockSize + " bytes (expected offset + size <= the block's size)");
        }
        return a + offset;
    }

    @Override
    public void blockLoad(long id, long offset, long size) {
        if (begin()) {
            long a = blockAddress(id, offset, size, "bload");
            if (log.enabled()) {
                note("the program reads " + size + " bytes of block " + id + " at " + org.memsim.vm.Addresses.hex(a));
            }
            touch(a, size, AccessType.READ);
        }
    }

    @Override
    public void blockStore(long id, long offset, long size) {
        if (begin()) {
            long a = blockAddress(id, offset, size, "bstore");
            if (log.enabled()) {
                note("the program writes " + size + " bytes into block " + id + " at " + org.memsim.vm.Addresses.hex(a));
            }
            touch(a, size, AccessType.WRITE);
        }
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(org.memsim.layer.Layer.RUNTIME, what);
        }
    }

    @Override
    public void load(long address, int size) {
        if (begin()) {
            touch(address, size, AccessType.READ);
        }
    }

    @Override
    public void store(long address, int size) {
        if (begin()) {
            touch(address, size, AccessType.WRITE);
        }
    }

    @Override
    public void modify(long address, int size) {
        if (begin() && touch(address, size, AccessType.READ)) {
            touch(address, size, AccessType.WRITE);
        }
    }

    @Override
    public void ifetch(long address, int size) {
        if (begin()) {
            touch(address, size, AccessType.EXEC);
        }
    }

    // ------------------------------------------------------------------ kernel calls

    @Override
    public void brk(long address) {
        if (begin()) {
            brkIgnored.inc();
        }
    }

    @Override
    public void mmap(long address, long length, int prot, int flags, int file, long offset) {
        if (begin()) {
            kernel.mmap(address, length, prot, flags & ~org.memsim.event.MapFlags.FIXED, file, offset);
        }
    }

    @Override
    public void munmap(long address, long length) {
        if (begin()) {
            kernel.munmap(address, length);
        }
    }

    @Override
    public void mprotect(long address, long length, int prot) {
        if (begin()) {
            kernel.mprotect(address, length, prot);
        }
    }

    @Override
    public void madvise(long address, long length, int advice) {
        if (begin()) {
            kernel.madvise(address, length, advice);
        }
    }

    @Override
    public void msync(long address, long length) {
        if (begin()) {
            kernel.msync(address, length);
        }
    }

    // ------------------------------------------------------------------ processes and managed events

    @Override public void processStart(int pid) { if (begin()) processEvents.inc(); }
    @Override public void processExit(int pid, int status) { if (begin()) processEvents.inc(); }
    @Override public void fork(int parentPid, int childPid) { if (begin()) processEvents.inc(); }
    @Override public void contextSwitch(int pid, int tid) { if (begin()) processEvents.inc(); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { if (begin()) managedIgnored.inc(); }
    @Override public void refWrite(long object, int slot, long target) { if (begin()) managedIgnored.inc(); }
    @Override public void rootAdd(long object) { if (begin()) managedIgnored.inc(); }
    @Override public void rootRemove(long object) { if (begin()) managedIgnored.inc(); }
    @Override public void safepoint() { if (begin()) managedIgnored.inc(); }
    @Override public void word(long address, long value) { begin(); }

    @Override
    public void end() {
        metrics.finish(Math.max(0, clock.index()));
    }
}
