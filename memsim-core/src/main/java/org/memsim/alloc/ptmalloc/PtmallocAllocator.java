package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.CHUNK_HDR_SZ;
import static org.memsim.alloc.ptmalloc.Chunk.IS_MMAPPED;
import static org.memsim.alloc.ptmalloc.Chunk.MALLOC_ALIGNMENT;
import static org.memsim.alloc.ptmalloc.Chunk.MALLOC_ALIGN_MASK;
import static org.memsim.alloc.ptmalloc.Chunk.MINSIZE;
import static org.memsim.alloc.ptmalloc.Chunk.PREV_INUSE;
import static org.memsim.alloc.ptmalloc.Chunk.SIZE_SZ;

import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.HeapSpans;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.kernel.SystemCalls;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Params;

/**
 * glibc 2.36's malloc (ptmalloc2) on x86-64 for one thread, the main arena: the public entry
 * points ({@code __libc_malloc}, {@code __libc_free}, {@code __libc_calloc}, {@code __libc_realloc},
 * {@code _mid_memalign}) and the arena algorithms ({@code _int_malloc}, {@code _int_free},
 * {@code malloc_consolidate}, {@code _int_realloc}, {@code _int_memalign}) over the tcache, fastbins,
 * bins, top chunk and mmapped chunks, with glibc's integrity checks ending in {@link GlibcAbort}.
 * Every rule cites its function in {@code malloc/malloc.c}; see {@code docs/allocators/ptmalloc.md}.
 */
public final class PtmallocAllocator implements Allocator {
    /** {@code FASTBIN_CONSOLIDATION_THRESHOLD}: freeing a chunk this big consolidates fastbins. */
    static final long FASTBIN_CONSOLIDATION_THRESHOLD = 65536;
    /** {@code DEFAULT_TRIM_THRESHOLD}. */
    static final long DEFAULT_TRIM_THRESHOLD = 128 * 1024;
    /** {@code DEFAULT_TOP_PAD} (sysdeps/generic/malloc-machine.h): 128 KiB. */
    static final long DEFAULT_TOP_PAD = 128 * 1024;
    /** {@code MAX_ITERS}: unsorted chunks sorted per _int_malloc pass. */
    static final int MAX_ITERS = 10000;

    final SystemCalls kernel;
    private final SimClock clock;
    private final CostModel cost;
    private final LayerLog log;
    final WordStore words;
    final ChunkMemory m;
    final Bins bins;
    final FastBins fast;
    final Tcache tcache;
    final SystemHeap heap;
    final MmapChunks mmaps;
    private final Reshape reshape;
    private final Release release;
    long topPad = DEFAULT_TOP_PAD;             // mp_.top_pad
    long trimThreshold = DEFAULT_TRIM_THRESHOLD; // mp_.trim_threshold (dynamic)
    long lastRemainder;                        // av->last_remainder
    long everUsedEnd;                          // highest chunk end handed out (heap maps)
    long mmapFallbackBytes;
    long trims;
    private long searched;
    private int source;              // where the last _int_malloc/tcache hit came from (MallocSource), for narration

    public PtmallocAllocator(Params p, AllocatorContext c) {
        this.kernel = c.kernel();
        this.clock = c.clock();
        this.cost = c.cost();
        this.log = c.log();
        this.words = new WordStore(kernel.heapStart());
        this.m = new ChunkMemory(words, c.memory());
        this.bins = new Bins(m);
        this.fast = new FastBins(m);
        this.tcache = new Tcache(m);
        this.heap = new SystemHeap(this, m, kernel);
        this.mmaps = new MmapChunks(m, kernel);
        this.reshape = new Reshape(this);
        this.release = new Release(this);
        Metrics metrics = c.metrics();
        metrics.gauge("alloc.ptmalloc.mmapThreshold", "bytes", "mp_.mmap_threshold (raised by freeing mmapped chunks)", () -> mmaps.threshold);
        metrics.gauge("alloc.ptmalloc.trimThreshold", "bytes", "mp_.trim_threshold", () -> trimThreshold);
        metrics.gauge("alloc.ptmalloc.mmappedChunks", "chunks", "chunks with a mapping of their own", () -> mmaps.count);
        metrics.gauge("alloc.ptmalloc.consolidations", "calls", "malloc_consolidate calls", () -> release.consolidations);
        metrics.gauge("alloc.ptmalloc.trims", "calls", "systrim calls that returned memory", () -> trims);
        metrics.gauge("alloc.ptmalloc.tcacheChunks", "chunks", "chunks held in the tcache", () -> tcache.total);
        metrics.gauge("alloc.ptmalloc.fastChunks", "chunks", "chunks held in fastbins", () -> fast.count);
    }

