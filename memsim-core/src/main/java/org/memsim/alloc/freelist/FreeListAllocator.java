package org.memsim.alloc.freelist;

import java.util.Locale;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.HeapSpans;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.kernel.SystemCalls;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;
import org.memsim.vm.Addresses;

/**
 * The textbook explicit free list (Knuth, TAOCP vol. 1 §2.5; Wilson et al., "Dynamic Storage
 * Allocation: A Survey and Critical Review", 1995): blocks carry a header with their size and in-use
 * bit; free blocks sit on one list kept in address, size, LIFO or FIFO order; a request takes the
 * first / next / best / worst block that fits, splits off the rest in place, and a freed block merges
 * with free neighbours; the heap grows by {@code brk} in chunks, or is a fixed arena.
 * <pre>
 *  block:  | header (size|used) | payload … (aligned)  | (free blocks: list links in the payload)
 *          ^ block start        ^ address returned to the program
 * </pre>
 * Host structures: block starts and free-block starts as bits per heap granule ({@link HeapBlocks}:
 * a block's size is the distance to the next start, ≈ 2 bytes per live block); free blocks also in
 * a structure ordered as the list ({@link FreeList}), so a search costs little on the host while
 * {@link #lastSearched()} reports the entries the textbook's linear scan examines.
 */
public final class FreeListAllocator implements Allocator {
    private static final long MAX_REQUEST = 1L << 47;
    private static final long LINKS = 16; // next/prev pointers a free block keeps in its payload

    private enum Fit { FIRST, NEXT, BEST, WORST }

    private enum Order { ADDRESS, SIZE_ASC, SIZE_DESC, LIFO, FIFO }

    private final SystemCalls kernel;
    private final org.memsim.vm.MemoryPort memory;
    private final SimClock clock;
    private final CostModel cost;
    private final LayerLog log;
    private final Fit fit;
    private final Order order;
    private final boolean coalesce;
    private final long header;
    private final long align;
    private final long chunk;
    private final boolean grow;
    private final long arenaBase;
    private final long arenaSize;
    private final long minBlock;
    private final boolean inPlace; // address order, first fit: merges update the free starts in place

    private HeapBlocks blocks;                                                  // created with the heap
    private FreeList list;                                                      // created with the heap
    private FitIndex bySize;         // best and worst fit on an address or LIFO/FIFO list: (size, list position)
    private SizeOrderedList sized;   // the list when kept by size: best and worst fit search it directly
    private long heapStart = -1;
    private long heapEnd;       // end of the usable heap (a multiple of align from heapStart)
    private long heapLimit;     // end of the memory obtained from the kernel
    private long freeBytes;
    private long freeBlockCount; // asked after every op: kept here, not read from the free starts (see freeBlocks)
    private long everUsedEnd;
    private long lastGranted; // the block the last malloc returned or free released
    private long lastSearched;
    private long foundSize;     // size of the block the last search found

    private final Counter searchedTotal;
    private final Counter splits;
    private final Counter merges;
    private final Counter grows;

    public FreeListAllocator(Params p, AllocatorContext c) {
        this.kernel = c.kernel();
        this.memory = c.memory();
        this.clock = c.clock();
        this.cost = c.cost();
        this.log = c.log();
        this.fit = Fit.valueOf(p.string("fit").toUpperCase(Locale.ROOT));
        this.order = Order.valueOf(p.string("order").toUpperCase(Locale.ROOT).replace('-', '_'));
        this.coalesce = p.bool("coalesce");
        this.header = p.bytes("header");
        this.align = p.bytes("align");
        this.chunk = p.bytes("chunk");
        this.grow = p.bool("grow");
        this.arenaBase = p.isSet("base") ? p.number("base") : -1;
        this.arenaSize = p.bytes("size");
        if (!Addresses.isPowerOfTwo(align) || align < 8 || align > 4096) {
            throw new SpecException("freelist: align=" + align + " must be a power of two from 8 to 4096");
        }
        if (header < 8 || header > 4096) {
            throw new SpecException("freelist: header=" + header + " must be from 8 to 4096 bytes");
        }
        if (chunk < 0 || chunk > (1L << 40)) {
            throw new SpecException("freelist: chunk=" + chunk + " must be from 0 to 1 TiB");
        }
        if (arenaSize < 0 || arenaSize > (1L << 40)) {
            throw new SpecException("freelist: size=" + arenaSize + " must be from 0 to 1 TiB");
        }
        if (arenaBase != -1 && (arenaBase <= 0 || arenaBase % kernel.pageSize() != 0 || arenaSize == 0)) {
            throw new SpecException("freelist: base must be a positive multiple of the page size and needs size > 0");
        }
        this.minBlock = Addresses.alignUp(header + LINKS, align);
        this.inPlace = order == Order.ADDRESS && fit == Fit.FIRST;
        Metrics m = c.metrics();
        searchedTotal = m.counter("alloc.searched", "entries", "free-list entries examined");
        splits = m.counter("alloc.splits", "splits", "blocks split to serve a smaller request");
        merges = m.counter("alloc.merges", "merges", "free neighbours merged");
        grows = m.counter("alloc.heapGrows", "calls", "times the heap grew with brk");
    }

