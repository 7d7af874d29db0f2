package org.memsim.runtime;

import org.memsim.collections.LongLongHashMap;

/**
 * The runtime's live blocks, id → (address, requested size), as one packed {@code long} each.
 * Recent ids live in an {@link IdWindow} (direct-indexed, 8 bytes per slot: traces number blocks in
 * allocation order); older ids, and all ids of a trace that numbers blocks out of order, in an
 * {@link IdTable} (Robin Hood hashing, 13–15 bytes per block).
 * <pre>
 *  63 62            44 43                              0
 * +--+----------------+--------------------------------+
 * | 0| requested size |        address / 8             |     (address 0: a failed allocation)
 * +--+----------------+--------------------------------+
 * </pre>
 * Rare blocks that do not pack — an id of 2^31 − 1 or more, an address not a multiple of 8 or at
 * or above 2^47, a size of 2^19 − 1 bytes or more — keep their fields in side maps
 * ({@link #ESCAPED} in the table, or an entry of the wide-id map).
 */
final class LiveBlocks {
    /** What {@link #get} returns for an id that is not live. */
    static final long MISSING = -1;
    private static final long ESCAPED = Long.MIN_VALUE;
    private static final int SIZE_SHIFT = 44;
    private static final long MAX_SIZE = (1L << 19) - 1;          // a size field of all ones never packs
    private static final long ADDRESS_MASK = (1L << SIZE_SHIFT) - 1;
    private static final long MAX_NARROW_ID = Integer.MAX_VALUE - 1L;

    private final IdTable table = new IdTable();   // narrow ids below the window: id + 1 -> packed
    private long takenAddress; // the side fields of the last escaped entry taken
    private long takenSize;
    private final LongLongHashMap wide = new LongLongHashMap(16, MISSING);          // id >= 2^31 - 1 -> packed
    private final LongLongHashMap escapedAddress = new LongLongHashMap(16, MISSING); // id -> address
    private final LongLongHashMap escapedSize = new LongLongHashMap(16, MISSING);    // id -> size
    private boolean anyEscaped; // escapedAddress is not empty: the common put skips the side maps on one field test
    private final IdWindow window = new IdWindow(this::putOld);

    /** Live ids (failed allocations included). */
    int size() {
        return window.size() + table.size() + wide.size();
    }

    private static long pack(long address, long size) {
        if ((address & 7) != 0 || address >>> 47 != 0 || size < 0 || size >= MAX_SIZE) {
            return ESCAPED;
        }
        return (size << SIZE_SHIFT) | (address >>> 3);
    }

    /** The packed entry of {@code id}, or {@link #MISSING}; decode with {@link #address} and {@link #size}. */
    long get(long id) {
        if (id >= window.lo()) {
            long v = window.get(id);
            if (v != MISSING || !window.isOff()) {
                return v;
            }
        }
        if (id < 0 || id > MAX_NARROW_ID) {
            return id < 0 ? MISSING : wide.get(id);
        }
        return table.get((int) id + 1);
    }

    /** The address of a packed entry of {@code id} (0: a failed allocation). */
    long address(long packed, long id) {
        return packed == ESCAPED ? escapedAddress.get(id) : (packed & ADDRESS_MASK) << 3;
    }

    /** The requested size of a packed entry of {@code id}. */
    long size(long packed, long id) {
        return packed == ESCAPED ? escapedSize.get(id) : packed >>> SIZE_SHIFT;
    }

    /** Makes {@code id} live at {@code address} (0 for a failed allocation) with {@code size} bytes requested, or updates it. */
    void put(long id, long address, long size) {
        long packed = pack(address, size);
        if (packed == ESCAPED) {
            escapedAddress.put(id, address);
            escapedSize.put(id, size);
            anyEscaped = true;
        } else if (anyEscaped) {
            escapedAddress.remove(id);
            escapedSize.remove(id);
            anyEscaped = escapedAddress.size() > 0;
        }
        if (id >= window.lo() && window.put(id, packed)) {
            return;
        }
        putOld(id, packed);
    }

    /** Keeps the entry of an id below the window (or of any id once the window is off) in the hashed tables. */
    private void putOld(long id, long packed) {
        if (id > MAX_NARROW_ID) {
            wide.put(id, packed);
            return;
        }
        table.put((int) id + 1, packed);
    }

    /**
     * Removes {@code id}; returns its packed entry, or {@link #MISSING}. Decode it with
     * {@link #takenAddress} and {@link #takenSize} before the next change to the table.
     */
    long take(long id) {
        if (id < 0) {
            return MISSING;
        }
        long old = MISSING;
        if (id >= window.lo()) {
            old = window.take(id);
        }
        if (old == MISSING && (id < window.lo() || window.isOff())) {
            old = id > MAX_NARROW_ID ? wide.remove(id) : table.remove((int) id + 1);
        }
        if (old == ESCAPED) {
            takenAddress = escapedAddress.remove(id);
            takenSize = escapedSize.remove(id);
            anyEscaped = escapedAddress.size() > 0;
        }
        return old;
    }

    /** The address of the entry {@link #take} returned last. */
    long takenAddress(long packed) {
        return packed == ESCAPED ? takenAddress : (packed & ADDRESS_MASK) << 3;
    }

    /** The requested size of the entry {@link #take} returned last. */
    long takenSize(long packed) {
        return packed == ESCAPED ? takenSize : packed >>> SIZE_SHIFT;
    }

    /** Receives live blocks without boxing. */
    @FunctionalInterface
    interface Visitor {
        void visit(long id, long address, long size);
    }

    /** Visits every live id (failed allocations included): the window's in id order, then the tables'. */
    void forEach(Visitor visitor) {
        window.forEach((id, packed) -> visitor.visit(id, address(packed, id), size(packed, id)));
        table.forEach((key, packed) -> {
            long id = key - 1L;
            visitor.visit(id, address(packed, id), size(packed, id));
        });
        wide.forEach((id, packed) -> visitor.visit(id, address(packed, id), size(packed, id)));
    }

    /** Empties the table. */
    void clear() {
        window.clear();
        table.clear();
        wide.clear();
        escapedAddress.clear();
        escapedSize.clear();
        anyEscaped = false;
    }

    /** Host bytes held. */
    long footprintBytes() {
        return window.footprintBytes() + table.footprintBytes() + wide.footprintBytes() + escapedAddress.footprintBytes() + escapedSize.footprintBytes();
    }
}
