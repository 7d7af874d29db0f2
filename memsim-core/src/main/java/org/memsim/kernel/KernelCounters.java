package org.memsim.kernel;

import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;

/** The kernel's named counters, registered once in the stack's {@link Metrics} and shared by its classes. */
final class KernelCounters {
    final Counter minorFaults;
    final Counter majorFaults;
    final Counter cowFaults;
    final Counter cowReuses;
    final Counter swapIns;
    final Counter swapOuts;
    final Counter fileReads;
    final Counter writeBacks;
    final Counter evictions;
    final Counter thpFaults;
    final Counter thpFallbacks;
    final Counter hugetlbFaults;
    final Counter segfaults;
    final Counter stackOverflows;
    final Counter oomKills;
    final Counter brkCalls;
    final Counter mmapCalls;
    final Counter munmapCalls;
    final Counter otherCalls;
    final Counter implicitMaps;
    final Counter overcommitRefusals;
    final Counter contextSwitches;
    final Counter forks;
    final Counter forkFailures;
    final Counter execs;
    final Counter exits;
    final Counter implicitProcesses;

    KernelCounters(Metrics m) {
        minorFaults = m.counter("kernel.minorFaults", "faults", "page faults served without I/O: zero fill, page-cache hit, copy on write");
        segfaults = m.counter("kernel.segfaults", "signals", "accesses outside every VMA or against its protection");
        oomKills = m.counter("kernel.oomKills", "kills", "processes killed because no frame was left");
        brkCalls = m.counter("kernel.brk", "calls", "brk system calls");
        mmapCalls = m.counter("kernel.mmap", "calls", "mmap system calls");
        munmapCalls = m.counter("kernel.munmap", "calls", "munmap system calls");
        otherCalls = m.counter("kernel.otherCalls", "calls", "mprotect, madvise and msync system calls");
        implicitMaps = m.counter("kernel.implicitMaps", "pages", "pages mapped on first touch because no VMA covered them");
        majorFaults = m.counter("kernel.majorFaults", "faults", "page faults that read from disk: swap-in, or a file page not cached");
        cowFaults = m.counter("kernel.cowFaults", "faults", "write faults that copied a shared page (after fork, MAP_PRIVATE files)");
        cowReuses = m.counter("kernel.cowReuses", "faults", "write faults on a write-protected page no one else maps: made writable without a copy");
        swapIns = m.counter("kernel.swapIns", "pages", "pages read back from swap");
        swapOuts = m.counter("kernel.swapOuts", "pages", "pages written to swap");
        fileReads = m.counter("kernel.fileReads", "pages", "file pages read into the page cache");
        writeBacks = m.counter("kernel.writeBacks", "pages", "dirty file pages written back (msync, eviction)");
        evictions = m.counter("kernel.evictions", "pages", "resident pages evicted to free a frame");
        thpFaults = m.counter("kernel.thpFaults", "faults", "faults that mapped a transparent huge page");
        thpFallbacks = m.counter("kernel.thpFallbacks", "faults", "huge-page-eligible faults that fell back to a base page (no contiguous run)");
        hugetlbFaults = m.counter("kernel.hugetlbFaults", "faults", "faults that mapped a MAP_HUGETLB page");
        stackOverflows = m.counter("kernel.stackOverflows", "signals", "stack growth refused: RLIMIT_STACK, or the guard gap to the next mapping");
        overcommitRefusals = m.counter("kernel.overcommitRefusals", "calls", "brk, mmap, fork or stack growth refused by overcommit accounting");
        contextSwitches = m.counter("kernel.contextSwitches", "switches", "switches between processes");
        forks = m.counter("kernel.forks", "calls", "successful forks");
        forkFailures = m.counter("kernel.forkFailures", "calls", "forks refused (overcommit)");
        execs = m.counter("kernel.execs", "calls", "processes started (exec)");
        exits = m.counter("kernel.exits", "calls", "processes that exited");
        implicitProcesses = m.counter("kernel.implicitProcesses", "processes", "processes created by a switch to a pid never started");
    }
}
