package org.memsim.vm;

/**
 * The kernel side of a page fault, as the MMU sees it: resolve the fault (map a frame) or refuse
 * it (segmentation fault, out of memory). Keeps the MMU free of any kernel policy.
 */
public interface FaultHandler {
    /** Fault resolved: the page is now mapped with the needed permission. */
    int RESOLVED = 0;
    /** No VMA, or the VMA forbids the access: the process gets SIGSEGV. */
    int SEGFAULT = 1;
    /** No frame could be found: the process is OOM-killed. */
    int OUT_OF_MEMORY = 2;

    /** Handles a fault at {@code address} for an access of {@code accessType} ({@link AccessType}). */
    int handleFault(AddressSpace space, long address, int accessType);
}
