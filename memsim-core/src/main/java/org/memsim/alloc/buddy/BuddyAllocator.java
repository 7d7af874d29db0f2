package org.memsim.alloc.buddy;

import java.util.Arrays;
import java.util.List;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.ChunkDirectory;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.PageSource;
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
 * The binary buddy system (Knowlton 1965; Knuth, TAOCP vol. 1, §2.5, Algorithms R and S) as
 * Linux's page allocator runs it ({@code mm/page_alloc.c}: {@code __rmqueue_smallest},
 * {@code expand}, {@code __free_one_page}): blocks of 2^k pages for orders 0..{@code maxorder}, one
 * free list per order, an allocation takes the first block of the smallest non-empty order at least
 * the request's and splits it, putting the upper halves on the lower lists; a free merges the block
 * with its buddy (address XOR size) while the buddy is free and of the same order. Memory comes
 * from the kernel in naturally aligned max-order chunks; each chunk has a {@code struct page}
 * array ({@code memmap}, 64 bytes per page by default) that every list operation touches.
 * <pre>
 *  order 2 chunk:  [                 16 KiB                 ]
 *  alloc 4 KiB:    [ 4K used | 4K free ][      8K free       ]   order-2 block split twice
 *                    ^ buddy of each other ^     buddy of the left 8K half
 *  free it:        4K + 4K merge -> 8K, 8K + 8K merge -> 16K
 * </pre>
 * A request of n bytes takes the smallest order whose block holds n, so internal fragmentation
 * shows. Also the page source under {@code slab} ({@link PageSource}). User guide:
 * {@code docs/allocators/buddy.md}.
 */
public final class BuddyAllocator implements Allocator, PageSource {
    /** The registry's keys for {@code buddy}. */
    public static final List<Param> PARAMS = List.of(
        Param.of("maxorder", "10", "largest order: blocks of 2^0 .. 2^maxorder pages (Linux before 6.4: MAX_ORDER 11)"),
        Param.of("min", "4k", "bytes of an order-0 block (one page)"),
        Param.choice("source", "mmap", "where max-order chunks come from (mmap trims to alignment; brk pads the first chunk to it)", "mmap", "brk"),
        Param.of("memmap", "64", "bytes of page descriptor (struct page) per order-0 block, touched on every list change; 0: not modelled"),
        Param.of("hint", "true", "free to the list tail when the buddy one order up is free (Linux buddy_merge_likely)"));

    private static final byte NOT_HEAD = 0;
    private static final int FREE = 0x40;
    private static final int NIL = -1;

    private final SystemCalls kernel;
    private final MemoryPort memory;
    private final SimClock clock;
    private final CostModel cost;
    private final LayerLog log;
    private final int maxOrder;
    private final long pageBytes;
    private final int pageShift;
    private final boolean mmap;
    private final long descBytes;
    private final boolean hint;
    private final int framesPerChunk;
    private final long chunkBytes;

    // per frame (order-0 block), frame = chunk * framesPerChunk + page within the chunk
    private byte[] head = new byte[0];   // NOT_HEAD, or (order + 1) | FREE when a block starts here
    // free-list links, one int per frame: a free block at f keeps its next at link[f << linkShift] and
    // its prev at link[(f << linkShift) ^ 1]. With maxorder >= 1 (linkShift 0) that second slot is frame
    // f ^ 1: inside the block when its order is >= 1, else its order-0 buddy, which is allocated (two
    // free order-0 buddies merge), so no other block uses it. With maxorder 0 every frame has two slots.
    private int[] link = new int[0];
    private final int linkShift;
    private long[] everUsed = new long[0]; // frames ever handed out, for the heap map
    // per order
    private final int[] first;
    private final int[] last;
    private final long[] length;
    private long nonEmpty; // bit k: order k's list is not empty
    // per chunk
    private long[] chunkBase = new long[4];
    private long[] memmapBase = new long[4];
    private long[] regionStart = new long[4]; // what was asked of the kernel (brk padding included)
    private final ChunkDirectory directory = new ChunkDirectory();
    private int chunks;
    // the chunk frameOf found last (chunks are never returned to the kernel): its base and first frame
    private long lastChunkBase = Long.MIN_VALUE;
    private int lastChunkFrame;

