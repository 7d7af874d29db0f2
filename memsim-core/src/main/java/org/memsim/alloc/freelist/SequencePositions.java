package org.memsim.alloc.freelist;

import org.memsim.collections.LongLongHashMap;

/**
 * A LIFO or FIFO free list reduced to what best and worst fit ask of it: each block's place in the
 * list, as the sequence number it was freed with (FIFO: the oldest first; LIFO: the newest first).
 * Best and worst fit find their block in the by-size index ({@link FitIndex}), never by walking the
 * list, so no links are kept: one hash entry per free block, found by the block's end (a split's
 * remainder, at the back of the block, keeps its end and its place).
 */
final class SequencePositions implements FreeList {
    private final boolean lifo;
    private final LongLongHashMap seqOf = new LongLongHashMap(256, -1); // block end -> sequence number
    private long nextSeq;

    SequencePositions(boolean lifo) {
        this.lifo = lifo;
    }

    @Override
    public long insert(long start, long size) {
        long s = ++nextSeq;
        seqOf.put(start + size, s);
        return lifo ? -s : s;
    }

    @Override
    public void replace(long oldStart, long oldSize, long newStart, long newSize) {
        long oldEnd = oldStart + oldSize;
        long newEnd = newStart + newSize;
        if (newEnd != oldEnd) {
            seqOf.put(newEnd, seqOf.remove(oldEnd));
        }
    }

    @Override
    public long remove(long start, long size) {
        long s = seqOf.remove(start + size);
        if (s < 0) {
            throw new IllegalStateException("block not on the free list");
        }
        return lifo ? -s : s;
    }

    @Override
    public long firstFit(long need) {
        throw new UnsupportedOperationException("best and worst fit search by size, not along the list");
    }

    @Override
    public long nextFit(long need) {
        throw new UnsupportedOperationException("best and worst fit search by size, not along the list");
    }

    @Override
    public void setRover(long start, long size) {
        throw new UnsupportedOperationException("best and worst fit keep no rover");
    }

    @Override
    public long foundSize() {
        return 0;
    }

    @Override
    public long examined() {
        return 0;
    }

    @Override
    public int size() {
        return seqOf.size();
    }

    @Override
    public long position(long start, long size) {
        long s = seqOf.get(start + size);
        return lifo ? -s : s;
    }

    @Override
    public boolean contains(long start, long size) {
        return seqOf.containsKey(start + size);
    }
}
