package org.memsim.alloc;

/**
 * An allocator stopped the process, as a real one does when its integrity checks fail (glibc's
 * {@code abort()} after "free(): double free detected in tcache 2"). The runtime turns it into a
 * simulated SIGABRT: the process dies with the allocator's message; later events are skipped.
 */
public class AllocatorAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AllocatorAbort(String message) {
        super(message, null, false, false);
    }
}
