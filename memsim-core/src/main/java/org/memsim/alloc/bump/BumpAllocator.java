package org.memsim.alloc.bump;

import java.util.Arrays;
import java.util.List;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.ChunkDirectory;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.csapp.RankBitmap;
import org.memsim.collections.LongLongHashMap;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.kernel.SystemCalls;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;
import org.memsim.vm.Addresses;
import org.memsim.vm.MemoryPort;

/**
 * A bump-pointer arena (region allocation: Hanson, "Fast Allocation and Deallocation of Memory Based
 * on Object Lifetimes", SP&amp;E 1990; GNU obstack, APR pools, Rust's bumpalo): {@code malloc} rounds
 * the pointer up to the alignment and moves it past the request, taking a new chunk from the kernel
 * ({@code brk} or {@code mmap}) when the current one is full; {@code free} of one block does nothing —
 * its bytes stay used until the arena is reset, which is the point. A reset ({@code reset=dead}: the
 * moment no block is live; {@code reset=N}: every N calls; {@code reset=never}) moves the pointer
 * back to the first chunk and keeps every chunk for reuse.
 * <pre>
 *  chunk 0: | blk | blk |pad| blk | blk ...........|      chunk 1: | blk | blk | ->       free space |
 *           ^ start                    wasted tail ^                            ^ bump pointer  chunk end ^
 * </pre>
 * No header is written (the arena does not know a block's size; the host keeps a bitmap of block
 * starts for {@link #grantedSize} and a bitmap of live blocks). User guide: {@code docs/allocators/bump.md}.
 */
public final class BumpAllocator implements Allocator {
    /** The registry's keys for {@code bump}. */
    public static final List<Param> PARAMS = List.of(
        Param.of("chunk", "64k", "bytes taken from the kernel at a time (a larger request takes a chunk of its own size)"),
        Param.of("align", "16", "alignment of every block (power of two, 8 to 4096)"),
        Param.choice("source", "brk", "where chunks come from: brk (contiguous: no wasted tails) or mmap", "brk", "mmap"),
        Param.of("reset", "dead", "free everything: dead (when no block is live), N (every N calls), or never"));

    private static final long MAX_REQUEST = 1L << 40;
    private static final long NEVER = 0;
    private static final long WHEN_DEAD = -1;

    private final SystemCalls kernel;
    private final MemoryPort memory;
    private final SimClock clock;
    private final CostModel cost;
    private final LayerLog log;
    private final long chunk;
    private final long align;
    private final int shift;
    private final boolean mmap;
    private final long resetEvery; // NEVER, WHEN_DEAD, or a number of calls

    // chunks in creation order (the order the pointer visits them)
    private long[] start = new long[8];
    private long[] end = new long[8];
    private long[] used = new long[8];   // where the pointer left the chunk in this generation
    private long[] high = new long[8];   // the highest the pointer ever got in the chunk
    private long[] granule = new long[8]; // bitmap granule of the chunk's first byte
    private int chunkCount;
    private int lastChunk = -1; // the chunk chunkOf found last
    private final ChunkDirectory directory = new ChunkDirectory(); // chunk starts in address order, for lookups
    private int current = -1;  // chunk the pointer is in
    private long ptr;          // the bump pointer
    private long granules;     // bitmap granules handed out to chunks so far
    private long freeAfter;    // bytes of the chunks after the current one (kept from before a reset)

    private final RankBitmap starts = new RankBitmap(1024, false); // block (and alignment gap) starts since the last reset
    private final RankBitmap live = new RankBitmap(1024, false);   // blocks not yet freed
    private final LongLongHashMap gaps = new LongLongHashMap(16, 0); // granules where an alignment gap starts
    private long liveBlocks;
    private long lastGranted;
    private long calls;
    private long footprint;

    private final Counter resets;
    private final Counter chunks;
    private final Counter wasted;
    private final Counter deadFrees;

