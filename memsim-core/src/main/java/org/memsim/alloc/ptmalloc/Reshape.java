package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.CHUNK_HDR_SZ;
import static org.memsim.alloc.ptmalloc.Chunk.IS_MMAPPED;
import static org.memsim.alloc.ptmalloc.Chunk.MALLOC_ALIGNMENT;
import static org.memsim.alloc.ptmalloc.Chunk.MALLOC_ALIGN_MASK;
import static org.memsim.alloc.ptmalloc.Chunk.MINSIZE;
import static org.memsim.alloc.ptmalloc.Chunk.PREV_INUSE;
import static org.memsim.alloc.ptmalloc.Chunk.SIZE_SZ;

/**
 * Changing a chunk's size or alignment: {@code __libc_realloc} (mremap for mmapped chunks, else
 * {@code _int_realloc}: shrink in place splitting off the remainder, grow into top or into a free
 * next chunk, else malloc-copy-free, where the new chunk is taken with {@code _int_malloc}, not the
 * tcache) and {@code _mid_memalign} / {@code _int_memalign} (over-allocate {@code nb + alignment +
 * MINSIZE}, free the leading and trailing space).
 */
final class Reshape {
    private final PtmallocAllocator a;
    private final ChunkMemory m;
    private final Bins bins;
    private final SystemHeap heap;
    private final MmapChunks mmaps;

    Reshape(PtmallocAllocator a) {
        this.a = a;
        this.m = a.m;
        this.bins = a.bins;
        this.heap = a.heap;
        this.mmaps = a.mmaps;
    }

    /** {@code __libc_realloc}. */
    long libcRealloc(long oldmem, long bytes) {
        if (bytes == 0 && oldmem != 0) {
            a.libcFree(oldmem); // REALLOC_ZERO_BYTES_FREES
            return 0;
        }
        if (oldmem == 0) {
            return a.libcMalloc(bytes);
        }
        long oldp = Chunk.chunk(oldmem);
        long oldField = m.sizeField(oldp);
        long oldsize = Chunk.chunksize(oldField);
        if ((oldField & IS_MMAPPED) == 0) {
            a.maybeInitTcache();
        }
        if (Long.compareUnsigned(oldp, -oldsize) > 0 || !Chunk.aligned(oldp)) {
            throw new GlibcAbort("realloc(): invalid pointer");
        }
        long nb = Chunk.request2size(bytes);
        if (nb < 0) {
            return 0;
        }
        if ((oldField & IS_MMAPPED) != 0) {
            long newp = mmaps.remap(oldp, nb);
            if (newp != 0) {
                return Chunk.mem(newp);
            }
            if (oldsize - SIZE_SZ >= nb) {
                return oldmem; // do nothing
            }
            long newmem = a.libcMalloc(bytes);
            if (newmem == 0) {
                return 0;
            }
            m.touch(oldmem, oldsize - CHUNK_HDR_SZ, false);
            m.touch(newmem, oldsize - CHUNK_HDR_SZ, true);
            mmaps.unmap(oldp);
            return newmem;
        }
        return intRealloc(oldp, oldsize, nb);
    }

    /** {@code _mid_memalign} (memalign, posix_memalign, aligned_alloc). */
    long midMemalign(long alignment, long bytes) {
        if (alignment <= MALLOC_ALIGNMENT) {
            return a.libcMalloc(bytes);
        }
        if (alignment < MINSIZE) {
            alignment = MINSIZE;
        }
        if (alignment > (1L << 62)) {
            return 0; // EINVAL
        }
        if (Long.bitCount(alignment) != 1) {
            long a = MALLOC_ALIGNMENT * 2;
            while (a < alignment) {
                a <<= 1;
            }
            alignment = a;
        }
        return intMemalign(alignment, bytes);
    }