    // ------------------------------------------------------------------ public entry points

    @Override
    public long malloc(long size, long align) {
        begin();
        long p = align <= MALLOC_ALIGNMENT ? libcMalloc(size) : reshape.midMemalign(align, size);
        if (log.enabled()) {
            note("malloc(" + size + ") = " + org.memsim.vm.Addresses.hex(p) + ": a " + (p == 0 ? 0 : grantedSize(p))
                + "-byte chunk from " + MallocSource.describe(source, mmaps.threshold) + (searched > 0 ? " after examining " + searched + " chunk(s)" : ""));
        }
        return p;
    }

    @Override
    public long calloc(long count, long size) {
        begin();
        if (count < 0 || size < 0 || (size != 0 && count > Long.MAX_VALUE / size)) {
            return 0; // __builtin_mul_overflow: ENOMEM
        }
        return libcCalloc(count * size);
    }

    @Override
    public long realloc(long address, long size) {
        begin();
        return reshape.libcRealloc(address, size);
    }

    @Override
    public void free(long address) {
        begin();
        if (log.enabled()) {
            long size = grantedSize(address);
            int idx = Tcache.index(size);
            note("free(" + org.memsim.vm.Addresses.hex(address) + "): a " + size + "-byte chunk, to "
                + ((m.words.get(Chunk.chunk(address) + Chunk.SIZE) & IS_MMAPPED) != 0 ? "munmap"
                : Tcache.cacheable(idx) && tcache.counts[idx] < Tcache.FILL_COUNT ? "the tcache"
                : size <= FastBins.MAX_FAST ? "a fastbin" : "the unsorted bin (or top), coalesced with free neighbours"));
        }
        libcFree(address);
    }

    private void begin() {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        searched = 0;
    }

    void examined(long n) {
        searched += n;
        clock.charge(Layer.ALLOCATOR, n * cost.searchStepNs);
    }

    /** {@code MAYBE_INIT_TCACHE} / {@code tcache_init}: allocates the tcache_perthread_struct from the arena. */
    void maybeInitTcache() {
        if (!tcache.initialized()) {
            long victim = intMalloc(Tcache.STRUCT_BYTES);
            if (victim != 0) {
                tcache.init(victim);
                note("tcache_init: tcache_perthread_struct at " + org.memsim.vm.Addresses.hex(victim));
            }
        }
    }

    /** {@code __libc_malloc}: the tcache first, then {@code _int_malloc}. */
    long libcMalloc(long bytes) {
        long tbytes = Chunk.request2size(bytes);
        if (tbytes < 0) {
            return 0; // ENOMEM
        }
        int tcIdx = Tcache.indexOfValid(tbytes); // request2size gives at least MINSIZE
        maybeInitTcache();
        if (Tcache.cacheable(tcIdx) && tcache.initialized() && tcache.count(tcIdx) > 0) {
            source = MallocSource.TCACHE;
            return tcache.get(tcIdx); // tcache_get already cleared the entry's next and key
        }
        return intMalloc(bytes);
    }

    /** {@code __libc_free}. */
    void libcFree(long mem) {
        if (mem == 0) {
            return;
        }
        long p = Chunk.chunk(mem);
        long field = m.sizeField(p);
        if ((field & IS_MMAPPED) != 0) {
            mmaps.adjustThreshold(field, this);
            mmaps.unmap(p);
            return;
        }
        maybeInitTcache();
        release.intFree(p, field, false);
    }