    public BumpAllocator(Params p, AllocatorContext c) {
        this.kernel = c.kernel();
        this.memory = c.memory();
        this.clock = c.clock();
        this.cost = c.cost();
        this.log = c.log();
        this.chunk = p.bytes("chunk");
        this.align = p.bytes("align");
        if (!Addresses.isPowerOfTwo(align) || align < 8 || align > 4096) {
            throw new SpecException("bump: align=" + align + " must be a power of two from 8 to 4096");
        }
        if (chunk < align || chunk > (1L << 40)) {
            throw new SpecException("bump: chunk=" + chunk + " must be from align to 1 TiB");
        }
        this.shift = Long.numberOfTrailingZeros(align);
        this.mmap = p.string("source").equals("mmap");
        String r = p.string("reset");
        if (r.equals("dead")) {
            resetEvery = WHEN_DEAD;
        } else if (r.equals("never")) {
            resetEvery = NEVER;
        } else {
            long n;
            try {
                n = org.memsim.spec.Values.parseLong(r);
            } catch (NumberFormatException e) {
                throw new SpecException("bump: reset=" + r + " is not dead, never or a number of calls");
            }
            if (n < 1) {
                throw new SpecException("bump: reset=" + r + " must be at least 1");
            }
            resetEvery = n;
        }
        Metrics m = c.metrics();
        resets = m.counter("alloc.bump.resets", "resets", "times the arena freed everything at once");
        chunks = m.counter("alloc.bump.chunks", "chunks", "chunks taken from the kernel (or brk extensions of the last one)");
        wasted = m.counter("alloc.bump.wastedTail", "bytes", "chunk tails skipped when a request did not fit");
        deadFrees = m.counter("alloc.bump.deadFrees", "calls", "frees that released nothing (the bytes stay used until a reset)");
    }

    // ------------------------------------------------------------------ chunks

    /** Chunk holding {@code address}, or -1: the chunk found last when it holds it (chunks are disjoint), else a binary search. */
    private int chunkOf(long address) {
        int c = lastChunk;
        if (c >= 0 && address >= start[c] && address < end[c]) {
            return c;
        }
        return searchChunk(address);
    }

    private int searchChunk(long address) {
        int i = directory.floor(address);
        if (i < 0 || address >= end[i]) {
            return -1;
        }
        lastChunk = i;
        return i;
    }

    private long granuleOf(int c, long address) {
        return granule[c] + ((address - start[c]) >> shift);
    }

    /** Where the blocks of chunk {@code c} end in this generation. */
    private long usedEnd(int c) {
        return c < current ? used[c] : c == current ? ptr : start[c];
    }

    /** Gets room for {@code need} more bytes from the kernel; false when refused. */
    private boolean grow(long need) {
        long size = Addresses.alignUp(Math.max(chunk, need), align);
        if (!mmap && current >= 0 && current == chunkCount - 1 && end[current] == kernel.currentBreak()) {
            // the break is where the last chunk ends: extend that chunk, no tail is wasted
            long oldEnd = end[current];
            long newEnd = oldEnd + size;
            if (kernel.brk(newEnd) != newEnd) {
                return false;
            }
            footprint += size;
            chunks.inc();
            end[current] = newEnd;
            granules += size >> shift;
            ensureBitmaps();
            if (log.enabled()) {
                note("brk: the arena grows by " + size + " bytes to " + Addresses.hex(newEnd));
            }
            return true;
        }
        long at;
        if (mmap) {
            at = kernel.mmap(0, size, Prot.READ | Prot.WRITE, MapFlags.PRIVATE | MapFlags.ANONYMOUS, 0, 0);
            if (at == SystemCalls.MAP_FAILED) {
                return false;
            }
            size = Addresses.alignUp(size, kernel.pageSize());
            footprint += size;
        } else {
            long brk = kernel.currentBreak();
            at = Addresses.alignUp(brk, align);
            if (kernel.brk(at + size) != at + size) {
                return false;
            }
            footprint += at + size - brk;
        }
        chunks.inc();
        if (current >= 0) {
            used[current] = ptr;
            wasted.add(end[current] - ptr);
        }
        addChunk(at, size);
        current = chunkCount - 1;
        ptr = at;
        if (log.enabled()) {
            note("new chunk of " + size + " bytes at " + Addresses.hex(at) + " (" + (mmap ? "mmap" : "brk") + ")");
        }
        return true;
    }

    private void addChunk(long at, long size) {
        int i = chunkCount++;
        if (i == start.length) {
            int n = i * 2;
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            used = Arrays.copyOf(used, n);
            high = Arrays.copyOf(high, n);
            granule = Arrays.copyOf(granule, n);
        }
        start[i] = at;
        end[i] = at + size;
        used[i] = at;
        high[i] = at;
        granule[i] = granules;
        granules += size >> shift;
        ensureBitmaps();
        directory.add(at, i);
    }

    private void ensureBitmaps() {
        starts.ensure(granules + 1);
        live.ensure(granules + 1);
    }

    // ------------------------------------------------------------------ API

    private void tick() {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        calls++;
        if (resetEvery > 0 && calls % resetEvery == 0) {
            reset();
        }
    }

    /** Frees everything: the pointer goes back to the first chunk; every chunk is kept for reuse. */
    private void reset() {
        if (current < 0) {
            return;
        }
        resets.inc();
        for (int i = 0; i <= current; i++) {
            long u = usedEnd(i);
            if (u > high[i]) {
                high[i] = u;
            }
            starts.clearRange(granule[i], granuleOf(i, u));
            live.clearRange(granule[i], granuleOf(i, u));
            used[i] = start[i];
        }
        if (gaps.size() > 0) {
            gaps.clear();
        }
        liveBlocks = 0;
        current = 0;
        ptr = start[0];
        freeAfter = 0;
        for (int i = 1; i < chunkCount; i++) {
            freeAfter += end[i] - start[i];
        }
        if (log.enabled()) {
            note("reset: every block freed at once; the pointer is back at " + Addresses.hex(ptr));
        }
    }

