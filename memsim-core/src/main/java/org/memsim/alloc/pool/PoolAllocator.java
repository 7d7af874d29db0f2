package org.memsim.alloc.pool;

import java.util.Arrays;
import java.util.List;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.Allocators;
import org.memsim.alloc.ChunkDirectory;
import org.memsim.alloc.HeapSpans;
import org.memsim.collections.LongArrayList;
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
import org.memsim.spec.Spec;
import org.memsim.spec.SpecException;
import org.memsim.vm.Addresses;
import org.memsim.vm.MemoryPort;

/**
 * A fixed-size pool for one hot size (the simple segregated storage of Knuth, TAOCP vol. 1 §2.5,
 * and Wilson et al. 1995 §3.6; Boost.Pool, APR's and nginx's free-list pools): chunks mapped from the
 * kernel with {@code mmap} are carved into equal slots on demand, freed slots go on a LIFO free list
 * linked through the slots themselves, and a request is served by popping that list, else by
 * carving the next slot. Requests outside {@code [min, size]} (and aligned requests the slots cannot
 * meet) go to a fallback allocator built from the registry with its own spec ({@code fallback=NAME},
 * keys after a colon separated by ';': {@code fallback=csapp:fit=best;list=explicit}).
 * <pre>
 *  chunk: | slot | slot | free | slot | free | slot |  uncarved ...       |
 *                          free list: ^------^  (next pointer in the first 8 bytes of a free slot)
 * </pre>
 * User guide: {@code docs/allocators/pool.md}.
 */
public final class PoolAllocator implements Allocator {
    /** The registry's keys for {@code pool}. */
    public static final List<Param> PARAMS = List.of(
        Param.of("size", "64", "slot size: the hot size, and the largest request the pool serves"),
        Param.of("min", "1", "smallest request the pool serves (smaller ones go to the fallback)"),
        Param.of("align", "16", "slot alignment (power of two); slots are the size rounded up to it"),
        Param.of("chunk", "64k", "bytes mapped from the kernel at a time and carved into slots"),
        Param.of("fallback", "freelist", "the allocator for everything else: NAME or NAME:k=v;k=v (keys separated by ';')"));

    private static final int NIL = -1;

    private long poolGranted;              // the slot the last pooled malloc returned or free released
    private final boolean fallbackReportsGranted;
    private final Allocator fallback;
    private final SystemCalls kernel;
    private final MemoryPort memory;
    private final SimClock clock;
    private final CostModel cost;
    private final LayerLog log;
    private final long min;
    private final long max;
    private final long slot;
    private final long align;
    private final long chunkBytes;
    private final int perChunk;
    // log2 of slot and perChunk when both are powers of two (the defaults: 64-byte slots, 1,024 a
    // chunk), so slot addresses and indexes take shifts and masks instead of divisions; else -1
    private final int slotShift;
    private final int perChunkShift;

    private long[] chunkStart = new long[4];
    private final ChunkDirectory directory = new ChunkDirectory();
    private int chunks;
    // [chunksLow, chunksHigh): the span from the lowest chunk's start to the highest chunk's end, so an
    // address outside every chunk (most fallback frees) is told apart without the directory's search
    private long chunksLow;
    private long chunksHigh;
    private int lastChunk;       // the chunk slotOf last found, tried before the directory's search
    private int carved;          // slots carved so far in the newest chunk
    private int[] freeStack = new int[64]; // free slot indexes (chunk * perChunk + i), top = the free list's head
    private int freeCount;
    private long[] live = new long[1];     // by slot index
    private long liveSlots;
    private long footprint;
    private long lastSearched;
    private boolean lastFromPool;

    private final Counter hits;
    private final Counter fallbacks;
    private final Counter chunkCounter;