    /** {@code __libc_calloc}: {@code _int_malloc} (no tcache), clearing only what may be dirty. */
    long libcCalloc(long sz) {
        maybeInitTcache();
        long oldtop = heap.top;
        long oldtopsize = heap.topSize();
        // MORECORE_CLEARS == 1: only memory never handed out since the break last grew is known to be zero
        if (heap.sbrkBase != 0 && oldtopsize < heap.sbrkBase + heap.maxSystemMem - oldtop) {
            oldtopsize = heap.sbrkBase + heap.maxSystemMem - oldtop;
        }
        long mem = intMalloc(sz);
        if (mem == 0) {
            return 0;
        }
        long p = Chunk.chunk(mem);
        long field = m.sizeField(p);
        if ((field & IS_MMAPPED) != 0) {
            return mem; // fresh mapping: already zero
        }
        long csz = Chunk.chunksize(field);
        if (p == oldtop && csz > oldtopsize) {
            csz = oldtopsize; // clear only the bytes from non-freshly-sbrked memory
        }
        m.touch(mem, csz - SIZE_SZ, true);
        return mem;
    }

    // ------------------------------------------------------------------ _int_malloc

    /** The chunk at {@code p} (size {@code size}) is given to the program. */
    private void handOut(long p, long size, boolean nextsize, long footer) {
        m.forgetLinks(p, nextsize, footer);
        long end = p + size;
        if (end > everUsedEnd) {
            everUsedEnd = end;
        }
    }

    /** A chunk of {@code size} bytes out of a small bin or the unsorted bin, whole: fd, bk and footer go. */
    private long give(long p, long size) {
        handOut(p, size, false, size);
        return Chunk.mem(p);
    }

    /** A chunk split off top: fresh memory, no link words to forget. */
    private long giveFromTop(long p, long size) {
        long end = p + size;
        if (end > everUsedEnd) {
            everUsedEnd = end;
        }
        return Chunk.mem(p);
    }

    /**
     * {@code _int_malloc}: returns the mem address or 0. The fastbin and smallbin cases and the
     * search that follows them (unsorted chunks, large bins, binmap, top) are methods of their own:
     * compiled as one, the accessors inlined into the first two used up the JIT's inlining budget
     * and the unsorted loop made calls for every field it read.
     */
    long intMalloc(long bytes) {
        long nb = Chunk.request2size(bytes);
        if (nb < 0) {
            return 0;
        }
        int idx;
        if (Long.compareUnsigned(nb, FastBins.MAX_FAST) <= 0) {
            idx = FastBins.index(nb);
            if (fast.heads[idx] != 0) {
                return mallocFromFastbin(nb, idx);
            }
        }
        if (Bins.inSmallbinRange(nb)) {
            idx = Bins.smallbinIndex(nb);
            if (bins.last(idx) != ChunkMemory.binAt(idx)) {
                return mallocFromSmallbin(nb, idx);
            }
        } else {
            idx = Bins.largebinIndex(nb);
            if (fast.haveFastchunks) {
                consolidate();
            }
        }
        return mallocFromBinsOrTop(nb, idx);
    }

    /** {@code _int_malloc}'s fastbin case: fastbin {@code idx} is not empty; the rest of it goes to the tcache. */
    private long mallocFromFastbin(long nb, int idx) {
        long victim = fast.pop(idx, "malloc(): unaligned fastbin chunk detected 2");
        long vsize = m.chunksize(victim);
        fast.taken(vsize);
        if (FastBins.index(vsize) != idx) {
            throw new GlibcAbort("malloc(): memory corruption (fast)");
        }
        int tcIdx = Tcache.index(nb);
        if (tcache.initialized() && Tcache.cacheable(tcIdx)) {
            while (tcache.count(tcIdx) < Tcache.FILL_COUNT && fast.heads[idx] != 0) {
                long tcVictim = fast.pop(idx, "malloc(): unaligned fastbin chunk detected 3");
                fast.taken(nb);
                tcache.put(tcVictim, tcIdx);
            }
        }
        m.forgetFastLink(victim);
        source = MallocSource.FASTBIN;
        return Chunk.mem(victim);
    }

