package org.memsim.gc;

import java.util.Arrays;

/**
 * The managed heap's objects in primitive columns indexed by a dense object index (reused after
 * a free): trace id, address, size and references. Host cost per live object is about 26 bytes
 * (id 8, address 4, size 2 — in 8-byte granules; objects of 512 KiB or more keep theirs in a side
 * map — reference info 4, id index ≈ 7, columns grown by an eighth at a time) plus 4 per reference
 * slot and 4 for the count when an object has two or more; the used and mark bitmaps add two bits.
 * <pre>
 *   refInfo[i] == -1        no reference slots
 *   refInfo[i] &lt;= -2        one slot, held inline: target = -refInfo - 3 (-1 = null)
 *   refInfo[i] &gt;= 0         slots in the arena: arena[b] = count, arena[b+1 … b+count] = targets
 * </pre>
 * Addresses are 8-byte granules from the heap base (unsigned int: 32 GiB of heap). References
 * are object indexes, so a moving collector only rewrites the address column (the forwarding is
 * implicit); the cost model still charges each reference a real collector would update.
 */
public final class ObjectTable {
    /** No object (a null reference, an empty result). */
    public static final int NONE = -1;
    private static final int NO_SLOTS = -1;

    private long[] ids;
    private int[] addr;
    private char[] granules;   // size in 8-byte granules; 0 = in bigSizes
    private final org.memsim.collections.LongLongHashMap bigSizes = new org.memsim.collections.LongLongHashMap(16, 0);
    private int[] refInfo;
    private long[] used;
    private long[] marks;
    private int capacity;
    private int high;          // indexes below this have been handed out
    private int freeHead = NONE;
    private int live;
    private long liveBytes;

    private int[] arena = new int[1024];
    private int arenaTop;
    private long arenaDead;

    private int[] index;       // open addressing: object index + 1, 0 = empty
    private int indexMask;
    private int indexLimit;

    public ObjectTable(int initialCapacity) {
        capacity = Math.max(16, initialCapacity);
        ids = new long[capacity];
        addr = new int[capacity];
        granules = new char[capacity];
        refInfo = new int[capacity];
        used = new long[(capacity + 63) >>> 6];
        marks = new long[(capacity + 63) >>> 6];
        int cap = Integer.highestOneBit(capacity * 2 - 1) * 2;
        index = new int[cap];
        indexMask = cap - 1;
        indexLimit = cap / 4 * 3;
    }

    // ---------------------------------------------------------------- identity

    /** The index of the live object with trace id {@code id}, or {@link #NONE}. */
    public int find(long id) {
        final int[] t = index;
        final int mask = indexMask;
        int s = hash(id) & mask;
        while (true) {
            int e = t[s];
            if (e == 0) {
                return NONE;
            }
            if (ids[e - 1] == id) {
                return e - 1;
            }
            s = (s + 1) & mask;
        }
    }

    private static int hash(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * Adds an object; the caller checked that {@code id} is not live. Slots start null.
     *
     * @param granule the address as 8-byte granules from the heap base
     */
    public int add(long id, int granule, int size, int slots) {
        int i = freeHead;
        if (i != NONE) {
            freeHead = refInfo[i];
        } else {
            if (high == capacity) {
                grow();
            }
            i = high++;
        }
        ids[i] = id;
        addr[i] = granule;
        int g = size >>> 3;
        if (g > 0 && g <= Character.MAX_VALUE && (size & 7) == 0) {
            granules[i] = (char) g;
        } else {
            granules[i] = 0;
            bigSizes.put(i, size);
        }
        if (slots == 0) {
            refInfo[i] = NO_SLOTS;
        } else if (slots == 1) {
            refInfo[i] = -(NONE + 3);
        } else {
            int b = arenaAlloc(slots + 1);
            arena[b] = slots;
            Arrays.fill(arena, b + 1, b + 1 + slots, NONE);
            refInfo[i] = b;
        }
        used[i >>> 6] |= 1L << i;
        marks[i >>> 6] &= ~(1L << i);
        live++;
        liveBytes += size;
        indexPut(i);
        return i;
    }

    /** Removes object {@code i}; its index may be handed out again. */
    public void free(int i) {
        indexRemove(ids[i]);
        int info = refInfo[i];
        if (info >= 0) {
            arenaDead += arena[info] + 1;
        }
        used[i >>> 6] &= ~(1L << i);
        live--;
        liveBytes -= size(i);
        if (granules[i] == 0) {
            bigSizes.remove(i);
        }
        refInfo[i] = freeHead;
        freeHead = i;
    }

    private void grow() {
        int n = capacity + (capacity >> 3) + 64; // an eighth at a time: little slack in the columns
        ids = Arrays.copyOf(ids, n);
        addr = Arrays.copyOf(addr, n);
        granules = Arrays.copyOf(granules, n);
        refInfo = Arrays.copyOf(refInfo, n);
        used = Arrays.copyOf(used, (n + 63) >>> 6);
        marks = Arrays.copyOf(marks, (n + 63) >>> 6);
        capacity = n;
    }

    private void indexPut(int i) {
        if (live > indexLimit) {
            rehash(index.length * 2);
        }
        int s = hash(ids[i]) & indexMask;
        while (index[s] != 0) {
            s = (s + 1) & indexMask;
        }
        index[s] = i + 1;
    }

    private void rehash(int cap) {
        int[] old = index;
        index = new int[cap];
        indexMask = cap - 1;
        indexLimit = cap / 4 * 3;
        for (int e : old) {
            if (e != 0) {
                int s = hash(ids[e - 1]) & indexMask;
                while (index[s] != 0) {
                    s = (s + 1) & indexMask;
                }
                index[s] = e;
            }
        }
    }

    /** Linear-probing delete with backward shift (no tombstones). */
    private void indexRemove(long id) {
        final int mask = indexMask;
        int s = hash(id) & mask;
        while (ids[index[s] - 1] != id) {
            s = (s + 1) & mask;
        }
        int hole = s;
        int j = s;
        while (true) {
            j = (j + 1) & mask;
            int e = index[j];
            if (e == 0) {
                break;
            }
            int home = hash(ids[e - 1]) & mask;
            // move e into the hole if its home is not in (hole, j]
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                index[hole] = e;
                hole = j;
            }
        }
        index[hole] = 0;
    }