    // ------------------------------------------------------------------ free list

    private void insertFree(long start, long size) {
        blocks.markFree(start, size);
        enlist(start, size);
        freeBytes += size;
        freeBlockCount++;
        memory.write(start, header + LINKS); // header marked free, list links written
    }

    private void removeFree(long start, long size) {
        unlist(start, size);
        blocks.markUsed(start, size);
        freeBytes -= size;
        freeBlockCount--;
    }

    /** Puts a free block on the list and, for best and worst fit, on the by-size index. */
    private void enlist(long start, long size) {
        long position = list.insert(start, size);
        if (bySize != null) {
            bySize.insert(size, position, start);
        }
    }

    /** Takes a free block off the list and the by-size index. */
    private void unlist(long start, long size) {
        long position = list.remove(start, size);
        if (bySize != null) {
            bySize.remove(size, position);
        }
    }

    /** A split: the free remainder takes the consumed block's place on the list. */
    private void replaceFree(long oldStart, long oldSize, long newStart, long newSize) {
        if (bySize != null) {
            long pos = bySize.isFound(oldStart) ? bySize.foundPosition() : list.position(oldStart, oldSize);
            list.replace(oldStart, oldSize, newStart, newSize);
            // the remainder takes the consumed block's place: its sequence number, or its own address
            bySize.replace(oldSize, pos, newSize, order == Order.ADDRESS ? newStart : pos, newStart);
        } else {
            list.replace(oldStart, oldSize, newStart, newSize);
        }
        blocks.addStart(newStart);
        blocks.moveFree(oldStart, oldSize, newStart, newSize);
        freeBytes -= oldSize - newSize;
        memory.write(newStart, header + LINKS);
    }

    // ------------------------------------------------------------------ search

    /** The free block a request of {@code need} bytes gets, or -1; adds to lastSearched. */
    private long search(long need) {
        long found;
        long examined;
        switch (fit) {
            case FIRST:
                found = list.firstFit(need);
                examined = list.examined();
                foundSize = list.foundSize();
                break;
            case NEXT:
                found = list.nextFit(need);
                examined = list.examined();
                foundSize = list.foundSize();
                break;
            case BEST: // the whole list is examined; smallest fitting block, earliest in list order
                found = bestFit(need);
                examined = list.size();
                break;
            default: // WORST: the whole list is examined; largest block, earliest in list order
                found = worstFit(need);
                examined = list.size();
                break;
        }
        lastSearched += examined;
        searchedTotal.add(examined);
        clock.charge(Layer.ALLOCATOR, examined * cost.searchStepNs);
        return found;
    }

    /** Best fit's block (sets foundSize), or -1: from the size-ordered list itself, or the by-size index. */
    private long bestFit(long need) {
        if (sized != null) {
            long found = sized.bestFit(need);
            foundSize = sized.foundSize();
            return found;
        }
        long found = bySize.best(need);
        foundSize = bySize.foundSize();
        return found;
    }

    /** Worst fit's block (sets foundSize), or -1 when the largest is under {@code need}. */
    private long worstFit(long need) {
        if (sized != null) {
            long found = sized.worstFit(need);
            foundSize = sized.foundSize();
            return found;
        }
        long found = bySize.worst(need);
        foundSize = bySize.foundSize();
        return found;
    }

    // ------------------------------------------------------------------ API

    private long blockSize(long size) {
        return Math.max(minBlock, Addresses.alignUp(header + size, align));
    }

