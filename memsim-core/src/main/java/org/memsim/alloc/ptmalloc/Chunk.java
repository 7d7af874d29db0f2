package org.memsim.alloc.ptmalloc;

/**
 * glibc 2.36's x86-64 chunk geometry ({@code malloc/malloc.c}, "Chunk representations" and "Size
 * and alignment checks and conversions"): the header words, the size-field bits and the request to
 * chunk size conversion, for one thread's main arena.
 * <pre>
 *  chunk → | prev_size (used only if the previous chunk is free) | size | A | M | P |
 *  mem   → | fd | bk | fd_nextsize | bk_nextsize | ... (free chunks)   user data (chunks in use)
 * </pre>
 */
public final class Chunk {
    private Chunk() {}

    /** {@code SIZE_SZ}: sizeof(size_t) on x86-64. */
    public static final long SIZE_SZ = 8;
    /** {@code MALLOC_ALIGNMENT}: 2 * SIZE_SZ (16; also alignof(long double) on x86-64). */
    public static final long MALLOC_ALIGNMENT = 16;
    /** {@code MALLOC_ALIGN_MASK}. */
    public static final long MALLOC_ALIGN_MASK = MALLOC_ALIGNMENT - 1;
    /** {@code CHUNK_HDR_SZ}: prev_size and size, 2 * SIZE_SZ. */
    public static final long CHUNK_HDR_SZ = 2 * SIZE_SZ;
    /** {@code MIN_CHUNK_SIZE}: offsetof(struct malloc_chunk, fd_nextsize). */
    public static final long MIN_CHUNK_SIZE = 32;
    /** {@code MINSIZE}: MIN_CHUNK_SIZE rounded up to MALLOC_ALIGNMENT. */
    public static final long MINSIZE = 32;
    /** {@code PREV_INUSE}: size-field bit, the previous adjacent chunk is in use. */
    public static final long PREV_INUSE = 0x1;
    /** {@code IS_MMAPPED}: size-field bit, the chunk was obtained with mmap. */
    public static final long IS_MMAPPED = 0x2;
    /** {@code NON_MAIN_ARENA}: size-field bit, never set here (one thread, main arena). */
    public static final long NON_MAIN_ARENA = 0x4;
    /** {@code SIZE_BITS}. */
    public static final long SIZE_BITS = PREV_INUSE | IS_MMAPPED | NON_MAIN_ARENA;
    /** {@code PTRDIFF_MAX}: checked_request2size refuses larger requests. */
    public static final long PTRDIFF_MAX = Long.MAX_VALUE;

    /** Offsets of the fields from the chunk address. */
    public static final long PREV_SIZE = 0, SIZE = 8, FD = 16, BK = 24, FD_NEXTSIZE = 32, BK_NEXTSIZE = 40;

    /**
     * {@code request2size}: request plus SIZE_SZ overhead, rounded up to MALLOC_ALIGNMENT, at least
     * MINSIZE; -1 where {@code checked_request2size} fails (a request above PTRDIFF_MAX).
     */
    public static long request2size(long req) {
        if (req < 0) {
            return -1; // above PTRDIFF_MAX as an unsigned size_t
        }
        if (req > PTRDIFF_MAX - SIZE_SZ - MALLOC_ALIGN_MASK) {
            return -1;
        }
        long s = req + SIZE_SZ + MALLOC_ALIGN_MASK;
        return s < MINSIZE ? MINSIZE : s & ~MALLOC_ALIGN_MASK;
    }

    /** {@code chunksize}: the size field without its bits. */
    public static long chunksize(long sizeField) {
        return sizeField & ~SIZE_BITS;
    }

    /** {@code chunk2mem}. */
    public static long mem(long chunk) {
        return chunk + CHUNK_HDR_SZ;
    }

    /** {@code mem2chunk}. */
    public static long chunk(long mem) {
        return mem - CHUNK_HDR_SZ;
    }

    /** {@code aligned_OK} / {@code misaligned_chunk} (MALLOC_ALIGNMENT == CHUNK_HDR_SZ: the chunk itself). */
    public static boolean aligned(long address) {
        return (address & MALLOC_ALIGN_MASK) == 0;
    }

    /** {@code ALIGN_UP}. */
    public static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }

    /** {@code ALIGN_DOWN}. */
    public static long alignDown(long v, long a) {
        return v & -a;
    }

    /**
     * {@code PROTECT_PTR(pos, ptr)}: safe-linking of the single-linked tcache and fastbin lists
     * (glibc 2.32+): the stored pointer is {@code (pos >> 12) ^ ptr}; {@code REVEAL_PTR} is the same.
     */
    public static long protect(long pos, long ptr) {
        return (pos >>> 12) ^ ptr;
    }
}
