package org.memsim.alloc.freelist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The free-list algorithms written the slow, obvious way — a {@code TreeMap} of blocks and an
 * {@code ArrayList} in list order, scanned linearly — as the oracle the fast {@link FreeListAllocator}
 * must agree with address for address and search length for search length.
 */
final class ReferenceFreeList {
    static final long HEAP = 0x555555559000L;

    private final String fit;
    private final String order;
    private final boolean coalesce;
    private final long header;
    private final long align;
    private final long chunk;
    private final long minBlock;
    private final TreeMap<Long, long[]> blocks = new TreeMap<>(); // start -> {size, used}
    private final List<Long> list = new ArrayList<>();
    private Long rover;
    private long heapStart = -1;
    private long heapEnd;
    private long heapLimit;
    long lastSearched;

    ReferenceFreeList(String fit, String order, boolean coalesce, long header, long align, long chunk) {
        this.fit = fit;
        this.order = order;
        this.coalesce = coalesce;
        this.header = header;
        this.align = align;
        this.chunk = chunk;
        this.minBlock = up(header + 16, align);
    }

    private static long up(long v, long a) {
        return (v + a - 1) / a * a;
    }

    private long need(long size) {
        return Math.max(minBlock, up(header + size, align));
    }

    private long size(long start) {
        return blocks.get(start)[0];
    }

    private int compare(long a, long b) {
        switch (order) {
            case "size-asc": return size(a) != size(b) ? Long.compare(size(a), size(b)) : Long.compare(a, b);
            case "size-desc": return size(a) != size(b) ? Long.compare(size(b), size(a)) : Long.compare(a, b);
            default: return Long.compare(a, b);
        }
    }

    private void insertList(long start) {
        switch (order) {
            case "lifo": list.add(0, start); return;
            case "fifo": list.add(start); return;
            default:
                int i = 0;
                while (i < list.size() && compare(list.get(i), start) < 0) {
                    i++;
                }
                list.add(i, start);
        }
    }

    private void removeList(long start) {
        int i = list.indexOf(start);
        list.remove(i);
        if (rover != null && rover == start) {
            rover = i < list.size() ? list.get(i) : null;
        }
    }

    private void free(long start, long size) {
        blocks.put(start, new long[] {size, 0});
        insertList(start);
    }

    private void release(long start, long size) {
        if (coalesce) {
            long next = start + size;
            if (next < heapEnd && blocks.get(next)[1] == 0) {
                long ns = size(next);
                removeList(next);
                blocks.remove(next);
                size += ns;
            }
            Map.Entry<Long, long[]> prev = blocks.lowerEntry(start);
            if (prev != null && prev.getValue()[1] == 0 && prev.getKey() + prev.getValue()[0] == start) {
                removeList(prev.getKey());
                blocks.remove(start);
                size += prev.getValue()[0];
                start = prev.getKey();
            }
        }
        free(start, size);
    }

    private long search(long need) {
        int n = list.size();
        switch (fit) {
            case "first":
                for (int i = 0; i < n; i++) {
                    if (size(list.get(i)) >= need) {
                        lastSearched += i + 1;
                        return list.get(i);
                    }
                }
                lastSearched += n;
                return -1;
            case "next": {
                int from = rover == null ? 0 : list.indexOf(rover);
                for (int k = 0; k < n; k++) {
                    long b = list.get((from + k) % n);
                    if (size(b) >= need) {
                        lastSearched += k + 1;
                        return b;
                    }
                }
                lastSearched += n;
                return -1;
            }
            default: {
                lastSearched += n;
                long best = -1;
                for (long b : list) {
                    long s = size(b);
                    if (s >= need && (best == -1 || (fit.equals("best") ? s < size(best) : s > size(best)))) {
                        best = b;
                    }
                }
                return best;
            }
        }
    }

    private boolean grow(long need) {
        if (heapStart < 0) {
            heapStart = up(HEAP + header, align) - header;
            heapEnd = heapStart;
            heapLimit = heapStart;
        }
        long newLimit = up(heapLimit + Math.max(need, chunk), 4096);
        heapLimit = newLimit;
        long newEnd = heapStart + (newLimit - heapStart) / align * align;
        long oldEnd = heapEnd;
        heapEnd = newEnd;
        if (newEnd > oldEnd) {
            release(oldEnd, newEnd - oldEnd);
        }
        return true;
    }

    long malloc(long size) {
        lastSearched = 0;
        long need = need(size);
        long b = heapStart < 0 ? -1 : search(need);
        if (b == -1) {
            grow(need);
            b = search(need);
        }
        place(b, size(b), need);
        return b + header;
    }

    private void place(long b, long have, long need) {
        if (have - need >= minBlock) {
            int i = list.indexOf(b);
            long rest = b + need;
            blocks.put(rest, new long[] {have - need, 0});
            if (order.startsWith("size")) {
                list.remove(i);
                insertList(rest);
            } else {
                list.set(i, rest);
            }
            if (rover != null && rover == b) {
                rover = rest;
            }
            rover = rest;
            blocks.put(b, new long[] {need, 1});
        } else {
            rover = b;
            removeList(b);
            blocks.put(b, new long[] {have, 1});
        }
    }

    void free(long address) {
        lastSearched = 0;
        long start = address - header;
        release(start, size(start));
    }

    long realloc(long address, long size) {
        lastSearched = 0;
        long start = address - header;
        long have = size(start);
        long need = need(size);
        if (need <= have) {
            if (have - need >= minBlock) {
                blocks.put(start, new long[] {need, 1});
                release(start + need, have - need);
            }
            return address;
        }
        long next = start + have;
        if (next < heapEnd && blocks.get(next)[1] == 0 && have + size(next) >= need) {
            long total = have + size(next);
            if (total - need >= minBlock) {
                int i = list.indexOf(next);
                long rest = start + need;
                blocks.remove(next);
                blocks.put(rest, new long[] {total - need, 0});
                if (order.startsWith("size")) {
                    list.remove(i);
                    insertList(rest);
                } else {
                    list.set(i, rest);
                }
                if (rover != null && rover == next) {
                    rover = rest;
                }
                blocks.put(start, new long[] {need, 1});
            } else {
                removeList(next);
                blocks.remove(next);
                blocks.put(start, new long[] {total, 1});
            }
            return address;
        }
        long moved = malloc(size);
        long searched = lastSearched;
        free(address);
        lastSearched = searched;
        return moved;
    }
}
