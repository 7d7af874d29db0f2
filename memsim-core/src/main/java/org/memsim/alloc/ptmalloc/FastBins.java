package org.memsim.alloc.ptmalloc;

/**
 * The fastbins ({@code fastbinsY}, {@code fastbin_index}, {@code MAX_FAST_SIZE},
 * {@code set_max_fast}): {@code NFASTBINS} = 10 singly linked LIFO lists of recently freed small
 * chunks, one size each. Chunks ≤ {@code global_max_fast} = 128 bytes (DEFAULT_MXFAST 64 * SIZE_SZ
 * / 4 = 128 request bytes → 0x80) go here once their tcache list is full; they keep their in-use bit
 * and are merged with neighbours only by {@code malloc_consolidate}. Links are safe-linked.
 */
final class FastBins {
    /** {@code MAX_FAST_SIZE}: 80 * SIZE_SZ / 4. */
    static final long MAX_FAST_SIZE = 160;
    /** {@code NFASTBINS}: fastbin_index(request2size(MAX_FAST_SIZE)) + 1. */
    static final int NFASTBINS = index(Chunk.request2size(MAX_FAST_SIZE)) + 1;
    /** {@code global_max_fast} after {@code set_max_fast(DEFAULT_MXFAST)}: (128 + SIZE_SZ) & ~MALLOC_ALIGN_MASK. */
    static final long MAX_FAST = (128 + Chunk.SIZE_SZ) & ~Chunk.MALLOC_ALIGN_MASK;

    private final ChunkMemory m;
    final long[] heads = new long[NFASTBINS];
    /** {@code have_fastchunks}: set on every push, cleared by malloc_consolidate. */
    boolean haveFastchunks;
    /** Chunks and bytes in the fastbins (host bookkeeping for the free-memory gauges). */
    long count;
    long bytes;

    FastBins(ChunkMemory m) {
        this.m = m;
    }

    /** {@code fastbin_index}. */
    static int index(long size) {
        return (int) ((size >>> 4) - 2);
    }

    /** The chunk's safe-linked successor ({@code REVEAL_PTR (p->fd)}). */
    long next(long p) {
        return Chunk.protect(p + Chunk.FD, m.fd(p));
    }

    /**
     * {@code _int_free}'s fastbin path: links {@code p} on top, after the fasttop double-free check;
     * the size check of the old top runs only for callers holding the arena lock (internal frees).
     */
    void push(long p, int idx, long size, boolean haveLock) {
        haveFastchunks = true;
        long old = heads[idx];
        if (old == p) {
            throw new GlibcAbort("double free or corruption (fasttop)");
        }
        m.setFd(p, Chunk.protect(p + Chunk.FD, old));
        heads[idx] = p;
        count++;
        bytes += size;
        if (haveLock && old != 0 && index(m.chunksize(old)) != idx) {
            throw new GlibcAbort("invalid fastbin entry (free)");
        }
    }

    /** Bookkeeping for a chunk taken off a fastbin. */
    void taken(long size) {
        count--;
        bytes -= size;
    }

    /** Unlinks the top chunk of list {@code idx} (single-threaded {@code *fb = REVEAL_PTR (victim->fd)}). */
    long pop(int idx, String unalignedMessage) {
        long victim = heads[idx];
        if (!Chunk.aligned(victim)) {
            throw new GlibcAbort(unalignedMessage);
        }
        heads[idx] = next(victim);
        return victim;
    }
}
