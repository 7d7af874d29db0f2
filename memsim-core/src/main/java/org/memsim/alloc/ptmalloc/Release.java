package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.CHUNK_HDR_SZ;
import static org.memsim.alloc.ptmalloc.Chunk.IS_MMAPPED;
import static org.memsim.alloc.ptmalloc.Chunk.MINSIZE;
import static org.memsim.alloc.ptmalloc.Chunk.PREV_INUSE;

/**
 * Giving chunks back to the arena: {@code _int_free} (pointer and size checks, then the tcache,
 * a fastbin, or coalescing with free neighbours into the unsorted bin or top; large frees
 * consolidate fastbins and trim top above {@code trim_threshold}) and {@code malloc_consolidate}
 * (every fastbin chunk coalesced the same way).
 */
final class Release {
    /** {@code FASTBIN_CONSOLIDATION_THRESHOLD}: freeing a chunk this big consolidates fastbins. */
    static final long FASTBIN_CONSOLIDATION_THRESHOLD = PtmallocAllocator.FASTBIN_CONSOLIDATION_THRESHOLD;

    private final PtmallocAllocator a;
    private final ChunkMemory m;
    private final Bins bins;
    private final FastBins fast;
    long consolidations;

    Release(PtmallocAllocator a) {
        this.a = a;
        this.m = a.m;
        this.bins = a.bins;
        this.fast = a.fast;
    }

    /** {@code _int_free} with the size field the caller already read. */
    void intFree(long p, long pField, boolean haveLock) {
        long size = Chunk.chunksize(pField);
        int tcIdx;
        // The usual chunk passes both checks below at once: p and size below 2^63 (so p + size
        // cannot wrap and p <= -size), size at least MINSIZE, both 16-aligned. Anything else takes
        // glibc's checks in glibc's order.
        if ((p | size) >= 0 && size >= MINSIZE && ((p | size) & Chunk.MALLOC_ALIGN_MASK) == 0) {
            tcIdx = Tcache.indexOfValid(size);
        } else {
            if (Long.compareUnsigned(p, -size) > 0 || !Chunk.aligned(p)) {
                throw new GlibcAbort("free(): invalid pointer");
            }
            if (Long.compareUnsigned(size, MINSIZE) < 0 || !Chunk.aligned(size)) {
                throw new GlibcAbort("free(): invalid size");
            }
            tcIdx = Tcache.index(size);
        }
        if (a.tcache.initialized() && Tcache.cacheable(tcIdx)) {
            a.tcache.checkDoubleFree(p, tcIdx);
            if (a.tcache.count(tcIdx) < Tcache.FILL_COUNT) {
                a.tcache.put(p, tcIdx);
                return;
            }
        }
        intFreeArena(p, size, pField, haveLock);
    }

    /**
     * The rest of {@code _int_free} once the tcache did not take the chunk: a fastbin, munmap, or
     * coalescing into the unsorted bin or top. Kept apart so the tcache case above stays small
     * enough for the JIT to inline into {@code free}.
     */
    private void intFreeArena(long p, long size, long pField, boolean haveLock) {
        if (Long.compareUnsigned(size, FastBins.MAX_FAST) <= 0) {
            long next = p + size;
            long nextField = m.sizeField(next);
            if (Long.compareUnsigned(nextField, CHUNK_HDR_SZ) <= 0 || Long.compareUnsigned(Chunk.chunksize(nextField), a.heap.systemMem) >= 0) {
                throw new GlibcAbort("free(): invalid next size (fast)");
            }
            fast.push(p, FastBins.index(size), size, haveLock);
            return;
        }
        long field = pField;
        if ((field & IS_MMAPPED) != 0) {
            a.mmaps.unmap(p);
            return;
        }
        long nextchunk = p + size;
        long topSize = a.heap.topSize();
        if (p == a.heap.top) {
            throw new GlibcAbort("double free or corruption (top)");
        }
        if (a.heap.contiguous && Long.compareUnsigned(nextchunk, a.heap.top + topSize) >= 0) {
            throw new GlibcAbort("double free or corruption (out)");
        }
        long nextField = m.sizeField(nextchunk);
        if ((nextField & PREV_INUSE) == 0) {
            throw new GlibcAbort("double free or corruption (!prev)");
        }
        long nextsize = Chunk.chunksize(nextField);
        if (Long.compareUnsigned(nextField, CHUNK_HDR_SZ) <= 0 || Long.compareUnsigned(nextsize, a.heap.systemMem) >= 0) {
            throw new GlibcAbort("free(): invalid next size (normal)");
        }
        size = mergeAndBin(p, size, field, nextchunk, nextsize, "corrupted size vs. prev_size while consolidating",
            "free(): corrupted unsorted chunks");
        if (size >= FASTBIN_CONSOLIDATION_THRESHOLD) {
            if (fast.haveFastchunks) {
                consolidate();
            }
            if (Long.compareUnsigned(a.heap.topSize(), a.trimThreshold) >= 0) {
                a.heap.trim(a.topPad);
            }
        }
    }

    /**
     * The coalescing shared by {@code _int_free} and {@code malloc_consolidate}: merges with a free
     * previous chunk, with a free next chunk or top, and puts the result at the front of the
     * unsorted bin (or makes it top). Returns the merged size.
     */
    private long mergeAndBin(long p, long size, long field, long nextchunk, long nextsize, String prevMessage, String unsortedCheck) {
        if ((field & PREV_INUSE) == 0) {
            long prevsize = m.prevSize(p);
            long old = p;
            size += prevsize;
            p -= prevsize;
            if (m.chunksize(p) != prevsize) {
                throw new GlibcAbort(prevMessage);
            }
            bins.unlink(p);
            m.forgetChunk(old, size - prevsize);
        }
        if (nextchunk != a.heap.top) {
            boolean nextinuse = m.inuseBitAt(nextchunk, nextsize);
            if (!nextinuse) {
                bins.unlink(nextchunk);
                m.forgetChunk(nextchunk, nextsize);
                size += nextsize;
            } else {
                m.clearInuseBitAt(nextchunk, 0);
            }
            bins.pushUnsorted(p, size, unsortedCheck);
            m.setHead(p, size | PREV_INUSE);
            m.setFoot(p, size);
        } else {
            size += nextsize;
            m.forgetChunk(nextchunk, nextsize);
            if ((field & PREV_INUSE) == 0) {
                m.forgetLinks(p, true, 0); // the previous free chunk's links are top's interior now
            }
            m.setHead(p, size | PREV_INUSE);
            a.heap.top = p;
        }
        return size;
    }

    /** {@code malloc_consolidate}: empties every fastbin, coalescing each chunk into the unsorted bin or top. */
    void consolidate() {
        consolidations++;
        fast.haveFastchunks = false;
        for (int i = 0; i < FastBins.NFASTBINS; i++) {
            long p = fast.heads[i];
            fast.heads[i] = 0;
            while (p != 0) {
                a.examined(1);
                if (!Chunk.aligned(p)) {
                    throw new GlibcAbort("malloc_consolidate(): unaligned fastbin chunk detected");
                }
                long field = m.sizeField(p);
                long size = Chunk.chunksize(field);
                if (FastBins.index(size) != i) {
                    throw new GlibcAbort("malloc_consolidate(): invalid chunk size");
                }
                fast.taken(size);
                long nextp = fast.next(p);
                long nextchunk = p + size;
                long nextsize = m.chunksize(nextchunk);
                mergeAndBin(p, size, field, nextchunk, nextsize, "corrupted size vs. prev_size in fastbins", null);
                p = nextp;
            }
        }
    }
}
