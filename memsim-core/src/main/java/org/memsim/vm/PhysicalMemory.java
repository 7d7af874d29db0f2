package org.memsim.vm;

import java.util.Arrays;
import org.memsim.collections.LongArrayList;

/**
 * RAM as a fixed number of page frames, with a small descriptor per frame (Linux's {@code struct
 * page}, reduced to what memsim needs). Single frames are handed out lowest-number first and freed
 * frames are reused last-freed first (like a per-CPU free list); huge pages take a naturally aligned
 * run of {@code 2^order} contiguous frames, as the buddy allocator hands out compound pages. Host
 * memory: a free stack, an in-use bitmap and the descriptors, all grown lazily up to the highest
 * frame ever used — never the simulated bytes.
 * <pre>
 * descriptor of frame pfn:  kind (free|anon|file|huge head|huge tail)  dirty  owner  index  mapCount  swapSlot
 *   anon:  owner = address-space id, index = virtual page number
 *   file:  owner = file id,          index = page index in the file
 * </pre>
 */
public final class PhysicalMemory {
    /** Returned by {@link #allocate()} when RAM is full. */
    public static final long NO_FRAME = -1;

    public static final byte FREE = 0;
    public static final byte ANON = 1;
    public static final byte FILE = 2;
    public static final byte HUGE = 3;
    public static final byte HUGE_TAIL = 4;

    /** Flag: the page differs from its backing copy (file or swap slot) and must be written before reuse. */
    public static final byte DIRTY = 1;
    /** Flag: the frame is admitted to the replacement policy (reclaim may evict it). */
    public static final byte EVICTABLE = 2;

    private final long frames;
    private final int frameSize;
    private final LongArrayList freed = new LongArrayList();
    private long neverUsed;   // frames [neverUsed, frames) have never been handed out
    private long used;
    private long peakUsed;
    private long zeroFills;
    private long freesSinceRunFailure = 1;

    private long[] inUse = new long[0];
    private byte[] kind = new byte[0];
    private byte[] flags = new byte[0];
    private int[] owner = new int[0];
    private long[] index = new long[0];
    private int[] mapCount = new int[0];
    private int[] swapSlot = new int[0];

    public PhysicalMemory(long frames, int frameSize) {
        if (frames <= 0) {
            throw new IllegalArgumentException("frames must be positive");
        }
        this.frames = frames;
        this.frameSize = frameSize;
    }

    // ------------------------------------------------------------------ allocation

