package org.memsim.vm.tlb;

import java.util.Arrays;

/**
 * One set-associative translation array with true LRU replacement inside each set, as the L1 and
 * L2 TLBs of x86 cores are organised (Intel Skylake: L1 DTLB 64 entries 4-way, STLB 1536 entries
 * 12-way). A tag is the page number (of whatever page size the array holds) with the ASID in bits
 * 52–63; the set is chosen by the page number's low bits. Primitive arrays, no objects.
 * <pre>
 *  set s, 12 ways:  data[25s]            = order: 4-bit way numbers, most recent first (0x…b3a1)
 *                   data[25s+1 .. +12]   = tags
 *                   data[25s+13 .. +24]  = cached entries        (one set: 200 contiguous bytes)
 * </pre>
 * With up to 16 ways a set's recency order is one long of 4-bit way numbers, updated with a few
 * branch-free bit operations, so the least recently used way is known without comparing ages (a
 * comparison chain per miss dominated the cost of a walk), and a set lives in contiguous cache
 * lines. Wider sets (fully associative arrays of many entries) use per-entry use stamps instead.
 */
final class SetAssociativeTlb {
    static final long EMPTY = -1;
    private static final long ONES = 0x1111111111111111L;
    private static final long HIGHS = 0x8888888888888888L;

    private final String name;
    private final int entries;
    private final int ways;
    private final int setMask;
    private final boolean packed;
    private final int stride;      // longs per set in data (packed mode)
    private final long[] data;     // packed mode
    private final long[] tags;     // stamp mode
    private final long[] values;   // stamp mode
    private final long[] stamps;   // stamp mode
    private final long wayMask;
    private final int lruShift;
    private long clock;
    // where the last missing lookup would put its fill (slot index): a fill right after the miss needs no second scan
    private long missTag = EMPTY;
    private int missSlot;

    /** @param entries a multiple of {@code ways} whose quotient (the number of sets) is a power of two; 0 for none */
    SetAssociativeTlb(String name, int entries, int ways) {
        this.name = name;
        this.entries = entries;
        this.ways = Math.max(1, ways);
        int sets = entries == 0 ? 1 : entries / this.ways;
        this.setMask = sets - 1;
        this.packed = this.ways <= 16;
        if (packed) {
            stride = 1 + 2 * this.ways;
            data = new long[entries == 0 ? 0 : sets * stride];
            long initial = 0;
            for (int w = this.ways - 1; w >= 0; w--) {
                initial = (initial << 4) | w; // way 0 most recent, the last way least recent: empties fill from the back
            }
            for (int s = 0; s * stride < data.length; s++) {
                data[s * stride] = initial;
                Arrays.fill(data, s * stride + 1, s * stride + 1 + this.ways, EMPTY);
            }
            tags = null;
            values = null;
            stamps = null;
            wayMask = this.ways == 16 ? -1L : (1L << (4 * this.ways)) - 1;
            lruShift = 4 * (this.ways - 1);
        } else {
            stride = 0;
            data = null;
            tags = new long[entries];
            values = new long[entries];
            stamps = new long[entries];
            Arrays.fill(tags, EMPTY);
            wayMask = 0;
            lruShift = 0;
        }
    }

    String name() {
        return name;
    }

    int entries() {
        return entries;
    }

    int ways() {
        return ways;
    }

    // ------------------------------------------------------------------ the packed recency order

    /** Moves way {@code w} to the most recent position of the order word at {@code at}. */
    private void touch(int at, int w) {
        long o = data[at];
        if ((o & 15) == w) {
            return;
        }
        long x = o ^ (ONES * w);                          // the nibble holding w becomes 0
        long z = (x - ONES) & ~x & HIGHS & wayMask;       // its high bit is the lowest set bit
        int p = Long.numberOfTrailingZeros(z) & ~3;       // bit position of w's nibble
        long below = o & ((1L << p) - 1);
        long above = p + 4 >= 64 ? 0 : (o >>> (p + 4)) << (p + 4);
        data[at] = above | (below << 4) | w;
    }

    /** Moves way {@code w} to the least recent position (it was invalidated). */
    private void demote(int at, int w) {
        long o = data[at];
        long x = o ^ (ONES * w);
        long z = (x - ONES) & ~x & HIGHS & wayMask;
        int p = Long.numberOfTrailingZeros(z) & ~3;
        long below = o & ((1L << p) - 1);
        long above = p + 4 >= 64 ? 0 : o >>> (p + 4);     // the ways after w, moved down one nibble
        data[at] = below | (above << p) | ((long) w << lruShift);
    }

    // ------------------------------------------------------------------ operations

