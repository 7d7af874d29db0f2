package org.memsim.event;

import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps every event as its canonical text line: the edge form tests use to compare
 * two event streams. Not for the replay hot path (one String per event).
 */
public final class TextRecorder implements EventSink {
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder sb = new StringBuilder(64);
    private boolean ended;

    public List<String> lines() {
        return lines;
    }

    /** Whether {@link #end()} was called. */
    public boolean ended() {
        return ended;
    }

    private StringBuilder start() {
        sb.setLength(0);
        return sb;
    }

    private void add(StringBuilder b) {
        lines.add(b.toString());
    }

    @Override public void alloc(long id, long size, long align, long address, int site) { add(EventText.alloc(start(), id, size, align, address, site)); }
    @Override public void calloc(long id, long count, long size, long address, int site) { add(EventText.calloc(start(), id, count, size, address, site)); }
    @Override public void realloc(long id, long size, long address, int site) { add(EventText.realloc(start(), id, size, address, site)); }
    @Override public void free(long id, int site) { add(EventText.free(start(), id, site)); }
    @Override public void load(long address, int size) { add(EventText.access(start(), EventKind.LOAD, address, size)); }
    @Override public void store(long address, int size) { add(EventText.access(start(), EventKind.STORE, address, size)); }
    @Override public void modify(long address, int size) { add(EventText.access(start(), EventKind.MODIFY, address, size)); }
    @Override public void ifetch(long address, int size) { add(EventText.access(start(), EventKind.IFETCH, address, size)); }
    @Override public void blockLoad(long id, long offset, long size) { add(EventText.blockAccess(start(), EventKind.BLOCK_LOAD, id, offset, size)); }
    @Override public void blockStore(long id, long offset, long size) { add(EventText.blockAccess(start(), EventKind.BLOCK_STORE, id, offset, size)); }
    @Override public void brk(long address) { add(EventText.brk(start(), address)); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { add(EventText.mmap(start(), address, length, prot, flags, file, offset)); }
    @Override public void munmap(long address, long length) { add(EventText.range(start(), EventKind.MUNMAP, address, length)); }
    @Override public void mprotect(long address, long length, int prot) { add(EventText.mprotect(start(), address, length, prot)); }
    @Override public void madvise(long address, long length, int advice) { add(EventText.madvise(start(), address, length, advice)); }
    @Override public void msync(long address, long length) { add(EventText.range(start(), EventKind.MSYNC, address, length)); }
    @Override public void word(long address, long value) { add(EventText.word(start(), address, value)); }
    @Override public void freePointer(long address, int site) { add(EventText.freePointer(start(), address, site)); }
    @Override public void processStart(int pid) { add(start().append("start ").append(pid)); }
    @Override public void processExit(int pid, int status) { add(start().append("exit ").append(pid).append(' ').append(status)); }
    @Override public void fork(int parentPid, int childPid) { add(start().append("fork ").append(parentPid).append(' ').append(childPid)); }
    @Override public void contextSwitch(int pid, int tid) { add(start().append("switch ").append(pid).append(' ').append(tid)); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { add(EventText.newObject(start(), id, size, refSlots, type, site)); }
    @Override public void refWrite(long object, int slot, long target) { add(EventText.refWrite(start(), object, slot, target)); }
    @Override public void rootAdd(long object) { add(start().append("root ").append(object)); }
    @Override public void rootRemove(long object) { add(start().append("unroot ").append(object)); }
    @Override public void safepoint() { add(start().append("safepoint")); }
    @Override public void defineSite(int site, String frames) { add(EventText.definition(start(), "site", site, frames)); }
    @Override public void defineFile(int file, String path) { add(EventText.definition(start(), "file", file, path)); }
    @Override public void defineType(int type, String name) { add(EventText.definition(start(), "type", type, name)); }
    @Override public void end() { ended = true; }
}
