package org.memsim.alloc.slab;

import java.util.Arrays;
import java.util.List;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.Allocators;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.PageSource;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;
import org.memsim.spec.Values;
import org.memsim.vm.Addresses;
import org.memsim.vm.MemoryPort;

/**
 * Object caches over pages (Bonwick, "The Slab Allocator: An Object-Caching Kernel Memory
 * Allocator", USENIX Summer 1994; Linux SLUB, {@code mm/slub.c}, and {@code kmalloc}'s size caches
 * in {@code mm/slab_common.c}): one cache per object size; a cache takes slabs of 2^k pages from the
 * page allocator ({@code buddy}) and carves each into equal objects linked into a per-slab free list
 * through a free pointer stored in the free object itself (in its middle, as SLUB places it since
 * Linux 5.7). A cache allocates from a partial slab, else an empty one, else a new slab; a freed
 * object goes back to its slab, which moves between the full, partial and empty lists; empty slabs
 * beyond {@code keep} go back to the page allocator. Requests larger than the largest cache take
 * pages directly ({@code kmalloc_large}).
 * <pre>
 *  kmalloc-64, a one-page slab:  | obj | obj | free | obj | free | ... | obj | (tail) |
 *                                           freelist -> free -> free -> nil
 *  cache lists:  partial: slab, slab     full: slab     empty: slab (kept up to keep=N)
 * </pre>
 * Slab descriptors live in the page allocator's {@code struct page}s, so their updates are
 * charged there. Per-cache statistics are registered as metrics. User guide:
 * {@code docs/allocators/slab.md}.
 */