    @Override
    public long malloc(long size, long requestedAlign) {
        tick();
        lastGranted = 0;
        if (size < 0 || size > MAX_REQUEST || kernel.killed() || requestedAlign > (1L << 30)) {
            return 0;
        }
        long a = Math.max(align, requestedAlign);
        long bytes = Addresses.alignUp(Math.max(size, 1), align); // malloc(0) still gets a unique address
        while (true) {
            if (current >= 0) {
                long at = Addresses.alignUp(ptr, a);
                if (at <= end[current] - bytes) {
                    if (at > ptr) {
                        long gap = granuleOf(current, ptr);
                        starts.set(gap); // an alignment gap: part of no block
                        gaps.put(gap, 1);
                    }
                    long g = granuleOf(current, at);
                    starts.set(g);
                    live.set(g);
                    liveBlocks++;
                    ptr = at + bytes;
                    lastGranted = bytes;
                    return at;
                }
                if (current + 1 < chunkCount) {
                    // after a reset: move on to the next chunk kept from before
                    used[current] = ptr;
                    wasted.add(end[current] - ptr);
                    current++;
                    ptr = start[current];
                    freeAfter -= end[current] - start[current];
                    continue;
                }
            }
            if (!grow(bytes + a - align)) {
                return 0;
            }
        }
    }

    @Override
    public long calloc(long count, long size) {
        if (count < 0 || size < 0 || (size != 0 && count > MAX_REQUEST / size)) {
            tick();
            return 0;
        }
        long p = malloc(count * size, 0);
        if (p != 0 && count * size > 0) {
            memory.write(p, count * size); // memset: chunks from the kernel are zero, but reused bytes are not
        }
        return p;
    }

    /** Granule of the live block at {@code address}, or -1. */
    private long liveGranule(long address) {
        int c = chunkOf(address);
        if (c < 0 || ((address - start[c]) & (align - 1)) != 0) {
            return -1;
        }
        long g = granuleOf(c, address);
        return live.get(g) ? g : -1;
    }

    @Override
    public long realloc(long address, long size) {
        if (address == 0) {
            return malloc(size, 0);
        }
        if (size == 0) {
            free(address);
            return 0;
        }
        long g = liveGranule(address);
        if (g < 0) {
            if (resetEvery > 0) {
                return malloc(size, 0); // a block abandoned by a reset: its bytes are someone else's now
            }
            throw new IllegalStateException("bump: realloc of " + Addresses.hex(address) + ", not a live block");
        }
        int c = chunkOf(address);
        long old = blockBytes(c, g);
        if (size < 0 || size > MAX_REQUEST) {
            tick();
            return 0;
        }
        long bytes = Addresses.alignUp(size, align);
        if (c == current && address + old == ptr && bytes <= end[current] - address) {
            tick();
            ptr = address + bytes; // the newest block grows or shrinks in place
            return address;
        }
        if (bytes <= old) {
            tick();
            return address; // shrinking in place: the tail stays with the block
        }
        long p = malloc(size, 0);
        if (p == 0) {
            return 0;
        }
        memory.read(address, old);
        memory.write(p, old);
        free(address);
        return p;
    }

    @Override
    public void free(long address) {
        tick();
        lastGranted = 0;
        if (address == 0) {
            return;
        }
        long g = liveGranule(address);
        if (g < 0) {
            if (resetEvery > 0) {
                return; // abandoned by an op-count reset (or freed twice): the arena cannot tell, nothing to do
            }
            throw new IllegalStateException("bump: free of " + Addresses.hex(address) + ", not a live block");
        }
        lastGranted = blockBytes(chunkOf(address), g);
        live.clear(g);
        liveBlocks--;
        deadFrees.inc();
        if (log.enabled()) {
            note("free(" + Addresses.hex(address) + "): nothing to do, its bytes stay used until a reset");
        }
        if (resetEvery == WHEN_DEAD && liveBlocks == 0) {
            reset();
        }
    }

    /** Bytes from a block's start to the next block's (or the end of the chunk's blocks). */
    private long blockBytes(int c, long g) {
        long limit = granuleOf(c, usedEnd(c));
        long next = starts.nextSet(g + 1, limit);
        return ((next >= 0 ? next : limit) - g) << shift;
    }

    @Override
    public long usableSize(long address) {
        return grantedSize(address);
    }