    private long freeBytes;
    private long freeBlocks;
    private long footprint;
    private long lastGranted; // the block the last malloc returned or free released
    private long lastSearched;

    private final Counter splits;
    private final Counter merges;
    private final Counter chunkCount;

    public BuddyAllocator(Params p, AllocatorContext c) {
        this.kernel = c.kernel();
        this.memory = c.memory();
        this.clock = c.clock();
        this.cost = c.cost();
        this.log = c.log();
        this.maxOrder = (int) p.number("maxorder", 0, 20);
        this.pageBytes = p.bytes("min");
        if (!Addresses.isPowerOfTwo(pageBytes) || pageBytes < 16 || pageBytes > (1L << 30)) {
            throw new SpecException("buddy: min=" + pageBytes + " must be a power of two from 16 bytes to 1 GiB");
        }
        this.pageShift = Long.numberOfTrailingZeros(pageBytes);
        if (pageShift + maxOrder > 40) {
            throw new SpecException("buddy: min << maxorder must stay within 1 TiB");
        }
        this.mmap = p.string("source").equals("mmap");
        this.descBytes = p.bytes("memmap");
        if (descBytes < 0 || descBytes > 4096) {
            throw new SpecException("buddy: memmap=" + descBytes + " must be from 0 to 4096 bytes");
        }
        this.hint = p.bool("hint");
        this.linkShift = maxOrder == 0 ? 1 : 0;
        this.framesPerChunk = 1 << maxOrder;
        this.chunkBytes = pageBytes << maxOrder;
        first = new int[maxOrder + 1];
        last = new int[maxOrder + 1];
        length = new long[maxOrder + 1];
        Arrays.fill(first, NIL);
        Arrays.fill(last, NIL);
        Metrics m = c.metrics();
        splits = m.counter("alloc.buddy.splits", "splits", "blocks split in two to serve a smaller order");
        merges = m.counter("alloc.buddy.merges", "merges", "blocks merged with their free buddy");
        chunkCount = m.counter("alloc.buddy.chunks", "chunks", "max-order chunks taken from the kernel");
    }

    // ------------------------------------------------------------------ frames and chunks

    private long address(int frame) {
        int c = frame >>> maxOrder;
        return chunkBase[c] + ((long) (frame & (framesPerChunk - 1)) << pageShift);
    }

    /** The frame at {@code address}, or -1 when the address is in no chunk: the last chunk found, else a binary search. */
    private int frameOf(long address) {
        long off = address - lastChunkBase;
        if (off >= 0 && off < chunkBytes) {
            return lastChunkFrame | (int) (off >>> pageShift);
        }
        return searchFrame(address);
    }

    private int searchFrame(long address) {
        int c = directory.floor(address);
        if (c < 0) {
            return -1;
        }
        long off = address - chunkBase[c];
        if (off >= chunkBytes) {
            return -1;
        }
        lastChunkBase = chunkBase[c];
        lastChunkFrame = c << maxOrder;
        return (c << maxOrder) | (int) (off >>> pageShift);
    }

    private static int orderOf(byte h) {
        return (h & 0x3f) - 1;
    }

    private void touch(int frame) {
        if (descBytes > 0) {
            memory.write(memmapBase[frame >>> maxOrder] + (long) (frame & (framesPerChunk - 1)) * descBytes, descBytes);
        }
    }

    private void readDesc(int frame) {
        if (descBytes > 0) {
            memory.read(memmapBase[frame >>> maxOrder] + (long) (frame & (framesPerChunk - 1)) * descBytes, descBytes);
        }
    }

