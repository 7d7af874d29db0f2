package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.CHUNK_HDR_SZ;
import static org.memsim.alloc.ptmalloc.Chunk.MALLOC_ALIGN_MASK;
import static org.memsim.alloc.ptmalloc.Chunk.MINSIZE;
import static org.memsim.alloc.ptmalloc.Chunk.PREV_INUSE;

import org.memsim.kernel.SystemCalls;

/**
 * The top chunk and the brk heap of {@code main_arena}: {@code sysmalloc}'s main-arena path (grow
 * the break by {@code nb + top_pad + MINSIZE} less the old top, page-rounded; merge with the old top
 * when contiguous; otherwise align, fence off the old top with two {@code CHUNK_HDR_SZ} fenceposts
 * and free it; fall back to an {@code MMAP_AS_MORECORE_SIZE} mapping when brk fails) and
 * {@code systrim} (give back whole pages above {@code top_pad} when the top chunk exceeds
 * {@code trim_threshold}). {@code MORECORE} is {@code sbrk} on the kernel's {@code brk}.
 */
final class SystemHeap {
    /** {@code MMAP_AS_MORECORE_SIZE}: least size of the mmap used when sbrk fails. */
    static final long MMAP_AS_MORECORE_SIZE = 1024 * 1024;
    /** {@code MORECORE_FAILURE}. */
    static final long FAILURE = -1;

    private final PtmallocAllocator a;
    private final ChunkMemory m;
    private final SystemCalls kernel;
    private final long pageSize;
    long top = Bins.UNSORTED;  // initial_top(av): the unsorted bin, size 0, until the first sysmalloc
    long systemMem;            // av->system_mem
    long maxSystemMem;         // av->max_system_mem
    long sbrkBase;             // mp_.sbrk_base
    boolean contiguous = true; // !(av->flags & NONCONTIGUOUS_BIT): MORECORE_CONTIGUOUS
    long brkCalls;

    SystemHeap(PtmallocAllocator a, ChunkMemory m, SystemCalls kernel) {
        this.a = a;
        this.m = m;
        this.kernel = kernel;
        this.pageSize = kernel.pageSize();
    }

    /** The top chunk's size (0 before the first sysmalloc, when top is the unsorted bin). */
    long topSize() {
        return top == Bins.UNSORTED ? 0 : m.chunksize(top);
    }

    /** {@code MORECORE (increment)} = {@code sbrk}: the old break, or {@link #FAILURE}. */
    private long sbrk(long increment) {
        long old = kernel.currentBreak();
        if (increment == 0) {
            return old;
        }
        brkCalls++;
        long want = old + increment;
        long got = kernel.brk(want);
        return got == want ? old : FAILURE;
    }

    /**
     * {@code sysmalloc} for the main arena once mmap was not used: extends or replaces top and
     * splits {@code nb} bytes off it; 0 (ENOMEM) when the system gives nothing.
     */
    long grow(long nb) {
        long oldTop = top;
        long oldSize = topSize();
        long oldEnd = oldTop + oldSize;
        long brk = FAILURE;
        long sndBrk = FAILURE;
        long size = nb + a.topPad + MINSIZE;
        if (contiguous) {
            size -= oldSize;
        }
        size = Chunk.alignUp(size, pageSize);
        if (size > 0) {
            brk = sbrk(size);
        }
        if (brk == FAILURE) {
            // sysmalloc_mmap_fallback: a non-contiguous region as the new top
            if (contiguous) {
                size = Chunk.alignUp(size + oldSize, pageSize);
            }
            if (size < MMAP_AS_MORECORE_SIZE) {
                size = MMAP_AS_MORECORE_SIZE;
            }
            if (size > nb) {
                long mbrk = kernel.mmap(0, size, org.memsim.event.Prot.RW,
                    org.memsim.event.MapFlags.PRIVATE | org.memsim.event.MapFlags.ANONYMOUS, 0, 0);
                if (mbrk != SystemCalls.MAP_FAILED) {
                    brk = mbrk;
                    sndBrk = brk + size;
                    contiguous = false;
                    a.mmapFallbackBytes += size;
                }
            }
        }
        if (brk != FAILURE) {
            if (sbrkBase == 0) {
                sbrkBase = brk;
            }
            systemMem += size;
            if (brk == oldEnd && sndBrk == FAILURE) {
                m.setHead(oldTop, (size + oldSize) | PREV_INUSE);
            } else if (contiguous && oldSize != 0 && brk < oldEnd) {
                throw new GlibcAbort("break adjusted to free malloc space");
            } else {
                long correction = 0;
                long alignedBrk = brk;
                if (contiguous) {
                    if (oldSize != 0) {
                        systemMem += brk - oldEnd; // foreign sbrk counted as system_mem
                    }
                    long frontMisalign = Chunk.mem(brk) & MALLOC_ALIGN_MASK;
                    if (frontMisalign > 0) {
                        correction = Chunk.MALLOC_ALIGNMENT - frontMisalign;
                        alignedBrk += correction;
                    }
                    correction += oldSize;
                    long endMisalign = brk + size + correction;
                    correction += Chunk.alignUp(endMisalign, pageSize) - endMisalign;
                    sndBrk = sbrk(correction);
                    if (sndBrk == FAILURE) {
                        correction = 0;
                        sndBrk = sbrk(0);
                    }
                } else if (sndBrk == FAILURE) {
                    sndBrk = sbrk(0);
                }
                if (sndBrk != FAILURE) {
                    // MORECORE(correction) returned the break before the correction
                    top = alignedBrk;
                    m.setHead(top, (sndBrk - alignedBrk + correction) | PREV_INUSE);
                    systemMem += correction;
                    if (oldSize != 0) {
                        // double fencepost at old_top, then free what remains of it
                        long s = (oldSize - 2 * CHUNK_HDR_SZ) & ~MALLOC_ALIGN_MASK;
                        m.setHead(oldTop, s | PREV_INUSE);
                        m.setHead(oldTop + s, CHUNK_HDR_SZ | PREV_INUSE);
                        m.setHead(oldTop + s + CHUNK_HDR_SZ, CHUNK_HDR_SZ | PREV_INUSE);
                        if (s >= MINSIZE) {
                            a.intFree(oldTop, true);
                        }
                    }
                }
            }
        }
        if (systemMem > maxSystemMem) {
            maxSystemMem = systemMem;
        }
        long p = top;
        long psize = topSize();
        if (psize >= nb + MINSIZE) {
            splitTop(p, psize, nb);
            return Chunk.mem(p);
        }
        return 0; // ENOMEM
    }

    /** Splits {@code nb} bytes off the top chunk {@code p} of size {@code size} (use_top). */
    void splitTop(long p, long size, long nb) {
        long remainder = p + nb;
        top = remainder;
        m.setHead(p, nb | PREV_INUSE);
        m.setHead(remainder, (size - nb) | PREV_INUSE);
    }

    /** {@code systrim}: returns whole pages of top above {@code pad} to the system; true if it did. */
    boolean trim(long pad) {
        long topSize = topSize();
        long topArea = topSize - MINSIZE - 1;
        if (topArea <= pad) {
            return false;
        }
        long extra = Chunk.alignDown(topArea - pad, pageSize);
        if (extra == 0) {
            return false;
        }
        long currentBrk = sbrk(0);
        if (currentBrk == top + topSize) {
            sbrk(-extra);
            long newBrk = sbrk(0);
            long released = currentBrk - newBrk;
            if (released != 0) {
                systemMem -= released;
                m.setHead(top, (topSize - released) | PREV_INUSE);
                a.trims++;
                return true;
            }
        }
        return false;
    }
}
