package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.IS_MMAPPED;
import static org.memsim.alloc.ptmalloc.Chunk.SIZE_SZ;

import org.memsim.collections.LongLongHashMap;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.kernel.SystemCalls;

/**
 * Chunks that get a mapping of their own ({@code sysmalloc_mmap}, {@code munmap_chunk},
 * {@code mremap_chunk}): a request of at least {@code mp_.mmap_threshold} (128 KiB,
 * {@code DEFAULT_MMAP_THRESHOLD_MIN}) that the bins cannot serve is mapped as
 * {@code ALIGN_UP(nb + SIZE_SZ, pagesize)} bytes with IS_MMAPPED set and prev_size holding the
 * offset from the mapping's start. Freeing one raises the threshold to its size (and
 * {@code trim_threshold} to twice that) when it is larger than the threshold and at most
 * {@code DEFAULT_MMAP_THRESHOLD_MAX} (4 * 1024 * 1024 * sizeof(long) = 32 MiB): the dynamic
 * threshold of {@code __libc_free}. At most {@code DEFAULT_MMAP_MAX} = 65536 such chunks.
 */
final class MmapChunks {
    /** {@code DEFAULT_MMAP_THRESHOLD_MIN} = {@code DEFAULT_MMAP_THRESHOLD}. */
    static final long DEFAULT_THRESHOLD = 128 * 1024;
    /** {@code DEFAULT_MMAP_THRESHOLD_MAX} on 64-bit. */
    static final long THRESHOLD_MAX = 4L * 1024 * 1024 * 8;
    /** {@code DEFAULT_MMAP_MAX}. */
    static final int MMAP_MAX = 65536;

    private final ChunkMemory m;
    private final SystemCalls kernel;
    private final long pageSize;
    long threshold = DEFAULT_THRESHOLD; // mp_.mmap_threshold
    boolean noDynThreshold;            // mp_.no_dyn_threshold (set by mallopt; never here)
    int count;                         // mp_.n_mmaps
    long mappedBytes;                  // mp_.mmapped_mem
    long maxMappedBytes;               // mp_.max_mmapped_mem
    long remaps;
    /** Live mmapped chunks: chunk address → mapping length (host bookkeeping for heap maps and checks). */
    final LongLongHashMap live = new LongLongHashMap(64, -1);

    MmapChunks(ChunkMemory m, SystemCalls kernel) {
        this.m = m;
        this.kernel = kernel;
        this.pageSize = kernel.pageSize();
    }

    /** Whether {@code sysmalloc} tries mmap first for a chunk of {@code nb} bytes. */
    boolean wants(long nb) {
        return Long.compareUnsigned(nb, threshold) >= 0 && count < MMAP_MAX;
    }

    /** {@code sysmalloc_mmap}: the chunk's mem address, or 0 when mmap failed. */
    long map(long nb) {
        long size = Chunk.alignUp(nb + SIZE_SZ, pageSize);
        if (Long.compareUnsigned(size, nb) <= 0) {
            return 0;
        }
        long mm = kernel.mmap(0, size, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, 0, 0);
        if (mm == SystemCalls.MAP_FAILED) {
            return 0;
        }
        m.setPrevSize(mm, 0);
        m.setHead(mm, size | IS_MMAPPED);
        count++;
        mappedBytes += size;
        maxMappedBytes = Math.max(maxMappedBytes, mappedBytes);
        live.put(mm, size);
        return Chunk.mem(mm);
    }

    /** {@code munmap_chunk}. */
    void unmap(long p) {
        long size = m.chunksize(p);
        long offset = m.prevSize(p);
        long block = p - offset;
        long total = offset + size;
        long mem = Chunk.mem(p);
        long low = mem & (pageSize - 1);
        if (((block | total) & (pageSize - 1)) != 0 || (low & (low - 1)) != 0) {
            throw new GlibcAbort("munmap_chunk(): invalid pointer");
        }
        count--;
        mappedBytes -= total;
        live.remove(p);
        m.words.remove(p);
        m.words.remove(p + Chunk.SIZE);
        kernel.munmap(block, total);
    }

    /** The dynamic threshold update of {@code __libc_free} for an mmapped chunk about to be unmapped. */
    void adjustThreshold(long sizeField, PtmallocAllocator a) {
        if (!noDynThreshold && Long.compareUnsigned(sizeField, threshold) > 0 && Long.compareUnsigned(sizeField, THRESHOLD_MAX) <= 0) {
            threshold = Chunk.chunksize(sizeField);
            a.trimThreshold = 2 * threshold;
        }
    }

    /**
     * {@code mremap_chunk}: resizes the mapping under {@code p} to hold {@code nb} bytes; the new
     * chunk address, or 0 when the kernel refused. The kernel layer has no {@code mremap}, so it is
     * done as Linux would place it: grown in place when the pages after the mapping are free, else
     * moved to a new mapping (the model cannot move page frames: moved pages fault again).
     */
    long remap(long p, long nb) {
        long offset = m.prevSize(p);
        long size = m.chunksize(p);
        long block = p - offset;
        long total = offset + size;
        long mem = Chunk.mem(p);
        long low = mem & (pageSize - 1);
        if (((block | total) & (pageSize - 1)) != 0 || (low & (low - 1)) != 0) {
            throw new GlibcAbort("mremap_chunk(): invalid pointer");
        }
        long newSize = Chunk.alignUp(nb + offset + SIZE_SZ, pageSize);
        if (total == newSize) {
            return p;
        }
        long cp = mremap(block, total, newSize);
        if (cp == SystemCalls.MAP_FAILED) {
            return 0;
        }
        remaps++;
        long q = cp + offset;
        live.remove(p);
        if (q != p) {
            m.words.remove(p);
            m.words.remove(p + Chunk.SIZE);
            m.setPrevSize(q, offset);
        }
        m.setHead(q, (newSize - offset) | IS_MMAPPED);
        live.put(q, newSize);
        mappedBytes += newSize - size - offset;
        maxMappedBytes = Math.max(maxMappedBytes, mappedBytes);
        return q;
    }

    private long mremap(long block, long total, long newTotal) {
        if (newTotal < total) {
            kernel.munmap(block + newTotal, total - newTotal);
            return block;
        }
        long want = block + total;
        long got = kernel.mmap(want, newTotal - total, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, 0, 0);
        if (got == want) {
            return block;
        }
        if (got != SystemCalls.MAP_FAILED) {
            kernel.munmap(got, newTotal - total);
        }
        long moved = kernel.mmap(0, newTotal, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, 0, 0);
        if (moved == SystemCalls.MAP_FAILED) {
            return SystemCalls.MAP_FAILED;
        }
        kernel.munmap(block, total);
        return moved;
    }
}
