package org.memsim.capture;

import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventSink;

/**
 * The block ids of one captured process (the captured-trace contract of {@code docs/capture.md}):
 * every successful allocation takes a fresh id from a counter shared by all processes; a pointer
 * that started a block which is no longer live keeps naming that block until a new block starts at
 * the same address, so a double free or a realloc of a freed pointer names the old block. A fork
 * child starts with a copy of its parent's tables (the same ids name the copies).
 */
final class BlockIds {
    /** Missing value of the maps. */
    static final long NONE = Long.MIN_VALUE;

    private final long[] counter;
    private final LongLongHashMap live;
    private final LongLongHashMap freed;

    private BlockIds(long[] counter, LongLongHashMap live, LongLongHashMap freed) {
        this.counter = counter;
        this.live = live;
        this.freed = freed;
    }

    /** The first process of a capture; {@code counter[0]} is the next id, shared with every copy. */
    static BlockIds first(long[] counter) {
        return new BlockIds(counter, new LongLongHashMap(1024, NONE), new LongLongHashMap(256, NONE));
    }

    /** A fresh, empty table (an exec'd image) sharing the id counter. */
    BlockIds fresh() {
        return first(counter);
    }

    /** The tables a fork child inherits. */
    BlockIds copy() {
        BlockIds c = first(counter);
        live.forEach(c.live::put);
        freed.forEach(c.freed::put);
        return c;
    }

    /** A new id (every allocation call takes one, failed ones too). */
    long next() {
        return counter[0]++;
    }

    /** A successful allocation at {@code address} now holds block {@code id}. */
    void allocated(long address, long id) {
        freed.remove(address);
        live.put(address, id);
    }

    /** The live block starting at {@code address}, or {@link #NONE}. */
    long live(long address) {
        return live.get(address);
    }

    /** The freed block that started at {@code address} and was not replaced since, or {@link #NONE}. */
    long freed(long address) {
        return freed.get(address);
    }

    /** Block {@code id} at {@code address} is freed (or moved away by realloc). */
    void released(long address, long id) {
        live.remove(address);
        freed.put(address, id);
    }

    /** The id a free or realloc of {@code address} names: live, else freed, else {@link #NONE}; 0 is {@link EventSink#NULL_ID}. */
    long named(long address) {
        if (address == 0) {
            return EventSink.NULL_ID;
        }
        long id = live.get(address);
        return id != NONE ? id : freed.get(address);
    }

    /** Live blocks. */
    int liveCount() {
        return live.size();
    }
}
