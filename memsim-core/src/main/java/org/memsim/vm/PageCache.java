package org.memsim.vm;

import org.memsim.collections.LongLongHashMap;

/**
 * The page cache: which frame holds page {@code index} of file {@code file}, shared by every
 * process that maps the file (Linux's per-inode {@code address_space} radix tree / XArray). A page
 * stays cached after the last mapping goes away, until reclaim evicts it; a dirty page is written
 * back first. Keys pack the file id and the page index into one long.
 */
public final class PageCache {
    private static final int INDEX_BITS = 40;

    private final LongLongHashMap pages = new LongLongHashMap(256, PhysicalMemory.NO_FRAME);
    private long hits;
    private long misses;

    private static long key(int file, long index) {
        if (index < 0 || index >= (1L << INDEX_BITS)) {
            throw new IllegalArgumentException("file page index " + index + " out of range");
        }
        return ((long) file << INDEX_BITS) | index;
    }

    /** The frame caching the page, or {@link PhysicalMemory#NO_FRAME}; counts a hit or a miss. */
    public long find(int file, long index) {
        long pfn = pages.get(key(file, index));
        if (pfn == PhysicalMemory.NO_FRAME) {
            misses++;
        } else {
            hits++;
        }
        return pfn;
    }

    /** The frame caching the page, without counting. */
    public long peek(int file, long index) {
        return pages.get(key(file, index));
    }

    public void insert(int file, long index, long pfn) {
        pages.put(key(file, index), pfn);
    }

    public void remove(int file, long index) {
        pages.remove(key(file, index));
    }

    /** Pages cached. */
    public long size() {
        return pages.size();
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