    /** Takes one naturally aligned max-order chunk from the kernel and frees it into the lists. */
    private boolean addChunk() {
        if (((long) (chunks + 1) << maxOrder) > Integer.MAX_VALUE - 64) {
            return false;
        }
        long region;
        long base;
        long memmapAt = 0;
        long memmapLen = Addresses.alignUp((long) framesPerChunk * descBytes, kernel.pageSize());
        if (mmap) {
            // over-map by one chunk and trim to a naturally aligned chunk, as jemalloc does
            long want = chunkBytes + Math.max(chunkBytes, kernel.pageSize());
            long at = kernel.mmap(0, want, Prot.READ | Prot.WRITE, MapFlags.PRIVATE | MapFlags.ANONYMOUS, 0, 0);
            if (at == SystemCalls.MAP_FAILED) {
                return false;
            }
            base = Addresses.alignUp(at, Math.max(chunkBytes, kernel.pageSize()));
            if (base > at) {
                kernel.munmap(at, base - at);
            }
            long tail = Addresses.alignUp(base + chunkBytes, kernel.pageSize());
            long mapEnd = at + Addresses.alignUp(want, kernel.pageSize());
            if (mapEnd > tail) {
                kernel.munmap(tail, mapEnd - tail);
            }
            region = base;
            footprint += tail - base;
        } else {
            long brk = kernel.currentBreak();
            base = Addresses.alignUp(brk, chunkBytes);
            long end = base + chunkBytes;
            if (kernel.brk(end) != end) {
                return false;
            }
            region = brk;
            footprint += end - brk;
        }
        if (descBytes > 0) {
            memmapAt = kernel.mmap(0, memmapLen, Prot.READ | Prot.WRITE, MapFlags.PRIVATE | MapFlags.ANONYMOUS, 0, 0);
            if (memmapAt == SystemCalls.MAP_FAILED) {
                return false; // the chunk stays mapped but unused; a later call may succeed
            }
            footprint += memmapLen;
        }
        int c = chunks++;
        if (c == chunkBase.length) {
            int n = c * 2;
            chunkBase = Arrays.copyOf(chunkBase, n);
            memmapBase = Arrays.copyOf(memmapBase, n);
            regionStart = Arrays.copyOf(regionStart, n);
        }
        chunkBase[c] = base;
        memmapBase[c] = memmapAt;
        regionStart[c] = region;
        directory.add(base, c);
        int frames = chunks << maxOrder;
        if (frames > head.length) {
            int n = Math.max(frames, head.length + (head.length >> 1));
            head = Arrays.copyOf(head, n);
            link = Arrays.copyOf(link, n << linkShift);
            everUsed = Arrays.copyOf(everUsed, (n + 63) >>> 6);
        }
        chunkCount.inc();
        int f = c << maxOrder;
        setFreeHead(f, maxOrder);
        pushFront(maxOrder, f);
        if (log.enabled()) {
            note("new max-order chunk of " + chunkBytes + " bytes at " + Addresses.hex(base) + " (" + (mmap ? "mmap" : "brk") + ")");
        }
        return true;
    }

    // ------------------------------------------------------------------ free lists

    private void setFreeHead(int f, int order) {
        head[f] = (byte) ((order + 1) | FREE);
        freeBytes += pageBytes << order;
        freeBlocks++;
    }

    private int next(int f) {
        return link[f << linkShift];
    }

    private int prev(int f) {
        return link[(f << linkShift) ^ 1];
    }

    private void setNext(int f, int n) {
        link[f << linkShift] = n;
    }

    private void setPrev(int f, int p) {
        link[(f << linkShift) ^ 1] = p;
    }

    private void pushFront(int order, int f) {
        int old = first[order];
        setPrev(f, NIL);
        setNext(f, old);
        if (old != NIL) {
            setPrev(old, f);
        } else {
            last[order] = f;
        }
        first[order] = f;
        length[order]++;
        nonEmpty |= 1L << order;
    }

    private void pushBack(int order, int f) {
        int old = last[order];
        setNext(f, NIL);
        setPrev(f, old);
        if (old != NIL) {
            setNext(old, f);
        } else {
            first[order] = f;
        }
        last[order] = f;
        length[order]++;
        nonEmpty |= 1L << order;
    }

    /** {@code del_page_from_free_list}: unlinks a free block and clears its head mark. */
    private void unlink(int order, int f) {
        int p = prev(f);
        int n = next(f);
        if (p == NIL) {
            first[order] = n;
        } else {
            setNext(p, n);
        }
        if (n == NIL) {
            last[order] = p;
        } else {
            setPrev(n, p);
        }
        if (--length[order] == 0) {
            nonEmpty &= ~(1L << order);
        }
        head[f] = NOT_HEAD;
        freeBytes -= pageBytes << order;
        freeBlocks--;
    }