    /** {@code _int_malloc}'s smallbin case: small bin {@code idx} is not empty; the rest of it goes to the tcache. */
    private long mallocFromSmallbin(long nb, int idx) {
        long bin = ChunkMemory.binAt(idx);
        long victim = bins.last(idx);
        long bck = m.bk(victim);
        if (m.fd(bck) != victim) {
            throw new GlibcAbort("malloc(): smallbin double linked list corrupted");
        }
        m.setInuseBitAt(victim, nb);
        m.setBk(bin, bck);
        m.setFd(bck, bin);
        bins.chunks--;
        bins.bytes -= nb;
        int tcIdx = Tcache.index(nb);
        if (tcache.initialized() && Tcache.cacheable(tcIdx)) {
            long tcVictim;
            while (tcache.count(tcIdx) < Tcache.FILL_COUNT && (tcVictim = bins.last(idx)) != bin) {
                bck = m.bk(tcVictim);
                m.setInuseBitAt(tcVictim, nb);
                m.setBk(bin, bck);
                m.setFd(bck, bin);
                bins.chunks--;
                bins.bytes -= nb;
                m.forgetLinks(tcVictim, false, nb);
                tcache.put(tcVictim, tcIdx);
            }
        }
        source = MallocSource.SMALLBIN;
        return give(victim, nb);
    }

