package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.CHUNK_HDR_SZ;
import static org.memsim.alloc.ptmalloc.Chunk.IS_MMAPPED;
import static org.memsim.alloc.ptmalloc.Chunk.MINSIZE;
import static org.memsim.alloc.ptmalloc.Chunk.PREV_INUSE;

import org.memsim.alloc.HeapSpans;
import org.memsim.collections.LongLongHashMap;
import org.memsim.vm.Addresses;

/**
 * Reads the model's state without touching simulated memory: glibc's own consistency checks
 * ({@code do_check_malloc_state}, {@code do_check_free_chunk}, {@code do_check_inuse_chunk}: bins
 * well linked and sorted, binmap accurate, no two adjacent free chunks, footers equal sizes, top at
 * the end of the heap with its predecessor in use, fastbin and tcache entries of the right size)
 * for {@code --check}, the heap map, and the largest free chunk.
 */
final class HeapInspector {
    private HeapInspector() {}

    private static long field(PtmallocAllocator a, long p) {
        return a.words.get(p + Chunk.SIZE);
    }

    private static long size(PtmallocAllocator a, long p) {
        return Chunk.chunksize(field(a, p));
    }

    private static IllegalStateException broken(String what, long p) {
        return new IllegalStateException("ptmalloc: " + what + (p == 0 ? "" : " (chunk " + Addresses.hex(p) + ")"));
    }

    /** Chunks sitting in the tcache or a fastbin (in use as far as the arena knows, free for the program). */
    private static LongLongHashMap cached(PtmallocAllocator a) {
        LongLongHashMap set = new LongLongHashMap(64, 0);
        for (int i = 0; i < Tcache.MAX_BINS; i++) {
            long e = a.tcache.entries[i];
            for (int n = 0; e != 0 && n <= Tcache.FILL_COUNT; n++) {
                set.put(Chunk.chunk(e), 1);
                e = Chunk.protect(e, a.words.get(e));
            }
        }
        for (int i = 0; i < FastBins.NFASTBINS; i++) {
            long p = a.fast.heads[i];
            for (long n = 0; p != 0 && n <= a.fast.count; n++) {
                set.put(p, 1);
                p = Chunk.protect(p + Chunk.FD, a.words.get(p + Chunk.FD));
            }
        }
        return set;
    }

    static long largestFree(PtmallocAllocator a) {
        long best = a.heap.topSize();
        for (int i = Bins.NBINS - 1; i >= 2; i--) {
            long first = a.bins.first(i);
            if (first != ChunkMemory.binAt(i)) {
                best = Math.max(best, size(a, first)); // large bins are sorted largest first
                break;
            }
        }
        long p = a.bins.first(1);
        for (long n = 0; p != Bins.UNSORTED && n <= a.bins.chunks; n++) {
            best = Math.max(best, size(a, p));
            p = a.words.get(p + Chunk.FD);
        }
        for (int i = FastBins.NFASTBINS - 1; i >= 0; i--) {
            if (a.fast.heads[i] != 0) {
                best = Math.max(best, size(a, a.fast.heads[i]));
                break;
            }
        }
        for (int i = Tcache.MAX_BINS - 1; i >= 0; i--) {
            if (a.tcache.counts[i] > 0) {
                best = Math.max(best, MINSIZE + 16L * i);
                break;
            }
        }
        return best;
    }

    static void heapMap(PtmallocAllocator a, HeapSpans out) {
        SystemHeap h = a.heap;
        if (h.sbrkBase != 0 && h.contiguous) {
            LongLongHashMap cached = cached(a);
            long tcacheChunk = a.tcache.initialized() ? Chunk.chunk(a.tcache.base) : -1;
            long p = h.sbrkBase;
            while (p < h.top) {
                long s = size(a, p);
                if (s < CHUNK_HDR_SZ || p + s > h.top) {
                    out.span(p, h.top, HeapSpans.METADATA); // corrupted: show the rest as metadata
                    break;
                }
                boolean free = (field(a, p + s) & PREV_INUSE) == 0 || cached.get(p) != 0;
                if (p == tcacheChunk || s == CHUNK_HDR_SZ) {
                    out.span(p, p + s, HeapSpans.METADATA);
                } else if (free) {
                    out.span(p, p + s, HeapSpans.FREE);
                } else {
                    out.span(p, p + CHUNK_HDR_SZ, HeapSpans.METADATA);
                    out.span(p + CHUNK_HDR_SZ, p + s, HeapSpans.BLOCK);
                }
                p += s;
            }
            long end = h.top + h.topSize();
            long used = Math.min(end, Math.max(h.top, a.everUsedEnd));
            if (used > h.top) {
                out.span(h.top, used, HeapSpans.FREE);
            }
            if (end > used) {
                out.span(used, end, HeapSpans.NEVER_USED);
            }
        }
        long[] maps = new long[a.mmaps.live.size()];
        int[] n = {0};
        a.mmaps.live.forEach((chunk, len) -> maps[n[0]++] = chunk);
        java.util.Arrays.sort(maps);
        for (long p : maps) {
            long offset = a.words.get(p);
            out.span(p - offset, p + CHUNK_HDR_SZ, HeapSpans.METADATA);
            out.span(p + CHUNK_HDR_SZ, p + size(a, p), HeapSpans.BLOCK);
        }
    }

