package org.memsim.event;

/** Fans every event out to several sinks in order: one parse of a trace feeds several stacks. */
public final class TeeSink implements EventSink {
    private final EventSink[] sinks;

    public TeeSink(EventSink... sinks) {
        this.sinks = sinks.clone();
    }

    /** One sink is returned as itself; several are wrapped. */
    public static EventSink of(EventSink... sinks) {
        return sinks.length == 1 ? sinks[0] : new TeeSink(sinks);
    }

    @Override public void alloc(long id, long size, long align, long address, int site) { for (EventSink s : sinks) s.alloc(id, size, align, address, site); }
    @Override public void calloc(long id, long count, long size, long address, int site) { for (EventSink s : sinks) s.calloc(id, count, size, address, site); }
    @Override public void realloc(long id, long size, long address, int site) { for (EventSink s : sinks) s.realloc(id, size, address, site); }
    @Override public void free(long id, int site) { for (EventSink s : sinks) s.free(id, site); }
    @Override public void load(long address, int size) { for (EventSink s : sinks) s.load(address, size); }
    @Override public void store(long address, int size) { for (EventSink s : sinks) s.store(address, size); }
    @Override public void modify(long address, int size) { for (EventSink s : sinks) s.modify(address, size); }
    @Override public void ifetch(long address, int size) { for (EventSink s : sinks) s.ifetch(address, size); }
    @Override public void blockLoad(long id, long offset, long size) { for (EventSink s : sinks) s.blockLoad(id, offset, size); }
    @Override public void blockStore(long id, long offset, long size) { for (EventSink s : sinks) s.blockStore(id, offset, size); }
    @Override public void brk(long address) { for (EventSink s : sinks) s.brk(address); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { for (EventSink s : sinks) s.mmap(address, length, prot, flags, file, offset); }
    @Override public void munmap(long address, long length) { for (EventSink s : sinks) s.munmap(address, length); }
    @Override public void mprotect(long address, long length, int prot) { for (EventSink s : sinks) s.mprotect(address, length, prot); }
    @Override public void madvise(long address, long length, int advice) { for (EventSink s : sinks) s.madvise(address, length, advice); }
    @Override public void msync(long address, long length) { for (EventSink s : sinks) s.msync(address, length); }
    @Override public void word(long address, long value) { for (EventSink s : sinks) s.word(address, value); }
    @Override public void freePointer(long address, int site) { for (EventSink s : sinks) s.freePointer(address, site); }
    @Override public void processStart(int pid) { for (EventSink s : sinks) s.processStart(pid); }
    @Override public void processExit(int pid, int status) { for (EventSink s : sinks) s.processExit(pid, status); }
    @Override public void fork(int parentPid, int childPid) { for (EventSink s : sinks) s.fork(parentPid, childPid); }
    @Override public void contextSwitch(int pid, int tid) { for (EventSink s : sinks) s.contextSwitch(pid, tid); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { for (EventSink s : sinks) s.newObject(id, size, refSlots, type, site); }
    @Override public void refWrite(long object, int slot, long target) { for (EventSink s : sinks) s.refWrite(object, slot, target); }
    @Override public void rootAdd(long object) { for (EventSink s : sinks) s.rootAdd(object); }
    @Override public void rootRemove(long object) { for (EventSink s : sinks) s.rootRemove(object); }
    @Override public void safepoint() { for (EventSink s : sinks) s.safepoint(); }
    @Override public void defineSite(int site, String frames) { for (EventSink s : sinks) s.defineSite(site, frames); }
    @Override public void defineFile(int file, String path) { for (EventSink s : sinks) s.defineFile(file, path); }
    @Override public void defineType(int type, String name) { for (EventSink s : sinks) s.defineType(type, name); }
    @Override public void end() { for (EventSink s : sinks) s.end(); }
}