    public PoolAllocator(Params p, AllocatorContext c) {
        this.kernel = c.kernel();
        this.memory = c.memory();
        this.clock = c.clock();
        this.cost = c.cost();
        this.log = c.log();
        this.max = p.bytes("size");
        this.min = p.bytes("min");
        this.align = p.bytes("align");
        this.chunkBytes = p.bytes("chunk");
        if (!Addresses.isPowerOfTwo(align) || align < 8 || align > 4096) {
            throw new SpecException("pool: align=" + align + " must be a power of two from 8 to 4096");
        }
        if (max < 1 || max > (1L << 30) || min < 0 || min > max) {
            throw new SpecException("pool: need 0 <= min <= size <= 1 GiB (min=" + min + ", size=" + max + ")");
        }
        this.slot = Addresses.alignUp(Math.max(max, 8), align);
        if (chunkBytes < slot || chunkBytes > (1L << 40)) {
            throw new SpecException("pool: chunk=" + chunkBytes + " must hold at least one " + slot + "-byte slot");
        }
        this.perChunk = (int) Math.min(1 << 24, chunkBytes / slot);
        boolean shifts = Addresses.isPowerOfTwo(slot) && Addresses.isPowerOfTwo(perChunk);
        this.slotShift = shifts ? Long.numberOfTrailingZeros(slot) : -1;
        this.perChunkShift = shifts ? Integer.numberOfTrailingZeros(perChunk) : -1;
        String fb = p.string("fallback").replace(';', ',');
        if (Spec.parse(fb).name().equals("pool")) {
            throw new SpecException("pool: fallback=" + p.string("fallback") + ": a pool cannot fall back to another pool");
        }
        this.fallback = Allocators.create(fb, c);
        this.fallbackReportsGranted = fallback.lastGranted() >= 0;
        Metrics m = c.metrics();
        hits = m.counter("alloc.pool.hits", "allocs", "requests served by the pool");
        fallbacks = m.counter("alloc.pool.fallbacks", "allocs", "requests sent to the fallback allocator");
        chunkCounter = m.counter("alloc.pool.chunks", "chunks", "chunks mapped for slots");
        m.gauge("alloc.pool.liveSlots", "slots", "pool slots in use", () -> liveSlots);
    }

    /** The fallback allocator. */
    public Allocator fallback() {
        return fallback;
    }

    private boolean pooled(long size, long requestedAlign) {
        return size >= min && size <= max && (requestedAlign <= align || requestedAlign == 0);
    }

    private long address(int index) {
        if (slotShift >= 0) {
            return chunkStart[index >>> perChunkShift] + ((long) (index & (perChunk - 1)) << slotShift);
        }
        return chunkStart[index / perChunk] + (long) (index % perChunk) * slot;
    }

    /** Slot index at {@code address}, or -1 when the address is in no pool chunk. */
    private int slotOf(long address) {
        // unsigned compares: one test for "below the low end or at/above the high end"
        if (Long.compareUnsigned(address - chunksLow, chunksHigh - chunksLow) >= 0) {
            return -1; // the directory would find no chunk, or one the address lies beyond
        }
        int c = lastChunk;
        long off = address - chunkStart[c];
        if (Long.compareUnsigned(off, chunkBytes) >= 0) {
            // chunks do not overlap, so an address inside chunk c has c as its floor; else search
            c = directory.floor(address);
            if (c < 0) {
                return -1;
            }
            lastChunk = c;
            off = address - chunkStart[c];
        }
        if (off >= (long) perChunk * slot) {
            return off < chunkBytes ? -2 : -1;
        }
        if (slotShift >= 0) {
            return (off & (slot - 1)) != 0 ? -2 : (c << perChunkShift) + (int) (off >>> slotShift);
        }
        return off % slot != 0 ? -2 : c * perChunk + (int) (off / slot);
    }

    private boolean isLive(int i) {
        return (live[i >>> 6] & (1L << i)) != 0;
    }

