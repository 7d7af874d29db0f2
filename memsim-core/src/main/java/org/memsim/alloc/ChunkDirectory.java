package org.memsim.alloc;

import java.util.Arrays;

/**
 * The chunks an allocator took from the kernel, in address order: which chunk starts last at or below
 * an address (the candidate to hold it; the caller checks the chunk's end). Shared by the allocators
 * that carve mmap'd or brk'd chunks (buddy, bump, pool).
 */
public final class ChunkDirectory {
    private long[] starts = new long[4];
    private int[] chunks = new int[4];
    private int size;

    /** Records chunk number {@code chunk} starting at {@code start}. */
    public void add(long start, int chunk) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            chunks = Arrays.copyOf(chunks, size * 2);
        }
        int k = size++;
        while (k > 0 && starts[k - 1] > start) {
            starts[k] = starts[k - 1];
            chunks[k] = chunks[k - 1];
            k--;
        }
        starts[k] = start;
        chunks[k] = chunk;
    }

    /** The chunk with the greatest start at or below {@code address}, or -1 when every chunk starts above it. */
    public int floor(long address) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= address) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi < 0 ? -1 : chunks[hi];
    }

    /** Chunks recorded. */
    public int size() {
        return size;
    }

    /** The {@code k}-th chunk in address order. */
    public int chunkAt(int k) {
        return chunks[k];
    }

    /** The start of the {@code k}-th chunk in address order. */
    public long startAt(int k) {
        return starts[k];
    }
}
