package org.memsim.runtime;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * The runtime's live blocks, id → (address, requested size), as one packed {@code long} each.
 * Recent ids live in an {@link IdWindow} (direct-indexed, 8 bytes per slot: traces number blocks in
 * allocation order); older ids, and all ids of a trace that numbers blocks out of order, in one
 * open-addressing table (Agrona style): an {@code int[]} of keys (id + 1; 0 marks a free slot)
 * beside a {@code long[]} of packed values, linear probing with backward-shift deletion. The capacity is not a power of two: a key's
 * home slot is its Fibonacci hash scaled to the capacity (Lemire's multiply-shift range reduction),
 * so the table can grow by a quarter at 80% load and stay 64–80% full — 12 host bytes per slot,
 * 15–19 per live block.
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

    private static final int MIN_CAPACITY = 64;

    private int[] keys = new int[MIN_CAPACITY];
    private long[] values = new long[MIN_CAPACITY];
    private int limit = MIN_CAPACITY * 4 / 5;
    private int count;
    private long takenAddress; // the side fields of the last escaped entry taken
    private long takenSize;
    private final LongLongHashMap wide = new LongLongHashMap(16, MISSING);          // id >= 2^31 - 1 -> packed
    private final LongLongHashMap escapedAddress = new LongLongHashMap(16, MISSING); // id -> address
    private final LongLongHashMap escapedSize = new LongLongHashMap(16, MISSING);    // id -> size
    private final IdWindow window = new IdWindow(this::putOld);

    /** Live ids (failed allocations included). */
    int size() {
        return window.size() + count + wide.size();
    }

    /** The home slot of {@code key} in a table of {@code capacity} slots. */
    private static int home(int key, int capacity) {
        return (int) ((((key * 0x9E3779B97F4A7C15L) >>> 32) * capacity) >>> 32);
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
        final int key = (int) id + 1;
        final int[] k = keys;
        final int cap = k.length;
        int i = home(key, cap);
        while (true) {
            int e = k[i];
            if (e == key) {
                return values[i];
            }
            if (e == 0) {
                return MISSING;
            }
            if (++i == cap) {
                i = 0;
            }
        }
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
        } else if (escapedAddress.size() > 0) {
            escapedAddress.remove(id);
            escapedSize.remove(id);
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
        final int key = (int) id + 1;
        final int[] k = keys;
        final int cap = k.length;
        int i = home(key, cap);
        while (true) {
            int e = k[i];
            if (e == key) {
                values[i] = packed;
                return;
            }
            if (e == 0) {
                k[i] = key;
                values[i] = packed;
                if (++count > limit) {
                    grow();
                }
                return;
            }
            if (++i == cap) {
                i = 0;
            }
        }
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
            old = id > MAX_NARROW_ID ? wide.remove(id) : removeNarrow((int) id + 1);
        }
        if (old == ESCAPED) {
            takenAddress = escapedAddress.remove(id);
            takenSize = escapedSize.remove(id);
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

    private long removeNarrow(int key) {
        final int[] k = keys;
        final long[] v = values;
        final int cap = k.length;
        int i = home(key, cap);
        while (true) {
            int e = k[i];
            if (e == 0) {
                return MISSING;
            }
            if (e == key) {
                break;
            }
            if (++i == cap) {
                i = 0;
            }
        }
        long old = v[i];
        int hole = i;
        int j = i;
        while (true) { // backward shift: move later chain members whose home is not cyclically in (hole, j]
            if (++j == cap) {
                j = 0;
            }
            int e = k[j];
            if (e == 0) {
                break;
            }
            int h = home(e, cap);
            int fromHome = j >= h ? j - h : j - h + cap;
            int fromHole = j >= hole ? j - hole : j - hole + cap;
            if (fromHome >= fromHole) {
                k[hole] = e;
                v[hole] = v[j];
                hole = j;
            }
        }
        k[hole] = 0;
        count--;
        return old;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        long grown = oldKeys.length + (oldKeys.length >> 2);
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more live blocks than a host array can index");
        }
        final int cap = (int) grown;
        keys = new int[cap];
        values = new long[cap];
        limit = (int) (cap * 4L / 5);
        for (int s = 0; s < oldKeys.length; s++) {
            int key = oldKeys[s];
            if (key != 0) {
                int i = home(key, cap);
                while (keys[i] != 0) {
                    if (++i == cap) {
                        i = 0;
                    }
                }
                keys[i] = key;
                values[i] = oldValues[s];
            }
        }
    }

    /** Receives live blocks without boxing. */
    @FunctionalInterface
    interface Visitor {
        void visit(long id, long address, long size);
    }

    /** Visits every live id (failed allocations included): the window's in id order, then the tables'. */
    void forEach(Visitor visitor) {
        window.forEach((id, packed) -> visitor.visit(id, address(packed, id), size(packed, id)));
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != 0) {
                long id = keys[s] - 1L;
                visitor.visit(id, address(values[s], id), size(values[s], id));
            }
        }
        wide.forEach((id, packed) -> visitor.visit(id, address(packed, id), size(packed, id)));
    }

    /** Empties the table. */
    void clear() {
        window.clear();
        Arrays.fill(keys, 0);
        count = 0;
        wide.clear();
        escapedAddress.clear();
        escapedSize.clear();
    }

    /** Host bytes held. */
    long footprintBytes() {
        return window.footprintBytes() + keys.length * 12L + wide.footprintBytes() + escapedAddress.footprintBytes() + escapedSize.footprintBytes();
    }
}
