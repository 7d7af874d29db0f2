package org.memsim.runtime;

import org.memsim.event.EventClock;
import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.kernel.LinuxKernel;
import org.memsim.kernel.Process;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.vm.AccessType;
import org.memsim.vm.MemoryPort;

/**
 * The program side of a virtual-memory replay (what {@code memsim vm} drives): raw loads, stores and
 * fetches go to the MMU of the running process; {@code brk}, {@code mmap} and friends to the kernel
 * as the process called them; {@code start}, {@code fork}, {@code switch} and {@code exit} create,
 * copy, schedule and end processes. Allocation events of the first process are handed to a
 * {@link ManualRuntime} (its allocator), those of other processes counted and skipped; events of a
 * dead process are counted and skipped until another process runs.
 */
public final class ProcessRuntime implements EventSink {
    private final LinuxKernel kernel;
    private final MemoryPort memory;
    private final Metrics metrics;
    private final EventClock clock;
    private final LayerLog log;
    private final ManualRuntime allocation;
    private final Counter processEvents;
    private final Counter afterDeath;
    private final Counter otherAllocation;
    private final Counter managedIgnored;
    private final Counter forkFailed;
    private Process allocatorProcess;
    private long firstDeath = -1;

    /** @param allocation the runtime that serves allocation events of the first process (null: count them as ignored) */
    public ProcessRuntime(LinuxKernel kernel, MemoryPort memory, Metrics metrics, EventClock clock, LayerLog log, ManualRuntime allocation) {
        this.kernel = kernel;
        this.memory = memory;
        this.metrics = metrics;
        this.clock = clock;
        this.log = log;
        this.allocation = allocation;
        processEvents = metrics.counter("runtime.processEvents", "events", "process events (start, exit, fork, switch) seen");
        afterDeath = metrics.counter("runtime.eventsAfterDeath", "events", "events after the process was killed, not simulated");
        otherAllocation = metrics.counter("runtime.allocationIgnored", "events", "allocation events of processes other than the first, not simulated");
        managedIgnored = metrics.counter("runtime.managedIgnored", "events", "managed-heap events a manual runtime does not simulate");
        forkFailed = metrics.counter("runtime.forkFailed", "events", "fork events the kernel refused (the child runs as a fresh process if named later)");
    }

    /** Index of the first event at which some process was killed, or -1. */
    public long firstDeathIndex() {
        return firstDeath;
    }

    /** Starts a memory event of the running process; false when it is dead and the event is skipped. */
    private boolean begin() {
        long i = clock.tick();
        metrics.sample(i);
        Process p = kernel.current();
        if (!p.alive()) {
            afterDeath.inc();
            return false;
        }
        p.countEvent();
        return true;
    }

    /** Starts a process event (it runs whatever the state of the running process). */
    private void beginProcessEvent() {
        long i = clock.tick();
        metrics.sample(i);
        processEvents.inc();
    }

    private void touch(long address, long size, int accessType) {
        if (!memory.access(address, size, accessType) && firstDeath < 0) {
            firstDeath = clock.index();
        }
    }

    private void afterCall() {
        if (firstDeath < 0 && !kernel.current().alive() && kernel.current().killed()) {
            firstDeath = clock.index();
        }
    }

    // ------------------------------------------------------------------ accesses

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
        if (!begin()) {
            return;
        }
        if (memory.access(address, size, AccessType.READ)) {
            touch(address, size, AccessType.WRITE);
        } else if (firstDeath < 0) {
            firstDeath = clock.index();
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
            kernel.brk(address);
        }
    }

    @Override
    public void mmap(long address, long length, int prot, int flags, int file, long offset) {
        if (begin()) {
            kernel.mmap(address, length, prot, flags & ~MapFlags.FIXED, file, offset);
            afterCall();
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

    // ------------------------------------------------------------------ processes

    @Override
    public void processStart(int pid) {
        beginProcessEvent();
        kernel.exec(pid);
    }

    @Override
    public void processExit(int pid, int status) {
        beginProcessEvent();
        kernel.exit(pid, status);
    }

    @Override
    public void fork(int parentPid, int childPid) {
        beginProcessEvent();
        if (kernel.process(parentPid) == null) {
            throw new BadEventException("fork of pid " + parentPid + ", which was never started (expected a start or switch first)");
        }
        Process child = kernel.process(childPid);
        if (child != null && child.alive()) {
            throw new BadEventException("fork to pid " + childPid + ", which is already running (expected a new pid)");
        }
        if (!kernel.fork(parentPid, childPid)) {
            forkFailed.inc();
        }
    }

    @Override
    public void contextSwitch(int pid, int tid) {
        beginProcessEvent();
        kernel.switchTo(pid);
        if (log.enabled()) {
            log.note(Layer.RUNTIME, "the CPU runs pid " + pid + " thread " + tid);
        }
    }

    // ------------------------------------------------------------------ allocation events: the first process's allocator

    private boolean allocatorRuns() {
        if (allocation == null) {
            return false;
        }
        Process p = kernel.current();
        if (allocatorProcess == null) {
            allocatorProcess = p;
        }
        return p == allocatorProcess;
    }

    private void ignoreAllocation() {
        if (begin()) {
            otherAllocation.inc();
        }
    }

    @Override
    public void alloc(long id, long size, long align, long address, int site) {
        if (allocatorRuns()) {
            allocation.alloc(id, size, align, address, site);
        } else {
            ignoreAllocation();
        }
    }

    @Override
    public void calloc(long id, long count, long size, long address, int site) {
        if (allocatorRuns()) {
            allocation.calloc(id, count, size, address, site);
        } else {
            ignoreAllocation();
        }
    }

    @Override
    public void realloc(long id, long size, long address, int site) {
        if (allocatorRuns()) {
            allocation.realloc(id, size, address, site);
        } else {
            ignoreAllocation();
        }
    }

    @Override
    public void free(long id, int site) {
        if (allocatorRuns()) {
            allocation.free(id, site);
        } else {
            ignoreAllocation();
        }
    }

    @Override
    public void freePointer(long address, int site) {
        if (allocatorRuns()) {
            allocation.freePointer(address, site);
        } else {
            ignoreAllocation();
        }
    }

    @Override
    public void blockLoad(long id, long offset, long size) {
        if (allocatorRuns()) {
            allocation.blockLoad(id, offset, size);
        } else {
            ignoreAllocation();
        }
    }

    @Override
    public void blockStore(long id, long offset, long size) {
        if (allocatorRuns()) {
            allocation.blockStore(id, offset, size);
        } else {
            ignoreAllocation();
        }
    }

    // ------------------------------------------------------------------ managed events and the end

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
