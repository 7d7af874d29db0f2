package org.memsim.vm.tlb;

import java.util.Arrays;

/**
 * One set-associative translation array with true LRU replacement inside each set, as the L1 and
 * L2 TLBs of x86 cores are organised (Intel Skylake: L1 DTLB 64 entries 4-way, STLB 1536 entries
 * 12-way). A tag is the page number (of whatever page size the array holds) with the ASID in bits
 * 52–63; the set is chosen by the page number's low bits. Parallel primitive arrays, no objects.
 */
final class SetAssociativeTlb {
    static final long EMPTY = -1;

    private final String name;
    private final int entries;
    private final int ways;
    private final int setMask;
    private final long[] tags;
    private final long[] values;
    private final long[] stamps;
    private long clock;

    /** @param entries a multiple of {@code ways} whose quotient (the number of sets) is a power of two; 0 for none */
    SetAssociativeTlb(String name, int entries, int ways) {
        this.name = name;
        this.entries = entries;
        this.ways = Math.max(1, ways);
        int sets = entries == 0 ? 1 : entries / this.ways;
        this.setMask = sets - 1;
        this.tags = new long[entries];
        this.values = new long[entries];
        this.stamps = new long[entries];
        Arrays.fill(tags, EMPTY);
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

    /** The cached value for {@code tag}, or {@link Tlb#MISS}; a hit becomes the set's most recently used. */
    long lookup(long tag) {
        if (entries == 0) {
            return Tlb.MISS;
        }
        final long[] t = tags;
        final int base = ((int) tag & setMask) * ways;
        final int end = base + ways;
        for (int i = base; i < end; i++) {
            if (t[i] == tag) {
                stamps[i] = ++clock;
                return values[i];
            }
        }
        return Tlb.MISS;
    }

    /** Caches {@code value} for {@code tag}, replacing the set's least recently used entry. */
    void fill(long tag, long value) {
        if (entries == 0) {
            return;
        }
        final int base = ((int) tag & setMask) * ways;
        int victim = -1;
        int empty = -1;
        int lru = base;
        for (int i = base; i < base + ways; i++) {
            long t = tags[i];
            if (t == tag) {
                victim = i;
                break;
            }
            if (t == EMPTY) {
                if (empty < 0) {
                    empty = i;
                }
            } else if (stamps[i] < stamps[lru] || tags[lru] == EMPTY) {
                lru = i;
            }
        }
        if (victim < 0) {
            victim = empty >= 0 ? empty : lru;
        }
        tags[victim] = tag;
        values[victim] = value;
        stamps[victim] = ++clock;
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

    /** Drops {@code tag}; returns whether it was cached. */
    boolean invalidate(long tag) {
        if (entries == 0) {
            return false;
        }
        final int base = ((int) tag & setMask) * ways;
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == tag) {
                tags[i] = EMPTY;
                return true;
            }
        }
        return false;
    }

    /** Drops every entry whose ASID field equals {@code asid}. */
    void invalidateAsid(long asid) {
        for (int i = 0; i < entries; i++) {
            if (tags[i] != EMPTY && (tags[i] >>> Tlb.ASID_SHIFT) == asid) {
                tags[i] = EMPTY;
            }
        }
    }

    void clear() {
        Arrays.fill(tags, EMPTY);
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
}