    /**
     * The rest of {@code _int_malloc} for a request of chunk size {@code nb} ({@code idx}: its small
     * or large bin): the unsorted chunks (sorted into bins, an exact fit taken or cached), the large
     * bin, the next larger non-empty bin by binmap, top, sysmalloc.
     */
    private long mallocFromBinsOrTop(long nb, int idx) {
        int tcIdx = Tcache.index(nb);
        boolean tcacheNb = tcache.initialized() && Tcache.cacheable(tcIdx);
        boolean returnCached = false;
        for (;;) {
            int iters = 0;
            long victim;
            while ((victim = bins.last(1)) != Bins.UNSORTED) {
                examined(1);
                long bck = m.bk(victim);
                long size = m.chunksize(victim);
                long next = victim + size;
                if (Long.compareUnsigned(size, CHUNK_HDR_SZ) <= 0 || Long.compareUnsigned(size, heap.systemMem) > 0) {
                    throw new GlibcAbort("malloc(): invalid size (unsorted)");
                }
                long nextField = m.sizeField(next);
                if (Long.compareUnsigned(nextField, CHUNK_HDR_SZ) < 0 || Long.compareUnsigned(nextField, heap.systemMem) > 0) {
                    throw new GlibcAbort("malloc(): invalid next size (unsorted)");
                }
                if ((m.prevSize(next) & ~Chunk.SIZE_BITS) != size) {
                    throw new GlibcAbort("malloc(): mismatching next->prev_size (unsorted)");
                }
                if (m.fd(bck) != victim || m.fd(victim) != Bins.UNSORTED) {
                    throw new GlibcAbort("malloc(): unsorted double linked list corrupted");
                }
                if ((nextField & PREV_INUSE) != 0) {
                    throw new GlibcAbort("malloc(): invalid next->prev_inuse (unsorted)");
                }
                if (Bins.inSmallbinRange(nb) && bck == Bins.UNSORTED && victim == lastRemainder
                    && Long.compareUnsigned(size, nb + MINSIZE) > 0) {
                    // split the last remainder and reattach what is left
                    long remainderSize = size - nb;
                    long remainder = victim + nb;
                    m.setBk(Bins.UNSORTED, remainder);
                    m.setFd(Bins.UNSORTED, remainder);
                    lastRemainder = remainder;
                    m.setBk(remainder, Bins.UNSORTED);
                    m.setFd(remainder, Bins.UNSORTED);
                    if (!Bins.inSmallbinRange(remainderSize)) {
                        m.setFdNextsize(remainder, 0);
                        m.setBkNextsize(remainder, 0);
                    }
                    bins.bytes -= nb;
                    m.setHead(victim, nb | PREV_INUSE);
                    m.setHead(remainder, remainderSize | PREV_INUSE);
                    m.setFoot(remainder, remainderSize);
                    source = MallocSource.LAST_REMAINDER;
                    handOut(victim, nb, false, 0);
                    return Chunk.mem(victim);
                }
                bins.popUnsorted(victim, bck, size);
                if (size == nb) {
                    m.setInuseBitAt(victim, size);
                    if (tcacheNb && tcache.count(tcIdx) < Tcache.FILL_COUNT) {
                        m.forgetLinks(victim, false, size);
                        tcache.put(victim, tcIdx);
                        returnCached = true;
                        continue;
                    }
                    source = MallocSource.UNSORTED_EXACT;
                    return give(victim, size);
                }
                examined(bins.place(victim, size));
                if (++iters >= MAX_ITERS) {
                    break;
                }
            }
            if (returnCached) {
                source = MallocSource.TCACHE_REFILLED;
                return tcache.get(tcIdx);
            }

            if (!Bins.inSmallbinRange(nb)) {
                long bin = ChunkMemory.binAt(idx);
                victim = bins.first(idx);
                if (victim != bin && Long.compareUnsigned(m.sizeField(victim), nb) >= 0) {
                    victim = m.bkNextsize(victim);
                    long size;
                    examined(1);
                    while (Long.compareUnsigned(size = m.chunksize(victim), nb) < 0) {
                        victim = m.bkNextsize(victim);
                        examined(1);
                    }
                    // avoid removing the first entry for a size so that the skip list need not be rerouted
                    if (victim != bins.last(idx) && m.sizeField(victim) == m.sizeField(m.fd(victim))) {
                        victim = m.fd(victim);
                    }
                    return takeFromBin(victim, size, nb, false, "malloc(): corrupted unsorted chunks");
                }
            }

            // scan the binmap for the next non-empty bin with larger chunks
            int i = idx + 1;
            int block = Bins.idx2block(i);
            int map = bins.binmap[block];
            int bit = Bins.idx2bit(i);
            boolean useTop = false;
            for (;;) {
                if (Integer.compareUnsigned(bit, map) > 0 || bit == 0) {
                    do {
                        if (++block >= Bins.BINMAPSIZE) {
                            useTop = true;
                            break;
                        }
                    } while ((map = bins.binmap[block]) == 0);
                    if (useTop) {
                        break;
                    }
                    i = block << Bins.BINMAPSHIFT;
                    bit = 1;
                }
                while ((bit & map) == 0) {
                    i++;
                    bit <<= 1;
                }
                examined(1);
                victim = bins.last(i);
                if (victim == ChunkMemory.binAt(i)) {
                    bins.binmap[block] = map &= ~bit; // a false alarm: clear the bit
                    i++;
                    bit <<= 1;
                } else {
                    long size = m.chunksize(victim);
                    return takeFromBin(victim, size, nb, true, "malloc(): corrupted unsorted chunks 2");
                }
            }

            // use_top
            victim = heap.top;
            long size = heap.topSize();
            if (Long.compareUnsigned(size, heap.systemMem) > 0) {
                throw new GlibcAbort("malloc(): corrupted top size");
            }
            if (Long.compareUnsigned(size, nb + MINSIZE) >= 0) {
                heap.splitTop(victim, size, nb);
                source = MallocSource.TOP;
                return giveFromTop(victim, nb);
            } else if (fast.haveFastchunks) {
                consolidate();
                idx = Bins.inSmallbinRange(nb) ? Bins.smallbinIndex(nb) : Bins.largebinIndex(nb);
            } else {
                source = MallocSource.SYSMALLOC;
                return sysmalloc(nb);
            }
        }
    }

