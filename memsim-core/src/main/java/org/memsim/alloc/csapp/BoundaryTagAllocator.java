package org.memsim.alloc.csapp;

import java.util.Arrays;
import java.util.Locale;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.SizeIndex;
import org.memsim.collections.LongLongHashMap;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.kernel.SystemCalls;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.vm.AccessType;
import org.memsim.vm.Addresses;
import org.memsim.vm.MemoryPort;

/**
 * The boundary-tag heap of CS:APP (Bryant and O'Hallaron, 3rd ed., §9.9.12–9.9.14, the malloc
 * lab's {@code mm.c}), parameterized by tag width so one engine serves {@code csapp} (4-byte tags,
 * 8-byte alignment, exactly the textbook's) and {@code segfit} (8-byte tags, 16-byte alignment).
 * Free blocks are found through an implicit list (every block walked), one explicit list (LIFO,
 * FIFO or address order) or segregated explicit lists by size class, with first, next or best fit;
 * freed blocks coalesce at once (the four cases of §9.9.11); the heap grows by {@code brk}.
 * <pre>
 *  heap start                                                                  break
 *  | pad | hdr 8/1 | ftr 8/1 | hdr s/a | payload ...      | ftr s/a | ... | hdr 0/1 |
 *  |  W  |  W   prologue  W  |   W     ^ bp (aligned)     |    W    |     epilogue  |
 *                            ^ heap_listp's block ends here; first block's bp = start + 4W
 * </pre>
 * W is the tag width ({@code WSIZE}), D = 2W the alignment ({@code DSIZE}); a block of size s has
 * its header at bp − W and its footer at bp + s − D. Host structures: a {@link RankBitmap} of block
 * starts over the heap's D-byte granules, a bitmap of free blocks with one bit per granule pair, a
 * {@link FitTree} for address-ordered first and next fit, {@link FreeLists} for LIFO/FIFO and
 * segregated lists, a {@link SizeIndex} for best fit. The search length is reported as the textbook
 * walk would have it, while the host finds the same block without walking an implicit list.
 */
public final class BoundaryTagAllocator implements Allocator {
    /** How free blocks are organized. */
    public enum ListKind { IMPLICIT, EXPLICIT, SEGREGATED }

    /** Which free block serves a request. */
    public enum Fit { FIRST, NEXT, BEST }

    /** Where a freed block goes in an explicit list. */
    public enum Order { LIFO, FIFO, ADDRESS }

    /** How {@code realloc} works. */
    public enum Realloc { NAIVE, INPLACE }

    /** How block sizes (bytes) map to segregated list indexes; classes must be monotone in size. */
    public enum Classes {
        /** One class per power of two: [min, 2^(k+1)), [2^(k+1), 2^(k+2)), … */
        POW2,
        /** One class per alignment step below 1 KiB, then one per power of two. */
        FINE;

        int classOf(long bytes, long minBlock, int align) {
            if (this == FINE && bytes < 1024) {
                return (int) ((bytes - minBlock) / align);
            }
            if (this == FINE) {
                return (int) ((1024 - minBlock) / align) + 63 - Long.numberOfLeadingZeros(bytes) - 10;
            }
            return Math.max(0, (63 - Long.numberOfLeadingZeros(bytes)) - (63 - Long.numberOfLeadingZeros(minBlock)));
        }
    }

    /**
     * The engine's settings.
     *
     * @param name      the strategy name for messages and the narration
     * @param wsize     tag width W in bytes (4 or 8); alignment and granule are 2W
     * @param chunk     the least number of bytes {@code extend_heap} asks for ({@code CHUNKSIZE})
     * @param zeroIsNull whether {@code malloc(0)} returns NULL (the textbook) or a minimum block (glibc)
     */
    public record Config(String name, int wsize, long chunk, ListKind list, Fit fit, Order order, Classes classes,
                         Realloc realloc, boolean zeroIsNull) {}

    private static final int PROLOGUE = 1;     // granule of the prologue block's bp
    private static final int FIRST_BLOCK = 2;  // granule of the first real block's bp
    private static final int ORDER_BITS = 34;
    private static final long ORDER_LIMIT = 1L << ORDER_BITS; // heap granules and list sequence numbers
    private static final int CLASS_SHIFT = 56;
    private static final int MAX_SIZE_GRANULES = (1 << 29) - 1;

    private final String name;
    private final SystemCalls kernel;
    private final MemoryPort memory;
    private final SimClock clock;
    private final CostModel cost;
    private final LayerLog log;
    private final ListKind list;
    private final Fit fit;
    private final Order order;
    private final Classes classes;
    private final Realloc reallocPolicy;
    private final boolean zeroIsNull;
    private final int w;        // WSIZE
    private final int d;        // DSIZE: alignment and granule
    private final int shift;    // log2(d)
    private final int minG;     // minimum block, in granules
    private final long chunkG;  // CHUNKSIZE, in granules
    private final long maxBlockBytes;

    private final RankBitmap starts;   // block starts (bp granules), prologue included
    private final RankBitmap freeMap;  // free blocks, one bit per granule pair (see pair()); ranked for best fit over an address-ordered explicit list
    private final boolean addressOrdered;                      // the list order is the address order
    private final FitTree tree;        // address-ordered first/next fit: largest free block and walked entries per subtree
    private final boolean treeCountsStarts; // the tree's walked entries are the blocks (implicit list)
    private final boolean treeCountsFree;   // ... or the free blocks (explicit address-ordered list)
    private final FreeLists lists;     // explicit LIFO/FIFO list, or segregated lists
    private final SizeIndex sizes;     // best fit
    private final int classCount;
    private final int fineLimitG;   // segregated classes: FINE sizes below this (granules) have one class each
    private final int classBase;    // segregated classes: FINE's first power-of-two class, less log2 of its size
    private final int pow2MinLog;   // segregated classes: POW2's floor(log2(minimum block in granules))
    private long nextSeq;
    private int roverNode = FreeLists.NIL; // next fit over a linked list: where the next search starts
    private int foundNode = FreeLists.NIL; // the list node of the block findFit found, when it knows it
    private long foundSizeG = -1;           // the size of the block findFit found, when it knows it

    private boolean initialized;
    private boolean initFailed;
    private long breakAtInit;  // the break before mm_init (the heap's first byte)
    private long base;         // the heap start aligned to D: granule 0
    private long endG;         // granule of the epilogue's bp: the break is base + endG * D
    private long everUsedEndG; // end of the highest block ever allocated
    private long freeBytes;
    private long rover = PROLOGUE; // next fit over an address-ordered list: a granule
    private long lastGranted; // the block the last malloc returned or free released
    private long lastSearched;

    private final Counter searchedTotal;
    private final Counter splits;
    private final Counter merges;
    private final Counter grows;