    static void verify(PtmallocAllocator a) {
        SystemHeap h = a.heap;
        if (h.top == Bins.UNSORTED) {
            if (a.bins.chunks != 0 || a.fast.count != 0 || a.tcache.total != 0) {
                throw broken("free chunks before the heap exists", 0);
            }
            verifyMmaps(a);
            return;
        }
        long topSize = h.topSize();
        if (topSize < MINSIZE) {
            throw broken("top chunk smaller than MINSIZE: " + topSize, h.top);
        }
        if ((field(a, h.top) & PREV_INUSE) == 0) {
            throw broken("the chunk before top is free (it should have merged into top)", h.top);
        }
        if (h.contiguous && h.sbrkBase + h.systemMem != h.top + topSize) {
            throw broken("sbrk_base + system_mem != end of top", h.top);
        }
        if (h.contiguous && h.top + topSize != a.kernel.currentBreak()) {
            throw broken("top does not end at the program break " + Addresses.hex(a.kernel.currentBreak()), h.top);
        }
        // walk the heap
        long freeChunks = 0;
        long freeBytes = 0;
        if (h.contiguous) {
            long p = h.sbrkBase;
            boolean prevFree = false;
            while (p < h.top) {
                long f = field(a, p);
                long s = Chunk.chunksize(f);
                if (s < MINSIZE || (s & Chunk.MALLOC_ALIGN_MASK) != 0 || p + s > h.top) {
                    throw broken("bad chunk size " + s, p);
                }
                if (((f & PREV_INUSE) == 0) != prevFree) {
                    throw broken("PREV_INUSE bit " + (f & PREV_INUSE) + " disagrees with the previous chunk", p);
                }
                boolean free = (field(a, p + s) & PREV_INUSE) == 0;
                if (free) {
                    if (prevFree) {
                        throw broken("two adjacent free chunks", p);
                    }
                    if (a.words.get(p + s) != s) {
                        throw broken("footer " + a.words.get(p + s) + " != size " + s, p);
                    }
                    freeChunks++;
                    freeBytes += s;
                }
                prevFree = free;
                p += s;
            }
            if (p != h.top) {
                throw broken("chunks do not end at top", p);
            }
        }
        // bins
        long binned = 0;
        long binnedBytes = 0;
        for (int i = 1; i < Bins.NBINS; i++) {
            long b = ChunkMemory.binAt(i);
            boolean empty = a.bins.last(i) == b;
            if (i >= 2) {
                boolean bit = (a.bins.binmap[Bins.idx2block(i)] & Bins.idx2bit(i)) != 0;
                if (!bit && !empty) {
                    throw broken("binmap bit clear for non-empty bin " + i, 0);
                }
            }
            long steps = 0;
            for (long p = a.bins.last(i); p != b; p = a.m.words.get(p + Chunk.BK)) {
                if (++steps > a.bins.chunks + 1) {
                    throw broken("bin " + i + " is not a well-linked list", p);
                }
                long s = size(a, p);
                long fd = linkFd(a, p);
                long bk = linkBk(a, p);
                if (linkBk(a, fd) != p || linkFd(a, bk) != p) {
                    throw broken("bin " + i + ": fd->bk or bk->fd is not the chunk", p);
                }
                if ((field(a, p + s) & PREV_INUSE) != 0 || a.words.get(p + s) != s) {
                    throw broken("chunk in bin " + i + " is not marked free with a matching footer", p);
                }
                if ((field(a, p) & PREV_INUSE) == 0) {
                    throw broken("chunk in bin " + i + " follows a free chunk", p);
                }
                if ((field(a, p) & IS_MMAPPED) != 0) {
                    throw broken("mmapped chunk in bin " + i, p);
                }
                if (i >= 2) {
                    if (Bins.binIndex(s) != i) {
                        throw broken("chunk of " + s + " bytes in bin " + i, p);
                    }
                    if (bk != b && size(a, bk) < s) {
                        throw broken("bin " + i + " not sorted", p);
                    }
                    if (!Bins.inSmallbinRange(s)) {
                        checkNextsize(a, i, p, s);
                    }
                } else if (!Bins.inSmallbinRange(s)
                    && (a.words.get(p + Chunk.FD_NEXTSIZE) != 0 || a.words.get(p + Chunk.BK_NEXTSIZE) != 0)) {
                    throw broken("large chunk in the unsorted bin with nextsize links", p);
                }
                binned++;
                binnedBytes += s;
            }
        }
        if (binned != a.bins.chunks || binnedBytes != a.bins.bytes) {
            throw broken("bins hold " + binned + " chunks / " + binnedBytes + " bytes, counted " + a.bins.chunks + " / " + a.bins.bytes, 0);
        }
        if (h.contiguous && (binned != freeChunks || binnedBytes != freeBytes)) {
            throw broken("the heap has " + freeChunks + " free chunks but the bins hold " + binned, 0);
        }
        // fastbins
        long fastChunks = 0;
        for (int i = 0; i < FastBins.NFASTBINS; i++) {
            for (long p = a.fast.heads[i]; p != 0; p = Chunk.protect(p + Chunk.FD, a.words.get(p + Chunk.FD))) {
                if (++fastChunks > a.fast.count) {
                    throw broken("fastbin " + i + " holds more chunks than counted (a cycle: double free?)", p);
                }
                if (!Chunk.aligned(p)) {
                    throw broken("unaligned fastbin chunk", p);
                }
                long s = size(a, p);
                if (FastBins.index(s) != i) {
                    throw broken("chunk of " + s + " bytes in fastbin " + i, p);
                }
                if ((field(a, p + s) & PREV_INUSE) == 0) {
                    throw broken("fastbin chunk not marked in use", p);
                }
            }
        }
        if (fastChunks != a.fast.count) {
            throw broken("fastbins hold " + fastChunks + " chunks, counted " + a.fast.count, 0);
        }
        // tcache
        long cachedChunks = 0;
        for (int i = 0; i < Tcache.MAX_BINS; i++) {
            int n = 0;
            for (long e = a.tcache.entries[i]; e != 0; e = Chunk.protect(e, a.words.get(e))) {
                if (++n > Tcache.FILL_COUNT) {
                    throw broken("tcache bin " + i + " holds more than " + Tcache.FILL_COUNT + " chunks", Chunk.chunk(e));
                }
                if (!Chunk.aligned(e) || a.words.get(e + Tcache.KEY_OFFSET) != Tcache.KEY) {
                    throw broken("tcache entry without tcache_key", Chunk.chunk(e));
                }
                if (size(a, Chunk.chunk(e)) != MINSIZE + 16L * i) {
                    throw broken("tcache bin " + i + " holds a chunk of " + size(a, Chunk.chunk(e)) + " bytes", Chunk.chunk(e));
                }
            }
            if (n != a.tcache.counts[i]) {
                throw broken("tcache bin " + i + " counts " + a.tcache.counts[i] + " but holds " + n, 0);
            }
            cachedChunks += n;
        }
        if (cachedChunks != a.tcache.total) {
            throw broken("tcache holds " + cachedChunks + " chunks, counted " + a.tcache.total, 0);
        }
        verifyMmaps(a);
    }

