package org.memsim.vm.tlb;

/**
 * One set-associative translation array with true LRU replacement inside each set, as the L1 and
 * L2 TLBs of x86 cores are organised (Intel Skylake: L1 DTLB 64 entries 4-way, STLB 1536 entries
 * 12-way). A tag is the page number (of whatever page size the array holds) with the ASID in bits
 * 52–63; the set is chosen by the page number's low bits. Parallel primitive arrays, no objects.
 * <pre>
 *  set s, 12 ways:   tags[12s .. 12s+11]   values[12s .. 12s+11]
 *                    order[s] = 0x…b3a1   (4-bit way numbers, most recent first, least recent last)
 * </pre>
 * With up to 16 ways the recency order of a set is one long of 4-bit way numbers, updated with a
 * few branch-free bit operations, so the least recently used way is known without comparing ages
 * (a comparison chain per miss dominated the cost of a walk). Wider sets (fully associative arrays
 * of many entries) fall back to per-entry use stamps.
 */
final class SetAssociativeTlb {
    static final long EMPTY = -1;
    private static final long ONES = 0x1111111111111111L;
    private static final long HIGHS = 0x8888888888888888L;

    private final String name;
    private final int entries;
    private final int ways;
    private final int setMask;
    private final long[] tags;
    private final long[] values;
    private final long[] order;   // per set (ways <= 16)
    private final long[] stamps;  // per entry (ways > 16)
    private final long wayMask;
    private final int lruShift;
    private long clock;
    // where the last missing lookup would put its fill: a fill right after the miss needs no second scan
    private long missTag = EMPTY;
    private int missVictim;

    /** @param entries a multiple of {@code ways} whose quotient (the number of sets) is a power of two; 0 for none */
    SetAssociativeTlb(String name, int entries, int ways) {
        this.name = name;
        this.entries = entries;
        this.ways = Math.max(1, ways);
        int sets = entries == 0 ? 1 : entries / this.ways;
        this.setMask = sets - 1;
        this.tags = new long[entries];
        this.values = new long[entries];
        java.util.Arrays.fill(tags, EMPTY);
        if (this.ways <= 16) {
            order = new long[sets];
            long initial = 0;
            for (int w = this.ways - 1; w >= 0; w--) {
                initial = (initial << 4) | w; // way 0 most recent, way (ways-1) least recent: empties fill from the back
            }
            java.util.Arrays.fill(order, initial);
            stamps = null;
            wayMask = this.ways == 16 ? -1L : (1L << (4 * this.ways)) - 1;
            lruShift = 4 * (this.ways - 1);
        } else {
            order = null;
            stamps = new long[entries];
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

    /** Moves way {@code w} of set {@code s} to the most recent position. */
    private void touch(int s, int w) {
        long o = order[s];
        if ((o & 15) == w) {
            return;
        }
        long x = o ^ (ONES * w);                          // the nibble holding w becomes 0
        long z = (x - ONES) & ~x & HIGHS & wayMask;       // its high bit is the lowest set bit
        int p = Long.numberOfTrailingZeros(z) & ~3;       // bit position of w's nibble
        long below = o & ((1L << p) - 1);
        long above = p + 4 >= 64 ? 0 : (o >>> (p + 4)) << (p + 4);
        order[s] = above | (below << 4) | w;
    }

    /** Moves way {@code w} of set {@code s} to the least recent position (it was invalidated). */
    private void demote(int s, int w) {
        long o = order[s];
        long x = o ^ (ONES * w);
        long z = (x - ONES) & ~x & HIGHS & wayMask;
        int p = Long.numberOfTrailingZeros(z) & ~3;
        long below = o & ((1L << p) - 1);
        long above = p + 4 >= 64 ? 0 : o >>> (p + 4);     // the ways after w, moved down one nibble
        order[s] = below | (above << p) | ((long) w << lruShift);
    }

    private int lruWay(int s) {
        return (int) (order[s] >>> lruShift) & 15;
    }

    private void used(int set, int i) {
        if (order != null) {
            touch(set, i - set * ways);
        } else {
            stamps[i] = ++clock;
        }
    }

    private int victim(int set) {
        int base = set * ways;
        if (order != null) {
            return base + lruWay(set);
        }
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

    /** The cached value for {@code tag}, or {@link Tlb#MISS}; a hit becomes the set's most recently used. */
    long lookup(long tag) {
        if (entries == 0) {
            return Tlb.MISS;
        }
        final long[] t = tags;
        final int set = (int) tag & setMask;
        final int base = set * ways;
        final int end = base + ways;
        for (int i = base; i < end; i++) {
            if (t[i] == tag) {
                used(set, i);
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
            missVictim = victim((int) tag & setMask);
        }
        return e;
    }

    /** Caches {@code value} for {@code tag}, replacing the set's least recently used entry. */
    void fill(long tag, long value) {
        if (entries == 0) {
            return;
        }
        final int set = (int) tag & setMask;
        int v;
        if (tag == missTag) {
            v = missVictim;
        } else {
            v = -1;
            final int base = set * ways;
            for (int i = base; i < base + ways; i++) {
                if (tags[i] == tag) {
                    v = i;
                    break;
                }
            }
            if (v < 0) {
                v = victim(set);
            }
        }
        missTag = EMPTY;
        tags[v] = tag;
        values[v] = value;
        used(set, v);
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
        final int base = ((int) tag & setMask) * ways;
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == tag) {
                values[i] = value;
                return;
            }
        }
    }

    private void drop(int i) {
        tags[i] = EMPTY;
        if (order != null) {
            demote(i / ways, i % ways);
        } else {
            stamps[i] = 0;
        }
    }

    /** Drops {@code tag}; returns whether it was cached. */
    boolean invalidate(long tag) {
        if (entries == 0) {
            return false;
        }
        missTag = EMPTY;
        final int base = ((int) tag & setMask) * ways;
        boolean found = false;
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == tag) {
                drop(i);
                found = true;
            }
        }
        return found;
    }

    /** Drops every entry whose ASID field equals {@code asid}. */
    void invalidateAsid(long asid) {
        missTag = EMPTY;
        for (int i = 0; i < entries; i++) {
            if (tags[i] != EMPTY && (tags[i] >>> Tlb.ASID_SHIFT) == asid) {
                drop(i);
            }
        }
    }

    void clear() {
        missTag = EMPTY;
        for (int i = 0; i < entries; i++) {
            if (tags[i] != EMPTY) {
                drop(i);
            }
        }
    }

    /** Entries holding a translation. */
    int valid() {
        int n = 0;
        for (long t : tags) {
            if (t != EMPTY) {
                n++;
            }
        }
        return n;
    }

    /** The recency order of set {@code s}, most recent first (for tests). */
    int[] recency(int s) {
        int[] out = new int[ways];
        for (int k = 0; k < ways; k++) {
            out[k] = order != null ? (int) (order[s] >>> (4 * k)) & 15 : -1;
        }
        return out;
    }
}