    /** A free frame number, or {@link #NO_FRAME} when every frame is in use. */
    public long allocate() {
        long pfn = NO_FRAME;
        while (!freed.isEmpty()) {
            long f = freed.removeLast();
            if (!inUse(f)) {
                pfn = f;
                break;
            }
        }
        if (pfn == NO_FRAME) {
            if (neverUsed >= frames) {
                return NO_FRAME;
            }
            pfn = neverUsed++;
            ensure(neverUsed);
        }
        take(pfn);
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

    /**
     * The first frame of a free run of {@code 2^order} contiguous frames aligned to its size, or
     * {@link #NO_FRAME} when RAM is too full or too fragmented. Never-used frames are taken first;
     * then the in-use bitmap is searched (lowest run first).
     */
    public long allocateRun(int order) {
        if (order == 0) {
            return allocate();
        }
        long n = 1L << order;
        if (n > frames) {
            return NO_FRAME;
        }
        long start = Addresses.alignUp(neverUsed, n);
        if (start + n <= frames && start >= neverUsed) {
            ensure(start + n);
            for (long f = start - 1; f >= neverUsed; f--) {
                freed.add(f); // skipped alignment frames become ordinary free frames, lowest reused first
            }
            neverUsed = start + n;
        } else {
            if (freesSinceRunFailure == 0) {
                return NO_FRAME; // nothing was freed since the last search failed
            }
            start = findFreeRun(n);
            if (start < 0) {
                freesSinceRunFailure = 0;
                return NO_FRAME;
            }
        }
        for (long f = start; f < start + n; f++) {
            take(f);
        }
        used += n;
        if (used > peakUsed) {
            peakUsed = used;
        }
        return start;
    }

    private long findFreeRun(long n) {
        long limit = Addresses.alignDown(neverUsed, n);
        for (long start = 0; start + n <= limit; start += n) {
            if (runFree(start, n)) {
                return start;
            }
        }
        return -1;
    }

    private boolean runFree(long start, long n) {
        if (n >= 64) {
            int w0 = (int) (start >>> 6);
            int w1 = (int) ((start + n) >>> 6);
            for (int w = w0; w < w1; w++) {
                if (inUse[w] != 0) {
                    return false;
                }
            }
            return true;
        }
        for (long f = start; f < start + n; f++) {
            if (inUse(f)) {
                return false;
            }
        }
        return true;
    }

    public void free(long pfn) {
        if (pfn < 0 || pfn >= neverUsed || !inUse(pfn)) {
            throw new IllegalStateException("freeing frame " + pfn + " that is not allocated");
        }
        release(pfn);
        freed.add(pfn);
        used--;
        freesSinceRunFailure++;
    }

    /** Frees the run of {@code 2^order} frames starting at {@code pfn}. */
    public void freeRun(long pfn, int order) {
        long n = 1L << order;
        for (long f = pfn + n - 1; f >= pfn; f--) {
            free(f);
        }
    }

    /** Counts a zero fill done by the caller (a huge page: one per base frame). */
    public void countZeroFills(long n) {
        zeroFills += n;
    }

    private boolean inUse(long pfn) {
        return (inUse[(int) (pfn >>> 6)] & (1L << pfn)) != 0;
    }

    private void take(long pfn) {
        inUse[(int) (pfn >>> 6)] |= 1L << pfn;
    }

    private void release(long pfn) {
        int i = (int) pfn;
        inUse[i >>> 6] &= ~(1L << pfn);
        kind[i] = FREE;
        flags[i] = 0;
        owner[i] = 0;
        index[i] = 0;
        mapCount[i] = 0;
        swapSlot[i] = -1;
    }

    /** Grows the descriptors to cover frames below {@code limit} (1.5× steps, capped at RAM). */
    private void ensure(long limit) {
        if (limit <= kind.length) {
            return;
        }
        if (limit > Integer.MAX_VALUE - 64) {
            throw new IllegalStateException("more than 2^31 frames in use: the simulation needs a smaller RAM or page count");
        }
        long want = Math.max(limit, Math.min(frames, Math.max(1024, kind.length + (kind.length >> 1))));
        int cap = (int) Math.min(want, Integer.MAX_VALUE - 64);
        int old = kind.length;
        kind = Arrays.copyOf(kind, cap);
        flags = Arrays.copyOf(flags, cap);
        owner = Arrays.copyOf(owner, cap);
        index = Arrays.copyOf(index, cap);
        mapCount = Arrays.copyOf(mapCount, cap);
        swapSlot = Arrays.copyOf(swapSlot, cap);
        Arrays.fill(swapSlot, old, cap, -1);
        inUse = Arrays.copyOf(inUse, (cap + 63) >>> 6);
    }

    // ------------------------------------------------------------------ descriptors

    /** Records what frame {@code pfn} holds. */
    public void describe(long pfn, byte kind, int owner, long index) {
        int i = (int) pfn;
        this.kind[i] = kind;
        this.owner[i] = owner;
        this.index[i] = index;
    }

    public boolean dirty(long pfn) {
        return (flags[(int) pfn] & DIRTY) != 0;
    }

    public void setDirty(long pfn, boolean dirty) {
        int i = (int) pfn;
        flags[i] = (byte) (dirty ? flags[i] | DIRTY : flags[i] & ~DIRTY);
    }

    public boolean flag(long pfn, byte flag) {
        return (flags[(int) pfn] & flag) != 0;
    }

    public void setFlag(long pfn, byte flag, boolean on) {
        int i = (int) pfn;
        flags[i] = (byte) (on ? flags[i] | flag : flags[i] & ~flag);
    }

    public byte kind(long pfn) {
        return kind[(int) pfn];
    }

    public int owner(long pfn) {
        return owner[(int) pfn];
    }

    public long index(long pfn) {
        return index[(int) pfn];
    }

    /** Page-table entries mapping this frame (Linux's {@code _mapcount + 1}). */
    public int mapCount(long pfn) {
        return mapCount[(int) pfn];
    }

    public void setMapCount(long pfn, int n) {
        mapCount[(int) pfn] = n;
    }

    /** Swap slot that holds a copy of this frame's page (the swap cache), or -1. */
    public int swapSlot(long pfn) {
        return swapSlot[(int) pfn];
    }

    public void setSwapSlot(long pfn, int slot) {
        swapSlot[(int) pfn] = slot;
    }

    // ------------------------------------------------------------------ totals

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

    /** Highest frame number ever handed out, plus one. */
    public long highWater() {
        return neverUsed;
    }

    /** Host bytes of the frame descriptors and free structures. */
    public long footprintBytes() {
        return kind.length * 22L + inUse.length * 8L + freed.size() * 8L;
    }
}