    public BoundaryTagAllocator(Config c, AllocatorContext ctx) {
        if (c.wsize() != 4 && c.wsize() != 8) {
            throw new IllegalArgumentException("tag width must be 4 or 8");
        }
        this.name = c.name();
        this.kernel = ctx.kernel();
        this.memory = ctx.memory();
        this.clock = ctx.clock();
        this.cost = ctx.cost();
        this.log = ctx.log();
        this.list = c.list();
        this.fit = c.fit();
        this.order = c.list() == ListKind.IMPLICIT ? Order.ADDRESS : c.order();
        this.classes = c.classes();
        this.reallocPolicy = c.realloc();
        this.zeroIsNull = c.zeroIsNull();
        this.w = c.wsize();
        this.d = 2 * w;
        this.shift = Integer.numberOfTrailingZeros(d);
        // implicit: header + footer + one double word; explicit: header + footer + pred + succ pointers (8 bytes each)
        long minBytes = list == ListKind.IMPLICIT ? 2L * d : Addresses.alignUp(2L * w + 16, d);
        this.minG = (int) (minBytes >> shift);
        if (c.chunk() < 2L * d || c.chunk() % d != 0 || c.chunk() > (1L << 32)) {
            throw new org.memsim.spec.SpecException(name + ": chunk=" + c.chunk() + " must be a multiple of " + d
                + " from " + 2 * d + " to 4 GiB");
        }
        this.chunkG = c.chunk() >> shift;
        // a w-byte tag holds the size with the low bits as flags: 4-byte tags cap a block below 4 GiB
        this.maxBlockBytes = Math.min(w == 4 ? (1L << 32) - d : Long.MAX_VALUE, (long) MAX_SIZE_GRANULES << shift);
        this.addressOrdered = list == ListKind.IMPLICIT || (list == ListKind.EXPLICIT && order == Order.ADDRESS);
        this.starts = new RankBitmap(1024, false);
        this.freeMap = new RankBitmap(512, list == ListKind.EXPLICIT && order == Order.ADDRESS && fit == Fit.BEST);
        this.fineLimitG = 1024 >> shift;
        this.classBase = (int) ((1024 - ((long) minG << shift)) / d) - 10 + shift;
        this.pow2MinLog = (63 - Long.numberOfLeadingZeros((long) minG << shift)) - shift;
        this.classCount = list == ListKind.SEGREGATED ? classOfGranules(maxBlockBytes >> shift) + 1 : 1;
        this.tree = addressOrdered && fit != Fit.BEST ? new FitTree(freeMap, starts, new FitTree.Words() {
            @Override
            public long size(long pair) {
                return pairSize(pair);
            }

            @Override
            public long walked(int word) {
                return list == ListKind.IMPLICIT ? Long.bitCount(starts.word(2 * word)) + Long.bitCount(starts.word(2 * word + 1))
                    : Long.bitCount(freeMap.word(word));
            }
        }, freeMap.wordCount(), list == ListKind.IMPLICIT) : null;
        this.treeCountsStarts = tree != null && list == ListKind.IMPLICIT;
        this.treeCountsFree = tree != null && list == ListKind.EXPLICIT;
        this.lists = addressOrdered ? null : new FreeLists(classCount, fit == Fit.BEST);
        this.sizes = fit == Fit.BEST ? new SizeIndex(addressOrdered || order == Order.ADDRESS) : null;
        Metrics m = ctx.metrics();
        searchedTotal = m.counter("alloc.searched", "entries", "free-list entries examined");
        splits = m.counter("alloc.splits", "splits", "blocks split to serve a smaller request");
        merges = m.counter("alloc.merges", "merges", "free neighbours merged");
        grows = m.counter("alloc.heapGrows", "calls", "times the heap grew with brk");
    }

    // ------------------------------------------------------------------ geometry

    private long bp(long g) {
        return base + (g << shift);
    }

    private long header(long g) {
        return bp(g) - w;
    }

    /** Size in granules of the block whose bp is at granule {@code g}. */
    private long sizeG(long g) {
        long next = starts.nextSetAfter(g); // no block starts at or above the epilogue
        return (next < 0 ? endG : next) - g;
    }

    /** Size in granules of the block that starts in pair {@code p} (which must hold one). */
    private long pairSize(long p) {
        long g = p << 1;
        // the pair's two granules share one word of the start map: its block starts at the first
        // granule when that bit is set, else at the second; the next start above it is usually in
        // the same word, so one word read serves both
        long word = starts.word((int) (g >>> 6));
        g += (~word >>> g) & 1; // shifts use g's low 6 bits
        long above = word & (-2L << g); // -2L << 63 == 0: nothing above the word's last bit
        long next = above != 0 ? (g & ~63L) + Long.numberOfTrailingZeros(above) : starts.nextSetAfter(g);
        return (next < 0 ? endG : next) - g;
    }

    /**
     * The free map's bit for the block at granule {@code g}: every block but the prologue (granule
     * 1, never free) spans at least two granules, so at most one block starts in each aligned pair
     * of granules and one bit per pair says whether that block is free.
     */
    private static long pair(long g) {
        return g >>> 1;
    }

    private boolean isFree(long g) {
        return freeMap.get(pair(g));
    }

    /** The tree leaf (free-map word) that covers granule {@code g}: 128 granules each. */
    private static int leafOf(long g) {
        return (int) (g >>> 7);
    }

    private void markStart(long g) {
        starts.set(g);
        if (treeCountsStarts) {
            tree.addCount(leafOf(g), 1);
        }
    }

    private void unmarkStart(long g) {
        starts.clear(g);
        if (treeCountsStarts) {
            tree.addCount(leafOf(g), -1);
        }
    }

    private void markFree(long g) {
        freeMap.set(pair(g));
        if (treeCountsFree) {
            tree.addCount(leafOf(g), 1);
        }
    }

    private void unmarkFree(long g) {
        freeMap.clear(pair(g));
        if (treeCountsFree) {
            tree.addCount(leafOf(g), -1);
        }
    }

    /** The first free block at granule {@code from} or later holding {@code need} granules, or -1. */
    private long firstFreeAtLeast(long from, long need) {
        long p = tree.firstAtLeast(pair(from), need);
        if (p < 0) {
            return -1;
        }
        long g = tree.foundGranule;
        if (g < from) { // the pair's block starts just below from: look past it
            p = tree.firstAtLeast(p + 1, need);
            g = p < 0 ? -1 : tree.foundGranule;
        }
        return g;
    }

    /**
     * The block size for a request, in granules: the textbook's
     * {@code size <= DSIZE ? 2*DSIZE : DSIZE * ((size + DSIZE + DSIZE-1) / DSIZE)}, raised to the
     * minimum block of an explicit list; -1 when it cannot be represented.
     */
    private long adjust(long size) {
        if (size < 0 || size > maxBlockBytes - d) {
            return -1;
        }
        long bytes = Addresses.alignUp(size + d, d); // payload plus header and footer (2W = D)
        return Math.max(minG, bytes >> shift);
    }

    // ------------------------------------------------------------------ free lists

    private int classOfGranules(long sizeG) {
        if (list != ListKind.SEGREGATED) {
            return 0;
        }
        // the same classes as Classes.classOf(sizeG << shift, minG << shift, d), without its division
        int log = 63 - Long.numberOfLeadingZeros(sizeG);
        if (classes == Classes.FINE) {
            return sizeG < fineLimitG ? (int) (sizeG - minG) : classBase + log;
        }
        return Math.max(0, log - pow2MinLog);
    }

    /** A free block's position for best-fit ties: its granule, or its sequence in a LIFO/FIFO list. */
    private long tie(long g, int node) {
        if (addressOrdered || order == Order.ADDRESS) {
            return g;
        }
        long seq = lists.seq[node];
        return order == Order.LIFO ? ORDER_LIMIT - 1 - seq : seq;
    }

    /** Puts a free block on its list; returns the list entries examined to find its place. */
    private long addFree(long g, long sizeG) {
        markFree(g);
        if (lists != null) {
            return listFree(lists.newNode(g, (int) sizeG), g, sizeG);
        }
        if (tree != null) {
            tree.added(pair(g), sizeG);
        }
        if (sizes != null) {
            sizes.insert(SizeIndex.key(sizeG, tie(g, -1)), g);
        }
        freeBytes += sizeG << shift;
        return 0;
    }