    // ---------------------------------------------------------------- columns

    public long id(int i) {
        return ids[i];
    }

    public int granule(int i) {
        return addr[i];
    }

    public void setGranule(int i, int granule) {
        addr[i] = granule;
    }

    public int size(int i) {
        int g = granules[i];
        return g != 0 ? g << 3 : (int) bigSizes.get(i);
    }

    public boolean isUsed(int i) {
        return i >= 0 && i < high && (used[i >>> 6] & (1L << i)) != 0;
    }

    /** Objects allocated and not freed. */
    public int live() {
        return live;
    }

    /** Bytes of objects allocated and not freed. */
    public long liveBytes() {
        return liveBytes;
    }

    /** One past the largest index ever handed out: iterate {@code [0, high())} with {@link #isUsed}. */
    public int high() {
        return high;
    }

    // ---------------------------------------------------------------- references

    public int slotCount(int i) {
        int info = refInfo[i];
        return info == NO_SLOTS ? 0 : info < 0 ? 1 : arena[info];
    }

    public int slot(int i, int k) {
        int info = refInfo[i];
        return info < NO_SLOTS ? -info - 3 : arena[info + 1 + k];
    }

    /** Sets slot {@code k} of {@code i}; returns the old target. The caller checked the bounds. */
    public int setSlot(int i, int k, int target) {
        int info = refInfo[i];
        if (info < NO_SLOTS) {
            refInfo[i] = -target - 3;
            return -info - 3;
        }
        int old = arena[info + 1 + k];
        arena[info + 1 + k] = target;
        return old;
    }

    /** The raw reference info (see the class comment) for tight trace loops. */
    public int refInfo(int i) {
        return refInfo[i];
    }

    /** The arena for tight trace loops; valid until the next {@link #add}. */
    public int[] arena() {
        return arena;
    }

    private int arenaAlloc(int n) {
        if (arenaTop + n > arena.length) {
            if (arenaDead > arenaTop / 2) {
                compactArena();
            }
            if (arenaTop + n > arena.length) {
                long want = Math.max((long) arenaTop + n, arena.length + (arena.length >> 1));
                if (want > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("reference arena over 2^31 slots");
                }
                arena = Arrays.copyOf(arena, (int) want);
            }
        }
        int b = arenaTop;
        arenaTop += n;
        return b;
    }

    /** Slides every live object's slots to the front of the arena. */
    private void compactArena() {
        int[] fresh = new int[arena.length];
        int top = 0;
        for (int i = 0; i < high; i++) {
            if ((used[i >>> 6] & (1L << i)) != 0 && refInfo[i] >= 0) {
                int b = refInfo[i];
                int n = arena[b] + 1;
                System.arraycopy(arena, b, fresh, top, n);
                refInfo[i] = top;
                top += n;
            }
        }
        arena = fresh;
        arenaTop = top;
        arenaDead = 0;
    }

    // ---------------------------------------------------------------- mark bits

    public boolean isMarked(int i) {
        return (marks[i >>> 6] & (1L << i)) != 0;
    }

    /** Sets the mark bit; true if it was clear. */
    public boolean mark(int i) {
        long bit = 1L << i;
        long w = marks[i >>> 6];
        if ((w & bit) != 0) {
            return false;
        }
        marks[i >>> 6] = w | bit;
        return true;
    }

    public void unmark(int i) {
        marks[i >>> 6] &= ~(1L << i);
    }

    public void clearMarks() {
        Arrays.fill(marks, 0L);
    }

    /** Host bytes held by the table's arrays (for the footprint benchmark). */
    public long footprintBytes() {
        return 8L * ids.length + 4L * addr.length + 2L * granules.length + 4L * refInfo.length + 8L * used.length
            + 8L * marks.length + 4L * arena.length + 4L * index.length;
    }
}