    @Override
    public long malloc(long size, long requestedAlign) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        lastGranted = 0;
        if (size < 0 || size > MAX_REQUEST || kernel.killed()) {
            return 0;
        }
        if (heapStart < 0 && !initHeap()) {
            return 0;
        }
        if (requestedAlign > align) {
            return alignedMalloc(size, requestedAlign);
        }
        long need = blockSize(size);
        long start = search(need);
        if (start == -1) {
            if (log.enabled()) {
                note("malloc(" + size + "): " + fitName() + " fit examined " + lastSearched + " free block(s), none holds "
                    + need + " bytes");
            }
            if (!growHeap(need)) {
                return 0;
            }
            start = search(need);
            if (start == -1) {
                return 0;
            }
        }
        long granted = place(start, foundSize, need);
        if (log.enabled()) {
            note("malloc(" + size + "): block of " + granted + " bytes at " + Addresses.hex(start) + " after examining "
                + lastSearched + " free block(s); writing its " + header + "-byte header; returns "
                + Addresses.hex(start + header));
        }
        if (!memory.write(start, header)) {
            return 0;
        }
        lastGranted = granted;
        return start + header;
    }

    /**
     * Marks {@code need} bytes of the free block at {@code start} used; a big enough rest stays on the
     * list in the block's place. Returns the granted size.
     */
    private long place(long start, long have, long need) {
        long granted = have;
        if (have - need >= minBlock) {
            splits.inc();
            granted = need;
            replaceFree(start, have, start + need, have - need);
            if (fit == Fit.NEXT) {
                list.setRover(start + need, have - need);
            }
        } else {
            if (fit == Fit.NEXT) {
                list.setRover(start, have); // set before unlinking: the rover then moves to the successor
            }
            removeFree(start, have);
        }
        everUsedEnd = Math.max(everUsedEnd, start + granted);
        return granted;
    }

    /** Over-allocates and returns the leading gap so the payload meets a stricter alignment. */
    private long alignedMalloc(long size, long a) {
        if (!Addresses.isPowerOfTwo(a) || a > MAX_REQUEST) {
            return 0;
        }
        long p = malloc(size + a + minBlock, 0);
        if (p == 0) {
            return 0;
        }
        long start = p - header;
        long aligned = Addresses.alignUp(p + minBlock, a);
        long newStart = aligned - header;
        blocks.addStart(newStart);
        releaseBlock(start, newStart - start);
        lastGranted = blocks.size(newStart);
        return aligned;
    }

    @Override
    public long calloc(long count, long size) {
        if (count < 0 || size < 0 || (size != 0 && count > MAX_REQUEST / size)) {
            clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
            lastSearched = 0;
            return 0;
        }
        long p = malloc(count * size, 0);
        if (p != 0 && count * size > 0) {
            memory.write(p, count * size); // calloc's memset
        }
        return p;
    }

    @Override
    public long realloc(long address, long size) {
        if (address == 0) {
            return malloc(size, 0);
        }
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        if (size < 0 || size > MAX_REQUEST) {
            return 0;
        }
        long start = address - header;
        long have = blocks.size(start);
        long need = blockSize(size);
        if (need <= have) {
            if (have - need >= minBlock) {
                splits.inc();
                blocks.addStart(start + need);
                releaseBlock(start + need, have - need);
            }
            memory.write(start, header);
            return address;
        }
        long next = start + have;
        if (next < heapEnd && blocks.isFree(next)) {
            long nextSize = blocks.size(next);
            if (have + nextSize >= need) {
                merges.inc();
                long total = have + nextSize;
                if (total - need >= minBlock) {
                    splits.inc();
                    replaceFree(next, nextSize, start + need, total - need);
                } else {
                    removeFree(next, nextSize);
                }
                blocks.removeStart(next); // need > have: the remainder (if any) starts after next
                everUsedEnd = Math.max(everUsedEnd, start + blocks.size(start));
                memory.write(start, header);
                return address;
            }
        }
        long moved = malloc(size, 0);
        if (moved == 0) {
            return 0;
        }
        long copy = Math.min(have - header, size);
        memory.read(address, copy);
        memory.write(moved, copy);
        long searched = lastSearched;
        free(address);
        lastSearched = searched;
        return moved;
    }

    @Override
    public void free(long address) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        lastGranted = 0;
        long start = address - header;
        if (blocks == null || !blocks.inHeap(start)) {
            throw notLive(address);
        }
        // The block's neighbourhood from one read of its start word and its free word (the same
        // 64 granules in both bitmaps), as a boundary-tag allocator reads its neighbours' tags:
        // whether the block is live, its size (the word's next start bit), the next block's free
        // bit and size, the previous block's start and free bit, each taken from the two words
        // when it lies in them and from the general lookups otherwise.
        long g = blocks.granule(start);
        long startBits = blocks.startWordAt(g);
        long freeBits = blocks.freeWordAt(g);
        if ((startBits & (1L << g)) == 0 || (freeBits & (1L << g)) != 0) {
            throw notLive(address);
        }
        int bit = (int) (g & 63);
        long after = startBits & (-2L << bit); // -2L << 63 is 0: no later start in this word
        int nextBit = Long.numberOfTrailingZeros(after);
        long size = blocks.bytes(after != 0 ? nextBit - bit : blocks.sizeG(g));
        lastGranted = size;
        long nextSize = 0;
        long freePrev = -1;
        if (coalesce) {
            if (after == 0) {
                nextSize = blocks.freeSizeAt(start + size);
            } else if ((freeBits & (1L << nextBit)) != 0) {
                long after2 = startBits & (-2L << nextBit);
                nextSize = after2 != 0 ? blocks.bytes(Long.numberOfTrailingZeros(after2) - nextBit)
                    : blocks.freeSizeAt(start + size);
            }
            long before = startBits & ((1L << bit) - 1);
            if (before != 0) {
                int prevBit = 63 - Long.numberOfLeadingZeros(before);
                freePrev = (freeBits & (1L << prevBit)) != 0 ? start - blocks.bytes(bit - prevBit) : -1;
            } else {
                freePrev = freeBlockBefore(start);
            }
        }
        release(start, size, nextSize, freePrev);
        if (log.enabled()) {
            note("free(" + Addresses.hex(address) + "): block of " + size + " bytes back on the free list");
        }
    }

    private static IllegalStateException notLive(long address) {
        return new IllegalStateException("free of " + Addresses.hex(address) + ", not a live block");
    }

    /** The start of the free block that ends at {@code start}, or -1 when the block before is in use or none. */
    private long freeBlockBefore(long start) {
        long prev = start > heapStart ? blocks.blockBefore(start) : -1;
        return prev != -1 && blocks.isFreeStart(prev) ? prev : -1;
    }

    /**
     * Puts a block on the free list, merging with free neighbours when coalescing; a block start
     * must already mark {@code start} (a freed block's does), so marking it free sets no start.
     */
    private void releaseBlock(long start, long size) {
        long nextSize = coalesce ? blocks.freeSizeAt(start + size) : 0; // start + size: a block start, or the heap end
        long freePrev = coalesce ? freeBlockBefore(start) : -1;
        release(start, size, nextSize, freePrev);
    }

    /**
     * {@link #releaseBlock} with the neighbours known: {@code nextSize} of the free block after
     * (0: none), {@code freePrev} the free block before (-1: none); both 0 / -1 without coalescing.
     */
    private void release(long start, long size, long nextSize, long freePrev) {
        if (coalesce) {
            long next = start + size;
            if (inPlace) {
                coalesceInPlace(start, size, next, nextSize, freePrev);
                return;
            }
            if (nextSize != 0) {
                removeFree(next, nextSize);
                blocks.removeStart(next);
                size += nextSize;
                merges.inc();
            }
            if (freePrev != -1) {
                merges.inc();
                blocks.removeStart(start);
                relistGrown(freePrev, start - freePrev, start - freePrev + size);
                return;
            }
        }
        insertFree(start, size);
    }

    /**
     * The free block at {@code start} grew from {@code oldSize} to {@code newSize} bytes (it absorbed
     * the blocks after it): off the list and back on at the place its order now gives it, as
     * {@link #removeFree} and {@link #insertFree}, while its free start, never cleared, stays.
     */
    private void relistGrown(long start, long oldSize, long newSize) {
        unlist(start, oldSize);
        enlist(start, newSize);
        blocks.growFree(start, newSize);
        freeBytes += newSize - oldSize;
        memory.write(start, header + LINKS);
    }

    /**
     * {@link #releaseBlock} for address-ordered first fit, where a merged block's list position is
     * its address and no rover points into the list: a merge into the free block before keeps that
     * block's free start and only grows it, a merge with the free block after moves its free start
     * back to {@code start}; the same blocks, counters and memory writes as removing and inserting.
     */
    private void coalesceInPlace(long start, long size, long next, long nextSize, long prev) {
        if (prev != -1) {
            if (nextSize != 0) {
                merges.inc();
                blocks.markUsed(next, nextSize);
                blocks.removeStart(next);
                freeBlockCount--;
            }
            merges.inc();
            blocks.removeStart(start);
            blocks.growFree(prev, start - prev + size + nextSize);
            freeBytes += size;
            memory.write(prev, header + LINKS);
        } else if (nextSize != 0) {
            merges.inc();
            blocks.removeStart(next);
            blocks.moveFree(next, nextSize, start, size + nextSize);
            freeBytes += size;
            memory.write(start, header + LINKS);
        } else {
            insertFree(start, size);
        }
    }

    @Override
    public long usableSize(long address) {
        long size = blocks == null ? HeapBlocks.NONE : blocks.size(address - header);
        return size == HeapBlocks.NONE ? 0 : size - header;
    }

    @Override
    public long grantedSize(long address) {
        long size = blocks == null ? HeapBlocks.NONE : blocks.size(address - header);
        return size == HeapBlocks.NONE ? 0 : size;
    }

    @Override
    public long lastGranted() {
        return lastGranted;
    }

    @Override
    public long lastSearched() {
        return lastSearched;
    }

    @Override
    public long footprint() {
        return heapStart < 0 ? 0 : heapLimit - heapStart;
    }

    @Override
    public long freeBytes() {
        return freeBytes;
    }

    @Override
    public long largestFree() {
        if (bySize != null) {
            return bySize.largest();
        }
        if (sized != null) {
            return sized.largest();
        }
        return blocks == null ? 0 : blocks.largestFree(); // only at sample points: a walk of the free blocks
    }

    @Override
    public long freeBlocks() {
        return freeBlockCount;
    }

    // ------------------------------------------------------------------ heap growth

    private void createIndexes() {
        blocks = new HeapBlocks(heapStart, align, order == Order.ADDRESS && (fit == Fit.FIRST || fit == Fit.NEXT)); // best and worst fit search by size
        switch (order) {
            case ADDRESS: list = new AddressOrderedList(blocks); break;
            case LIFO: list = bySequenceOnly() ? new SequencePositions(true) : new SequenceOrderedList(true); break;
            case FIFO: list = bySequenceOnly() ? new SequencePositions(false) : new SequenceOrderedList(false); break;
            case SIZE_ASC: list = sized = new SizeOrderedList(true, heapStart, align); break;
            default: list = sized = new SizeOrderedList(false, heapStart, align); break;
        }
        if ((fit == Fit.BEST || fit == Fit.WORST) && sized == null) {
            bySize = order == Order.ADDRESS ? FitIndex.byAddress(heapStart, align) : FitIndex.bySequence(heapStart, align, order == Order.LIFO, fit == Fit.WORST);
        }
    }

    /** Whether the list is only asked for positions: best and worst fit search by size, not along the list. */
    private boolean bySequenceOnly() {
        return fit == Fit.BEST || fit == Fit.WORST;
    }

    /** Places the heap: a fixed arena at {@code base}, or at the program break. */
    private boolean initHeap() {
        if (arenaBase != -1) {
            long at = kernel.mmap(arenaBase, arenaSize, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS | MapFlags.FIXED, 0, 0);
            if (at != arenaBase) {
                return false;
            }
            heapStart = Addresses.alignUp(arenaBase + header, align) - header;
            createIndexes();
            heapLimit = arenaBase + arenaSize;
            heapEnd = heapStart;
            blocks.end(heapEnd);
            addRegion(heapLimit);
            return true;
        }
        long base = kernel.currentBreak();
        long first = Addresses.alignUp(base + header, align) - header;
        if (first != base && kernel.brk(first) != first) {
            return false;
        }
        heapStart = first;
        heapEnd = first;
        heapLimit = first;
        createIndexes();
        if (arenaSize > 0) {
            long end = Addresses.alignUp(first + arenaSize, kernel.pageSize());
            if (kernel.brk(end) != end) {
                return false;
            }
            addRegion(end);
        }
        return true;
    }

    /** Makes {@code [heapEnd, newLimit)} free heap (the aligned part), merging with a free last block. */
    private void addRegion(long newLimit) {
        heapLimit = newLimit;
        long newEnd = heapStart + Addresses.alignDown(newLimit - heapStart, align);
        long oldEnd = heapEnd;
        heapEnd = newEnd;
        blocks.end(newEnd);
        if (newEnd > oldEnd) {
            blocks.addStart(oldEnd);
            releaseBlock(oldEnd, newEnd - oldEnd);
        }
    }

    /** Extends the heap with brk by at least {@code need} bytes (rounded up to the chunk and the page). */
    private boolean growHeap(long need) {
        if (!grow) {
            if (log.enabled()) {
                note("the arena is fixed (grow=false): malloc returns NULL");
            }
            return false;
        }
        if (arenaBase != -1) {
            return false; // an mmap'd arena cannot move the break
        }
        long want = Math.max(need, chunk);
        long newLimit = Addresses.alignUp(heapLimit + want, kernel.pageSize());
        if (log.enabled()) {
            note("asking the kernel to move the break up by " + (newLimit - heapLimit) + " bytes (brk)");
        }
        if (kernel.brk(newLimit) != newLimit) {
            if (log.enabled()) {
                note("brk(" + Addresses.hex(newLimit) + ") refused: malloc returns NULL");
            }
            return false;
        }
        grows.inc();
        addRegion(newLimit);
        return true;
    }

    private String fitName() {
        return fit.name().toLowerCase(Locale.ROOT);
    }

    private void note(String what) {
        log.note(Layer.ALLOCATOR, what);
    }

    // ------------------------------------------------------------------ heap map and invariants

    @Override
    public void heapMap(HeapSpans spans) {
        if (heapStart < 0) {
            return;
        }
        long at = heapStart;
        while (at < heapEnd) {
            long size = blocks.size(at);
            long end = at + size;
            if (blocks.isUsed(at)) {
                spans.span(at, at + header, HeapSpans.METADATA);
                spans.span(at + header, end, HeapSpans.BLOCK);
            } else if (end <= everUsedEnd) {
                spans.span(at, end, HeapSpans.FREE);
            } else if (at >= everUsedEnd) {
                spans.span(at, end, HeapSpans.NEVER_USED);
            } else {
                spans.span(at, everUsedEnd, HeapSpans.FREE);
                spans.span(everUsedEnd, end, HeapSpans.NEVER_USED);
            }
            at = end;
        }
    }

    @Override
    public void verify() {
        if (heapStart < 0) {
            return;
        }
        long at = heapStart;
        long freeSeen = 0;
        int freeCount = 0;
        int blockCount = 0;
        boolean prevFree = false;
        while (at < heapEnd) {
            long size = blocks.size(at);
            if (size == HeapBlocks.NONE) {
                throw new IllegalStateException("no block starts at " + Addresses.hex(at) + " inside the heap");
            }
            blockCount++;
            if (size < minBlock || ((at + header) & (align - 1)) != 0 || size % align != 0) {
                throw new IllegalStateException("block at " + Addresses.hex(at) + " has size " + size + " or a misaligned payload");
            }
            boolean isFree = !blocks.isUsed(at);
            if (isFree) {
                if (!list.contains(at, size) || (bySize != null && !bySize.contains(size, list.position(at, size), at))) {
                    throw new IllegalStateException("free block " + Addresses.hex(at) + " is not on the free list");
                }
                if (coalesce && prevFree) {
                    throw new IllegalStateException("two adjacent free blocks at " + Addresses.hex(at) + " with coalescing on");
                }
                freeSeen += size;
                freeCount++;
            }
            prevFree = isFree;
            at += size;
        }
        if (at != heapEnd) {
            throw new IllegalStateException("blocks overrun the heap end " + Addresses.hex(heapEnd));
        }
        if (blockCount != blocks.count()) {
            throw new IllegalStateException("the block table holds " + blocks.count() + " blocks, the heap walk found " + blockCount);
        }
        blocks.verify();
        if (freeCount != list.size() || freeSeen != freeBytes || blocks.free().count() != freeCount || freeBlockCount != freeCount
            || (bySize != null && bySize.size() != freeCount)) {
            throw new IllegalStateException("free list holds " + list.size() + " blocks / " + freeBytes
                + " bytes but the heap has " + freeCount + " / " + freeSeen);
        }
    }
}
