package org.memsim.kernel;

import org.memsim.vm.AddressSpace;
import org.memsim.vm.Vma;

/**
 * One simulated process (Linux's {@code task_struct} with its {@code mm_struct}): a pid, an address
 * space, the heap and stack VMAs and the program break, the bytes it has charged to the
 * committed-memory total, and how it ended. Threads share it; memsim keeps no per-thread state.
 */
public final class Process {
    /** Why a process ended. */
    public enum State { RUNNING, EXITED, SEGFAULT, OOM_KILLED, SIGBUS }

    final int pid;
    final int parent;
    AddressSpace space;
    Vma heap;
    Vma stack;
    long brk;
    long committedPages;
    long mappedBytes;
    long peakMappedBytes;
    long implicitPages;
    State state = State.RUNNING;
    String detail = "";
    int exitStatus;
    long events;
    long heapBytesAtEnd;
    long stackBytesAtEnd;

    Process(int pid, int parent, AddressSpace space) {
        this.pid = pid;
        this.parent = parent;
        this.space = space;
    }

    public int pid() {
        return pid;
    }

    /** Parent pid, or 0 for a process started by exec. */
    public int parent() {
        return parent;
    }

    public AddressSpace space() {
        return space;
    }

    public State state() {
        return state;
    }

    public boolean alive() {
        return state == State.RUNNING;
    }

    /** Killed by a signal or the OOM killer (not a normal exit). */
    public boolean killed() {
        return state != State.RUNNING && state != State.EXITED;
    }

    /** What killed the process, with the address and the nearest VMA for a SIGSEGV; empty if it lives or exited. */
    public String detail() {
        return detail;
    }

    public int exitStatus() {
        return exitStatus;
    }

    public long programBreak() {
        return brk;
    }

    /** Bytes charged to Committed_AS (overcommit accounting). */
    public long committedBytes() {
        return committedPages * space.pageSize();
    }

    public long mappedBytes() {
        return mappedBytes;
    }

    public long peakMappedBytes() {
        return peakMappedBytes;
    }

    /** Bytes of heap (brk area) the process had when it ended, or now if it runs. */
    public long heapBytes() {
        return heap != null ? heap.end() - heap.start() : heapBytesAtEnd;
    }

    /** Bytes of stack VMA the process had when it ended, or now if it runs. */
    public long stackBytes() {
        return stack != null ? stack.end() - stack.start() : stackBytesAtEnd;
    }

    /** Events the runtime attributed to this process. */
    public long events() {
        return events;
    }

    /** Counts one event of this process (the runtime calls it). */
    public void countEvent() {
        events++;
    }

    /** The OOM killer's badness: resident pages, swap entries and page-table pages (Linux's oom_badness). */
    long badness() {
        return space.residentPages() + space.swappedPages() + space.pageTable().tablePages();
    }

    @Override
    public String toString() {
        return "pid " + pid;
    }
}