public final class SlabAllocator implements Allocator {
    /** Linux's kmalloc caches on x86-64 with SLUB (kmalloc-8 … kmalloc-8k, plus kmalloc-96 and kmalloc-192). */
    static final long[] KMALLOC = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};

    /** The registry's keys for {@code slab}. */
    public static final List<Param> PARAMS = List.of(
        Param.of("sizes", "kmalloc", "object caches: kmalloc (8..8k with 96 and 192), pow2 (8..8k), or sizes separated by '/' (16/48/256)"),
        Param.of("pages", "auto", "pages per slab (a power of two), or auto: the smallest order holding 8 objects, at most order 3 (SLUB)"),
        Param.of("keep", "5", "empty slabs a cache keeps before giving pages back (SLUB's min_partial)"),
        Param.of("source", "buddy", "the page allocator's spec, its own keys separated by ';' (buddy:maxorder=10;min=4k)"));

    private static final int NIL = -1;
    private static final int PARTIAL = 0;
    private static final int FULL = 1;
    private static final int EMPTY = 2;

    private final PageSource pages;
    private final Allocator pageAllocator;
    private final MemoryPort memory;
    private final SimClock clock;
    private final CostModel cost;
    private final LayerLog log;
    private final int keep;

    // caches
    private final long[] objSize;
    private static final long DIRECT_SIZES = 8192;
    private final int[] cacheBySize; // (size + 7) / 8 -> cache, for sizes up to min(largest cache, 8 KiB)
    private final int[] slabOrder;
    private final int[] perSlab;
    private final long[] freeOffset;
    private final String[] cacheName;
    private final int[][] listHead; // [cache][state]
    private final long[][] listLength;
    private final long[] inUse;      // objects in use per cache
    private final long[] freeObjects;
    private final Counter[] fromPartial;
    private final Counter[] fromEmpty;
    private final Counter[] newSlabs;
    private final Counter[] released;

    // slabs, by id
    private long[] base = new long[16];
    private int[] cacheOf = new int[16];
    private int[] used = new int[16];
    private int[] freeHead = new int[16];
    private int[] nextSlab = new int[16];
    private int[] prevSlab = new int[16];
    private byte[] state = new byte[16];
    private int[][] objNext = new int[16][];  // per slab: object free-list links
    private long[][] objUsed = new long[16][]; // per slab: allocated objects
    private int slabIds;
    private int recycledSlab = NIL;
    private int[] slabOfPage = new int[64];   // by page index: slab id, or NIL

    private long freeObjectBytes;
    private long freeObjectCount;
    private long lastSearched;
    private final Counter large;

    public SlabAllocator(Params p, AllocatorContext c) {
        this.memory = c.memory();
        this.clock = c.clock();
        this.cost = c.cost();
        this.log = c.log();
        this.keep = (int) p.number("keep", 0, 1 << 20);
        String source = p.string("source").replace(';', ',');
        Allocator a = Allocators.create(source, c);
        if (!(a instanceof PageSource)) {
            throw new SpecException("slab: source=" + p.string("source") + " is not a page allocator (buddy is)");
        }
        this.pageAllocator = a;
        this.pages = (PageSource) a;
        objSize = parseSizes(p.string("sizes"));
        int n = objSize.length;
        cacheBySize = new int[(int) (Math.min(objSize[n - 1], DIRECT_SIZES) >>> 3) + 1];
        for (int i = 0; i < cacheBySize.length; i++) {
            cacheBySize[i] = searchCache((long) i << 3);
        }
        slabOrder = new int[n];
        perSlab = new int[n];
        freeOffset = new long[n];
        cacheName = new String[n];
        listHead = new int[n][3];
        listLength = new long[n][3];
        inUse = new long[n];
        freeObjects = new long[n];
        fromPartial = new Counter[n];
        fromEmpty = new Counter[n];
        newSlabs = new Counter[n];
        released = new Counter[n];
        String pagesKey = p.string("pages");
        Metrics m = c.metrics();
        for (int k = 0; k < n; k++) {
            long size = objSize[k];
            int order = slabOrderFor(size, pagesKey);
            slabOrder[k] = order;
            perSlab[k] = (int) Math.min(Integer.MAX_VALUE, (pages.pageBytes() << order) / size);
            if (perSlab[k] < 1) {
                throw new SpecException("slab: a " + size + "-byte object does not fit a slab of " + (pages.pageBytes() << order) + " bytes");
            }
            freeOffset[k] = Addresses.alignDown(size / 2, 8);
            cacheName[k] = cacheName(size);
            Arrays.fill(listHead[k], NIL);
            final int cache = k;
            String prefix = "alloc.slab." + cacheName[k];
            m.gauge(prefix + ".objects", "objects", "objects in use in " + cacheName[k], () -> inUse[cache]);
            m.gauge(prefix + ".partial", "slabs", "partial slabs of " + cacheName[k], () -> listLength[cache][PARTIAL]);
            m.gauge(prefix + ".full", "slabs", "full slabs of " + cacheName[k], () -> listLength[cache][FULL]);
            m.gauge(prefix + ".empty", "slabs", "empty slabs " + cacheName[k] + " keeps", () -> listLength[cache][EMPTY]);
            fromPartial[k] = m.counter(prefix + ".fromPartial", "allocs", "allocations served from a partial slab");
            fromEmpty[k] = m.counter(prefix + ".fromEmpty", "allocs", "allocations that started a kept empty slab");
            newSlabs[k] = m.counter(prefix + ".newSlabs", "slabs", "slabs taken from the page allocator");
            released[k] = m.counter(prefix + ".released", "slabs", "empty slabs given back to the page allocator");
        }
        large = m.counter("alloc.slab.large", "allocs", "requests above the largest cache, served by the page allocator directly");
        Arrays.fill(slabOfPage, NIL);
    }

    private static String cacheName(long size) {
        return size >= 1024 && size % 1024 == 0 ? "kmalloc-" + (size / 1024) + "k" : "kmalloc-" + size;
    }

    private static long[] parseSizes(String spec) {
        if (spec.equals("kmalloc")) {
            return KMALLOC.clone();
        }
        if (spec.equals("pow2")) {
            long[] s = new long[11];
            for (int i = 0; i < s.length; i++) {
                s[i] = 8L << i;
            }
            return s;
        }
        String[] parts = spec.split("/");
        long[] s = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                s[i] = Values.parseBytes(parts[i]);
            } catch (NumberFormatException e) {
                throw new SpecException("slab: sizes=" + spec + ": '" + parts[i] + "' is not a size (expected kmalloc, pow2 or sizes like 16/32/64)");
            }
            if (s[i] < 8 || s[i] % 8 != 0 || s[i] > (1L << 30)) {
                throw new SpecException("slab: sizes=" + spec + ": " + s[i] + " must be a multiple of 8 from 8 bytes to 1 GiB");
            }
            if (i > 0 && s[i] <= s[i - 1]) {
                throw new SpecException("slab: sizes=" + spec + " must be increasing");
            }
        }
        return s;
    }

    private int slabOrderFor(long size, String key) {
        long page = pages.pageBytes();
        if (!key.equals("auto")) {
            long n;
            try {
                n = Values.parseLong(key);
            } catch (NumberFormatException e) {
                throw new SpecException("slab: pages=" + key + " is not auto or a power of two");
            }
            if (!Addresses.isPowerOfTwo(n) || Long.numberOfTrailingZeros(n) > pages.maxOrder()) {
                throw new SpecException("slab: pages=" + key + " must be a power of two up to 2^" + pages.maxOrder());
            }
            int order = Long.numberOfTrailingZeros(n);
            while ((page << order) < size && order < pages.maxOrder()) {
                order++; // a slab holds at least one object
            }
            return order;
        }
        int limit = Math.min(3, pages.maxOrder());
        for (int order = 0; order <= limit; order++) {
            if ((page << order) / size >= 8) {
                return order;
            }
        }
        int order = limit;
        while ((page << order) < size && order < pages.maxOrder()) {
            order++;
        }
        return order;
    }

    /** The cache for a request, or -1 when it is larger than every cache: one array index up to 8 KiB (sizes are multiples of 8). */
    private int cacheFor(long size) {
        if (size >= 0 && size <= (long) (cacheBySize.length - 1) << 3) {
            return cacheBySize[(int) ((size + 7) >>> 3)];
        }
        return searchCache(size);
    }

    private int searchCache(long size) {
        int lo = 0;
        int hi = objSize.length - 1;
        if (size > objSize[hi]) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (objSize[mid] >= size) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    // ------------------------------------------------------------------ slab lists

    private void push(int cache, int st, int s) {
        state[s] = (byte) st;
        prevSlab[s] = NIL;
        nextSlab[s] = listHead[cache][st];
        if (nextSlab[s] != NIL) {
            prevSlab[nextSlab[s]] = s;
        }
        listHead[cache][st] = s;
        listLength[cache][st]++;
    }

    private void unlinkSlab(int cache, int s) {
        int st = state[s];
        if (prevSlab[s] == NIL) {
            listHead[cache][st] = nextSlab[s];
        } else {
            nextSlab[prevSlab[s]] = nextSlab[s];
        }
        if (nextSlab[s] != NIL) {
            prevSlab[nextSlab[s]] = prevSlab[s];
        }
        listLength[cache][st]--;
    }

    private void move(int cache, int s, int to) {
        unlinkSlab(cache, s);
        push(cache, to, s);
    }

    /** Writes the slab's descriptor (its {@code struct slab} in the head page's {@code struct page}). */
    private void touchDescriptor(int s) {
        long d = pages.descriptorAddress(base[s]);
        if (d != 0) {
            memory.write(d, 16);
        }
    }

    private int newSlabId(int objects) {
        int s;
        if (recycledSlab != NIL) {
            s = recycledSlab;
            recycledSlab = nextSlab[s];
        } else {
            s = slabIds++;
            if (s == base.length) {
                int n = s * 2;
                base = Arrays.copyOf(base, n);
                cacheOf = Arrays.copyOf(cacheOf, n);
                used = Arrays.copyOf(used, n);
                freeHead = Arrays.copyOf(freeHead, n);
                nextSlab = Arrays.copyOf(nextSlab, n);
                prevSlab = Arrays.copyOf(prevSlab, n);
                state = Arrays.copyOf(state, n);
                objNext = Arrays.copyOf(objNext, n);
                objUsed = Arrays.copyOf(objUsed, n);
            }
        }
        if (objNext[s] == null || objNext[s].length < objects) {
            objNext[s] = new int[objects];
            objUsed[s] = new long[(objects + 63) >>> 6];
        }
        return s;
    }

    /** {@code allocate_slab}: pages from the page allocator, carved into a free list in address order. */
    private int newSlab(int cache) {
        long at = pages.allocPages(slabOrder[cache]);
        if (at == 0) {
            return NIL;
        }
        int n = perSlab[cache];
        int s = newSlabId(n);
        base[s] = at;
        cacheOf[s] = cache;
        used[s] = 0;
        freeHead[s] = 0;
        int[] links = objNext[s];
        for (int i = 0; i < n - 1; i++) {
            links[i] = i + 1;
        }
        links[n - 1] = NIL;
        Arrays.fill(objUsed[s], 0);
        long firstPage = pages.pageIndex(at);
        int count = 1 << slabOrder[cache];
        if (firstPage + count > slabOfPage.length) {
            int old = slabOfPage.length;
            slabOfPage = Arrays.copyOf(slabOfPage, (int) Math.max(firstPage + count, old + (old >> 1)));
            Arrays.fill(slabOfPage, old, slabOfPage.length, NIL);
        }
        for (int i = 0; i < count; i++) {
            slabOfPage[(int) firstPage + i] = s;
        }
        freeObjects[cache] += n;
        freeObjectCount += n;
        freeObjectBytes += n * objSize[cache];
        newSlabs[cache].inc();
        touchDescriptor(s);
        if (log.enabled()) {
            note(cacheName[cache] + ": new slab of " + (pages.pageBytes() << slabOrder[cache]) + " bytes at " + Addresses.hex(at)
                + " holding " + n + " objects");
        }
        return s;
    }

    private void releaseSlab(int cache, int s) {
        unlinkSlab(cache, s);
        long firstPage = pages.pageIndex(base[s]);
        for (int i = 0; i < 1 << slabOrder[cache]; i++) {
            slabOfPage[(int) firstPage + i] = NIL;
        }
        int n = perSlab[cache];
        freeObjects[cache] -= n;
        freeObjectCount -= n;
        freeObjectBytes -= n * objSize[cache];
        released[cache].inc();
        long searched = lastSearched;
        pages.freePages(base[s], slabOrder[cache]);
        lastSearched = searched;
        if (log.enabled()) {
            note(cacheName[cache] + ": more than " + keep + " empty slabs, the one at " + Addresses.hex(base[s]) + " goes back to the pages");
        }
        nextSlab[s] = recycledSlab;
        recycledSlab = s;
        state[s] = -1;
    }

    // ------------------------------------------------------------------ API

    @Override
    public long malloc(long size, long align) {
        if (size < 0) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return 0;
        }
        int cache = cacheFor(Math.max(size, Math.max(align, 1)));
        if (cache >= 0 && align > 0 && (Long.lowestOneBit(objSize[cache]) < align)) {
            // an object is aligned to the largest power of two dividing its size; look for a cache that is aligned enough
            while (cache < objSize.length && Long.lowestOneBit(objSize[cache]) < align) {
                cache++;
            }
            if (cache == objSize.length) {
                cache = -1;
            }
        }
        if (cache < 0) {
            large.inc();
            return pageAllocator.malloc(size, align); // kmalloc_large: whole pages
        }
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 1;
        int s = listHead[cache][PARTIAL];
        if (s != NIL) {
            fromPartial[cache].inc();
        } else {
            s = listHead[cache][EMPTY];
            if (s != NIL) {
                fromEmpty[cache].inc();
                move(cache, s, PARTIAL);
            } else {
                s = newSlab(cache);
                if (s == NIL) {
                    lastSearched = 0;
                    return 0;
                }
                push(cache, PARTIAL, s);
            }
        }
        int i = freeHead[s];
        long obj = base[s] + i * objSize[cache];
        memory.read(obj + freeOffset[cache], 8); // get_freepointer: the next free object is stored in this one
        freeHead[s] = objNext[s][i];
        objUsed[s][i >>> 6] |= 1L << i;
        if (++used[s] == perSlab[cache]) {
            move(cache, s, FULL);
        }
        touchDescriptor(s);
        inUse[cache]++;
        freeObjects[cache]--;
        freeObjectCount--;
        freeObjectBytes -= objSize[cache];
        return obj;
    }

    @Override
    public long calloc(long count, long size) {
        if (count < 0 || size < 0 || (size != 0 && count > (1L << 40) / size)) {
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

    /** Slab id of the object at {@code address}, or NIL when the address is a large block; throws when it is neither. */
    private int slabOf(long address, String op) {
        long page = pages.pageIndex(address);
        if (page < 0) {
            throw new IllegalStateException("slab: " + op + " of " + Addresses.hex(address) + ", not memory of this allocator");
        }
        int s = page < slabOfPage.length ? slabOfPage[(int) page] : NIL;
        if (s == NIL) {
            return NIL;
        }
        long off = address - base[s];
        long size = objSize[cacheOf[s]];
        int i = (int) (off / size);
        if (off % size != 0 || i >= perSlab[cacheOf[s]] || (objUsed[s][i >>> 6] & (1L << i)) == 0) {
            throw new IllegalStateException("slab: " + op + " of " + Addresses.hex(address) + ", not an allocated object of "
                + cacheName[cacheOf[s]]);
        }
        return s;
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
        long old = grantedSize(address);
        if (size < 0) {
            return 0;
        }
        int s = slabOf(address, "realloc");
        if (s != NIL && size <= old && (cacheFor(size) == cacheOf[s])) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return address; // krealloc: the object is already large enough
        }
        if (s == NIL && cacheFor(size) < 0) {
            return pageAllocator.realloc(address, size);
        }
        long p = malloc(size, 0);
        if (p == 0) {
            return 0;
        }
        long copy = Math.min(old, size);
        memory.read(address, copy);
        memory.write(p, copy);
        long searched = lastSearched;
        free(address);
        lastSearched = searched;
        return p;
    }

    @Override
    public void free(long address) {
        if (address == 0) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return;
        }
        int s = slabOf(address, "free");
        if (s == NIL) {
            pageAllocator.free(address);
            lastSearched = pageAllocator.lastSearched();
            return;
        }
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        int cache = cacheOf[s];
        int i = (int) ((address - base[s]) / objSize[cache]);
        memory.write(address + freeOffset[cache], 8); // set_freepointer
        objNext[s][i] = freeHead[s];
        freeHead[s] = i;
        objUsed[s][i >>> 6] &= ~(1L << i);
        inUse[cache]--;
        freeObjects[cache]++;
        freeObjectCount++;
        freeObjectBytes += objSize[cache];
        touchDescriptor(s);
        int u = --used[s];
        if (u == 0) {
            if (listLength[cache][EMPTY] >= keep) {
                releaseSlab(cache, s);
            } else {
                move(cache, s, EMPTY);
            }
        } else if (state[s] == FULL) {
            move(cache, s, PARTIAL);
        }
    }

    @Override
    public long usableSize(long address) {
        return grantedSize(address);
    }

    @Override
    public long grantedSize(long address) {
        int s = slabOf(address, "grantedSize");
        return s == NIL ? pageAllocator.grantedSize(address) : objSize[cacheOf[s]];
    }

    @Override
    public long freeBytes() {
        return freeObjectBytes + pageAllocator.freeBytes();
    }

    @Override
    public long largestFree() {
        long m = pageAllocator.largestFree();
        for (int k = objSize.length - 1; k >= 0 && objSize[k] > m; k--) {
            if (freeObjects[k] > 0) {
                return objSize[k];
            }
        }
        return m;
    }

    @Override
    public long freeBlocks() {
        return freeObjectCount + pageAllocator.freeBlocks();
    }

    @Override
    public long lastSearched() {
        return lastSearched;
    }

    @Override
    public long footprint() {
        return pageAllocator.footprint();
    }

    /** Objects in use in the cache of {@code size}-byte objects (for tests and reports). */
    public long objectsInUse(long size) {
        int k = cacheFor(size);
        return k < 0 ? 0 : inUse[k];
    }

    /** Slabs of the cache serving {@code size} bytes on list {@code st}: 0 partial, 1 full, 2 empty. */
    public long slabs(long size, int st) {
        int k = cacheFor(size);
        return k < 0 ? 0 : listLength[k][st];
    }

    /** The page allocator underneath. */
    public Allocator pageAllocator() {
        return pageAllocator;
    }

    @Override
    public void heapMap(HeapSpans spans) {
        pageAllocator.heapMap((start, end, kind) -> {
            if (kind != HeapSpans.BLOCK) {
                spans.span(start, end, kind);
                return;
            }
            long page = pages.pageIndex(start);
            int s = page >= 0 && page < slabOfPage.length ? slabOfPage[(int) page] : NIL;
            if (s == NIL || base[s] != start) {
                spans.span(start, end, kind); // a large kmalloc block
                return;
            }
            int cache = cacheOf[s];
            long size = objSize[cache];
            for (int i = 0; i < perSlab[cache]; i++) {
                long a = start + i * size;
                spans.span(a, a + size, (objUsed[s][i >>> 6] & (1L << i)) != 0 ? HeapSpans.BLOCK : HeapSpans.FREE);
            }
            long tail = start + perSlab[cache] * size;
            if (tail < end) {
                spans.span(tail, end, HeapSpans.NEVER_USED); // the slab's leftover: too small for an object
            }
        });
    }

    @Override
    public void verify() {
        pageAllocator.verify();
        long freeCount = 0;
        long freeBytesSeen = 0;
        for (int k = 0; k < objSize.length; k++) {
            long inUseSeen = 0;
            long freeSeen = 0;
            for (int st = 0; st < 3; st++) {
                long n = 0;
                int prev = NIL;
                for (int s = listHead[k][st]; s != NIL; s = nextSlab[s]) {
                    if (++n > slabIds) {
                        throw new IllegalStateException("slab: " + cacheName[k] + " slab list " + st + " has a cycle");
                    }
                    if (prevSlab[s] != prev || state[s] != st || cacheOf[s] != k) {
                        throw new IllegalStateException("slab: " + cacheName[k] + " slab list " + st + " is inconsistent");
                    }
                    verifySlab(k, s);
                    int u = used[s];
                    int expected = u == 0 ? EMPTY : u == perSlab[k] ? FULL : PARTIAL;
                    if (expected != st) {
                        throw new IllegalStateException("slab: " + cacheName[k] + " slab at " + Addresses.hex(base[s]) + " with "
                            + u + " of " + perSlab[k] + " objects in use is on list " + st);
                    }
                    inUseSeen += u;
                    freeSeen += perSlab[k] - u;
                    prev = s;
                }
                if (n != listLength[k][st]) {
                    throw new IllegalStateException("slab: " + cacheName[k] + " list " + st + " counts " + listLength[k][st] + ", holds " + n);
                }
            }
            if (listLength[k][EMPTY] > keep) {
                throw new IllegalStateException("slab: " + cacheName[k] + " keeps " + listLength[k][EMPTY] + " empty slabs, more than " + keep);
            }
            if (inUseSeen != inUse[k] || freeSeen != freeObjects[k]) {
                throw new IllegalStateException("slab: " + cacheName[k] + " counts " + inUse[k] + " objects in use / " + freeObjects[k]
                    + " free, slabs hold " + inUseSeen + " / " + freeSeen);
            }
            freeCount += freeSeen;
            freeBytesSeen += freeSeen * objSize[k];
        }
        if (freeCount != freeObjectCount || freeBytesSeen != freeObjectBytes) {
            throw new IllegalStateException("slab: free object totals are wrong");
        }
    }

    private void verifySlab(int k, int s) {
        int n = perSlab[k];
        long[] seen = new long[(n + 63) >>> 6];
        int free = 0;
        for (int i = freeHead[s]; i != NIL; i = objNext[s][i]) {
            if (i < 0 || i >= n || (seen[i >>> 6] & (1L << i)) != 0 || (objUsed[s][i >>> 6] & (1L << i)) != 0) {
                throw new IllegalStateException("slab: free list of the slab at " + Addresses.hex(base[s]) + " is corrupt at object " + i);
            }
            seen[i >>> 6] |= 1L << i;
            free++;
        }
        if (free != n - used[s]) {
            throw new IllegalStateException("slab: the slab at " + Addresses.hex(base[s]) + " lists " + free + " free objects, expected "
                + (n - used[s]));
        }
        long firstPage = pages.pageIndex(base[s]);
        if (firstPage < 0 || slabOfPage[(int) firstPage] != s || (base[s] & ((pages.pageBytes() << slabOrder[k]) - 1)) != 0) {
            throw new IllegalStateException("slab: the slab at " + Addresses.hex(base[s]) + " is not mapped from its pages");
        }
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.ALLOCATOR, "slab: " + what);
        }
    }
}