    @Override
    public long grantedSize(long address) {
        long g = liveGranule(address);
        if (g < 0) {
            if (resetEvery > 0) {
                return 0; // a block abandoned by an op-count reset
            }
            throw new IllegalStateException("bump: " + Addresses.hex(address) + " is not a live block");
        }
        return blockBytes(chunkOf(address), g);
    }

    @Override
    public long lastGranted() {
        return lastGranted;
    }

    @Override
    public long freeBytes() {
        return current < 0 ? 0 : end[current] - ptr + freeAfter;
    }

    @Override
    public long largestFree() {
        if (current < 0) {
            return 0;
        }
        long m = end[current] - ptr;
        for (int i = current + 1; i < chunkCount; i++) {
            m = Math.max(m, end[i] - start[i]);
        }
        return m;
    }

    @Override
    public long freeBlocks() {
        return current < 0 ? 0 : (end[current] > ptr ? 1 : 0) + (chunkCount - 1 - current);
    }

    @Override
    public long lastSearched() {
        return -1;
    }

    @Override
    public long footprint() {
        return footprint;
    }

    /** Blocks allocated and not yet freed (since the last reset). */
    public long liveBlocks() {
        return liveBlocks;
    }

    @Override
    public void heapMap(HeapSpans spans) {
        for (int k = 0; k < chunkCount; k++) {
            int c = directory.chunkAt(k);
            long u = usedEnd(c);
            long limit = granuleOf(c, u);
            for (long g = starts.nextSet(granule[c], limit); g >= 0 && g < limit; ) {
                long next = starts.nextSet(g + 1, limit);
                long e = next >= 0 ? next : limit;
                long from = start[c] + ((g - granule[c]) << shift);
                long to = start[c] + ((e - granule[c]) << shift);
                // a freed block keeps its bytes until the next reset: still a block, not free memory
                spans.span(from, to, gaps.get(g) != 0 ? HeapSpans.METADATA : HeapSpans.BLOCK);
                g = e;
            }
            long h = Math.max(u, high[c]);
            if (h > u) {
                spans.span(u, h, HeapSpans.FREE);
            }
            if (end[c] > h) {
                spans.span(h, end[c], HeapSpans.NEVER_USED);
            }
        }
    }

    @Override
    public void verify() {
        if (current < 0) {
            if (liveBlocks != 0 || starts.count() != 0 || chunkCount != 0) {
                throw new IllegalStateException("bump: blocks before the first chunk");
            }
            return;
        }
        if (ptr < start[current] || ptr > end[current] || ((ptr - start[current]) & (align - 1)) != 0) {
            throw new IllegalStateException("bump: pointer " + Addresses.hex(ptr) + " outside its chunk or misaligned");
        }
        if (live.count() != liveBlocks) {
            throw new IllegalStateException("bump: " + live.count() + " live marks, " + liveBlocks + " counted");
        }
        long marks = 0;
        long total = 0;
        long after = 0;
        for (int i = 0; i < chunkCount; i++) {
            if (end[i] <= start[i] || high[i] > end[i] || used[i] < start[i] || used[i] > end[i]) {
                throw new IllegalStateException("bump: chunk " + i + " bounds broken");
            }
            if (i > current && used[i] != start[i]) {
                throw new IllegalStateException("bump: chunk " + i + " is ahead of the pointer but holds blocks");
            }
            if (i > current) {
                after += end[i] - start[i];
            }
            total += end[i] - start[i];
            long chunkEndG = granuleOf(i, end[i]);
            long limit = granuleOf(i, usedEnd(i));
            for (long g = starts.nextSet(granule[i], chunkEndG); g >= 0; g = starts.nextSet(g + 1, chunkEndG)) {
                if (g >= limit) {
                    throw new IllegalStateException("bump: chunk " + i + " has a block above where its blocks end");
                }
                marks++;
            }
        }
        for (int k = 1; k < chunkCount; k++) {
            if (end[directory.chunkAt(k - 1)] > directory.startAt(k) || start[directory.chunkAt(k)] != directory.startAt(k)) {
                throw new IllegalStateException("bump: chunks overlap");
            }
        }
        if (marks != starts.count()) {
            throw new IllegalStateException("bump: block marks outside every chunk");
        }
        if (after != freeAfter) {
            throw new IllegalStateException("bump: free bytes after the pointer miscounted");
        }
        if (total > footprint) {
            throw new IllegalStateException("bump: chunks hold more than the footprint");
        }
        for (long g = live.nextSet(0); g >= 0; g = live.nextSet(g + 1)) {
            if (!starts.get(g) || gaps.get(g) != 0) {
                throw new IllegalStateException("bump: a live block has no start mark");
            }
        }
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.ALLOCATOR, "bump: " + what);
        }
    }
}
