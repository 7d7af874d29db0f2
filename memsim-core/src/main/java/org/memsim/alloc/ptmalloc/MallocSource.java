package org.memsim.alloc.ptmalloc;

/**
 * Where the last {@code malloc} found its chunk (tcache, fastbin, small bin, unsorted bin, a larger
 * bin, top, sysmalloc, mmap), for the narration of glibc's {@code _int_malloc} paths. Kept as an
 * {@code int} code: a reference store per malloc would pay the garbage collector's write barrier.
 */
final class MallocSource {
    private MallocSource() {}

    static final int TCACHE = 0, FASTBIN = 1, SMALLBIN = 2, LAST_REMAINDER = 3, UNSORTED_EXACT = 4,
        TCACHE_REFILLED = 5, TOP = 6, SYSMALLOC = 7, BIN_WHOLE = 8, BIN_SPLIT = 9, MMAP = 10, SBRK_TOP = 11;

    private static final String[] TEXT = {
        "the tcache (tcache_get)",
        "a fastbin",
        "a small bin",
        "the last remainder, split (unsorted bin)",
        "the unsorted bin, an exact fit",
        "the tcache, refilled from the unsorted bin",
        "the top chunk",
        "sysmalloc",
        "a bin, whole",
        "a bin, split (remainder to the unsorted bin)",
        "its own mmap (at least mp_.mmap_threshold = %d bytes)",
        "the top chunk after sbrk grew the heap (sysmalloc)",
    };

    /** The narration of {@code code}; {@code mmapThreshold} fills in the mmap case. */
    static String describe(int code, long mmapThreshold) {
        return code == MMAP ? String.format(TEXT[MMAP], mmapThreshold) : TEXT[code];
    }
}
