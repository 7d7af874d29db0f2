package org.memsim.alloc.freelist;

import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.collections.LongArrayList;
import org.memsim.collections.LongLongHashMap;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.kernel.SystemCalls;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;
import org.memsim.vm.Addresses;
import org.memsim.vm.MemoryPort;

/**
 * The textbook explicit free list (Knuth's TAOCP 2.5; CS:APP 9.9): blocks carry a header with
 * their size and in-use bit, free blocks sit in one list in address order, a request takes the
 * first / next / best / worst block that fits and splits off the rest, a freed block merges with
 * free neighbours, and the heap grows by {@code brk} when nothing fits.
 * <pre>
 *  block:  | header (size|used) | payload ... (aligned)        |
 *          ^ block start        ^ address returned to the program
 * </pre>
 * Block metadata lives in primitive maps (block start → size|used, block end → start); every
 * header read or write is also a real access through the MMU, so it can page-fault.
 */
public final class FreeListAllocator implements Allocator {
    private static final long USED = 1;
    private static final long MAX_REQUEST = 1L << 47;

    private enum Fit { FIRST, NEXT, BEST, WORST }

    private final SystemCalls kernel;
    private final MemoryPort memory;
    private final SimClock clock;
    private final CostModel cost;
    private final LayerLog log;
    private final Fit fit;
    private final boolean coalesce;
    private final long header;
    private final long align;
    private final long chunk;
    private final long minBlock;

    private final LongLongHashMap blocks = new LongLongHashMap(1024, -1); // start -> size | USED
    private final LongLongHashMap ends = new LongLongHashMap(1024, -1);   // end -> start
    private final LongArrayList free = new LongArrayList();               // free block starts, ascending
    private int rover;          // next fit: where the last search stopped
    private long heapStart = -1;
    private long heapEnd;
    private long freeBytes;
    private long lastSearched;

    private final Counter searchedTotal;
    private final Counter splits;
    private final Counter merges;
    private final Counter grows;
    private long everUsedEnd;   // end of the highest block ever handed out (heap above it was never used)

    public FreeListAllocator(Params p, AllocatorContext c) {
        this.kernel = c.kernel();
        this.memory = c.memory();
        this.clock = c.clock();
        this.cost = c.cost();
        this.log = c.log();
        this.fit = Fit.valueOf(p.string("fit").toUpperCase(java.util.Locale.ROOT));
        this.coalesce = p.bool("coalesce");
        this.header = p.bytes("header");
        this.align = p.bytes("align");
        this.chunk = p.bytes("chunk");
        if (!Addresses.isPowerOfTwo(align) || align < 8 || align > 4096) {
            throw new SpecException("freelist: align=" + align + " must be a power of two from 8 to 4096");
        }
        if (header < 8 || header > 4096) {
            throw new SpecException("freelist: header=" + header + " must be from 8 to 4096 bytes");
        }
        if (chunk < 0 || chunk > (1L << 40)) {
            throw new SpecException("freelist: chunk=" + chunk + " must be from 0 to 1 TiB");
        }
        this.minBlock = Addresses.alignUp(header + align, align);
        Metrics m = c.metrics();
        searchedTotal = m.counter("alloc.searched", "entries", "free-list entries examined");
        splits = m.counter("alloc.splits", "splits", "blocks split to serve a smaller request");
        merges = m.counter("alloc.merges", "merges", "free neighbours merged");
        grows = m.counter("alloc.heapGrows", "calls", "times the heap grew with brk");
    }

    // ------------------------------------------------------------------ geometry

    /** Block size for a payload of {@code size} bytes. */
    private long blockSize(long size) {
        return Math.max(minBlock, Addresses.alignUp(header + size, align));
    }

    /**
     * Block starts are placed so that {@code start + header} is aligned; with header a multiple
     * of align, every start is aligned too. Otherwise the heap start is offset once.
     */
    private long payload(long start) {
        return start + header;
    }

    private long startOf(long payload) {
        return payload - header;
    }

    // ------------------------------------------------------------------ API

