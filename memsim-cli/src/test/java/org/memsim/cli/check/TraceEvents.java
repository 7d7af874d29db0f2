package org.memsim.cli.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.memsim.event.EventSink;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.Traces;

/**
 * The events of a trace at chosen indices (0-based, definitions excluded, as {@code memsim check}
 * counts them): what a finding's event was (a load of 4 bytes, a free, …) and where an allocation
 * put its block.
 */
final class TraceEvents {

    /** One event: its kind as the text format names it, its address (or -1) and its size (or -1). */
    record Event(String kind, long address, long size) {}

    private TraceEvents() {}

    /** Reads the whole trace once and keeps the events whose index is in {@code wanted}. */
    static Map<Long, Event> at(Path trace, Set<Long> wanted) throws IOException {
        Map<Long, Event> out = new HashMap<>();
        try (OpenTrace t = Traces.open(trace, null)) {
            t.reader().replay(new Collector(wanted, out));
        }
        return out;
    }

    private static final class Collector implements EventSink {
        private final Set<Long> wanted;
        private final Map<Long, Event> out;
        private long index = -1;

        Collector(Set<Long> wanted, Map<Long, Event> out) {
            this.wanted = wanted;
            this.out = out;
        }

        private void event(String kind, long address, long size) {
            index++;
            if (wanted.contains(index)) {
                out.put(index, new Event(kind, address, size));
            }
        }

        private void other(String kind) {
            event(kind, -1, -1);
        }

        @Override public void alloc(long id, long size, long align, long address, int site) { event("alloc", address, size); }
        @Override public void calloc(long id, long count, long size, long address, int site) { event("calloc", address, count * size); }
        @Override public void realloc(long id, long size, long address, int site) { event("realloc", address, size); }
        @Override public void free(long id, int site) { other("free"); }
        @Override public void freePointer(long address, int site) { event("freeptr", address, -1); }
        @Override public void load(long address, int size) { event("load", address, size); }
        @Override public void store(long address, int size) { event("store", address, size); }
        @Override public void modify(long address, int size) { event("modify", address, size); }
        @Override public void ifetch(long address, int size) { event("ifetch", address, size); }
        @Override public void blockLoad(long id, long offset, long size) { other("bload"); }
        @Override public void blockStore(long id, long offset, long size) { other("bstore"); }
        @Override public void brk(long address) { other("brk"); }
        @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { other("mmap"); }
        @Override public void munmap(long address, long length) { other("munmap"); }
        @Override public void mprotect(long address, long length, int prot) { other("mprotect"); }
        @Override public void madvise(long address, long length, int advice) { other("madvise"); }
        @Override public void msync(long address, long length) { other("msync"); }
        @Override public void processStart(int pid) { other("start"); }
        @Override public void processExit(int pid, int status) { other("exit"); }
        @Override public void fork(int parentPid, int childPid) { other("fork"); }
        @Override public void contextSwitch(int pid, int tid) { other("switch"); }
        @Override public void newObject(long id, long size, int refSlots, int type, int site) { other("new"); }
        @Override public void refWrite(long object, int slot, long target) { other("ref"); }
        @Override public void rootAdd(long object) { other("root"); }
        @Override public void rootRemove(long object) { other("unroot"); }
        @Override public void safepoint() { other("safepoint"); }
        @Override public void word(long address, long value) { event("word", address, 8); }
    }
}
