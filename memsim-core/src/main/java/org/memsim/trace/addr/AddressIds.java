package org.memsim.trace.addr;

import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventSink;

/**
 * Turns the addresses of an address-based allocation trace (Valgrind {@code --trace-malloc=yes},
 * glibc {@code mtrace}, heaptrack) into memsim block ids, the same way for every such importer
 * ({@code docs/formats/vgmalloc.md} describes the rules):
 * <ul>
 *   <li>every allocation takes the next id (0, 1, 2, … in trace order), failed ones included;</li>
 *   <li>a free of {@code 0} is {@link EventSink#NULL_ID}; a free of an address that is not live
 *       (allocated before tracing began, or a bug in the traced program) gets a fresh id that is
 *       never allocated, so replay rejects it and the checker reports an invalid free;</li>
 *   <li>a realloc keeps the id of its live block and moves it to the new address; a realloc of
 *       {@code 0} or of an address that is not live gets a fresh id (it acts as malloc);</li>
 *   <li>an allocation at an address that is still live means the earlier block was released
 *       without a record: its id is reported by {@link #displaced()} so the reader frees it first.</li>
 * </ul>
 * Live blocks are kept per process ({@link #switchProcess}); ids are unique across processes.
 * Memory grows with the live blocks only.
 */
public final class AddressIds {
    /** The missing value of the maps and of {@link #displaced()}: no block. */
    public static final long NONE = -1L;
    /** More processes than this in one trace are rejected by the readers (hostile input). */
    public static final int MAX_PROCESSES = 1 << 16;

    private final LongLongHashMap processIndex = new LongLongHashMap(NONE);
    private LongLongHashMap[] maps = new LongLongHashMap[1];
    private int processes = 1;
    private boolean named;
    private LongLongHashMap live;
    private long nextId;
    private long displaced = NONE;

    public AddressIds() {
        live = new LongLongHashMap(1024, NONE);
        maps[0] = live;
    }

    /**
     * Makes {@code pid}'s live blocks current (a separate address space per process). The first
     * pid named takes over whatever was traced before any pid was named.
     *
     * @return false if this would exceed {@link #MAX_PROCESSES} (nothing changes then)
     */
    public boolean switchProcess(int pid) {
        long index = processIndex.get(pid);
        if (index == NONE) {
            if (!named) {
                index = 0;
            } else {
                if (processes >= MAX_PROCESSES) {
                    return false;
                }
                if (processes == maps.length) {
                    maps = java.util.Arrays.copyOf(maps, maps.length * 2);
                }
                index = processes;
                maps[processes++] = new LongLongHashMap(64, NONE);
            }
            named = true;
            processIndex.put(pid, index);
        }
        live = maps[(int) index];
        return true;
    }

    /** A new id that no address names: for failed allocations and frees of unknown blocks. */
    public long freshId() {
        return nextId++;
    }

    /** Ids handed out so far (the next id). */
    public long idsUsed() {
        return nextId;
    }

    /** Live blocks of the current process. */
    public int liveBlocks() {
        return live.size();
    }

    /**
     * A successful ({@code address != 0}) or failed ({@code address == 0}) allocation: the next id,
     * bound to the address when there is one. Check {@link #displaced()} afterwards.
     */
    public long allocate(long address) {
        long id = nextId++;
        bind(id, address);
        return id;
    }

    /**
     * The id of a block that the last {@link #allocate} or {@link #reallocate} found still live at
     * its new address, or {@link #NONE}; the reader frees it before the allocation event.
     */
    public long displaced() {
        return displaced;
    }

    /** The live id at {@code address}, or {@link #NONE}; nothing changes. */
    public long idAt(long address) {
        return address == 0 ? NONE : live.get(address);
    }

    /** {@code free(address)}: the id it frees ({@link EventSink#NULL_ID} for 0, a fresh id for an address that is not live). */
    public long free(long address) {
        if (address == 0) {
            return EventSink.NULL_ID;
        }
        long id = live.remove(address);
        return id == NONE ? nextId++ : id;
    }

    /**
     * {@code realloc(oldAddress, size)} that returned {@code newAddress} ({@code 0} = NULL): the id of
     * the block. A NULL result with {@code size == 0} frees the block (glibc); with {@code size > 0}
     * it is a failure and the block stays live at {@code oldAddress}. Check {@link #displaced()}.
     */
    public long reallocate(long oldAddress, long newAddress, long size) {
        long id = oldAddress == 0 ? NONE : live.remove(oldAddress);
        boolean wasLive = id != NONE;
        if (!wasLive) {
            id = nextId++;
        }
        if (newAddress != 0) {
            bind(id, newAddress);
        } else {
            displaced = NONE;
            if (size != 0 && wasLive) {
                live.put(oldAddress, id);
            }
        }
        return id;
    }

    private void bind(long id, long address) {
        displaced = NONE;
        if (address != 0) {
            long old = live.put(address, id);
            if (old != NONE) {
                displaced = old;
            }
        }
    }
}
