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
    private long lastGranted; // the block the last malloc returned or free released
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
    private final Reciprocal[] objectDivisor; // offset in a slab -> object index
    private final long[] slabMask;      // slab bytes - 1: a slab is aligned to its size
    private final OpenSlabs[] open;   // per cache: partial and empty slabs, with their free objects
    private final long[] fullSlabs;
    private final long[] inUse;      // objects in use per cache
    private final long[] freeObjects;
    private final Counter[] fromPartial;
    private final Counter[] fromEmpty;
    private final Counter[] newSlabs;
    private final Counter[] released;

    // by page index (the page source's), as Linux keeps slab state in struct page: 8 host bytes per page.
    // A slab is named by its first page, whose index is a multiple of its page count (the source's blocks are aligned).
    private int[] pageSlab = new int[64];   // of the slab the page belongs to: (1 + cache) << 5 | its order; 0 for no slab
    private int[] pageRecord = new int[64]; // first page of a slab: its OpenSlabs record, NIL while the slab is full

    private long freeObjectBytes;
    private long freeObjectCount;
    private long lastSearched;
    private int foundCache;  // the cache and object index slabOf found last
    private int foundObject;
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
        objectDivisor = new Reciprocal[n];
        slabMask = new long[n];
        open = new OpenSlabs[n];
        fullSlabs = new long[n];
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
            slabMask[k] = (pages.pageBytes() << order) - 1;
            objectDivisor[k] = new Reciprocal(size, slabMask[k] + 1);
            open[k] = new OpenSlabs(perSlab[k]);
            final int cache = k;
            String prefix = "alloc.slab." + cacheName[k];
            m.gauge(prefix + ".objects", "objects", "objects in use in " + cacheName[k], () -> inUse[cache]);
            m.gauge(prefix + ".partial", "slabs", "partial slabs of " + cacheName[k], () -> slabCount(cache, PARTIAL));
            m.gauge(prefix + ".full", "slabs", "full slabs of " + cacheName[k], () -> slabCount(cache, FULL));
            m.gauge(prefix + ".empty", "slabs", "empty slabs " + cacheName[k] + " keeps", () -> slabCount(cache, EMPTY));
            fromPartial[k] = m.counter(prefix + ".fromPartial", "allocs", "allocations served from a partial slab");
            fromEmpty[k] = m.counter(prefix + ".fromEmpty", "allocs", "allocations that started a kept empty slab");
            newSlabs[k] = m.counter(prefix + ".newSlabs", "slabs", "slabs taken from the page allocator");
            released[k] = m.counter(prefix + ".released", "slabs", "empty slabs given back to the page allocator");
        }
        large = m.counter("alloc.slab.large", "allocs", "requests above the largest cache, served by the page allocator directly");
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

    // ------------------------------------------------------------------ slabs

    private long slabCount(int cache, int st) {
        return st == FULL ? fullSlabs[cache] : open[cache].length(st);
    }

    /** What {@link #pageSlab} holds for a page of a slab of {@code cache}. */
    private int pageSlabOf(int cache) {
        return (cache + 1) << 5 | slabOrder[cache];
    }

    /** Writes the slab's descriptor (its {@code struct slab} in the head page's {@code struct page}). */
    private void touchDescriptor(long descriptor) {
        if (descriptor != 0) {
            memory.write(descriptor, 16);
        }
    }

    /** {@code allocate_slab}: pages from the page allocator, carved into a free list in address order; returns its record. */
    private int newSlab(int cache) {
        long at = pages.allocPages(slabOrder[cache]);
        if (at == 0) {
            return NIL;
        }
        int n = perSlab[cache];
        int firstPage = (int) pages.pageIndex(at);
        long descriptor = pages.pageDescriptor(firstPage);
        int r = open[cache].open(firstPage, at, descriptor, 0);
        int count = 1 << slabOrder[cache];
        if (firstPage + count > pageSlab.length) {
            int length = Math.max(firstPage + count, pageSlab.length + (pageSlab.length >> 1));
            pageSlab = Arrays.copyOf(pageSlab, length);
            pageRecord = Arrays.copyOf(pageRecord, length);
        }
        Arrays.fill(pageSlab, firstPage, firstPage + count, pageSlabOf(cache));
        pageRecord[firstPage] = r;
        freeObjects[cache] += n;
        freeObjectCount += n;
        freeObjectBytes += n * objSize[cache];
        newSlabs[cache].inc();
        touchDescriptor(descriptor);
        if (log.enabled()) {
            note(cacheName[cache] + ": new slab of " + (pages.pageBytes() << slabOrder[cache]) + " bytes at " + Addresses.hex(at)
                + " holding " + n + " objects");
        }
        return r;
    }

    /** {@code discard_slab}: an empty slab (record {@code r}, on no list) goes back to the page allocator. */
    private void releaseSlab(int cache, int r) {
        OpenSlabs os = open[cache];
        int firstPage = os.slab(r);
        long at = os.base(r);
        os.close(r);
        Arrays.fill(pageSlab, firstPage, firstPage + (1 << slabOrder[cache]), 0);
        pageRecord[firstPage] = NIL;
        int n = perSlab[cache];
        freeObjects[cache] -= n;
        freeObjectCount -= n;
        freeObjectBytes -= n * objSize[cache];
        released[cache].inc();
        long searched = lastSearched;
        pages.freePages(at, slabOrder[cache]);
        lastSearched = searched;
        if (log.enabled()) {
            note(cacheName[cache] + ": more than " + keep + " empty slabs, the one at " + Addresses.hex(at) + " goes back to the pages");
        }
    }

    // ------------------------------------------------------------------ API

    @Override
    public long malloc(long size, long align) {
        int cache = align == 0 && size >= 0 && size <= DIRECT_SIZES ? cacheFor(size) : cacheForRequest(size, align);
        lastGranted = 0;
        if (cache < 0) {
            long p = mallocElsewhere(size, align);
            lastGranted = p == 0 ? 0 : pageAllocator.lastGranted();
            return p;
        }
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 1;
        OpenSlabs os = open[cache];
        int r = os.first(PARTIAL);
        if (r != NIL) {
            fromPartial[cache].inc();
        } else {
            r = refill(cache, os);
            if (r == NIL) {
                lastSearched = 0;
                return 0;
            }
        }
        long objBytes = objSize[cache];
        int i = os.take(r);
        long obj = os.base(r) + i * objBytes;
        memory.read(obj + freeOffset[cache], 8); // get_freepointer: the next free object is stored in this one
        long descriptor = os.descriptor(r);
        if (os.used(r) == perSlab[cache]) {
            becomeFull(cache, os, r);
        }
        touchDescriptor(descriptor);
        inUse[cache]++;
        freeObjects[cache]--;
        freeObjectCount--;
        freeObjectBytes -= objBytes;
        lastGranted = objBytes;
        return obj;
    }

    /** The cache for any request, or -1 when none serves it: a negative size, or too large or too aligned for every cache. */
    private int cacheForRequest(long size, long align) {
        if (size < 0) {
            return -1;
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
        return cache;
    }

    /** A request no cache serves: NULL for a negative size, else {@code kmalloc_large}'s whole pages. */
    private long mallocElsewhere(long size, long align) {
        if (size < 0) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return 0;
        }
        large.inc();
        return pageAllocator.malloc(size, align);
    }

    /** No partial slab: a kept empty one, else a new one, becomes the first partial slab; NIL when the pages run out. */
    private int refill(int cache, OpenSlabs os) {
        int r = os.first(EMPTY);
        if (r != NIL) {
            fromEmpty[cache].inc();
            os.move(r, PARTIAL);
            return r;
        }
        r = newSlab(cache);
        if (r != NIL) {
            os.pushFront(PARTIAL, r);
        }
        return r;
    }

    /** The slab of record {@code r} has no free object left: it leaves the lists and gives its record up. */
    private void becomeFull(int cache, OpenSlabs os, int r) {
        int firstPage = os.slab(r);
        os.unlink(r);
        os.close(r);
        pageRecord[firstPage] = NIL;
        fullSlabs[cache]++;
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

    /**
     * The first page of the slab holding the object at {@code address}, or NIL when the address is a
     * large block; throws when it is neither. Leaves the object's cache in {@link #foundCache} and its
     * index in {@link #foundObject}. A slab is aligned to its size (the page source's blocks are), so
     * the object's offset in its slab is the address's low bits.
     */
    private int slabOf(long address, String op) {
        long page = pages.pageIndex(address);
        if (page < 0) {
            throw new IllegalStateException("slab: " + op + " of " + Addresses.hex(address) + ", not memory of this allocator");
        }
        int info = page < pageSlab.length ? pageSlab[(int) page] : 0;
        if (info == 0) {
            return NIL;
        }
        int cache = (info >>> 5) - 1;
        int s = (int) page & -(1 << (info & 31));
        int r = pageRecord[s];
        int i = objectIndex(address & slabMask[cache], cache);
        if (i < 0 || (r != NIL && open[cache].isFree(r, i))) {
            throw new IllegalStateException("slab: " + op + " of " + Addresses.hex(address) + ", not an allocated object of "
                + cacheName[cache]);
        }
        foundCache = cache;
        foundObject = i;
        return s;
    }

    /** The index of the object at {@code off} bytes into a slab of {@code cache}, or -1 when no object starts there. */
    private int objectIndex(long off, int cache) {
        long q = objectDivisor[cache].divide(off);
        return off != q * objSize[cache] || q >= perSlab[cache] ? -1 : (int) q;
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
        if (s != NIL && size <= old && (cacheFor(size) == foundCache)) {
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
        lastGranted = 0;
        if (address == 0) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return;
        }
        int s = slabOf(address, "free");
        if (s == NIL) {
            pageAllocator.free(address);
            lastSearched = pageAllocator.lastSearched();
            lastGranted = pageAllocator.lastGranted();
            return;
        }
        lastGranted = objSize[foundCache];
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        int cache = foundCache;
        OpenSlabs os = open[cache];
        int r = pageRecord[s];
        boolean wasFull = r == NIL;
        if (wasFull) {
            r = reopen(cache, s, address);
        }
        long objBytes = objSize[cache];
        int i = foundObject;
        memory.write(address + freeOffset[cache], 8); // set_freepointer
        os.give(r, i);
        inUse[cache]--;
        freeObjects[cache]++;
        freeObjectCount++;
        freeObjectBytes += objBytes;
        touchDescriptor(os.descriptor(r));
        if (os.used(r) == 0) {
            becomeEmpty(cache, os, r, wasFull);
        } else if (wasFull) {
            os.pushFront(PARTIAL, r);
        }
    }

    /** A full slab (named by its first page) is about to get an object back: it takes a record again. */
    private int reopen(int cache, int slab, long address) {
        int r = open[cache].open(slab, address & ~slabMask[cache], pages.pageDescriptor(slab), perSlab[cache]);
        pageRecord[slab] = r;
        fullSlabs[cache]--;
        return r;
    }

    /** The last object of a slab came back: the slab is kept on the empty list, or goes back to the pages beyond {@code keep}. */
    private void becomeEmpty(int cache, OpenSlabs os, int r, boolean wasFull) {
        if (!wasFull) {
            os.unlink(r);
        }
        if (os.length(EMPTY) >= keep) {
            releaseSlab(cache, r);
        } else {
            os.pushFront(EMPTY, r);
        }
    }

    @Override
    public long usableSize(long address) {
        return grantedSize(address);
    }

    @Override
    public long grantedSize(long address) {
        int s = slabOf(address, "grantedSize");
        return s == NIL ? pageAllocator.grantedSize(address) : objSize[foundCache];
    }

    @Override
    public long lastGranted() {
        return lastGranted;
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
        return k < 0 ? 0 : slabCount(k, st);
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
            int cache = page >= 0 && page < pageSlab.length ? (pageSlab[(int) page] >>> 5) - 1 : NIL;
            if (cache < 0 || (page & ((1 << slabOrder[cache]) - 1)) != 0) {
                spans.span(start, end, kind); // a large kmalloc block
                return;
            }
            int r = pageRecord[(int) page];
            long size = objSize[cache];
            for (int i = 0; i < perSlab[cache]; i++) {
                long a = start + i * size;
                spans.span(a, a + size, r == NIL || !open[cache].isFree(r, i) ? HeapSpans.BLOCK : HeapSpans.FREE);
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
        long[] full = new long[objSize.length];
        long[] inUseSeen = new long[objSize.length];
        for (int s = 0; s < pageSlab.length; s++) {
            int k = (pageSlab[s] >>> 5) - 1;
            if (k < 0 || (s & ((1 << slabOrder[k]) - 1)) != 0) {
                continue;
            }
            verifyPages(k, s);
            int r = pageRecord[s];
            if (r == NIL) {
                full[k]++;
                inUseSeen[k] += perSlab[k];
            } else if (open[k].slab(r) != s || open[k].listOf(r) < 0) {
                throw new IllegalStateException("slab: " + cacheName[k] + " slab " + s + " has a record that is not its own or on no list");
            }
        }
        for (int k = 0; k < objSize.length; k++) {
            OpenSlabs os = open[k];
            long freeSeen = 0;
            for (int st : new int[] {PARTIAL, EMPTY}) {
                long n = 0;
                int prev = NIL;
                for (int r = os.first(st); r != NIL; r = os.next(r)) {
                    if (++n > pageSlab.length) {
                        throw new IllegalStateException("slab: " + cacheName[k] + " slab list " + st + " has a cycle");
                    }
                    int s = os.slab(r);
                    if (os.prev(r) != prev || os.listOf(r) != st || pageSlab[s] != pageSlabOf(k) || pageRecord[s] != r) {
                        throw new IllegalStateException("slab: " + cacheName[k] + " slab list " + st + " is inconsistent");
                    }
                    int u = verifyFreelist(k, os, r);
                    int expected = u == 0 ? EMPTY : u == perSlab[k] ? FULL : PARTIAL;
                    if (expected != st) {
                        throw new IllegalStateException("slab: " + cacheName[k] + " slab at " + Addresses.hex(os.base(r)) + " with "
                            + u + " of " + perSlab[k] + " objects in use is on list " + st);
                    }
                    inUseSeen[k] += u;
                    freeSeen += perSlab[k] - u;
                    prev = r;
                }
                if (n != os.length(st)) {
                    throw new IllegalStateException("slab: " + cacheName[k] + " list " + st + " counts " + os.length(st) + ", holds " + n);
                }
            }
            if (full[k] != fullSlabs[k]) {
                throw new IllegalStateException("slab: " + cacheName[k] + " counts " + fullSlabs[k] + " full slabs, holds " + full[k]);
            }
            if (os.length(EMPTY) > keep) {
                throw new IllegalStateException("slab: " + cacheName[k] + " keeps " + os.length(EMPTY) + " empty slabs, more than " + keep);
            }
            if (inUseSeen[k] != inUse[k] || freeSeen != freeObjects[k]) {
                throw new IllegalStateException("slab: " + cacheName[k] + " counts " + inUse[k] + " objects in use / " + freeObjects[k]
                    + " free, slabs hold " + inUseSeen[k] + " / " + freeSeen);
            }
            freeCount += freeSeen;
            freeBytesSeen += freeSeen * objSize[k];
        }
        if (freeCount != freeObjectCount || freeBytesSeen != freeObjectBytes) {
            throw new IllegalStateException("slab: free object totals are wrong");
        }
    }

    /** Checks the freelist of an open slab against its free marks; returns the objects in use. */
    private int verifyFreelist(int k, OpenSlabs os, int r) {
        int n = perSlab[k];
        long[] seen = new long[(n + 63) >>> 6];
        int[] list = os.freelist(r);
        for (int i : list) {
            if (i < 0 || i >= n || (seen[i >>> 6] & (1L << i)) != 0 || !os.isFree(r, i)) {
                throw new IllegalStateException("slab: free list of the slab at " + Addresses.hex(os.base(r)) + " is corrupt at object " + i);
            }
            seen[i >>> 6] |= 1L << i;
        }
        int used = os.used(r);
        if (list.length != n - used) {
            throw new IllegalStateException("slab: the slab at " + Addresses.hex(os.base(r)) + " lists " + list.length
                + " free objects, expected " + (n - used));
        }
        if (os.base(r) != pages.pageAddress(os.slab(r)) || os.descriptor(r) != pages.pageDescriptor(os.slab(r))) {
            throw new IllegalStateException("slab: the slab at " + Addresses.hex(os.base(r)) + " has a stale address or descriptor");
        }
        return used;
    }

    private void verifyPages(int k, int s) {
        long at = pages.pageAddress(s);
        if (pages.pageIndex(at) != s || (at & slabMask[k]) != 0) {
            throw new IllegalStateException("slab: the slab at " + Addresses.hex(at) + " is not mapped from its pages");
        }
        for (int i = 1; i < 1 << slabOrder[k]; i++) {
            if (pageSlab[s + i] != pageSlabOf(k)) {
                throw new IllegalStateException("slab: page " + i + " of the slab at " + Addresses.hex(at) + " is not marked as its");
            }
        }
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.ALLOCATOR, "slab: " + what);
        }
    }
}