    /**
     * Links list node {@code node} (mapped to granule {@code g}, on no list) into its class's list
     * for the free block of {@code sizeG} granules at {@code g}, and into the size index; the free
     * bit is the caller's. Returns the list entries examined to find its place.
     */
    private long listFree(int node, long g, long sizeG) {
        long examined = 0;
        int c = classOfGranules(sizeG);
        if (order == Order.LIFO) {
            lists.linkFront(c, node);
        } else if (order == Order.FIFO) {
            lists.linkBack(c, node);
        } else {
            int at = lists.first(c);
            while (at != FreeLists.NIL && lists.granule[at] < g) {
                at = lists.after(at);
                examined++;
            }
            lists.linkBefore(c, at, node);
        }
        if (sizes != null) {
            if (nextSeq >= ORDER_LIMIT - 1) {
                renumber();
            }
            lists.seq[node] = nextSeq++;
            sizes.insert(SizeIndex.key(sizeG, tie(g, node)), g);
        }
        freeBytes += sizeG << shift;
        return examined;
    }

    private void removeFree(long g, long sizeG) {
        removeFree(g, sizeG, lists == null ? -1 : lists.node(g));
    }

    /** Takes a free block off its list; {@code node} is its list node (when there are lists), or -1 to look it up. */
    private void removeFree(long g, long sizeG, int node) {
        if (lists != null) {
            lists.release(unlistFree(g, sizeG, node));
            unmarkFree(g);
            return;
        }
        if (sizes != null && !sizes.remove(SizeIndex.key(sizeG, tie(g, node)))) {
            throw new IllegalStateException(name + ": free block at " + Addresses.hex(bp(g)) + " is not in the size index");
        }
        unmarkFree(g);
        if (tree != null) {
            tree.removed(pair(g), sizeG);
        }
        freeBytes -= sizeG << shift;
    }

    /**
     * Takes the free block of {@code sizeG} granules at {@code g} off its list and out of the size
     * index, leaving its free bit; returns its list node ({@code node}, or looked up when -1), still
     * mapped to {@code g}.
     */
    private int unlistFree(long g, long sizeG, int node) {
        if (node < 0) {
            node = lists.node(g);
            if (node < 0) {
                throw new IllegalStateException(name + ": free block at " + Addresses.hex(bp(g)) + " is not on its free list");
            }
        }
        if (node == roverNode) {
            roverNode = lists.after(node);
        }
        if (sizes != null && !sizes.remove(SizeIndex.key(sizeG, tie(g, node)))) {
            throw new IllegalStateException(name + ": free block at " + Addresses.hex(bp(g)) + " is not in the size index");
        }
        lists.detach(classOfGranules(sizeG), node);
        freeBytes -= sizeG << shift;
        return node;
    }

    /** Gives the listed blocks fresh sequence numbers in list order (after 2^34 insertions). */
    private void renumber() {
        long n = 0;
        for (int c = 0; c < classCount; c++) {
            for (int at = lists.first(c); at != FreeLists.NIL; at = lists.after(at)) {
                sizes.remove(SizeIndex.key(lists.size[at], tie(lists.granule[at], at)));
            }
        }
        for (int c = 0; c < classCount; c++) {
            long cnt = lists.count[c];
            long k = 0;
            for (int at = lists.first(c); at != FreeLists.NIL; at = lists.after(at), k++) {
                lists.seq[at] = order == Order.LIFO ? n + cnt - 1 - k : n + k;
                sizes.insert(SizeIndex.key(lists.size[at], tie(lists.granule[at], at)), lists.granule[at]);
            }
            n += cnt;
        }
        nextSeq = n;
    }

    /** Free blocks in classes {@code from} to {@code to}, both included. */
    private long countClasses(int from, int to) {
        long n = 0;
        for (int c = from; c <= to && c < classCount; c++) {
            n += lists.count[c];
        }
        return n;
    }

    // ------------------------------------------------------------------ the heap: mm_init, extend_heap

    /** {@code mm_init}: padding word, prologue header and footer, epilogue header, then one chunk. */
    private boolean init() {
        if (initialized) {
            return true;
        }
        if (initFailed || kernel.killed()) {
            return false;
        }
        breakAtInit = kernel.currentBreak();
        base = Addresses.alignUp(breakAtInit, d);
        long want = base + 4L * w;
        if (kernel.brk(want) != want) {
            initFailed = true;
            return false;
        }
        if (log.enabled()) {
            note("mm_init: sbrk(" + 4 * w + ") for the padding word, the prologue's header and footer and the epilogue header at "
                + Addresses.hex(base));
        }
        memory.write(base, 4L * w); // PUT(pad); PUT(prologue hdr); PUT(prologue ftr); PUT(epilogue hdr)
        markStart(PROLOGUE);
        endG = FIRST_BLOCK;
        everUsedEndG = FIRST_BLOCK;
        initialized = true;
        extendHeap(chunkG);
        return true;
    }

    /**
     * {@code extend_heap}: moves the break up by {@code sizeG} granules; the new free block starts
     * where the old epilogue was and coalesces with a free last block. Returns its granule or -1.
     */
    private long extendHeap(long sizeG) {
        long oldBreak = bp(endG);
        if (kernel.currentBreak() != oldBreak) {
            if (log.enabled()) {
                note("extend_heap: the break moved under the heap (another brk user); the heap cannot grow");
            }
            return -1;
        }
        if (endG + sizeG >= ORDER_LIMIT || sizeG > MAX_SIZE_GRANULES) {
            return -1;
        }
        long newBreak = oldBreak + (sizeG << shift);
        if (log.enabled()) {
            note("extend_heap: sbrk(" + (sizeG << shift) + ")");
        }
        if (kernel.brk(newBreak) != newBreak) {
            if (log.enabled()) {
                note("sbrk refused: malloc returns NULL");
            }
            return -1;
        }
        grows.inc();
        long g = endG;
        endG += sizeG;
        ensureCapacity(endG + 1);
        markStart(g);
        memory.write(header(g), w);                  // free block header (the old epilogue)
        memory.write(bp(g) + (sizeG << shift) - d, w); // free block footer
        memory.write(newBreak - w, w);                // new epilogue header
        return coalesce(g, sizeG);
    }

    private void ensureCapacity(long granules) {
        starts.ensure(granules);
        freeMap.ensure((granules + 1) >>> 1);
        if (tree != null) {
            tree.ensure(freeMap.wordCount());
        }
    }

    // ------------------------------------------------------------------ malloc, free