    private boolean newChunk() {
        if ((long) (chunks + 1) * perChunk > Integer.MAX_VALUE - 64) {
            return false;
        }
        long at = kernel.mmap(0, chunkBytes, Prot.READ | Prot.WRITE, MapFlags.PRIVATE | MapFlags.ANONYMOUS, 0, 0);
        if (at == SystemCalls.MAP_FAILED) {
            return false;
        }
        footprint += Addresses.alignUp(chunkBytes, kernel.pageSize());
        int c = chunks++;
        if (c == chunkStart.length) {
            chunkStart = Arrays.copyOf(chunkStart, c * 2);
        }
        chunkStart[c] = at;
        directory.add(at, c);
        if (c == 0 || at < chunksLow) {
            chunksLow = at;
        }
        chunksHigh = Math.max(chunksHigh, at + chunkBytes);
        int words = (int) (((long) chunks * perChunk + 63) >>> 6);
        if (words > live.length) {
            live = Arrays.copyOf(live, Math.max(words, live.length + (live.length >> 1)));
        }
        carved = 0;
        chunkCounter.inc();
        if (log.enabled()) {
            note("new chunk of " + chunkBytes + " bytes at " + Addresses.hex(at) + " for " + perChunk + " slots of " + slot + " bytes");
        }
        return true;
    }

    @Override
    public long malloc(long size, long requestedAlign) {
        if (!pooled(size, requestedAlign)) {
            fallbacks.inc();
            lastFromPool = false;
            return fallback.malloc(size, requestedAlign);
        }
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastFromPool = true;
        poolGranted = 0;
        int i;
        if (freeCount > 0) {
            i = freeStack[--freeCount];
            lastSearched = 1;
            memory.read(address(i), 8); // the free list's next pointer, stored in the slot
        } else {
            lastSearched = 0;
            if (chunks == 0 || carved == perChunk) {
                if (kernel.killed() || !newChunk()) {
                    return 0;
                }
            }
            i = (chunks - 1) * perChunk + carved++;
        }
        live[i >>> 6] |= 1L << i;
        liveSlots++;
        hits.inc();
        poolGranted = slot;
        return address(i);
    }

