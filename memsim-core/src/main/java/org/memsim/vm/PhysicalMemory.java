package org.memsim.vm;

import org.memsim.collections.LongArrayList;

/**
 * RAM as a fixed number of page frames. Frames are handed out lowest-number first, freed frames
 * are reused last-freed first (like a per-CPU free list), and every frame handed out for anonymous
 * memory is zero-filled. Host memory: only the free-frame stack, never the simulated bytes.
 */
public final class PhysicalMemory {
    /** Returned by {@link #allocate()} when RAM is full. */
    public static final long NO_FRAME = -1;

    private final long frames;
    private final int frameSize;
    private final LongArrayList freed = new LongArrayList();
    private long neverUsed;   // frames [neverUsed, frames) have never been handed out
    private long used;
    private long peakUsed;
    private long zeroFills;

    public PhysicalMemory(long frames, int frameSize) {
        if (frames <= 0) {
            throw new IllegalArgumentException("frames must be positive");
        }
        this.frames = frames;
        this.frameSize = frameSize;
    }

    /** A free frame number, or {@link #NO_FRAME} when every frame is in use. */
    public long allocate() {
        long pfn;
        if (!freed.isEmpty()) {
            pfn = freed.removeLast();
        } else if (neverUsed < frames) {
            pfn = neverUsed++;
        } else {
            return NO_FRAME;
        }
        used++;
        if (used > peakUsed) {
            peakUsed = used;
        }
        return pfn;
    }

    /** A frame for anonymous memory: allocated and zero-filled. */
    public long allocateZeroed() {
        long pfn = allocate();
        if (pfn != NO_FRAME) {
            zeroFills++;
        }
        return pfn;
    }

    public void free(long pfn) {
        if (pfn < 0 || pfn >= neverUsed) {
            throw new IllegalStateException("freeing frame " + pfn + " that was never allocated");
        }
        freed.add(pfn);
        used--;
    }

    public long frames() {
        return frames;
    }

    public int frameSize() {
        return frameSize;
    }

    public long used() {
        return used;
    }

    public long free() {
        return frames - used;
    }

    public long peakUsed() {
        return peakUsed;
    }

    public long zeroFills() {
        return zeroFills;
    }
}
