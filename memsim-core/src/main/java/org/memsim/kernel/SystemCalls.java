package org.memsim.kernel;

/**
 * The kernel's system-call surface as layers above it see it (Linux semantics): an allocator grows
 * its heap with {@link #brk} and maps large blocks with {@link #mmap}; it never touches page tables.
 */
public interface SystemCalls {
    /** {@code MAP_FAILED}. */
    long MAP_FAILED = -1;

    /** The current program break ({@code sbrk(0)}). */
    long currentBreak();

    /** The break's lowest value: where the heap starts. */
    long heapStart();

    /**
     * Linux {@code brk(2)}: asks for the break to be {@code address}; returns the new break, or the
     * unchanged old break if the request cannot be met.
     */
    long brk(long address);

    /** {@code mmap(2)}; returns the mapped address or {@link #MAP_FAILED}. */
    long mmap(long address, long length, int prot, int flags, int file, long offset);

    /** {@code munmap(2)}; returns 0 or -1. */
    int munmap(long address, long length);

    /** {@code mprotect(2)}; returns 0 or -1. */
    int mprotect(long address, long length, int prot);

    /** {@code madvise(2)}; returns 0 or -1. */
    int madvise(long address, long length, int advice);

    /** {@code msync(2)}; returns 0 or -1. */
    int msync(long address, long length);

    /** Page size of the address space. */
    int pageSize();

    /** True once the process was killed (SIGSEGV, OOM); later events are not simulated. */
    boolean killed();
}