    /** Unlinks {@code victim} from its bin and uses it: exhausted whole, or split with the remainder to the unsorted bin. */
    private long takeFromBin(long victim, long size, long nb, boolean advertise, String check) {
        long remainderSize = size - nb;
        boolean large = !Bins.inSmallbinRange(size);
        bins.unlink(victim);
        if (remainderSize < MINSIZE) {
            m.setInuseBitAt(victim, size);
            source = MallocSource.BIN_WHOLE;
            handOut(victim, size, large, size);
            return Chunk.mem(victim);
        }
        long remainder = victim + nb;
        m.setHead(victim, nb | PREV_INUSE);
        bins.pushUnsorted(remainder, remainderSize, check);
        if (advertise && Bins.inSmallbinRange(nb)) {
            lastRemainder = remainder;
        }
        m.setHead(remainder, remainderSize | PREV_INUSE);
        m.setFoot(remainder, remainderSize);
        // in a 32-byte chunk the old nextsize words are the remainder's prev_size and size: keep them
        source = MallocSource.BIN_SPLIT;
        handOut(victim, nb, large && nb > Chunk.BK_NEXTSIZE, 0);
        return Chunk.mem(victim);
    }

    /** {@code sysmalloc}: mmap for large requests, else grow the brk heap. */
    private long sysmalloc(long nb) {
        if (mmaps.wants(nb)) {
            long mem = mmaps.map(nb);
            if (mem != 0) {
                source = MallocSource.MMAP;
                return mem;
            }
        }
        long mem = heap.grow(nb);
        source = MallocSource.SBRK_TOP;
        if (mem != 0) {
            giveFromTop(Chunk.chunk(mem), nb);
        }
        return mem;
    }

    // ------------------------------------------------------------------ _int_free and malloc_consolidate

    /** {@code _int_free}; {@code haveLock} is true for the internal callers (realloc, memalign, sysmalloc). */
    void intFree(long p, boolean haveLock) {
        release.intFree(p, m.sizeField(p), haveLock);
    }

    /** {@code malloc_consolidate}. */
    void consolidate() {
        release.consolidate();
    }

    // ------------------------------------------------------------------ the program writing over metadata

    /**
     * The program stored the 8-byte {@code value} at {@code address} (an overflow past a block, a
     * write through a dangling pointer): if a chunk header, footer or list link lives there, glibc
     * will read the new value later, with glibc's consequences (a corrupted size, a poisoned
     * tcache or fastbin list). For the memory-safety checker; the replay itself never calls it.
     */
    public void programWrote(long address, long value) {
        if ((address & 7) != 0) {
            throw new IllegalArgumentException("ptmalloc models aligned 8-byte words; got " + org.memsim.vm.Addresses.hex(address));
        }
        if (value == 0) {
            words.remove(address);
        } else {
            words.put(address, value);
        }
    }

    /** The 8-byte word glibc would read at {@code address} (0 where the model keeps no metadata). */
    public long wordAt(long address) {
        return words.get(address & ~7L);
    }

    /** The mmap threshold now ({@code mp_.mmap_threshold}, raised by freeing mmapped chunks). */
    public long mmapThreshold() {
        return mmaps.threshold;
    }

    // ------------------------------------------------------------------ measurements

    @Override
    public long usableSize(long address) {
        long p = Chunk.chunk(address);
        long field = m.words.get(p + Chunk.SIZE);
        long size = Chunk.chunksize(field);
        return (field & IS_MMAPPED) != 0 ? size - CHUNK_HDR_SZ : size - SIZE_SZ;
    }

    @Override
    public long grantedSize(long address) {
        return Chunk.chunksize(m.words.get(Chunk.chunk(address) + Chunk.SIZE));
    }

    @Override
    public long freeBytes() {
        return bins.bytes + fast.bytes + tcache.bytes() + heap.topSize();
    }

    @Override
    public long largestFree() {
        return HeapInspector.largestFree(this);
    }

    @Override
    public long freeBlocks() {
        return bins.chunks + fast.count + tcache.total + (heap.top == Bins.UNSORTED ? 0 : 1);
    }

    @Override
    public void heapMap(HeapSpans spans) {
        HeapInspector.heapMap(this, spans);
    }

    @Override
    public long lastSearched() {
        return searched;
    }

    @Override
    public long footprint() {
        return heap.systemMem + mmaps.mappedBytes;
    }

    @Override
    public void verify() {
        HeapInspector.verify(this);
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.ALLOCATOR, what);
        }
    }
}
