package org.memsim.trace;

import org.memsim.event.EventKind;

/**
 * Base of writers whose format expresses only some event kinds (allocation logs, access traces):
 * every event method refuses with {@link UnsupportedEventException} naming the format and a hint,
 * and a subclass overrides just the kinds its format can hold. Side-table definitions are accepted
 * and ignored unless overridden.
 */
public abstract class PartialTraceWriter implements TraceWriter {
    private final String format;

    protected PartialTraceWriter(String format) {
        this.format = format;
    }

    /** What the format can hold instead, for the refusal message. */
    protected abstract String unsupportedHint();

    /** The refusal for an event kind this format cannot express. */
    protected UnsupportedEventException unsupported(EventKind kind) {
        return new UnsupportedEventException(format, kind, unsupportedHint());
    }

    @Override public void alloc(long id, long size, long align, long address, int site) { throw unsupported(EventKind.ALLOC); }
    @Override public void calloc(long id, long count, long size, long address, int site) { throw unsupported(EventKind.CALLOC); }
    @Override public void realloc(long id, long size, long address, int site) { throw unsupported(EventKind.REALLOC); }
    @Override public void free(long id, int site) { throw unsupported(EventKind.FREE); }
    @Override public void load(long address, int size) { throw unsupported(EventKind.LOAD); }
    @Override public void store(long address, int size) { throw unsupported(EventKind.STORE); }
    @Override public void modify(long address, int size) { throw unsupported(EventKind.MODIFY); }
    @Override public void ifetch(long address, int size) { throw unsupported(EventKind.IFETCH); }
    @Override public void blockLoad(long id, long offset, long size) { throw unsupported(EventKind.BLOCK_LOAD); }
    @Override public void blockStore(long id, long offset, long size) { throw unsupported(EventKind.BLOCK_STORE); }
    @Override public void brk(long address) { throw unsupported(EventKind.BRK); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { throw unsupported(EventKind.MMAP); }
    @Override public void munmap(long address, long length) { throw unsupported(EventKind.MUNMAP); }
    @Override public void mprotect(long address, long length, int prot) { throw unsupported(EventKind.MPROTECT); }
    @Override public void madvise(long address, long length, int advice) { throw unsupported(EventKind.MADVISE); }
    @Override public void msync(long address, long length) { throw unsupported(EventKind.MSYNC); }
    @Override public void word(long address, long value) { throw unsupported(EventKind.WORD); }
    @Override public void freePointer(long address, int site) { throw unsupported(EventKind.FREE_POINTER); }
    @Override public void processStart(int pid) { throw unsupported(EventKind.PROCESS_START); }
    @Override public void processExit(int pid, int status) { throw unsupported(EventKind.PROCESS_EXIT); }
    @Override public void fork(int parentPid, int childPid) { throw unsupported(EventKind.FORK); }
    @Override public void contextSwitch(int pid, int tid) { throw unsupported(EventKind.CONTEXT_SWITCH); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { throw unsupported(EventKind.NEW_OBJECT); }
    @Override public void refWrite(long object, int slot, long target) { throw unsupported(EventKind.REF_WRITE); }
    @Override public void rootAdd(long object) { throw unsupported(EventKind.ROOT_ADD); }
    @Override public void rootRemove(long object) { throw unsupported(EventKind.ROOT_REMOVE); }
    @Override public void safepoint() { throw unsupported(EventKind.SAFEPOINT); }
}
