package org.memsim.gc.space;

import java.util.Arrays;

/**
 * A non-moving space of segregated fits (MMTk's {@code MarkSweepSpace}, Go's mcentral/mspan,
 * CPython's pymalloc pools): the space is cut into equal blocks; a block serves one size class and
 * tracks its cells in a bitmap; a block whose cells are all free returns to the free-block pool
 * and can be given back to the kernel. Objects over the largest class take a run of whole blocks.
 * <pre>
 *   block:  | cell | cell | cell | … |  cells of one size class, bitmap of used cells beside it
 *   large:  | block | block | block |  one object, the head block says how many follow
 * </pre>
 * The fast path takes the next free cell of the class's current block; the slow path
 * ({@link #refill}) takes a partially free block of the class, then an empty block, and returns -1
 * when the block budget ({@link #setCapacity}) is spent — the plan then collects.
 */
public final class FreeListSpace {
    private static final byte FREE = -1;
    private static final byte LARGE_HEAD = -2;
    private static final byte LARGE_TAIL = -3;

    private final String name;
    private final HeapReservation heap;
    private final long start;
    private final int blockBytes;
    private final int blockShift;
    private final int maxBlocks;
    private final int[] classSize;
    private final byte[] classOfGranules;  // granules (8 bytes) → class
    private final int[] cellsPerBlock;

    private final byte[] blockClass;
    private final int[] blockLive;
    private final int[] runLength;
    private final long[][] cellBits;
    private final boolean[] inPartial;
    private final boolean[] released;
    private final int[] current;
    private final int[] cursor;
    private final IntStack[] partial;
    private final IntStack emptyBlocks = new IntStack(64);
    private int frontier;
    private int blocksInUse;
    private int capacityBlocks;
    private long cellBytes;
    private int nextFitHint;

    /**
     * @param classSizes cell sizes in bytes, ascending multiples of 8, each at most blockBytes / 8
     */
    public FreeListSpace(String name, HeapReservation heap, long bytes, int blockBytes, int[] classSizes) {
        if (Integer.bitCount(blockBytes) != 1 || blockBytes < 4096) {
            throw new IllegalArgumentException("block size must be a power of two of at least 4 KiB");
        }
        this.name = name;
        this.heap = heap;
        this.blockBytes = blockBytes;
        this.blockShift = Integer.numberOfTrailingZeros(blockBytes);
        long blocks = bytes / blockBytes;
        if (blocks > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("too many blocks");
        }
        this.maxBlocks = (int) blocks;
        this.start = heap.carve((long) maxBlocks * blockBytes, blockBytes);
        this.classSize = classSizes.clone();
        int maxGranules = classSizes[classSizes.length - 1] / 8;
        classOfGranules = new byte[maxGranules + 1];
        int c = 0;
        for (int g = 1; g <= maxGranules; g++) {
            while (classSizes[c] < g * 8) {
                c++;
            }
            classOfGranules[g] = (byte) c;
        }
        cellsPerBlock = new int[classSizes.length];
        for (int k = 0; k < classSizes.length; k++) {
            cellsPerBlock[k] = blockBytes / classSizes[k];
        }
        blockClass = new byte[maxBlocks];
        Arrays.fill(blockClass, FREE);
        blockLive = new int[maxBlocks];
        runLength = new int[maxBlocks];
        cellBits = new long[maxBlocks][];
        inPartial = new boolean[maxBlocks];
        released = new boolean[maxBlocks];
        current = new int[classSizes.length];
        Arrays.fill(current, -1);
        cursor = new int[classSizes.length];
        partial = new IntStack[classSizes.length];
        for (int k = 0; k < classSizes.length; k++) {
            partial[k] = new IntStack(8);
        }
        capacityBlocks = maxBlocks;
    }

    /** Go's size classes up to 8 KiB, a sensible default table. */
    public static int[] goClasses() {
        return new int[] {8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384,
            416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456,
            4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192};
    }

    /** pymalloc's classes: multiples of 16 up to 512 bytes (CPython 3.11 {@code Objects/obmalloc.c}). */
    public static int[] pymallocClasses() {
        int[] c = new int[32];
        for (int i = 0; i < 32; i++) {
            c[i] = 16 * (i + 1);
        }
        return c;
    }

    // ---------------------------------------------------------------- allocation

    /** The offset of a new object of {@code bytes}, or -1 when the block budget is spent. */
    public long alloc(long bytes) {
        long granules = (bytes + 7) >>> 3;
        if (granules >= classOfGranules.length) {
            return allocLarge(bytes);
        }
        int c = classOfGranules[(int) Math.max(1, granules)];
        int b = current[c];
        if (b >= 0) {
            int k = nextFree(b, cursor[c], cellsPerBlock[c]);
            if (k >= 0) {
                take(b, k, c);
                return start + ((long) b << blockShift) + (long) k * classSize[c];
            }
        }
        return refill(c);
    }

