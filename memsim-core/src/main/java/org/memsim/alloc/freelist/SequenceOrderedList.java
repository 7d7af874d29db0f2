package org.memsim.alloc.freelist;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * The free list in LIFO (freed blocks pushed at the head) or FIFO (appended at the tail) order: a
 * doubly linked list in primitive arrays, node handles found by block end (a split's remainder, at
 * the back of the block, keeps its end: its node needs no new key).
 */
final class SequenceOrderedList implements FreeList {
    private final boolean lifo;
    private final LongLongHashMap handleOf = new LongLongHashMap(256, -1); // block end -> node
    private long[] start = new long[64];
    private long[] size = new long[64];
    private long[] seq = new long[64];
    private int[] next = new int[64];
    private int[] prev = new int[64];
    private int[] spare = new int[16];
    private int spareCount;
    private int used = 1; // 0 = none
    private int head;
    private int tail;
    private int count;
    private long nextSeq;
    private int rover;
    private long examined;
    private long foundSize;

    SequenceOrderedList(boolean lifo) {
        this.lifo = lifo;
    }

    private int newHandle() {
        if (spareCount > 0) {
            return spare[--spareCount];
        }
        if (used == start.length) {
            int cap = used * 2;
            start = Arrays.copyOf(start, cap);
            size = Arrays.copyOf(size, cap);
            seq = Arrays.copyOf(seq, cap);
            next = Arrays.copyOf(next, cap);
            prev = Arrays.copyOf(prev, cap);
        }
        return used++;
    }

    @Override
    public long insert(long blockStart, long blockSize) {
        int h = newHandle();
        start[h] = blockStart;
        size[h] = blockSize;
        seq[h] = ++nextSeq;
        if (lifo) {
            prev[h] = 0;
            next[h] = head;
            if (head != 0) {
                prev[head] = h;
            } else {
                tail = h;
            }
            head = h;
        } else {
            next[h] = 0;
            prev[h] = tail;
            if (tail != 0) {
                next[tail] = h;
            } else {
                head = h;
            }
            tail = h;
        }
        handleOf.put(blockStart + blockSize, h);
        count++;
        return positionOf(h);
    }

    @Override
    public void replace(long oldStart, long oldSize, long newStart, long newSize) {
        long oldEnd = oldStart + oldSize;
        long newEnd = newStart + newSize;
        int h = (int) (newEnd == oldEnd ? handleOf.get(oldEnd) : handleOf.remove(oldEnd));
        start[h] = newStart;
        size[h] = newSize;
        if (newEnd != oldEnd) {
            handleOf.put(newEnd, h);
        }
    }

    @Override
    public long remove(long blockStart, long blockSize) {
        int h = (int) handleOf.remove(blockStart + blockSize);
        if (h <= 0) {
            throw new IllegalStateException("block not on the free list");
        }
        if (rover == h) {
            rover = next[h];
        }
        if (prev[h] != 0) {
            next[prev[h]] = next[h];
        } else {
            head = next[h];
        }
        if (next[h] != 0) {
            prev[next[h]] = prev[h];
        } else {
            tail = prev[h];
        }
        if (spareCount == spare.length) {
            spare = Arrays.copyOf(spare, spare.length * 2);
        }
        spare[spareCount++] = h;
        count--;
        return positionOf(h);
    }

    @Override
    public long firstFit(long need) {
        long n = 0;
        for (int h = head; h != 0; h = next[h]) {
            n++;
            if (size[h] >= need) {
                examined = n;
                foundSize = size[h];
                return start[h];
            }
        }
        examined = n;
        return -1;
    }

    @Override
    public long nextFit(long need) {
        if (rover == 0) {
            return firstFit(need);
        }
        long n = 0;
        for (int h = rover; h != 0; h = next[h]) {
            n++;
            if (size[h] >= need) {
                examined = n;
                foundSize = size[h];
                return start[h];
            }
        }
        for (int h = head; h != rover && h != 0; h = next[h]) {
            n++;
            if (size[h] >= need) {
                examined = n;
                foundSize = size[h];
                return start[h];
            }
        }
        examined = n;
        return -1;
    }

    @Override
    public void setRover(long blockStart, long blockSize) {
        long h = handleOf.get(blockStart + blockSize);
        rover = h > 0 ? (int) h : 0;
    }

    @Override
    public long foundSize() {
        return foundSize;
    }

    @Override
    public long examined() {
        return examined;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public long position(long blockStart, long blockSize) {
        return positionOf((int) handleOf.get(blockStart + blockSize));
    }

    private long positionOf(int h) {
        return lifo ? -seq[h] : seq[h];
    }

    @Override
    public boolean contains(long blockStart, long blockSize) {
        int h = (int) handleOf.get(blockStart + blockSize);
        return h > 0 && start[h] == blockStart;
    }
}