    /** {@code _int_realloc} for a chunk of the heap. */
    long intRealloc(long oldp, long oldsize, long nb) {
        if (Long.compareUnsigned(m.sizeField(oldp), CHUNK_HDR_SZ) <= 0 || Long.compareUnsigned(oldsize, heap.systemMem) >= 0) {
            throw new GlibcAbort("realloc(): invalid old size");
        }
        long next = oldp + oldsize;
        long nextField = m.sizeField(next);
        long nextsize = Chunk.chunksize(nextField);
        if (Long.compareUnsigned(nextField, CHUNK_HDR_SZ) <= 0 || Long.compareUnsigned(nextsize, heap.systemMem) >= 0) {
            throw new GlibcAbort("realloc(): invalid next size");
        }
        long newp;
        long newsize;
        if (Long.compareUnsigned(oldsize, nb) >= 0) {
            newp = oldp;
            newsize = oldsize;
        } else if (next == heap.top && Long.compareUnsigned(newsize = oldsize + nextsize, nb + MINSIZE) >= 0) {
            // expand forward into top
            m.setHeadSize(oldp, nb);
            m.forgetChunk(next, nextsize);
            heap.top = oldp + nb;
            m.setHead(heap.top, (newsize - nb) | PREV_INUSE);
            a.everUsedEnd = Math.max(a.everUsedEnd, oldp + nb);
            return Chunk.mem(oldp);
        } else if (next != heap.top && !m.inuseBitAt(next, nextsize) && Long.compareUnsigned(newsize = oldsize + nextsize, nb) >= 0) {
            // expand forward into the next free chunk; split below
            newp = oldp;
            bins.unlink(next);
            m.forgetChunk(next, nextsize);
        } else {
            long newmem = a.intMalloc(nb - MALLOC_ALIGN_MASK);
            if (newmem == 0) {
                return 0;
            }
            newp = Chunk.chunk(newmem);
            newsize = m.chunksize(newp);
            if (newp == next) {
                // avoid copy: the new chunk follows the old one
                newsize += oldsize;
                m.forgetChunk(next, newsize - oldsize);
                newp = oldp;
            } else {
                m.touch(Chunk.mem(oldp), oldsize - CHUNK_HDR_SZ, false);
                m.touch(newmem, oldsize - CHUNK_HDR_SZ, true);
                a.intFree(oldp, true);
                return newmem;
            }
        }
        long remainderSize = newsize - nb;
        if (remainderSize < MINSIZE) {
            m.setHeadSize(newp, newsize);
            m.setInuseBitAt(newp, newsize);
        } else {
            long remainder = newp + nb;
            m.setHeadSize(newp, nb);
            m.setHead(remainder, remainderSize | PREV_INUSE);
            m.setInuseBitAt(remainder, remainderSize); // mark remainder as in use so free() won't complain
            a.intFree(remainder, true);
        }
        a.everUsedEnd = Math.max(a.everUsedEnd, newp + nb);
        return Chunk.mem(newp);
    }

    /** {@code _int_memalign}: over-allocate, give back the leading and trailing space. */
    long intMemalign(long alignment, long bytes) {
        long nb = Chunk.request2size(bytes);
        if (nb < 0) {
            return 0;
        }
        long mem = a.intMalloc(nb + alignment + MINSIZE);
        if (mem == 0) {
            return 0;
        }
        long p = Chunk.chunk(mem);
        if (mem % alignment != 0) {
            long brk = Chunk.chunk((mem + alignment - 1) & -alignment);
            if (brk - p < MINSIZE) {
                brk += alignment;
            }
            long newp = brk;
            long leadsize = brk - p;
            long field = m.sizeField(p);
            long newsize = Chunk.chunksize(field) - leadsize;
            if ((field & IS_MMAPPED) != 0) {
                m.setPrevSize(newp, m.prevSize(p) + leadsize);
                m.setHead(newp, newsize | IS_MMAPPED);
                mmaps.live.put(newp, mmaps.live.remove(p));
                m.words.remove(p);
                m.words.remove(p + Chunk.SIZE);
                return Chunk.mem(newp);
            }
            m.setHead(newp, newsize | PREV_INUSE);
            m.setInuseBitAt(newp, newsize);
            m.setHeadSize(p, leadsize);
            a.intFree(p, true);
            p = newp;
        }
        long field = m.sizeField(p);
        if ((field & IS_MMAPPED) == 0) {
            long size = Chunk.chunksize(field);
            if (Long.compareUnsigned(size, nb + MINSIZE) > 0) {
                long remainder = p + nb;
                m.setHead(remainder, (size - nb) | PREV_INUSE);
                m.setHeadSize(p, nb);
                a.intFree(remainder, true);
            }
        }
        return Chunk.mem(p);
    }

}
