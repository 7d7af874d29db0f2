package org.memsim.stack;

import java.io.IOException;
import org.memsim.event.EventSink;
import org.memsim.kernel.LinuxKernel;
import org.memsim.trace.EventSource;
import org.memsim.vm.Addresses;
import org.memsim.vm.replace.FutureReferences;

/**
 * A first pass over a trace that records its page-reference string for OPT: every raw access
 * becomes (process, page) keys at the event index the replay will give it (the index counts every
 * event but the side-table definitions, as {@link org.memsim.event.EventClock} does). Block
 * accesses placed by a simulated allocator cannot be known ahead and are not recorded; OPT treats
 * such pages as never used again.
 */
public final class FutureScan implements EventSink {
    private final FutureReferences refs;
    private final int shift;
    private final boolean followProcesses;
    private long index = -1;
    private int pid = 1;

    private FutureScan(int pageSize, boolean followProcesses, int limit) {
        this.refs = new FutureReferences(limit);
        this.shift = Addresses.shift(pageSize);
        this.followProcesses = followProcesses;
    }

    /** Scans {@code source} for a stack of {@code mode} with pages of {@code pageSize} bytes. */
    public static FutureReferences scan(EventSource source, int pageSize, Stack.Mode mode) throws IOException {
        return scan(source, pageSize, mode, FutureReferences.DEFAULT_LIMIT);
    }

    public static FutureReferences scan(EventSource source, int pageSize, Stack.Mode mode, int limit) throws IOException {
        FutureScan s = new FutureScan(pageSize, mode == Stack.Mode.PROCESSES, limit);
        source.replay(s);
        return s.refs.build();
    }

    private void access(long address, long size) {
        long i = ++index;
        if (size <= 0) {
            return;
        }
        long last = address + size - 1;
        if (Long.compareUnsigned(last, address) < 0) {
            last = -1L;
        }
        for (long vpn = address >>> shift; ; vpn++) {
            refs.add(LinuxKernel.pageKey(pid, vpn), i);
            if (vpn == last >>> shift) {
                break;
            }
        }
    }

    private void tick() {
        index++;
    }

    @Override public void load(long address, int size) { access(address, size); }
    @Override public void store(long address, int size) { access(address, size); }
    @Override public void modify(long address, int size) { access(address, size); }
    @Override public void ifetch(long address, int size) { access(address, size); }

    @Override public void alloc(long id, long size, long align, long address, int site) { tick(); }
    @Override public void calloc(long id, long count, long size, long address, int site) { tick(); }
    @Override public void realloc(long id, long size, long address, int site) { tick(); }
    @Override public void free(long id, int site) { tick(); }
    @Override public void freePointer(long address, int site) { tick(); }
    @Override public void blockLoad(long id, long offset, long size) { tick(); }
    @Override public void blockStore(long id, long offset, long size) { tick(); }
    @Override public void brk(long address) { tick(); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { tick(); }
    @Override public void munmap(long address, long length) { tick(); }
    @Override public void mprotect(long address, long length, int prot) { tick(); }
    @Override public void madvise(long address, long length, int advice) { tick(); }
    @Override public void msync(long address, long length) { tick(); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { tick(); }
    @Override public void refWrite(long object, int slot, long target) { tick(); }
    @Override public void rootAdd(long object) { tick(); }
    @Override public void rootRemove(long object) { tick(); }
    @Override public void safepoint() { tick(); }
    @Override public void word(long address, long value) { tick(); }
    @Override public void fork(int parentPid, int childPid) { tick(); }
    @Override public void processExit(int p, int status) { tick(); }

    @Override
    public void processStart(int p) {
        tick();
        if (followProcesses) {
            pid = p;
        }
    }

    @Override
    public void contextSwitch(int p, int tid) {
        tick();
        if (followProcesses) {
            pid = p;
        }
    }
}