    private static long linkFd(PtmallocAllocator a, long p) {
        int b = ChunkMemory.binIndex(p);
        return b > 0 ? a.m.binFd[b] : a.words.get(p + Chunk.FD);
    }

    private static long linkBk(PtmallocAllocator a, long p) {
        int b = ChunkMemory.binIndex(p);
        return b > 0 ? a.m.binBk[b] : a.words.get(p + Chunk.BK);
    }

    private static void checkNextsize(PtmallocAllocator a, int i, long p, long s) {
        long fdn = a.words.get(p + Chunk.FD_NEXTSIZE);
        long bkn = a.words.get(p + Chunk.BK_NEXTSIZE);
        long first = a.bins.first(i);
        if (fdn == 0) {
            if (bkn != 0) {
                throw broken("large chunk with bk_nextsize but no fd_nextsize", p);
            }
            long bk = a.words.get(p + Chunk.BK);
            if (p == first || size(a, bk) != s) {
                throw broken("first chunk of its size in bin " + i + " is not in the skip list", p);
            }
            return;
        }
        if (fdn == p) {
            if (bkn != p) {
                throw broken("lone skip-list entry not linked to itself", p);
            }
            return;
        }
        if (fdn == first ? size(a, fdn) <= s : size(a, fdn) >= s) {
            throw broken("fd_nextsize out of order in bin " + i, p);
        }
        if (p == first ? size(a, bkn) >= s : size(a, bkn) <= s) {
            throw broken("bk_nextsize out of order in bin " + i, p);
        }
    }

    private static void verifyMmaps(PtmallocAllocator a) {
        long[] total = {0};
        long page = a.kernel.pageSize();
        a.mmaps.live.forEach((p, len) -> {
            long f = field(a, p);
            if ((f & IS_MMAPPED) == 0) {
                throw broken("mmapped chunk without IS_MMAPPED", p);
            }
            if (((a.words.get(p) + Chunk.chunksize(f)) & (page - 1)) != 0) {
                throw broken("mmapped chunk not page-sized", p);
            }
            total[0] += a.words.get(p) + Chunk.chunksize(f);
        });
        if (total[0] != a.mmaps.mappedBytes || a.mmaps.live.size() != a.mmaps.count) {
            throw broken("mmapped chunks hold " + total[0] + " bytes, counted " + a.mmaps.mappedBytes, 0);
        }
    }
}
