package org.memsim.trace;

import java.util.EnumMap;
import java.util.Map;
import org.memsim.event.EventKind;
import org.memsim.event.EventSink;

/**
 * Forwards events to a writer and drops, with a count per kind, those the writer's format cannot
 * express ({@code memsim convert --lossy}).
 */
public final class LossySink implements EventSink {
    private final EventSink out;
    private final Map<EventKind, Long> dropped = new EnumMap<>(EventKind.class);

    public LossySink(EventSink out) {
        this.out = out;
    }

    /** Events dropped, by kind. */
    public Map<EventKind, Long> dropped() {
        return dropped;
    }

    private void drop(UnsupportedEventException e) {
        dropped.merge(e.kind(), 1L, Long::sum);
    }

    @Override public void alloc(long id, long size, long align, long address, int site) { try { out.alloc(id, size, align, address, site); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void calloc(long id, long count, long size, long address, int site) { try { out.calloc(id, count, size, address, site); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void realloc(long id, long size, long address, int site) { try { out.realloc(id, size, address, site); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void free(long id, int site) { try { out.free(id, site); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void load(long address, int size) { try { out.load(address, size); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void store(long address, int size) { try { out.store(address, size); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void modify(long address, int size) { try { out.modify(address, size); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void ifetch(long address, int size) { try { out.ifetch(address, size); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void blockLoad(long id, long offset, long size) { try { out.blockLoad(id, offset, size); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void blockStore(long id, long offset, long size) { try { out.blockStore(id, offset, size); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void brk(long address) { try { out.brk(address); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { try { out.mmap(address, length, prot, flags, file, offset); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void munmap(long address, long length) { try { out.munmap(address, length); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void mprotect(long address, long length, int prot) { try { out.mprotect(address, length, prot); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void madvise(long address, long length, int advice) { try { out.madvise(address, length, advice); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void msync(long address, long length) { try { out.msync(address, length); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void word(long address, long value) { try { out.word(address, value); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void freePointer(long address, int site) { try { out.freePointer(address, site); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void processStart(int pid) { try { out.processStart(pid); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void processExit(int pid, int status) { try { out.processExit(pid, status); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void fork(int parentPid, int childPid) { try { out.fork(parentPid, childPid); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void contextSwitch(int pid, int tid) { try { out.contextSwitch(pid, tid); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { try { out.newObject(id, size, refSlots, type, site); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void refWrite(long object, int slot, long target) { try { out.refWrite(object, slot, target); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void rootAdd(long object) { try { out.rootAdd(object); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void rootRemove(long object) { try { out.rootRemove(object); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void safepoint() { try { out.safepoint(); } catch (UnsupportedEventException e) { drop(e); } }
    @Override public void defineSite(int site, String frames) { out.defineSite(site, frames); }
    @Override public void defineFile(int file, String path) { out.defineFile(file, path); }
    @Override public void defineType(int type, String name) { out.defineType(type, name); }
    @Override public void end() { out.end(); }
}