    private void take(int b, int k, int c) {
        cellBits[b][k >>> 6] |= 1L << k;
        blockLive[b]++;
        cursor[c] = k + 1;
        cellBytes += classSize[c];
    }

    /** Slow path: a partial block of class {@code c}, else an empty block, else -1. */
    private long refill(int c) {
        current[c] = -1;
        IntStack q = partial[c];
        while (!q.isEmpty()) {
            int b = q.pop();
            inPartial[b] = false;
            if (blockClass[b] == c && blockLive[b] < cellsPerBlock[c]) {
                return startIn(b, c);
            }
        }
        int b = emptyBlock();
        if (b < 0) {
            return -1;
        }
        blockClass[b] = (byte) c;
        int words = (cellsPerBlock[c] + 63) >>> 6;
        if (cellBits[b] == null || cellBits[b].length < words) {
            cellBits[b] = new long[words];
        } else {
            Arrays.fill(cellBits[b], 0L);
        }
        blockLive[b] = 0;
        return startIn(b, c);
    }

    private long startIn(int b, int c) {
        current[c] = b;
        int k = nextFree(b, 0, cellsPerBlock[c]);
        take(b, k, c);
        return start + ((long) b << blockShift) + (long) k * classSize[c];
    }

    private int nextFree(int b, int from, int cells) {
        long[] bits = cellBits[b];
        for (int k = from; k < cells; ) {
            long w = ~bits[k >>> 6] & (-1L << k);
            if (w != 0) {
                int found = ((k >>> 6) << 6) + Long.numberOfTrailingZeros(w);
                return found < cells ? found : -1;
            }
            k = ((k >>> 6) + 1) << 6;
        }
        return -1;
    }

    /** An empty block within the budget, or -1. */
    private int emptyBlock() {
        if (blocksInUse >= capacityBlocks) {
            return -1;
        }
        int b;
        if (!emptyBlocks.isEmpty()) {
            b = emptyBlocks.pop();
        } else if (frontier < maxBlocks) {
            b = frontier++;
        } else {
            return -1;
        }
        blocksInUse++;
        released[b] = false;
        return b;
    }

    private long allocLarge(long bytes) {
        long n = (bytes + blockBytes - 1) >>> blockShift;
        if (n > maxBlocks || blocksInUse + n > capacityBlocks) {
            return -1;
        }
        int run = (int) n;
        int b = findRun(run);
        if (b < 0) {
            return -1;
        }
        for (int i = b; i < b + run; i++) {
            blockClass[i] = i == b ? LARGE_HEAD : LARGE_TAIL;
            released[i] = false;
        }
        if (b + run > frontier) {
            frontier = b + run;
        }
        runLength[b] = run;
        blockLive[b] = 1;
        blocksInUse += run;
        cellBytes += (long) run << blockShift;
        return start + ((long) b << blockShift);
    }

    /** First run of {@code n} free blocks, next-fit from the last hint; the frontier last. */
    private int findRun(int n) {
        if (n == 1 && !emptyBlocks.isEmpty()) {
            return emptyBlocks.pop();
        }
        int runStart = -1;
        int len = 0;
        for (int scanned = 0, i = nextFitHint; scanned < frontier; scanned++, i++) {
            if (i >= frontier) {
                i = 0;
                len = 0;
            }
            if (blockClass[i] == FREE && !inEmptyStack(i)) {
                if (len == 0) {
                    runStart = i;
                }
                if (++len == n) {
                    nextFitHint = runStart + n;
                    removeFromEmpty(runStart, n);
                    return runStart;
                }
            } else {
                len = 0;
            }
        }
        if (frontier + n <= maxBlocks) {
            return frontier;
        }
        return -1;
    }

    private boolean inEmptyStack(int b) {
        return false; // empty-stack blocks are FREE too and may join a run; removeFromEmpty drops them
    }

    private void removeFromEmpty(int from, int n) {
        int w = 0;
        for (int i = 0; i < emptyBlocks.size(); i++) {
            int b = emptyBlocks.get(i);
            if (b < from || b >= from + n) {
                emptyBlocks.set(w++, b);
            }
        }
        while (emptyBlocks.size() > w) {
            emptyBlocks.pop();
        }
    }

    // ---------------------------------------------------------------- freeing

