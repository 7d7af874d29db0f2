package org.memsim.alloc.ptmalloc;

/**
 * glibc's {@code malloc_printerr}: an integrity check failed, glibc prints the message and calls
 * {@code abort()} (SIGABRT). The model throws this with glibc's exact message (for example
 * {@code free(): double free detected in tcache 2}); the runtime should kill the simulated process
 * with it.
 */
public final class GlibcAbort extends org.memsim.alloc.AllocatorAbort {
    private static final long serialVersionUID = 1L;

    public GlibcAbort(String message) {
        super(message);
    }
}
