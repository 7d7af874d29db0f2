package org.memsim.safety;

import org.memsim.event.EventSink;
import org.memsim.kernel.Process;
import org.memsim.layer.LayerLog;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;
import org.memsim.stack.StackSpec;

/**
 * The virtual-memory layer beside the checker: a {@link Stack} in process mode replays the trace's
 * raw accesses, {@code brk}, mappings and process events, and when its kernel kills the process
 * for a stack overflow (Linux's guard gap or {@code RLIMIT_STACK}, {@code kernel.PageFaults}) the
 * checker gets a {@code stack-overflow} finding. Heap events reach the stack as no-ops that only
 * keep the event count, so a buggy heap (a double free) cannot stop the VM replay.
 */
public final class StackOverflowWatch {
    private static final String MARK = "stack overflow at 0x";

    private final Stack stack;
    private final EventSink entry;

    public StackOverflowWatch(StackSpec spec) {
        stack = Stack.build(spec, LayerLog.OFF, Stack.Mode.PROCESSES);
        EventSink vm = stack.entry();
        entry = new EventSink() {
            @Override public void alloc(long id, long size, long align, long address, int site) { vm.word(0, 0); }
            @Override public void calloc(long id, long count, long size, long address, int site) { vm.word(0, 0); }
            @Override public void realloc(long id, long size, long address, int site) { vm.word(0, 0); }
            @Override public void free(long id, int site) { vm.word(0, 0); }
            @Override public void freePointer(long address, int site) { vm.word(0, 0); }
            @Override public void blockLoad(long id, long offset, long size) { vm.word(0, 0); }
            @Override public void blockStore(long id, long offset, long size) { vm.word(0, 0); }
            @Override public void load(long address, int size) { vm.load(address, size); }
            @Override public void store(long address, int size) { vm.store(address, size); }
            @Override public void modify(long address, int size) { vm.modify(address, size); }
            @Override public void ifetch(long address, int size) { vm.ifetch(address, size); }
            @Override public void brk(long address) { vm.brk(address); }
            @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) {
                vm.mmap(address, length, prot, flags, file, offset);
            }
            @Override public void munmap(long address, long length) { vm.munmap(address, length); }
            @Override public void mprotect(long address, long length, int prot) { vm.mprotect(address, length, prot); }
            @Override public void madvise(long address, long length, int advice) { vm.madvise(address, length, advice); }
            @Override public void msync(long address, long length) { vm.msync(address, length); }
            @Override public void processStart(int pid) { vm.processStart(pid); }
            @Override public void processExit(int pid, int status) { vm.processExit(pid, status); }
            @Override public void fork(int parentPid, int childPid) { vm.fork(parentPid, childPid); }
            @Override public void contextSwitch(int pid, int tid) { vm.contextSwitch(pid, tid); }
            @Override public void newObject(long id, long size, int refSlots, int type, int site) { vm.word(0, 0); }
            @Override public void refWrite(long object, int slot, long target) { vm.word(0, 0); }
            @Override public void rootAdd(long object) { vm.word(0, 0); }
            @Override public void rootRemove(long object) { vm.word(0, 0); }
            @Override public void safepoint() { vm.word(0, 0); }
            @Override public void word(long address, long value) { vm.word(address, value); }
            @Override public void defineSite(int site, String frames) { vm.defineSite(site, frames); }
            @Override public void defineFile(int file, String path) { vm.defineFile(file, path); }
            @Override public void defineType(int type, String name) { vm.defineType(type, name); }
            @Override public void end() { vm.end(); }
        };
    }

    /** Where the trace's events go. */
    public EventSink entry() {
        return entry;
    }

    public Stack stack() {
        return stack;
    }

    /** After the replay: hands a stack overflow the kernel reported to {@code checker}; returns whether there was one. */
    public boolean report(Checker checker) {
        StackResult r = stack.result();
        for (Process p : stack.kernel().processes()) {
            String d = p.detail();
            int at = d == null ? -1 : d.indexOf(MARK);
            if (p.killed() && at >= 0) {
                int from = at + MARK.length();
                int to = from;
                while (to < d.length() && Character.digit(d.charAt(to), 16) >= 0) {
                    to++;
                }
                long address = Long.parseUnsignedLong(d.substring(from, to), 16);
                checker.stackOverflow(r.deathEvent(), address, "pid " + p.pid() + ": " + d);
                return true;
            }
        }
        return false;
    }
}