    /** Frees the object at {@code offset}; returns its cell's bytes. */
    public long free(long offset) {
        int b = (int) ((offset - start) >>> blockShift);
        byte c = blockClass[b];
        if (c == LARGE_HEAD) {
            int run = runLength[b];
            for (int i = b; i < b + run; i++) {
                blockClass[i] = FREE;
                blockLive[i] = 0;
                emptyBlocks.push(i);
            }
            blocksInUse -= run;
            long freed = (long) run << blockShift;
            cellBytes -= freed;
            return freed;
        }
        if (c < 0) {
            throw new IllegalStateException(name + ": free of offset " + offset + " in a block that holds no cells");
        }
        int k = (int) (((offset - start) & (blockBytes - 1)) / classSize[c]);
        long bit = 1L << k;
        if ((cellBits[b][k >>> 6] & bit) == 0) {
            throw new IllegalStateException(name + ": double free of cell " + k + " in block " + b);
        }
        cellBits[b][k >>> 6] &= ~bit;
        cellBytes -= classSize[c];
        int live = --blockLive[b];
        if (live == 0 && current[c] != b) {
            blockClass[b] = FREE;
            blocksInUse--;
            emptyBlocks.push(b);
        } else if (!inPartial[b] && current[c] != b) {
            inPartial[b] = true;
            partial[c].push(b);
        }
        if (current[c] == b && k < cursor[c]) {
            cursor[c] = k;
        }
        return classSize[c];
    }

    /** Gives every empty block not yet released back to the kernel; returns the bytes released. */
    public long releaseEmptyBlocks() {
        long bytes = 0;
        for (int i = 0; i < emptyBlocks.size(); i++) {
            int b = emptyBlocks.get(i);
            if (!released[b]) {
                released[b] = true;
                heap.release(start + ((long) b << blockShift), blockBytes);
                bytes += blockBytes;
            }
        }
        return bytes;
    }

    /** Bytes of empty blocks still resident (candidates for {@link #releaseEmptyBlocks}). */
    public long unreleasedEmptyBytes() {
        long n = 0;
        for (int i = 0; i < emptyBlocks.size(); i++) {
            if (!released[emptyBlocks.get(i)]) {
                n++;
            }
        }
        return n << blockShift;
    }

    /**
     * The invariants (mimalloc-style {@code used + free == capacity}): every block's live count
     * equals its used cells, the blocks in use and the cell bytes in use add up, runs are whole.
     */
    public void verify() {
        long cells = 0;
        int inUse = 0;
        for (int b = 0; b < frontier; b++) {
            byte c = blockClass[b];
            if (c == FREE || c == LARGE_TAIL) {
                continue;
            }
            if (c == LARGE_HEAD) {
                int run = runLength[b];
                for (int j = b + 1; j < b + run; j++) {
                    if (blockClass[j] != LARGE_TAIL) {
                        throw new IllegalStateException(name + ": block " + j + " of the large run at " + b + " is not part of it");
                    }
                }
                inUse += run;
                cells += (long) run << blockShift;
                continue;
            }
            int used = 0;
            for (long w : cellBits[b]) {
                used += Long.bitCount(w);
            }
            if (used != blockLive[b]) {
                throw new IllegalStateException(name + ": block " + b + " counts " + blockLive[b] + " live cells, its bitmap " + used);
            }
            inUse++;
            cells += (long) used * classSize[c];
        }
        if (inUse != blocksInUse || cells != cellBytes) {
            throw new IllegalStateException(name + ": " + inUse + " blocks and " + cells + " cell bytes in use, counted "
                + blocksInUse + " and " + cellBytes);
        }
    }

    // ---------------------------------------------------------------- sizes

    /** The cell bytes an object of {@code bytes} takes. */
    public long cellSize(long bytes) {
        long granules = (bytes + 7) >>> 3;
        if (granules >= classOfGranules.length) {
            return ((bytes + blockBytes - 1) >>> blockShift) << blockShift;
        }
        return classSize[classOfGranules[(int) Math.max(1, granules)]];
    }

    /** Caps the blocks in use at {@code bytes} (the heap size the plan allows now). */
    public void setCapacity(long bytes) {
        capacityBlocks = (int) Math.min(maxBlocks, Math.max(1, bytes >>> blockShift));
    }

    public long capacity() {
        return (long) capacityBlocks << blockShift;
    }

    public long reserved() {
        return (long) maxBlocks << blockShift;
    }

    /** Bytes of blocks holding cells or large objects. */
    public long blockBytesInUse() {
        return (long) blocksInUse << blockShift;
    }

    /** Bytes of cells in use (objects rounded to their class). */
    public long cellBytesInUse() {
        return cellBytes;
    }

    public boolean contains(long offset) {
        return offset >= start && offset < start + ((long) maxBlocks << blockShift);
    }

    public int blockBytes() {
        return blockBytes;
    }

    public String name() {
        return name;
    }
}