    @Override
    public long calloc(long count, long size) {
        if (count < 0 || size < 0 || (size != 0 && count > (1L << 40) / size)) {
            return fallback.calloc(count, size);
        }
        if (!pooled(count * size, 0)) {
            fallbacks.inc();
            lastFromPool = false;
            return fallback.calloc(count, size);
        }
        long p = malloc(count * size, 0);
        if (p != 0 && count * size > 0) {
            memory.write(p, count * size);
        }
        return p;
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
        int i = slotOf(address);
        if (i == -1) {
            lastFromPool = false;
            return fallback.realloc(address, size); // a fallback block stays with the fallback
        }
        checkLive(i, address, "realloc");
        if (pooled(size, 0)) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastFromPool = true;
            lastSearched = 0;
            return address; // the slot already holds it
        }
        long p = malloc(size, 0);
        if (p == 0) {
            return 0;
        }
        long copy = Math.min(size, slot);
        memory.read(address, copy);
        memory.write(p, copy);
        boolean from = lastFromPool;
        long searched = lastSearched();
        free(address);
        lastFromPool = from;
        lastSearched = searched;
        return p;
    }

    private void checkLive(int i, long address, String op) {
        if (i < 0 || !isLive(i)) {
            throw new IllegalStateException("pool: " + op + " of " + Addresses.hex(address) + ", not a live slot");
        }
    }

    @Override
    public void free(long address) {
        if (address == 0) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastFromPool = true;
            lastSearched = 0;
            poolGranted = 0;
            return;
        }
        int i = slotOf(address);
        if (i == -1) {
            lastFromPool = false;
            fallback.free(address);
            return;
        }
        checkLive(i, address, "free");
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastFromPool = true;
        lastSearched = 0;
        poolGranted = slot;
        memory.write(address, 8); // link the slot into the free list
        live[i >>> 6] &= ~(1L << i);
        liveSlots--;
        if (freeCount == freeStack.length) {
            freeStack = Arrays.copyOf(freeStack, freeCount * 2);
        }
        freeStack[freeCount++] = i;
    }

    @Override
    public long usableSize(long address) {
        return grantedSize(address);
    }

    /** The slot size for the pool's own ops, the fallback's figure for the rest; -1 when the fallback keeps none. */
    @Override
    public long lastGranted() {
        if (!fallbackReportsGranted) {
            return -1;
        }
        return lastFromPool ? poolGranted : fallback.lastGranted();
    }

    @Override
    public long grantedSize(long address) {
        int i = slotOf(address);
        if (i == -1) {
            return fallback.grantedSize(address);
        }
        checkLive(i, address, "grantedSize");
        return slot;
    }

    private long uncarved() {
        return chunks == 0 ? 0 : (long) (perChunk - carved) * slot;
    }

    @Override
    public long freeBytes() {
        return freeCount * slot + uncarved() + fallback.freeBytes();
    }

    @Override
    public long largestFree() {
        long m = fallback.largestFree();
        if (uncarved() > m) {
            m = uncarved(); // contiguous slots at the end of the newest chunk
        }
        return freeCount > 0 ? Math.max(m, slot) : m;
    }

    @Override
    public long freeBlocks() {
        return freeCount + (chunks > 0 && carved < perChunk ? 1 : 0) + fallback.freeBlocks();
    }

    @Override
    public long lastSearched() {
        return lastFromPool ? lastSearched : fallback.lastSearched();
    }

    @Override
    public long footprint() {
        return footprint + fallback.footprint();
    }

    /** Slots in use. */
    public long liveSlots() {
        return liveSlots;
    }

    @Override
    public void heapMap(HeapSpans spans) {
        // the fallback's spans and the pool's chunks, merged in address order
        LongArrayList theirs = new LongArrayList();
        fallback.heapMap((s, e, kind) -> {
            theirs.add(s);
            theirs.add(e);
            theirs.add(kind);
        });
        int t = 0;
        for (int k = 0; k < chunks; k++) {
            int c = directory.chunkAt(k);
            long start = chunkStart[c];
            while (t < theirs.size() && theirs.get(t) < start) {
                spans.span(theirs.get(t), theirs.get(t + 1), (int) theirs.get(t + 2));
                t += 3;
            }
            int slots = c == chunks - 1 ? carved : perChunk;
            for (int j = 0; j < slots; j++) {
                int i = c * perChunk + j;
                long a = start + (long) j * slot;
                spans.span(a, a + slot, isLive(i) ? HeapSpans.BLOCK : HeapSpans.FREE);
            }
            long end = Addresses.alignUp(start + chunkBytes, kernel.pageSize());
            if (start + (long) slots * slot < end) {
                spans.span(start + (long) slots * slot, end, HeapSpans.NEVER_USED);
            }
        }
        while (t < theirs.size()) {
            spans.span(theirs.get(t), theirs.get(t + 1), (int) theirs.get(t + 2));
            t += 3;
        }
    }

    @Override
    public void verify() {
        fallback.verify();
        long carvedTotal = chunks == 0 ? 0 : (long) (chunks - 1) * perChunk + carved;
        long[] seen = new long[live.length];
        for (int k = 0; k < freeCount; k++) {
            int i = freeStack[k];
            if (i < 0 || i >= carvedTotal || isLive(i) || (seen[i >>> 6] & (1L << i)) != 0) {
                throw new IllegalStateException("pool: free list entry " + k + " (slot " + i + ") is live, uncarved or listed twice");
            }
            seen[i >>> 6] |= 1L << i;
        }
        long liveSeen = 0;
        for (int w = 0; w < live.length; w++) {
            liveSeen += Long.bitCount(live[w]);
        }
        if (liveSeen != liveSlots || liveSlots + freeCount != carvedTotal) {
            throw new IllegalStateException("pool: " + liveSlots + " live and " + freeCount + " free slots, but " + carvedTotal
                + " carved and " + liveSeen + " marked live");
        }
        for (int k = 1; k < chunks; k++) {
            if (directory.startAt(k - 1) + chunkBytes > directory.startAt(k)) {
                throw new IllegalStateException("pool: chunks overlap");
            }
        }
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.ALLOCATOR, "pool: " + what);
        }
    }
}