    @Override
    public long malloc(long size, long align) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        lastGranted = 0;
        if (size == 0 && zeroIsNull) {
            return 0; // mm_malloc: "Ignore spurious requests"
        }
        long asize = adjust(size);
        if (asize < 0 || kernel.killed()) {
            return 0;
        }
        if (align > d) {
            return alignedMalloc(size, align);
        }
        if (!init()) {
            return 0;
        }
        long g = tree != null && fit == Fit.FIRST ? firstFitInTree(asize) : findFit(asize);
        if (g < 0) {
            long extend = Math.max(asize, chunkG);
            if (log.enabled()) {
                note("malloc(" + size + "): " + describeSearch() + " examined " + lastSearched + " block(s), none holds "
                    + (asize << shift) + " bytes");
            }
            g = extendHeap(extend);
            if (g < 0) {
                return 0;
            }
            foundNode = FreeLists.NIL;
            foundSizeG = -1;
        }
        place(g, asize);
        if (log.enabled()) {
            note("malloc(" + size + "): block of " + (sizeG(g) << shift) + " bytes at " + Addresses.hex(bp(g)) + " after examining "
                + lastSearched + " block(s)");
        }
        return bp(g);
    }

    /** {@code place}: allocates {@code asize} granules at the free block {@code g}, splitting off a remainder of at least the minimum block. */
    private void place(long g, long asize) {
        long csize = foundSizeG >= 0 ? foundSizeG : sizeG(g);
        if (tree != null && csize - asize >= minG) {
            // an address-ordered list keeps the remainder where the block was: move its entry, not remove and add
            splits.inc();
            long r = g + asize;
            markStart(r);
            writeSplitTags(g, asize, r, csize - asize);
            freeMap.move(pair(g), pair(r)); // the free bit moves to the remainder, usually within one word
            if (treeCountsFree && leafOf(g) != leafOf(r)) {
                tree.addCount(leafOf(g), -1);
                tree.addCount(leafOf(r), 1);
            }
            tree.moved(pair(g), csize, pair(r), csize - asize);
            freeBytes -= asize << shift;
            lastGranted = asize << shift;
            if (r > everUsedEndG) {
                everUsedEndG = r;
            }
            return;
        }
        if (lists != null) {
            placeInLists(g, asize, csize);
        } else {
            placeUnlisted(g, asize, csize);
        }
    }

    /** {@link #place} without lists (a fit tree that does not split, or best fit by address): remove, split, add. */
    private void placeUnlisted(long g, long asize, long csize) {
        removeFree(g, csize, foundNode);
        if (csize - asize >= minG) {
            splits.inc();
            long r = g + asize;
            markStart(r);
            writeSplitTags(g, asize, r, csize - asize);
            countSearch(addFree(r, csize - asize));
        } else {
            writeTags(g, csize);
            asize = csize;
        }
        lastGranted = asize << shift;
        if (g + asize > everUsedEndG) {
            everUsedEndG = g + asize;
        }
    }

    /**
     * {@link #place} over explicit or segregated lists: the free block {@code g} ({@code csize}
     * granules, node {@link #foundNode} when known) leaves its list; a remainder split off takes
     * its list node (rekeyed, as unlinking, recycling and taking it back would give) and its free
     * bit (moved, usually within one word).
     */
    private void placeInLists(long g, long asize, long csize) {
        int node = unlistFree(g, csize, foundNode);
        if (csize - asize >= minG) {
            splits.inc();
            long r = g + asize;
            long rest = csize - asize;
            markStart(r);
            writeSplitTags(g, asize, r, rest);
            freeMap.move(pair(g), pair(r));
            lists.rekey(node, r, (int) rest);
            countSearch(listFree(node, r, rest));
        } else {
            lists.release(node);
            unmarkFree(g);
            writeTags(g, csize);
            asize = csize;
        }
        lastGranted = asize << shift;
        if (g + asize > everUsedEndG) {
            everUsedEndG = g + asize;
        }
    }

    /** {@code PUT(HDRP(bp), ...); PUT(FTRP(bp), ...)}: header, then footer. */
    private void writeTags(long g, long sizeG) {
        long bp = bp(g);
        memory.accessPair(bp - w, bp + (sizeG << shift) - d, w, AccessType.WRITE);
    }

    /**
     * A split's tags: the allocated block's ({@code asize} granules at {@code g}), then the
     * remainder's ({@code rest} granules at {@code r}), header before footer.
     */
    private void writeSplitTags(long g, long asize, long r, long rest) {
        long bp = bp(g);
        long rp = bp(r);
        memory.accessTwoPairs(bp - w, bp + (asize << shift) - d, AccessType.WRITE, rp - w, rp + (rest << shift) - d, AccessType.WRITE, w);
    }

    /**
     * {@code free}'s tag writes and {@code coalesce}'s reads: the freed block's header and footer
     * ({@code size} granules at {@code g}), then the neighbours' tags as {@link #readNeighbourTags}.
     */
    private void freeTags(long g, long size, long next) {
        long bp = bp(g);
        if (next < endG) {
            memory.accessTwoPairs(bp - w, bp + (size << shift) - d, AccessType.WRITE, bp - d, header(next), AccessType.READ, w);
        } else {
            writeTags(g, size);
            memory.read(bp - d, w);
        }
    }

    /**
     * {@code coalesce}'s two tag reads: {@code GET_ALLOC(FTRP(PREV_BLKP(bp)))}, then, below the
     * epilogue, {@code GET_ALLOC(HDRP(NEXT_BLKP(bp)))}.
     */
    private void readNeighbourTags(long g, long next) {
        if (next < endG) {
            memory.accessPair(bp(g) - d, header(next), w, AccessType.READ);
        } else {
            memory.read(bp(g) - d, w);
        }
    }

    /** Granule of a live block's bp, or an exception naming the address. */
    private long liveGranule(long address, String op) {
        long off = address - base;
        if (!initialized || address < bp(FIRST_BLOCK) || address >= bp(endG) || (off & (d - 1)) != 0) {
            throw new IllegalStateException(name + ": " + op + " of " + Addresses.hex(address) + ", not a block of this heap");
        }
        long g = off >> shift;
        if (!starts.get(g) || isFree(g)) {
            throw new IllegalStateException(name + ": " + op + " of " + Addresses.hex(address) + ", not a live block");
        }
        return g;
    }

    @Override
    public void free(long address) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        lastGranted = 0;
        if (address == 0) {
            return;
        }
        if (tree != null) {
            freeIntoTree(address);
            return;
        }
        if (lists != null) {
            freeIntoLists(address);
            return;
        }
        long g = liveGranule(address, "free");
        long size = sizeG(g);
        lastGranted = size << shift;
        writeTags(g, size);
        if (log.enabled()) {
            note("free(" + Addresses.hex(address) + "): block of " + (size << shift) + " bytes");
        }
        coalesce(g, size);
    }

    /**
     * {@link #free} and {@link #coalesce} for an address-ordered list with a fit tree, the same
     * tag accesses in the same order, with the host's bitmap work folded: the block-start word of
     * the freed block is read once for its size and both neighbours (which are usually in it), the
     * free map once for the three free bits, and the start bits a merge clears go in one write.
     */
    private void freeIntoTree(long address) {
        long off = address - base;
        if (!initialized || address < bp(FIRST_BLOCK) || address >= bp(endG) || (off & (d - 1)) != 0) {
            throw new IllegalStateException(name + ": free of " + Addresses.hex(address) + ", not a block of this heap");
        }
        long g = off >> shift;
        int sw = (int) (g >>> 6);
        long word = starts.word(sw);
        long pg = pair(g);
        int fw = (int) (pg >>> 6);
        long freeWord = freeMap.word(fw);
        if ((word & (1L << g)) == 0 || (freeWord & (1L << pg)) != 0) {
            throw new IllegalStateException(name + ": free of " + Addresses.hex(address) + ", not a live block");
        }
        long base64 = g & ~63L;
        long above = word & (-2L << g); // -2L << 63 == 0: nothing above the word's last bit
        long next = above != 0 ? base64 + Long.numberOfTrailingZeros(above) : starts.nextSetAfter(g);
        if (next < 0) {
            next = endG; // no block starts at or above the epilogue
        }
        long size = next - g;
        lastGranted = size << shift;
        if (log.enabled()) { // the note goes between the writes and the reads, before any fault they raise
            writeTags(g, size);
            note("free(" + Addresses.hex(address) + "): block of " + (size << shift) + " bytes");
            readNeighbourTags(g, next);
        } else {
            freeTags(g, size, next);
        }
        long below = word & ((1L << g) - 1); // (1L << g) - 1 == 0 when g is the word's first bit
        long prev = below != 0 ? base64 + 63 - Long.numberOfLeadingZeros(below) : starts.prevSet(g - 1);
        boolean prevFree = prev >= FIRST_BLOCK && ((pair(prev) >>> 6) == fw ? (freeWord & (1L << pair(prev))) != 0 : isFree(prev));
        boolean nextFree = next < endG && ((pair(next) >>> 6) == fw ? (freeWord & (1L << pair(next))) != 0 : isFree(next));
        mergeIntoTree(g, size, prev, prevFree, next, nextFree, nextFree ? sizeAfter(next, sw, word, base64) : 0);
    }

    /**
     * The four cases of §9.9.11 for an address-ordered list with a fit tree: freed block {@code g}
     * ({@code size} granules) merges with a free predecessor {@code prev} and/or a free successor
     * {@code next} ({@code ns} granules), each case with only its own bit and count updates; a free
     * predecessor keeps its place and grows. Returns the granule of the resulting free block.
     */
    private long mergeIntoTree(long g, long size, long prev, boolean prevFree, long next, boolean nextFree, long ns) {
        long pg = pair(g);
        freeBytes += size << shift;
        long at;
        long total;
        if (!nextFree && !prevFree) { // case 1: the block becomes free where it is
            at = g;
            total = size;
            freeMap.set(pg);
            if (treeCountsFree) {
                tree.addCount(leafOf(g), 1);
            }
            tree.added(pg, size);
            if (list == ListKind.EXPLICIT) {
                countSearch(walkedBefore(g)); // an address-ordered list is walked from its head to the predecessor
            }
        } else if (!prevFree) { // case 2: the successor merges into it
            merges.inc();
            at = g;
            total = size + ns;
            starts.clear(next);
            if (treeCountsStarts) {
                tree.addCount(leafOf(next), -1);
            }
            freeMap.move(pair(next), pg); // the free bit moves from the successor's start to the block's
            if (treeCountsFree && leafOf(next) != leafOf(g)) {
                tree.addCount(leafOf(next), -1);
                tree.addCount(leafOf(g), 1);
            }
            tree.removed(pair(next), ns);
            tree.added(pg, total);
        } else if (!nextFree) { // case 3: it merges into the predecessor, which keeps its place and grows
            merges.inc();
            at = prev;
            total = size + (g - prev);
            starts.clear(g);
            if (treeCountsStarts) {
                tree.addCount(leafOf(g), -1);
            }
            tree.added(pair(prev), total);
        } else { // case 4: both merge into the predecessor
            merges.add(2);
            at = prev;
            total = size + ns + (g - prev);
            int sw = (int) (g >>> 6);
            if ((next >>> 6) == sw) {
                starts.clearInWord(sw, (1L << g) | (1L << next));
            } else {
                starts.clear(next);
                starts.clear(g);
            }
            if (treeCountsStarts) {
                if (leafOf(next) == leafOf(g)) {
                    tree.addCount(leafOf(g), -2);
                } else {
                    tree.addCount(leafOf(next), -1);
                    tree.addCount(leafOf(g), -1);
                }
            }
            freeMap.clear(pair(next));
            if (treeCountsFree) {
                tree.addCount(leafOf(next), -1);
            }
            tree.removed(pair(next), ns);
            tree.added(pair(prev), total);
        }
        if (at != g || total != size) {
            writeTags(at, total); // cases 2-4: the merged block's tags (one call site for the three: less code to inline)
        }
        if (fit == Fit.NEXT && list == ListKind.IMPLICIT && rover > at && rover < at + total) {
            rover = at; // "make sure the rover isn't pointing into the free block that we just coalesced"
        }
        return at;
    }

    /** The size of the block at granule {@code next}, read from {@code word} (start word {@code sw}, first granule {@code base64}) when it ends there. */
    private long sizeAfter(long next, int sw, long word, long base64) {
        long after = (next >>> 6) == sw ? word & (-2L << next) : 0;
        long nn = after != 0 ? base64 + Long.numberOfTrailingZeros(after) : starts.nextSetAfter(next);
        return (nn < 0 ? endG : nn) - next;
    }

    /**
     * {@link #free} and {@link #coalesce} for explicit or segregated lists, the same tag accesses in
     * the same order, with the host's lookups folded as {@link #freeIntoTree} folds them: the
     * block-start word of the freed block is read once for its size and both neighbours, the free
     * map once for the three free bits. Its first half repeats {@code freeIntoTree}'s on purpose:
     * one method for both (the tree or the lists chosen after the neighbour reads) measured 3.5%
     * slower for {@code csapp} alone and 2–4% for {@code segfit} whole stack (sixth session,
     * separate-JVM pairs), as C2 then inlines less of either path.
     */
    private void freeIntoLists(long address) {
        long off = address - base;
        long g = off >> shift; // for an aligned offset, bp(FIRST_BLOCK) <= address < bp(endG) is FIRST_BLOCK <= g < endG
        if (!initialized || g < FIRST_BLOCK || g >= endG || (off & (d - 1)) != 0) {
            throw badFree(address, "not a block of this heap");
        }
        int sw = (int) (g >>> 6);
        long word = starts.word(sw);
        long pg = pair(g);
        int fw = (int) (pg >>> 6);
        long freeWord = freeMap.word(fw);
        if ((word & (1L << g)) == 0 || (freeWord & (1L << pg)) != 0) {
            throw badFree(address, "not a live block");
        }
        long base64 = g & ~63L;
        long above = word & (-2L << g); // -2L << 63 == 0: nothing above the word's last bit
        long next = above != 0 ? base64 + Long.numberOfTrailingZeros(above) : starts.nextSetAfter(g);
        if (next < 0) {
            next = endG; // no block starts at or above the epilogue
        }
        long size = next - g;
        lastGranted = size << shift;
        if (log.enabled()) { // the note goes between the writes and the reads, before any fault they raise
            writeTags(g, size);
            noteFree(address, size);
            readNeighbourTags(g, next);
        } else {
            freeTags(g, size, next);
        }
        coalesceInLists(g, size, next, word, fw, freeWord);
    }

    /**
     * {@link #coalesce} for {@link #freeIntoLists} (split from it so that each inlines), after the
     * neighbours' tags were read: takes their starts and free bits from the freed block's start word
     * {@code word} and free-map word {@code freeWord} (number {@code fw}) when they are there, and
     * lists the block or merges it.
     */
    private void coalesceInLists(long g, long size, long next, long word, int fw, long freeWord) {
        long base64 = g & ~63L;
        long below = word & ((1L << g) - 1); // (1L << g) - 1 == 0 when g is the word's first bit
        long prev = below != 0 ? base64 + 63 - Long.numberOfLeadingZeros(below) : starts.prevSet(g - 1);
        boolean prevFree = prev >= FIRST_BLOCK && freeIn(prev, fw, freeWord);
        boolean nextFree = next < endG && freeIn(next, fw, freeWord);
        if (!prevFree && !nextFree) {
            freeMap.set(pair(g));
            countSearch(listFree(lists.newNode(g, (int) size), g, size));
        } else {
            mergeIntoLists(g, size, prev, prevFree, next, nextFree, nextFree ? sizeAfter(next, (int) (g >>> 6), word, base64) : 0);
        }
    }

    private void noteFree(long address, long size) {
        note("free(" + Addresses.hex(address) + "): block of " + (size << shift) + " bytes");
    }

    /** Whether the block at granule {@code x} is free, read from {@code freeWord} (free-map word {@code fw}) when its bit is there. */
    private boolean freeIn(long x, int fw, long freeWord) {
        long p = pair(x);
        return (p >>> 6) == fw ? (freeWord & (1L << p)) != 0 : isFree(x);
    }

    private IllegalStateException badFree(long address, String why) {
        return new IllegalStateException(name + ": free of " + Addresses.hex(address) + ", " + why);
    }

    /**
     * Cases 2–4 of §9.9.11 over explicit or segregated lists: freed block {@code g} ({@code size}
     * granules) merges with a free successor {@code next} ({@code ns} granules) and/or a free
     * predecessor {@code prev}. The merged block starts where the predecessor's did, or else where
     * the freed block does, so the list node it goes on is the predecessor's, relinked, or the
     * successor's, rekeyed: the node the generic path would unlink, recycle and take back.
     */
    private void mergeIntoLists(long g, long size, long prev, boolean prevFree, long next, boolean nextFree, long ns) {
        long total = size + ns;
        int nextNode = nextFree ? unlistFree(next, ns, -1) : FreeLists.NIL;
        if (!prevFree) { // case 2: the successor merges into the block, whose free bit it takes
            merges.inc();
            starts.clear(next);
            writeTags(g, total);
            freeMap.move(pair(next), pair(g));
            lists.rekey(nextNode, g, (int) total);
            countSearch(listFree(nextNode, g, total));
            return;
        }
        if (nextFree) { // case 4: both merge into the predecessor
            merges.add(2);
            lists.release(nextNode);
            int sw = (int) (g >>> 6);
            if ((next >>> 6) == sw) {
                starts.clearInWord(sw, (1L << g) | (1L << next));
            } else {
                starts.clear(next);
                starts.clear(g);
            }
            freeMap.clear(pair(next));
        } else { // case 3: the block merges into the predecessor
            merges.inc();
            starts.clear(g);
        }
        long ps = g - prev;
        int node = unlistFree(prev, ps, -1);
        total += ps;
        writeTags(prev, total);
        lists.size[node] = (int) total;
        countSearch(listFree(node, prev, total));
    }

    /** {@code coalesce}: the four cases of §9.9.11; puts the result on its free list and returns its granule. */
    private long coalesce(long g, long size) {
        long next = g + size;
        readNeighbourTags(g, next);
        long prev = starts.prevSet(g - 1);
        boolean prevFree = prev >= FIRST_BLOCK && isFree(prev);
        boolean nextFree = next < endG && isFree(next);
        if (tree != null) {
            return mergeIntoTree(g, size, prev, prevFree, next, nextFree, nextFree ? sizeG(next) : 0);
        }
        if (nextFree) {
            long ns = sizeG(next);
            removeFree(next, ns);
            unmarkStart(next);
            size += ns;
            merges.inc();
        }
        if (prevFree) {
            long ps = g - prev;
            removeFree(prev, ps);
            unmarkStart(g);
            g = prev;
            size += ps;
            merges.inc();
        }
        if (prevFree || nextFree) {
            writeTags(g, size);
        }
        long examined = addFree(g, size);
        if (list == ListKind.EXPLICIT && order == Order.ADDRESS && !prevFree && !nextFree) {
            examined = freeMap.rank(pair(g)); // an address-ordered list is walked from its head to the predecessor
        }
        countSearch(examined);
        if (fit == Fit.NEXT && list == ListKind.IMPLICIT && rover > g && rover < g + size) {
            rover = g; // "make sure the rover isn't pointing into the free block that we just coalesced"
        }
        return g;
    }

    // ------------------------------------------------------------------ find_fit

    private void countSearch(long examined) {
        if (examined > 0) {
            lastSearched += examined;
            searchedTotal.add(examined);
            clock.charge(Layer.ALLOCATOR, examined * cost.searchStepNs);
        }
    }

    /**
     * {@link #findFit} for first fit over an address-ordered list (kept small, so that it inlines
     * into {@code malloc}): the tree adds up the entries before the found block's leaf while it
     * descends, and the leaf's entries up to the block.
     */
    private long firstFitInTree(long need) {
        foundNode = FreeLists.NIL;
        long m = tree.firstFit(need);
        if (m < 0) {
            foundSizeG = -1;
            countSearch(tree.skipped);
            return -1;
        }
        foundSizeG = tree.foundSize;
        countSearch(tree.skipped + tree.foundWalked);
        return tree.foundGranule;
    }

    /**
     * The granule of the free block that serves {@code need} granules, or -1; counts the entries
     * examined. One small method per kind of search, so that this dispatch inlines into malloc.
     */
    private long findFit(long need) {
        foundNode = FreeLists.NIL;
        foundSizeG = -1;
        if (fit == Fit.BEST) {
            return bestFit(need);
        }
        if (addressOrdered) {
            return fit == Fit.FIRST ? firstFitInTree(need) : nextFitByAddress(need);
        }
        return fit == Fit.NEXT ? nextFitInList(need) : firstFitInLists(need);
    }

    /** Best fit: the smallest block that holds {@code need}, through the size index. */
    private long bestFit(long need) {
        long found;
        long examined;
        found = sizes.ceiling(SizeIndex.key(need, 0));
        if (found >= 0) {
            foundSizeG = SizeIndex.sizeOf(sizes.lastKey());
        }
        if (list == ListKind.IMPLICIT) {
            examined = starts.count();      // the implicit walk reads every block
        } else if (list == ListKind.EXPLICIT) {
            examined = freeMap.count();     // the whole list
        } else {
            // every list from the request's class up to the one that served it is scanned whole
            int c = classOfGranules(need);
            examined = countClasses(c, found < 0 ? classCount - 1 : classOfGranules(SizeIndex.sizeOf(sizes.lastKey())));
        }
        countSearch(examined);
        return found;
    }

    /** Next fit over an address-ordered list (implicit, or explicit in address order), from the rover. */
    private long nextFitByAddress(long need) {
        long found;
        long examined;
        long from = rover;
        found = firstFreeAtLeast(from, need);
        if (found >= 0) {
            examined = walkedBetween(from, found + 1);
        } else {
            found = firstFreeAtLeast(0, need);
            if (found >= from) {
                found = -1;
            }
            long all = walkedCount();
            examined = found < 0 ? all : all - walkedBefore(from) + walkedBefore(found + 1);
        }
        if (found >= 0) {
            rover = found;
            foundSizeG = tree.foundSize; // the tree read the block's size: place need not measure it again
        }
        countSearch(examined);
        return found;
    }

    /** Next fit over one explicit list, walked from where the last search stopped, wrapping once. */
    private long nextFitInList(long need) {
        long found;
        long examined;
        int start = roverNode == FreeLists.NIL ? lists.first(0) : roverNode;
        int n = start;
        examined = 0;
        found = -1;
        while (n != FreeLists.NIL) {
            examined++;
            if (lists.size[n] >= need) {
                break;
            }
            n = lists.after(n);
            if (n == FreeLists.NIL && start != lists.first(0)) {
                n = lists.first(0);
            }
            if (n == start) {
                n = FreeLists.NIL;
            }
        }
        if (n != FreeLists.NIL) {
            found = lists.granule[n];
            foundNode = n;
            foundSizeG = lists.size[n];
            roverNode = lists.after(n);
        }
        countSearch(examined);
        return found;
    }

    /** First fit in the request's class, then the head of the next non-empty larger class (one explicit list: one class). */
    private long firstFitInLists(long need) {
        long found;
        long examined;
        int c = classOfGranules(need);
        examined = 0;
        found = -1;
        for (int n = lists.first(c); n != FreeLists.NIL; n = lists.after(n)) {
            examined++;
            if (lists.size[n] >= need) {
                found = lists.granule[n];
                foundNode = n;
                foundSizeG = lists.size[n];
                break;
            }
        }
        if (found < 0) {
            int up = lists.nextNonEmpty(c + 1);
            if (up >= 0) {
                examined++;
                foundNode = lists.first(up);
                found = lists.granule[foundNode];
                foundSizeG = lists.size[foundNode];
            }
        }
        countSearch(examined);
        return found;
    }

    /** Entries an address-ordered walk reads below granule {@code x} (≥ 0): blocks (implicit) or free blocks (explicit). */
    private long walkedBefore(long x) {
        return tree.countBefore(leafOf(x)) + walkedInLeafBefore(x);
    }

    /**
     * Entries an address-ordered walk reads from granule {@code a} up to {@code b} (excluded),
     * {@code a <= b}: {@code walkedBefore(b) - walkedBefore(a)}, from the leaf's bitmap words alone
     * when both are in one leaf (next fit usually finds the block right after the rover's).
     */
    private long walkedBetween(long a, long b) {
        if (leafOf(a) == leafOf(b)) {
            return walkedInLeafBefore(b) - walkedInLeafBefore(a);
        }
        return walkedBefore(b) - walkedBefore(a);
    }

    /** Entries an address-ordered walk reads in granule {@code x}'s leaf below {@code x}. */
    private long walkedInLeafBefore(long x) {
        long inLeaf;
        if (treeCountsFree) {
            long p = pair(x);
            inLeaf = Long.bitCount(freeMap.word(leafOf(x)) & ((1L << p) - 1));
            if ((x & 1) != 0 && freeMap.get(p) && starts.get(x - 1)) {
                inLeaf++; // the pair's free block starts at x - 1, below x
            }
        } else {
            int w = (int) (x >>> 6);
            inLeaf = Long.bitCount(starts.word(w) & ((1L << x) - 1));
            if ((w & 1) != 0) {
                inLeaf += Long.bitCount(starts.word(w - 1));
            }
        }
        return inLeaf;
    }

    private long walkedCount() {
        return list == ListKind.IMPLICIT ? starts.count() : freeMap.count();
    }

    private String describeSearch() {
        return fit.name().toLowerCase(Locale.ROOT) + " fit over the " + list.name().toLowerCase(Locale.ROOT) + " list";
    }

    // ------------------------------------------------------------------ calloc, realloc, aligned

    @Override
    public long calloc(long count, long size) {
        if (count < 0 || size < 0 || (size != 0 && count > maxBlockBytes / size)) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return 0;
        }
        long bytes = count * size;
        long p = malloc(bytes, 0);
        if (p != 0 && bytes > 0) {
            memory.write(p, bytes); // memset(p, 0, bytes)
        }
        return p;
    }

    @Override
    public long realloc(long address, long size) {
        if (address == 0) {
            return malloc(size, 0);
        }
        if (size == 0) {
            free(address); // mm_realloc: size 0 frees and returns NULL
            return 0;
        }
        long g = liveGranule(address, "realloc");
        long old = sizeG(g);
        if (reallocPolicy == Realloc.INPLACE) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            long asize = adjust(size);
            if (asize < 0) {
                return 0;
            }
            if (resizeInPlace(g, old, asize)) {
                return address;
            }
        }
        long p = malloc(size, 0);
        if (p == 0) {
            return 0;
        }
        long copy = Math.min(size, (old << shift) - d);
        memory.read(address, copy);
        memory.write(p, copy);
        long searched = lastSearched;
        free(address);
        lastSearched = searched;
        return p;
    }

    /** Shrinks, or grows into a free successor or past the break; false when the block must move. */
    private boolean resizeInPlace(long g, long old, long asize) {
        if (asize <= old) {
            if (old - asize >= minG) {
                splits.inc();
                long r = g + asize;
                markStart(r);
                writeSplitTags(g, asize, r, old - asize);
                coalesce(r, old - asize);
            }
            return true;
        }
        long next = g + old;
        long ns = next < endG && isFree(next) ? sizeG(next) : 0;
        if (old + ns < asize) {
            if (next + ns != endG) {
                return false; // an allocated block follows: the block must move
            }
            // the block is last, or only a free block lies between it and the epilogue: grow the heap under it
            if (extendHeap(Math.max(asize - old - ns, chunkG)) < 0) {
                return false;
            }
            ns = sizeG(next);
        }
        memory.read(header(next), w);
        removeFree(next, ns);
        unmarkStart(next);
        merges.inc();
        long total = old + ns;
        if (total - asize >= minG) {
            splits.inc();
            long r = g + asize;
            markStart(r);
            writeSplitTags(g, asize, r, total - asize);
            addFree(r, total - asize);
            total = asize;
        } else {
            writeTags(g, total);
        }
        if (g + total > everUsedEndG) {
            everUsedEndG = g + total;
        }
        return true;
    }

    /** Aligned allocation (no textbook counterpart): over-allocates, then frees the leading gap and the tail. */
    private long alignedMalloc(long size, long align) {
        if (!Addresses.isPowerOfTwo(align) || align > (1L << 30)) {
            return 0;
        }
        long minBytes = (long) minG << shift;
        long p = malloc(size + align + 2 * minBytes, 0);
        if (p == 0) {
            return 0;
        }
        long g = (p - base) >> shift;
        long total = sizeG(g);
        long aligned = Addresses.alignUp(p + minBytes, align);
        long ag = (aligned - base) >> shift;
        long asize = adjust(size);
        markStart(ag);
        writeTags(g, ag - g);
        writeTags(ag, g + total - ag);
        splits.inc();
        coalesce(g, ag - g);
        long rest = g + total - ag;
        if (rest - asize >= minG) {
            long r = ag + asize;
            markStart(r);
            writeSplitTags(ag, asize, r, rest - asize);
            splits.inc();
            coalesce(r, rest - asize);
        }
        lastGranted = sizeG(ag) << shift;
        return aligned;
    }

    // ------------------------------------------------------------------ queries

    @Override
    public long usableSize(long address) {
        long g = liveGranule(address, "malloc_usable_size");
        return (sizeG(g) << shift) - d; // the payload between header and footer
    }

    @Override
    public long grantedSize(long address) {
        return sizeG(liveGranule(address, "grantedSize")) << shift;
    }

    @Override
    public long lastGranted() {
        return lastGranted;
    }

    @Override
    public long freeBytes() {
        return freeBytes;
    }

    @Override
    public long largestFree() {
        long m;
        if (tree != null) {
            m = tree.max();
        } else if (sizes != null) {
            m = sizes.maxSize();
        } else {
            m = 0;
            for (int c = 0; c < classCount; c++) {
                for (int n = lists.first(c); n != FreeLists.NIL; n = lists.after(n)) {
                    m = Math.max(m, lists.size[n]);
                }
            }
        }
        return m << shift;
    }

    @Override
    public long freeBlocks() {
        return freeMap.count();
    }

    @Override
    public long lastSearched() {
        return lastSearched;
    }

    @Override
    public long footprint() {
        return initialized ? bp(endG) - breakAtInit : 0;
    }

    /** The first byte of the heap (the break at {@code mm_init}), or -1 before the first call. */
    public long heapStart() {
        return initialized ? breakAtInit : -1;
    }

    /** The payload address of the first block ({@code heap_listp}'s successor). */
    public long firstBlock() {
        return initialized ? bp(FIRST_BLOCK) : -1;
    }

    /** Blocks in the heap, the prologue included (what an implicit-list walk that fails reads). */
    public long blocks() {
        return starts.count();
    }

    @Override
    public void heapMap(HeapSpans spans) {
        if (!initialized) {
            return;
        }
        // alignment padding, the padding word, the prologue's header and footer
        spans.span(breakAtInit, base + 3L * w, HeapSpans.METADATA);
        long everUsed = bp(everUsedEndG) - w;
        for (long g = FIRST_BLOCK; g < endG; ) {
            long size = sizeG(g);
            long start = header(g);
            long end = start + (size << shift);
            if (!isFree(g)) {
                spans.span(start, bp(g), HeapSpans.METADATA);
                spans.span(bp(g), end - w, HeapSpans.BLOCK);
                spans.span(end - w, end, HeapSpans.METADATA);
            } else if (end <= everUsed) {
                spans.span(start, end, HeapSpans.FREE);
            } else if (start >= everUsed) {
                spans.span(start, end, HeapSpans.NEVER_USED);
            } else {
                spans.span(start, everUsed, HeapSpans.FREE);
                spans.span(everUsed, end, HeapSpans.NEVER_USED);
            }
            g += size;
        }
        spans.span(bp(endG) - w, bp(endG), HeapSpans.METADATA); // epilogue header
    }

    // ------------------------------------------------------------------ invariants

    @Override
    public void verify() {
        if (!initialized) {
            if (freeMap.count() != 0 || freeBytes != 0) {
                throw new IllegalStateException(name + ": free blocks before mm_init");
            }
            return;
        }
        if (!starts.get(PROLOGUE) || isFree(PROLOGUE) || (endG > FIRST_BLOCK && !starts.get(FIRST_BLOCK))) {
            throw new IllegalStateException(name + ": prologue block damaged");
        }
        if (starts.get(0) || starts.nextSet(endG) >= 0 || freeMap.nextSet(pair(endG + 1)) >= 0) {
            throw new IllegalStateException(name + ": a block starts outside the heap");
        }
        if (kernel.currentBreak() < bp(endG)) {
            throw new IllegalStateException(name + ": the epilogue at " + Addresses.hex(bp(endG)) + " is above the break "
                + Addresses.hex(kernel.currentBreak()));
        }
        long freeCount = 0;
        long freeSeen = 0;
        long blocks = 1;
        boolean prevFree = false;
        for (long g = FIRST_BLOCK; g < endG; ) {
            long size = sizeG(g);
            blocks++;
            if (size < minG) {
                throw new IllegalStateException(name + ": block at " + Addresses.hex(bp(g)) + " has " + (size << shift)
                    + " bytes, below the minimum " + ((long) minG << shift));
            }
            if (size > MAX_SIZE_GRANULES) {
                throw new IllegalStateException(name + ": block at " + Addresses.hex(bp(g)) + " is larger than a tag can say");
            }
            boolean free = isFree(g);
            if (free) {
                if (prevFree) {
                    throw new IllegalStateException(name + ": two adjacent free blocks at " + Addresses.hex(bp(g))
                        + " (coalescing is immediate)");
                }
                int node = -1;
                if (lists != null) {
                    node = lists.node(g);
                    if (node < 0 || lists.granule[node] != g || lists.size[node] != size) {
                        throw new IllegalStateException(name + ": free block at " + Addresses.hex(bp(g))
                            + " is missing from its free list or listed with the wrong size");
                    }
                }
                if (sizes != null && !sizes.contains(SizeIndex.key(size, tie(g, node)), g)) {
                    throw new IllegalStateException(name + ": free block at " + Addresses.hex(bp(g)) + " is missing from the size index");
                }
                freeCount++;
                freeSeen += size << shift;
            }
            prevFree = free;
            g += size;
        }
        if (blocks != starts.count()) {
            throw new IllegalStateException(name + ": " + starts.count() + " block starts marked but " + blocks + " walked");
        }
        if (freeCount != freeMap.count() || freeSeen != freeBytes) {
            throw new IllegalStateException(name + ": " + freeMap.count() + " free blocks / " + freeBytes
                + " bytes counted but the heap has " + freeCount + " / " + freeSeen);
        }
        if (lists != null) {
            verifyLists(freeCount);
        }
        if (sizes != null) {
            if (sizes.size() != freeCount) {
                throw new IllegalStateException(name + ": size index holds " + sizes.size() + " blocks, the heap " + freeCount);
            }
            sizes.verify(name + " size index");
        }
        if (tree != null) {
            tree.verify(name + " fit tree");
        }
        if (fit == Fit.NEXT && list == ListKind.IMPLICIT && (rover < PROLOGUE || rover >= endG || !starts.get(rover))) {
            throw new IllegalStateException(name + ": the next-fit rover " + Addresses.hex(bp(rover)) + " is not at a block");
        }
    }

    private void verifyLists(long freeCount) {
        long listed = 0;
        for (int c = 0; c < classCount; c++) {
            int prev = FreeLists.NIL;
            long n = 0;
            for (int at = lists.first(c); at != FreeLists.NIL; at = lists.after(at)) {
                if (++n > freeCount) {
                    throw new IllegalStateException(name + ": free list " + c + " is longer than the free blocks (a cycle?)");
                }
                long g = lists.granule[at];
                if (lists.before(at) != prev) {
                    throw new IllegalStateException(name + ": free list " + c + " pred link broken at " + Addresses.hex(bp(g)));
                }
                if (!isFree(g) || lists.node(g) != at) {
                    throw new IllegalStateException(name + ": free list " + c + " holds " + Addresses.hex(bp(g)) + ", not a free block");
                }
                if (classOfGranules(lists.size[at]) != c) {
                    throw new IllegalStateException(name + ": block of " + ((long) lists.size[at] << shift) + " bytes in class " + c);
                }
                if (order == Order.ADDRESS && prev != FreeLists.NIL && lists.granule[prev] >= g) {
                    throw new IllegalStateException(name + ": free list " + c + " out of address order at " + Addresses.hex(bp(g)));
                }
                if (sizes != null && prev != FreeLists.NIL && order != Order.ADDRESS
                    && (order == Order.LIFO ? lists.seq[prev] <= lists.seq[at] : lists.seq[prev] >= lists.seq[at])) {
                    throw new IllegalStateException(name + ": free list " + c + " sequence numbers out of list order");
                }
                prev = at;
            }
            if (lists.last(c) != prev || lists.count[c] != n) {
                throw new IllegalStateException(name + ": free list " + c + " tail or count wrong");
            }
            if ((n > 0) != (lists.nextNonEmpty(c) == c)) {
                throw new IllegalStateException(name + ": free list " + c + " non-empty mark wrong");
            }
            listed += n;
        }
        if (listed != freeCount || lists.total() != freeCount || lists.mapped() != freeCount) {
            throw new IllegalStateException(name + ": lists hold " + listed + " blocks (" + lists.total() + " counted, "
                + lists.mapped() + " mapped), the heap " + freeCount);
        }
        if (roverNode != FreeLists.NIL && lists.node(lists.granule[roverNode]) != roverNode) {
            throw new IllegalStateException(name + ": the next-fit rover is not on the list");
        }
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.ALLOCATOR, name + ": " + what);
        }
    }
}