    /** The cached value for {@code tag}, or {@link Tlb#MISS}; a hit becomes the set's most recently used. */
    long lookup(long tag) {
        if (entries == 0) {
            return Tlb.MISS;
        }
        final int set = (int) tag & setMask;
        if (packed) {
            final long[] d = data;
            final int at = set * stride;
            final int n = ways;
            for (int w = 0; w < n; w++) {
                if (d[at + 1 + w] == tag) {
                    touch(at, w);
                    return d[at + 1 + n + w];
                }
            }
            return Tlb.MISS;
        }
        final int base = set * ways;
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == tag) {
                stamps[i] = ++clock;
                return values[i];
            }
        }
        return Tlb.MISS;
    }

    /**
     * As {@link #lookup}, and on a miss remembers the set's least recently used entry, so that a
     * {@link #fill} of the same tag right after needs no second scan.
     */
    long lookupForFill(long tag) {
        long e = lookup(tag);
        if (e == Tlb.MISS && entries > 0) {
            missTag = tag;
            missSlot = victim((int) tag & setMask);
        }
        return e;
    }

    /** The way (packed mode) or entry index (stamp mode) to replace in {@code set}. */
    private int victim(int set) {
        if (packed) {
            return (int) (data[set * stride] >>> lruShift) & 15;
        }
        int base = set * ways;
        int victim = base;
        long min = Long.MAX_VALUE;
        for (int i = base; i < base + ways; i++) {
            if (stamps[i] < min) {
                min = stamps[i];
                victim = i;
            }
        }
        return victim;
    }

    /** Caches {@code value} for {@code tag}, replacing the set's least recently used entry. */
    void fill(long tag, long value) {
        if (entries == 0) {
            return;
        }
        final int set = (int) tag & setMask;
        int slot = -1;
        if (tag == missTag) {
            slot = missSlot;
        } else {
            for (int k = 0; k < ways; k++) {
                if (tagAt(set, k) == tag) {
                    slot = packed ? k : set * ways + k;
                    break;
                }
            }
            if (slot < 0) {
                slot = victim(set);
            }
        }
        missTag = EMPTY;
        if (packed) {
            int at = set * stride;
            data[at + 1 + slot] = tag;
            data[at + 1 + ways + slot] = value;
            touch(at, slot);
        } else {
            tags[slot] = tag;
            values[slot] = value;
            stamps[slot] = ++clock;
        }
    }

    private long tagAt(int set, int way) {
        return packed ? data[set * stride + 1 + way] : tags[set * ways + way];
    }

    /** True (and now most recent) if {@code tag} is cached; otherwise cached in place of its set's least recent entry, false. */
    boolean probe(long tag) {
        if (lookupForFill(tag) != Tlb.MISS) {
            return true;
        }
        fill(tag, 1);
        return false;
    }

    /** Replaces the cached value of {@code tag} if present (a dirty bit set after the fill). */
    void update(long tag, long value) {
        if (entries == 0) {
            return;
        }
        final int set = (int) tag & setMask;
        for (int k = 0; k < ways; k++) {
            if (tagAt(set, k) == tag) {
                if (packed) {
                    data[set * stride + 1 + ways + k] = value;
                } else {
                    values[set * ways + k] = value;
                }
                return;
            }
        }
    }

    private void drop(int set, int way) {
        if (packed) {
            int at = set * stride;
            data[at + 1 + way] = EMPTY;
            demote(at, way);
        } else {
            int i = set * ways + way;
            tags[i] = EMPTY;
            stamps[i] = 0;
        }
    }

    /** Drops {@code tag}; returns whether it was cached. */
    boolean invalidate(long tag) {
        if (entries == 0) {
            return false;
        }
        missTag = EMPTY;
        final int set = (int) tag & setMask;
        boolean found = false;
        for (int k = 0; k < ways; k++) {
            if (tagAt(set, k) == tag) {
                drop(set, k);
                found = true;
            }
        }
        return found;
    }

    /** Drops every entry whose ASID field equals {@code asid}. */
    void invalidateAsid(long asid) {
        missTag = EMPTY;
        for (int set = 0; set * ways < entries; set++) {
            for (int k = 0; k < ways; k++) {
                long t = tagAt(set, k);
                if (t != EMPTY && (t >>> Tlb.ASID_SHIFT) == asid) {
                    drop(set, k);
                }
            }
        }
    }

    void clear() {
        missTag = EMPTY;
        for (int set = 0; set * ways < entries; set++) {
            for (int k = 0; k < ways; k++) {
                if (tagAt(set, k) != EMPTY) {
                    drop(set, k);
                }
            }
        }
    }

    /** Entries holding a translation. */
    int valid() {
        int n = 0;
        for (int set = 0; set * ways < entries; set++) {
            for (int k = 0; k < ways; k++) {
                if (tagAt(set, k) != EMPTY) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The recency order of set {@code s}, most recent first (for tests; -1 entries in stamp mode). */
    int[] recency(int s) {
        int[] out = new int[ways];
        for (int k = 0; k < ways; k++) {
            out[k] = packed ? (int) (data[s * stride] >>> (4 * k)) & 15 : -1;
        }
        return out;
    }
}