    // ------------------------------------------------------------------ PageSource

    @Override
    public long pageBytes() {
        return pageBytes;
    }

    @Override
    public int maxOrder() {
        return maxOrder;
    }

    /** {@code __rmqueue_smallest} and {@code expand}. */
    @Override
    public long allocPages(int order) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        if (order < 0 || order > maxOrder || kernel.killed()) {
            return 0;
        }
        long candidates = nonEmpty & (-1L << order);
        // the orders looked at: from the request's up to the first non-empty one
        int k = candidates == 0 ? maxOrder : Long.numberOfTrailingZeros(candidates);
        lastSearched = k - order + 1;
        clock.charge(Layer.ALLOCATOR, lastSearched * cost.searchStepNs);
        if (candidates == 0) {
            if (!addChunk()) {
                if (log.enabled()) {
                    note("no free block of order " + order + " or above, and the kernel refused a new chunk");
                }
                return 0;
            }
        }
        int f = first[k];
        readDesc(f);
        unlink(k, f);
        touch(f);
        int high = k;
        while (high > order) {
            high--;
            int buddy = f + (1 << high);
            setFreeHead(buddy, high);
            pushFront(high, buddy);
            touch(buddy);
            splits.inc();
        }
        head[f] = (byte) (order + 1);
        markUsed(f, order);
        if (log.enabled()) {
            note("order-" + order + " block at " + Addresses.hex(address(f)) + (k > order ? " (split from order " + k + ")" : ""));
        }
        return address(f);
    }

    private void markUsed(int f, int order) {
        if (order == 0) {
            everUsed[f >>> 6] |= 1L << f;
            return;
        }
        int n = 1 << order;
        for (int i = f; i < f + n; ) {
            if ((i & 63) == 0 && i + 64 <= f + n) {
                everUsed[i >>> 6] = -1L;
                i += 64;
            } else {
                everUsed[i >>> 6] |= 1L << i;
                i++;
            }
        }
    }

    /** {@code __free_one_page}: merges with free buddies of equal order, then lists the result. */
    @Override
    public void freePages(long address, int order) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        int f = liveFrame(address, "free");
        int o = orderOf(head[f]);
        if (o != order) {
            throw new IllegalStateException("buddy: free of " + Addresses.hex(address) + " as order " + order + ", but it is order " + o);
        }
        release(f, o);
    }

    private void release(int f, int o) {
        head[f] = NOT_HEAD;
        touch(f);
        int buddy = f;
        while (o < maxOrder) {
            buddy = f ^ (1 << o);
            lastSearched++;
            readDesc(buddy);
            byte h = head[buddy];
            if ((h & FREE) == 0 || orderOf(h) != o) {
                break;
            }
            unlink(o, buddy);
            touch(buddy);
            f &= buddy;
            o++;
            merges.inc();
        }
        clock.charge(Layer.ALLOCATOR, lastSearched * cost.searchStepNs);
        setFreeHead(f, o);
        touch(f);
        if (hint && o < maxOrder - 1 && mergeLikely(f, buddy, o)) {
            pushBack(o, f);
        } else {
            pushFront(o, f);
        }
    }

    /** {@code buddy_merge_likely}: is the buddy of the pair one order up already free? */
    private boolean mergeLikely(int f, int buddy, int o) {
        int higher = buddy & f;
        int higherBuddy = higher ^ (1 << (o + 1));
        byte h = head[higherBuddy];
        return (h & FREE) != 0 && orderOf(h) == o + 1;
    }

    @Override
    public long pageIndex(long address) {
        return frameOf(address);
    }

    @Override
    public long descriptorAddress(long address) {
        int f = frameOf(address);
        if (f < 0 || descBytes == 0) {
            return 0;
        }
        return memmapBase[f >>> maxOrder] + (long) (f & (framesPerChunk - 1)) * descBytes;
    }

    @Override
    public long pageAddress(int pageIndex) {
        return address(pageIndex);
    }

    @Override
    public long pageDescriptor(int pageIndex) {
        if (descBytes == 0) {
            return 0;
        }
        return memmapBase[pageIndex >>> maxOrder] + (long) (pageIndex & (framesPerChunk - 1)) * descBytes;
    }

    // ------------------------------------------------------------------ Allocator

    /** The smallest order whose block holds {@code size} bytes, or -1. */
    private int orderFor(long size) {
        if (size <= pageBytes) {
            return 0;
        }
        if (size > chunkBytes) {
            return -1;
        }
        return 64 - Long.numberOfLeadingZeros((size - 1) >>> pageShift);
    }

    private int liveFrame(long address, String op) {
        int f = frameOf(address);
        if (f < 0 || ((address - chunkBase[f >>> maxOrder]) & (pageBytes - 1)) != 0 || head[f] == NOT_HEAD || (head[f] & FREE) != 0) {
            throw new IllegalStateException("buddy: " + op + " of " + Addresses.hex(address) + ", not an allocated block");
        }
        return f;
    }

    @Override
    public long malloc(long size, long align) {
        int order = size < 0 ? -1 : orderFor(Math.max(size, align));
        if (order < 0 || (align > 0 && !Addresses.isPowerOfTwo(align))) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return 0;
        }
        long p = allocPages(order); // a block of order k is aligned to its size
        lastGranted = p == 0 ? 0 : pageBytes << order;
        return p;
    }

    @Override
    public long calloc(long count, long size) {
        if (count < 0 || size < 0 || (size != 0 && count > chunkBytes / size)) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return 0;
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
        int f = liveFrame(address, "realloc");
        int old = orderOf(head[f]);
        int want = size < 0 ? -1 : orderFor(size);
        if (want < 0) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return 0;
        }
        if (want == old) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return address;
        }
        long p = allocPages(want);
        if (p == 0) {
            return 0;
        }
        long copy = Math.min(size, pageBytes << old);
        memory.read(address, copy);
        memory.write(p, copy);
        long searched = lastSearched;
        free(address);
        lastSearched = searched;
        return p;
    }

    @Override
    public void free(long address) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        lastGranted = 0;
        if (address == 0) {
            return;
        }
        int f = liveFrame(address, "free");
        int o = orderOf(head[f]);
        if (log.enabled()) {
            note("free of the order-" + o + " block at " + Addresses.hex(address));
        }
        lastGranted = pageBytes << o;
        release(f, o);
    }

    @Override
    public long lastGranted() {
        return lastGranted;
    }

    @Override
    public long usableSize(long address) {
        return grantedSize(address);
    }

    @Override
    public long grantedSize(long address) {
        return pageBytes << orderOf(head[liveFrame(address, "grantedSize")]);
    }

    /** The order of the allocated block at {@code address}. */
    public int orderAt(long address) {
        return orderOf(head[liveFrame(address, "orderAt")]);
    }

    @Override
    public long freeBytes() {
        return freeBytes;
    }

    @Override
    public long largestFree() {
        return nonEmpty == 0 ? 0 : pageBytes << (63 - Long.numberOfLeadingZeros(nonEmpty));
    }

    @Override
    public long freeBlocks() {
        return freeBlocks;
    }

    /** Free blocks on the list of {@code order}. */
    public long freeBlocks(int order) {
        return length[order];
    }

    @Override
    public long lastSearched() {
        return lastSearched;
    }

    @Override
    public long footprint() {
        return footprint;
    }

    @Override
    public void heapMap(HeapSpans spans) {
        // chunks and memmaps in address order
        long[] starts = new long[chunks * 2];
        int[] which = new int[chunks * 2];
        int n = 0;
        for (int c = 0; c < chunks; c++) {
            starts[n] = regionStart[c];
            which[n++] = c;
            if (descBytes > 0) {
                starts[n] = memmapBase[c];
                which[n++] = ~c;
            }
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        long[] s = starts;
        Arrays.sort(idx, (a, b) -> Long.compare(s[a], s[b]));
        for (Integer i : idx) {
            int c = which[i];
            if (c < 0) {
                c = ~c;
                spans.span(memmapBase[c], memmapBase[c] + Addresses.alignUp((long) framesPerChunk * descBytes, kernel.pageSize()),
                    HeapSpans.METADATA);
                continue;
            }
            if (regionStart[c] < chunkBase[c]) {
                spans.span(regionStart[c], chunkBase[c], HeapSpans.NEVER_USED); // brk padding up to the alignment
            }
            int f = c << maxOrder;
            int end = f + framesPerChunk;
            while (f < end) {
                byte h = head[f];
                int o = orderOf(h);
                long a = address(f);
                long b = a + (pageBytes << o);
                if ((h & FREE) == 0) {
                    spans.span(a, b, HeapSpans.BLOCK);
                } else {
                    // free pages ever handed out are FREE, the others NEVER_USED, in runs
                    int g = f;
                    while (g < f + (1 << o)) {
                        boolean used = (everUsed[g >>> 6] & (1L << g)) != 0;
                        int r = g;
                        while (r < f + (1 << o) && ((everUsed[r >>> 6] & (1L << r)) != 0) == used) {
                            r++;
                        }
                        spans.span(address(g), address(g) + ((long) (r - g) << pageShift), used ? HeapSpans.FREE : HeapSpans.NEVER_USED);
                        g = r;
                    }
                }
                f += 1 << o;
            }
        }
    }

    @Override
    public void verify() {
        long seenFree = 0;
        long seenBytes = 0;
        long[] perOrder = new long[maxOrder + 1];
        for (int c = 0; c < chunks; c++) {
            if ((chunkBase[c] & (chunkBytes - 1)) != 0) {
                throw new IllegalStateException("buddy: chunk " + c + " at " + Addresses.hex(chunkBase[c]) + " is not naturally aligned");
            }
            if (c > 0 && directory.startAt(c - 1) + chunkBytes > directory.startAt(c)) {
                throw new IllegalStateException("buddy: chunks overlap");
            }
            int f = c << maxOrder;
            int end = f + framesPerChunk;
            while (f < end) {
                byte h = head[f];
                if (h == NOT_HEAD) {
                    throw new IllegalStateException("buddy: no block starts at " + Addresses.hex(address(f)) + " where one must");
                }
                int o = orderOf(h);
                if (o < 0 || o > maxOrder || (f & ((1 << o) - 1)) != 0) {
                    throw new IllegalStateException("buddy: block at " + Addresses.hex(address(f)) + " has order " + o
                        + " or is not aligned to its size");
                }
                for (int i = f + 1; i < f + (1 << o); i++) {
                    if (head[i] != NOT_HEAD) {
                        throw new IllegalStateException("buddy: a block starts inside the order-" + o + " block at " + Addresses.hex(address(f)));
                    }
                }
                if ((h & FREE) != 0) {
                    seenFree++;
                    seenBytes += pageBytes << o;
                    perOrder[o]++;
                    if (o < maxOrder) {
                        byte bh = head[f ^ (1 << o)];
                        if ((bh & FREE) != 0 && orderOf(bh) == o) {
                            throw new IllegalStateException("buddy: free buddies of order " + o + " at " + Addresses.hex(address(f))
                                + " were not merged");
                        }
                    }
                }
                f += 1 << o;
            }
        }
        for (int o = 0; o <= maxOrder; o++) {
            long count = 0;
            int p = NIL;
            for (int f = first[o]; f != NIL; f = next(f)) {
                if (++count > seenFree) {
                    throw new IllegalStateException("buddy: free list of order " + o + " has a cycle");
                }
                if (prev(f) != p || (head[f] & FREE) == 0 || orderOf(head[f]) != o) {
                    throw new IllegalStateException("buddy: free list of order " + o + " holds a block that is not a free order-" + o + " block");
                }
                p = f;
            }
            if (last[o] != p || count != length[o] || count != perOrder[o] || ((nonEmpty >>> o) & 1) != (count > 0 ? 1 : 0)) {
                throw new IllegalStateException("buddy: free list of order " + o + " counts " + length[o] + " but holds " + count
                    + " and the chunks " + perOrder[o]);
            }
        }
        if (seenFree != freeBlocks || seenBytes != freeBytes) {
            throw new IllegalStateException("buddy: " + freeBlocks + " free blocks / " + freeBytes + " bytes counted, "
                + seenFree + " / " + seenBytes + " found");
        }
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.ALLOCATOR, "buddy: " + what);
        }
    }
}