    @Override
    public long malloc(long size, long requestedAlign) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        if (size < 0 || size > MAX_REQUEST || kernel.killed()) {
            return 0;
        }
        if (requestedAlign > align) {
            return alignedMalloc(size, requestedAlign);
        }
        long need = blockSize(size);
        int i = search(need);
        if (i < 0) {
            if (log.enabled()) {
                note("malloc(" + size + "): " + fitName() + " fit examined " + lastSearched + " free block(s), none holds "
                    + need + " bytes");
            }
            if (!grow(need)) {
                return 0;
            }
            i = search(need);
            if (i < 0) {
                return 0;
            }
        }
        long start = free.get(i);
        long have = blocks.get(start) & ~USED;
        takeFree(i, start, have);
        if (have - need >= minBlock) {
            splits.inc();
            setBlock(start, need, true);
            insertFree(start + need, have - need);
        } else {
            setBlock(start, have, true);
        }
        if (log.enabled()) {
            note("malloc(" + size + "): block of " + (blocks.get(start) & ~USED) + " bytes at " + Addresses.hex(start)
                + " after examining " + lastSearched + " free block(s); writing its " + header + "-byte header; returns "
                + Addresses.hex(payload(start)));
        }
        if (!memory.write(start, header)) {
            return 0;
        }
        return payload(start);
    }

    /** Over-allocates and frees the leading gap so the payload meets a stricter alignment. */
    private long alignedMalloc(long size, long a) {
        if (!Addresses.isPowerOfTwo(a) || a > MAX_REQUEST) {
            return 0;
        }
        long p = malloc(size + a + minBlock, 0);
        if (p == 0) {
            return 0;
        }
        long aligned = Addresses.alignUp(p + minBlock, a);
        long start = startOf(p);
        long total = blocks.get(start) & ~USED;
        long newStart = startOf(aligned);
        removeBlock(start);
        setBlock(newStart, start + total - newStart, true);
        releaseBlock(start, newStart - start);
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
        long start = startOf(address);
        long have = blocks.get(start) & ~USED;
        long need = blockSize(size);
        if (need <= have) {
            if (have - need >= minBlock) {
                splits.inc();
                setBlock(start, need, true);
                releaseBlock(start + need, have - need);
            }
            memory.write(start, header);
            return address;
        }
        long next = start + have;
        long nextInfo = blocks.get(next);
        if (nextInfo != -1 && (nextInfo & USED) == 0 && have + nextInfo >= need) {
            int i = indexOfFree(next);
            takeFree(i, next, nextInfo);
            merges.inc();
            long total = have + nextInfo;
            removeBlock(start);
            if (total - need >= minBlock) {
                splits.inc();
                setBlock(start, need, true);
                insertFree(start + need, total - need);
            } else {
                setBlock(start, total, true);
            }
            memory.write(start, header);
            return address;
        }
        long moved = malloc(size, 0);
        if (moved == 0) {
            return 0;
        }
        long copy = Math.min(have - header, size);
        memory.read(address, copy);
        memory.write(moved, copy);
        free(address);
        return moved;
    }

    @Override
    public void free(long address) {
        clock.charge(Layer.ALLOCATOR, cost.mallocBaseNs);
        lastSearched = 0;
        long start = startOf(address);
        long info = blocks.get(start);
        if (info == -1 || (info & USED) == 0) {
            throw new IllegalStateException("free of " + Addresses.hex(address) + ", not a live block");
        }
        releaseBlock(start, info & ~USED);
        memory.write(start, header);
        if (log.enabled()) {
            note("free(" + Addresses.hex(address) + "): block of " + (info & ~USED) + " bytes back on the free list");
        }
    }

    @Override
    public long usableSize(long address) {
        long info = blocks.get(startOf(address));
        return info == -1 ? 0 : (info & ~USED) - header;
    }

    @Override
    public long lastSearched() {
        return lastSearched;
    }

    @Override
    public long footprint() {
        return heapStart < 0 ? 0 : heapEnd - heapStart;
    }

    // ------------------------------------------------------------------ free list

    /** Index in {@link #free} of a block of at least {@code need} bytes under the fit policy, or -1. */
    private int search(long need) {
        int n = free.size();
        int found = -1;
        long foundSize = 0;
        int examined = 0;
        if (fit == Fit.NEXT) {
            int startAt = n == 0 ? 0 : rover % n;
            for (int k = 0; k < n; k++) {
                int i = (startAt + k) % n;
                examined++;
                if ((blocks.get(free.get(i)) & ~USED) >= need) {
                    found = i;
                    break;
                }
            }
            rover = found >= 0 ? found : 0;
        } else {
            for (int i = 0; i < n; i++) {
                long size = blocks.get(free.get(i)) & ~USED;
                examined++;
                if (size < need) {
                    continue;
                }
                if (fit == Fit.FIRST) {
                    found = i;
                    break;
                }
                if (found < 0 || (fit == Fit.BEST ? size < foundSize : size > foundSize)) {
                    found = i;
                    foundSize = size;
                    if (fit == Fit.BEST && size == need) {
                        break;
                    }
                }
            }
        }
        lastSearched += examined;
        searchedTotal.add(examined);
        clock.charge(Layer.ALLOCATOR, examined * cost.searchStepNs);
        return found;
    }

    private int indexOfFree(long start) {
        int lo = 0;
        int hi = free.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = free.get(mid);
            if (v < start) {
                lo = mid + 1;
            } else if (v > start) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void insertFreeList(long start) {
        int i = indexOfFree(start);
        if (i >= 0) {
            throw new IllegalStateException("block " + Addresses.hex(start) + " already free");
        }
        free.insert(-(i + 1), start);
    }

    private void takeFree(int index, long start, long size) {
        free.removeAt(index);
        freeBytes -= size;
        removeBlock(start);
    }

    /** Adds a new free block without merging. */
    private void insertFree(long start, long size) {
        setBlock(start, size, false);
        insertFreeList(start);
        freeBytes += size;
    }

    /** Marks a block free, merging with free neighbours when coalescing. */
    private void releaseBlock(long start, long size) {
        removeBlock(start);
        if (coalesce) {
            long next = start + size;
            long nextInfo = blocks.get(next);
            if (nextInfo != -1 && (nextInfo & USED) == 0) {
                takeFree(indexOfFree(next), next, nextInfo);
                size += nextInfo;
                merges.inc();
            }
            long prev = ends.get(start);
            if (prev != -1) {
                long prevInfo = blocks.get(prev);
                if ((prevInfo & USED) == 0) {
                    takeFree(indexOfFree(prev), prev, prevInfo);
                    size += prevInfo;
                    start = prev;
                    merges.inc();
                }
            }
        }
        insertFree(start, size);
    }

    private void setBlock(long start, long size, boolean used) {
        if (used && start + size > everUsedEnd) {
            everUsedEnd = start + size;
        }
        blocks.put(start, size | (used ? USED : 0));
        ends.put(start + size, start);
    }

    private void removeBlock(long start) {
        long info = blocks.remove(start);
        if (info != -1) {
            ends.remove(start + (info & ~USED));
        }
    }

    /** Extends the heap with brk by at least {@code need} bytes (rounded up to the chunk and page). */
    private boolean grow(long need) {
        if (heapStart < 0) {
            long base = kernel.currentBreak();
            long first = Addresses.alignUp(base + header, align) - header;
            if (first != base && kernel.brk(first) != first) {
                return false;
            }
            heapStart = first;
            heapEnd = first;
        }
        long want = Math.max(need, chunk);
        long newEnd = Addresses.alignUp(heapEnd + want, kernel.pageSize());
        if (log.enabled()) {
            note("asking the kernel to move the break up by " + (newEnd - heapEnd) + " bytes (brk)");
        }
        long got = kernel.brk(newEnd);
        if (got != newEnd) {
            if (log.enabled()) {
                note("brk(" + Addresses.hex(newEnd) + ") refused: malloc returns NULL");
            }
            return false;
        }
        grows.inc();
        long oldEnd = heapEnd;
        heapEnd = newEnd;
        releaseBlock(oldEnd, newEnd - oldEnd);
        return true;
    }

    private String fitName() {
        return fit.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public long grantedSize(long address) {
        long info = blocks.get(startOf(address));
        return info == -1 ? 0 : info & ~USED;
    }

    @Override
    public long freeBytes() {
        return freeBytes;
    }

    @Override
    public long freeBlocks() {
        return free.size();
    }

    @Override
    public void heapMap(org.memsim.alloc.HeapSpans spans) {
        if (heapStart < 0) {
            return;
        }
        long at = heapStart;
        while (at < heapEnd) {
            long info = blocks.get(at);
            long size = info & ~USED;
            long end = at + size;
            if ((info & USED) != 0) {
                spans.span(at, at + header, org.memsim.alloc.HeapSpans.METADATA);
                spans.span(at + header, end, org.memsim.alloc.HeapSpans.BLOCK);
            } else if (end <= everUsedEnd) {
                spans.span(at, end, org.memsim.alloc.HeapSpans.FREE);
            } else if (at >= everUsedEnd) {
                spans.span(at, end, org.memsim.alloc.HeapSpans.NEVER_USED);
            } else {
                spans.span(at, everUsedEnd, org.memsim.alloc.HeapSpans.FREE);
                spans.span(everUsedEnd, end, org.memsim.alloc.HeapSpans.NEVER_USED);
            }
            at = end;
        }
    }

    @Override
    public long largestFree() {
        long max = 0;
        for (int i = 0; i < free.size(); i++) {
            max = Math.max(max, blocks.get(free.get(i)) & ~USED);
        }
        return max;
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.ALLOCATOR, what);
        }
    }

    // ------------------------------------------------------------------ invariants

    @Override
    public void verify() {
        if (heapStart < 0) {
            return;
        }
        long at = heapStart;
        long freeSeen = 0;
        int freeCount = 0;
        boolean prevFree = false;
        while (at < heapEnd) {
            long info = blocks.get(at);
            if (info == -1) {
                throw new IllegalStateException("no block starts at " + Addresses.hex(at) + " inside the heap");
            }
            long size = info & ~USED;
            if (size < minBlock || (payload(at) & (align - 1)) != 0) {
                throw new IllegalStateException("block at " + Addresses.hex(at) + " has size " + size + " or a misaligned payload");
            }
            if (ends.get(at + size) != at) {
                throw new IllegalStateException("end index of block " + Addresses.hex(at) + " is inconsistent");
            }
            boolean isFree = (info & USED) == 0;
            if (isFree) {
                if (indexOfFree(at) < 0) {
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
        if (freeCount != free.size() || freeSeen != freeBytes) {
            throw new IllegalStateException("free list holds " + free.size() + " blocks / " + freeBytes
                + " bytes but the heap has " + freeCount + " / " + freeSeen);
        }
        for (int i = 1; i < free.size(); i++) {
            if (free.get(i - 1) >= free.get(i)) {
                throw new IllegalStateException("free list out of address order at index " + i);
            }
        }
    }
}
