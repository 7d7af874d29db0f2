package org.memsim.event;

/** Counts events by kind into one primitive array; the cheapest useful sink. */
public final class KindCounter implements EventSink {
    private final long[] counts = new long[EventKind.count()];
    private long definitions;

    public long count(EventKind kind) {
        return counts[kind.ordinal()];
    }

    /** Events of every kind (side-table definitions excluded). */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Side-table definitions seen (sites, files, types). */
    public long definitions() {
        return definitions;
    }

    /** Events of one group. */
    public long total(EventKind.Group group) {
        long t = 0;
        for (EventKind k : EventKind.values()) {
            if (k.group() == group) {
                t += counts[k.ordinal()];
            }
        }
        return t;
    }

    private void inc(EventKind k) {
        counts[k.ordinal()]++;
    }

    @Override public void alloc(long id, long size, long align, long address, int site) { inc(EventKind.ALLOC); }
    @Override public void calloc(long id, long count, long size, long address, int site) { inc(EventKind.CALLOC); }
    @Override public void realloc(long id, long size, long address, int site) { inc(EventKind.REALLOC); }
    @Override public void free(long id, int site) { inc(EventKind.FREE); }
    @Override public void load(long address, int size) { inc(EventKind.LOAD); }
    @Override public void store(long address, int size) { inc(EventKind.STORE); }
    @Override public void modify(long address, int size) { inc(EventKind.MODIFY); }
    @Override public void ifetch(long address, int size) { inc(EventKind.IFETCH); }
    @Override public void blockLoad(long id, long offset, long size) { inc(EventKind.BLOCK_LOAD); }
    @Override public void blockStore(long id, long offset, long size) { inc(EventKind.BLOCK_STORE); }
    @Override public void brk(long address) { inc(EventKind.BRK); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { inc(EventKind.MMAP); }
    @Override public void munmap(long address, long length) { inc(EventKind.MUNMAP); }
    @Override public void mprotect(long address, long length, int prot) { inc(EventKind.MPROTECT); }
    @Override public void madvise(long address, long length, int advice) { inc(EventKind.MADVISE); }
    @Override public void msync(long address, long length) { inc(EventKind.MSYNC); }
    @Override public void word(long address, long value) { inc(EventKind.WORD); }
    @Override public void freePointer(long address, int site) { inc(EventKind.FREE_POINTER); }
    @Override public void processStart(int pid) { inc(EventKind.PROCESS_START); }
    @Override public void processExit(int pid, int status) { inc(EventKind.PROCESS_EXIT); }
    @Override public void fork(int parentPid, int childPid) { inc(EventKind.FORK); }
    @Override public void contextSwitch(int pid, int tid) { inc(EventKind.CONTEXT_SWITCH); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { inc(EventKind.NEW_OBJECT); }
    @Override public void refWrite(long object, int slot, long target) { inc(EventKind.REF_WRITE); }
    @Override public void rootAdd(long object) { inc(EventKind.ROOT_ADD); }
    @Override public void rootRemove(long object) { inc(EventKind.ROOT_REMOVE); }
    @Override public void safepoint() { inc(EventKind.SAFEPOINT); }
    @Override public void defineSite(int site, String frames) { definitions++; }
    @Override public void defineFile(int file, String path) { definitions++; }
    @Override public void defineType(int type, String name) { definitions++; }
}
