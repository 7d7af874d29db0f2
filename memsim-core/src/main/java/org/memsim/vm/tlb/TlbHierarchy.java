package org.memsim.vm.tlb;

import java.util.Arrays;
import org.memsim.vm.PageTable;

/**
 * An x86-64 core's translation hierarchy, modelled on Intel Skylake (Intel optimization manual,
 * "Skylake microarchitecture" TLB table): split first-level instruction and data TLBs with separate
 * arrays per page size, a unified second-level TLB shared by 4 KiB and 2 MiB entries with its own
 * 1 GiB array, all set-associative with LRU; a page-walk cache; and optional ASID (PCID) tags so a
 * context switch need not flush. Geometry comes from the {@code tlb} spec.
 * <pre>
 *  lookup(vpn):  L1 (4K | 2M | 1G arrays, i or d)  ─miss→  L2 (4K+2M shared, 1G)  ─miss→  walk
 *                      ~1 cycle                              + l2Hit cycles            + reads × walk cycles
 * </pre>
 */
public final class TlbHierarchy implements Tlb {
    /** Marks 2 MiB tags in the shared second-level array so they never equal a 4 KiB page number. */
    private static final long HUGE_MARK = 1L << 51;

    private final int bits;
    private final SetAssociativeTlb l1d;
    private final SetAssociativeTlb l1i;
    private final SetAssociativeTlb l1dHuge;
    private final SetAssociativeTlb l1iHuge;
    private final SetAssociativeTlb l1dGiant;
    private final SetAssociativeTlb l2;
    private final SetAssociativeTlb l2Giant;
    private final PageWalkCache pwc;
    private final boolean asidMode;
    private final int asids;
    private final TlbStats stats = new TlbStats();

    private boolean hugeSeen;
    private int lastLevel;
    // The last page hit in each first-level TLB, with its entry: a repeat lookup of the same page is an
    // L1 hit on the set's most recently used entry, so it changes no LRU order and can skip the scan.
    private long lastDataVpn = -1;
    private long lastDataEntry;
    private long lastCodeVpn = -1;
    private long lastCodeEntry;
    private long asidBits;          // current ASID << ASID_SHIFT
    private int current = -1;       // current space
    private int[] asidOfSpace = new int[16]; // space -> asid + 1 (0: none)
    private final int[] spaceOfAsid;          // asid -> space, -1 free
    private final long[] asidUsed;            // asid -> last switch stamp
    private long switchClock;

    /** Geometry of one array: entries and ways. */
    public record Geometry(int entries, int ways) {
        /** Parses {@code 64x4} (entries x ways) or {@code 0} for an absent array. */
        public static Geometry parse(String key, String v) {
            String t = v.strip().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("0") || t.equals("none")) {
                return new Geometry(0, 1);
            }
            int x = t.indexOf('x');
            try {
                int entries = Integer.parseInt(x < 0 ? t : t.substring(0, x));
                int ways = x < 0 ? entries : Integer.parseInt(t.substring(x + 1));
                if (entries < 0 || entries > (1 << 20) || ways <= 0 || entries % ways != 0
                    || Integer.bitCount(entries / ways) != 1) {
                    throw new NumberFormatException();
                }
                return new Geometry(entries, ways);
            } catch (NumberFormatException e) {
                throw new org.memsim.spec.SpecException("tlb: " + key + "=" + v + " is not ENTRIESxWAYS with entries/ways a power of "
                    + "two (e.g. 64x4, 1536x12, 4x4 fully associative), or 0 for none");
            }
        }

        @Override
        public String toString() {
            return entries + "x" + ways;
        }
    }

    /** Everything the spec sets. */
    public record Config(Geometry l1d, Geometry l1i, Geometry l1dHuge, Geometry l1iHuge, Geometry l1dGiant,
                         Geometry l2, Geometry l2Giant, boolean asid, int asids, boolean pwc, int pde, int pdpte, int pml4e) {}

    /** @param bitsPerLevel page-number bits per table level (9 with 4 KiB pages): huge tags drop that many bits per level */
    public TlbHierarchy(Config c, int bitsPerLevel, int tableLevels) {
        this.bits = bitsPerLevel;
        l1d = new SetAssociativeTlb("l1d", c.l1d().entries(), c.l1d().ways());
        l1i = new SetAssociativeTlb("l1i", c.l1i().entries(), c.l1i().ways());
        l1dHuge = new SetAssociativeTlb("l1dHuge", c.l1dHuge().entries(), c.l1dHuge().ways());
        l1iHuge = new SetAssociativeTlb("l1iHuge", c.l1iHuge().entries(), c.l1iHuge().ways());
        l1dGiant = new SetAssociativeTlb("l1dGiant", c.l1dGiant().entries(), c.l1dGiant().ways());
        l2 = new SetAssociativeTlb("l2", c.l2().entries(), c.l2().ways());
        l2Giant = new SetAssociativeTlb("l2Giant", c.l2Giant().entries(), c.l2Giant().ways());
        pwc = c.pwc() ? new PageWalkCache(bitsPerLevel, Math.max(tableLevels, 2), new int[] {0, 0, c.pde(), c.pdpte(), c.pml4e()}) : null;
        asidMode = c.asid();
        asids = Math.max(1, Math.min(c.asids(), 4095));
        spaceOfAsid = new int[asids];
        Arrays.fill(spaceOfAsid, -1);
        asidUsed = new long[asids];
    }

    @Override
    public boolean present() {
        return true;
    }

    // ------------------------------------------------------------------ lookup and fill

    @Override
    public long lookup(long vpn, boolean instruction) {
        stats.lookups++;
        if (instruction ? vpn == lastCodeVpn : vpn == lastDataVpn) {
            stats.l1Hits++;
            lastLevel = 1;
            return instruction ? lastCodeEntry : lastDataEntry;
        }
        final long a = asidBits;
        long e = (instruction ? l1i : l1d).lookupForFill(a | vpn);
        if (e == MISS && hugeSeen) {
            e = (instruction ? l1iHuge : l1dHuge).lookup(a | (vpn >>> bits));
            if (e == MISS && !instruction) {
                e = l1dGiant.lookup(a | (vpn >>> (2 * bits)));
            }
        }
        if (e != MISS) {
            stats.l1Hits++;
            lastLevel = 1;
            if (instruction) {
                lastCodeVpn = vpn;
                lastCodeEntry = e;
            } else {
                lastDataVpn = vpn;
                lastDataEntry = e;
            }
            return e;
        }
        if (instruction) {
            lastCodeVpn = -1;
        } else {
            lastDataVpn = -1;
        }
        return lookupL2(vpn, instruction, a);
    }

    /** Forgets the last-page shortcuts (any change to the arrays or the address space). */
    private void forgetLast() {
        lastDataVpn = -1;
        lastCodeVpn = -1;
    }

    private long lookupL2(long vpn, boolean instruction, long a) {
        long e = l2.lookupForFill(a | vpn);
        if (e == MISS && hugeSeen) {
            e = l2.lookup(a | HUGE_MARK | (vpn >>> bits));
            if (e == MISS) {
                e = l2Giant.lookup(a | (vpn >>> (2 * bits)));
            }
        }
        if (e == MISS) {
            stats.misses++;
            lastLevel = 0;
            return MISS;
        }
        stats.l2Hits++;
        lastLevel = 2;
        fillL1(vpn, e, instruction, a);
        return e;
    }

    @Override
    public int lastHitLevel() {
        return lastLevel;
    }

    private void fillL1(long vpn, long entry, boolean instruction, long a) {
        if (instruction) {
            lastCodeVpn = -1;
        } else {
            lastDataVpn = -1;
        }
        switch (PageTable.level(entry)) {
            case 0:
                (instruction ? l1i : l1d).fill(a | vpn, entry);
                break;
            case 1:
                (instruction ? l1iHuge : l1dHuge).fill(a | (vpn >>> bits), entry);
                break;
            default:
                if (!instruction) {
                    l1dGiant.fill(a | (vpn >>> (2 * bits)), entry);
                }
                break;
        }
    }

    @Override
    public void fill(long vpn, long entry, boolean instruction) {
        final long a = asidBits;
        int level = PageTable.level(entry);
        if (level > 0) {
            hugeSeen = true;
        }
        fillL1(vpn, entry, instruction, a);
        switch (level) {
            case 0: l2.fill(a | vpn, entry); break;
            case 1: l2.fill(a | HUGE_MARK | (vpn >>> bits), entry); break;
            default: l2Giant.fill(a | (vpn >>> (2 * bits)), entry); break;
        }
    }

    @Override
    public void update(long vpn, long entry) {
        forgetLast();
        final long a = asidBits;
        switch (PageTable.level(entry)) {
            case 0:
                l1d.update(a | vpn, entry);
                l1i.update(a | vpn, entry);
                l2.update(a | vpn, entry);
                break;
            case 1:
                l1dHuge.update(a | (vpn >>> bits), entry);
                l1iHuge.update(a | (vpn >>> bits), entry);
                l2.update(a | HUGE_MARK | (vpn >>> bits), entry);
                break;
            default:
                l1dGiant.update(a | (vpn >>> (2 * bits)), entry);
                l2Giant.update(a | (vpn >>> (2 * bits)), entry);
                break;
        }
    }

    @Override
    public int walkReads(long vpn, int leafLevel, int levels) {
        int refs = pwc == null ? levels - leafLevel + 1 : pwc.reads(asidBits, vpn, leafLevel, levels, stats);
        stats.walkReads += refs;
        return refs;
    }

    // ------------------------------------------------------------------ invalidation and switches

    /** The tag bits of {@code space}'s entries, or -1 when it can have none in the TLB now. */
    private long asidBitsOf(int space) {
        if (!asidMode) {
            return space == current ? 0 : -1;
        }
        int a = space < asidOfSpace.length ? asidOfSpace[space] - 1 : -1;
        return a < 0 ? -1 : (long) a << ASID_SHIFT;
    }

    @Override
    public void invalidate(int space, long vpn) {
        long a = asidBitsOf(space);
        if (a < 0) {
            return;
        }
        stats.invalidations++;
        forgetLast();
        l1d.invalidate(a | vpn);
        l1i.invalidate(a | vpn);
        l2.invalidate(a | vpn);
        if (hugeSeen) {
            l1dHuge.invalidate(a | (vpn >>> bits));
            l1iHuge.invalidate(a | (vpn >>> bits));
            l2.invalidate(a | HUGE_MARK | (vpn >>> bits));
            l1dGiant.invalidate(a | (vpn >>> (2 * bits)));
            l2Giant.invalidate(a | (vpn >>> (2 * bits)));
        }
        if (pwc != null) {
            pwc.invalidateAsid(a >>> ASID_SHIFT); // INVLPG drops the PCID's paging-structure cache entries
        }
    }

    @Override
    public void flushSpace(int space) {
        long a = asidBitsOf(space);
        if (a < 0) {
            return;
        }
        stats.flushes++;
        if (!asidMode) {
            clearAll();
        } else {
            invalidateAsid(a >>> ASID_SHIFT);
        }
    }

    private void clearAll() {
        forgetLast();
        l1d.clear();
        l1i.clear();
        l1dHuge.clear();
        l1iHuge.clear();
        l1dGiant.clear();
        l2.clear();
        l2Giant.clear();
        if (pwc != null) {
            pwc.clear();
        }
    }

    private void invalidateAsid(long asid) {
        forgetLast();
        l1d.invalidateAsid(asid);
        l1i.invalidateAsid(asid);
        l1dHuge.invalidateAsid(asid);
        l1iHuge.invalidateAsid(asid);
        l1dGiant.invalidateAsid(asid);
        l2.invalidateAsid(asid);
        l2Giant.invalidateAsid(asid);
        if (pwc != null) {
            pwc.invalidateAsid(asid);
        }
    }

    @Override
    public void switchTo(int space) {
        if (space == current) {
            return;
        }
        forgetLast();
        boolean first = current < 0;
        current = space;
        if (!asidMode) {
            asidBits = 0;
            if (!first) {
                stats.flushes++;
                clearAll();
            }
            return;
        }
        if (space >= asidOfSpace.length) {
            asidOfSpace = Arrays.copyOf(asidOfSpace, Math.max(space + 1, asidOfSpace.length * 2));
        }
        int a = asidOfSpace[space] - 1;
        if (a < 0) {
            a = freeAsid();
            asidOfSpace[space] = a + 1;
            spaceOfAsid[a] = space;
        }
        asidUsed[a] = ++switchClock;
        asidBits = (long) a << ASID_SHIFT;
        if (!first) {
            stats.asidSwitches++;
        }
    }

    /** The lowest free ASID, or the least recently used one after flushing its entries. */
    private int freeAsid() {
        int lru = 0;
        for (int a = 0; a < asids; a++) {
            if (spaceOfAsid[a] < 0) {
                return a;
            }
            if (asidUsed[a] < asidUsed[lru]) {
                lru = a;
            }
        }
        stats.asidRecycles++;
        asidOfSpace[spaceOfAsid[lru]] = 0;
        spaceOfAsid[lru] = -1;
        invalidateAsid(lru);
        return lru;
    }

    @Override
    public void release(int space) {
        if (!asidMode) {
            if (space == current) {
                clearAll();
                current = -1;
            }
            return;
        }
        if (space < asidOfSpace.length && asidOfSpace[space] > 0) {
            int a = asidOfSpace[space] - 1;
            invalidateAsid(a);
            spaceOfAsid[a] = -1;
            asidOfSpace[space] = 0;
        }
        if (space == current) {
            current = -1;
        }
    }

    // ------------------------------------------------------------------ reporting

    @Override
    public long reach(long pageSize) {
        long base = 1L << (bits + 3); // the page size the arrays' base entries map
        if (pageSize <= base) {
            return (long) l2.entries() * pageSize;
        }
        if (pageSize <= base << bits) {
            return (long) l2.entries() * pageSize; // 2 MiB entries share the second-level array
        }
        return (long) l2Giant.entries() * pageSize;
    }

    /** First-level data TLB reach for pages of {@code pageSize}. */
    public long l1Reach(long pageSize) {
        long base = 1L << (bits + 3);
        if (pageSize <= base) {
            return (long) l1d.entries() * pageSize;
        }
        if (pageSize <= base << bits) {
            return (long) l1dHuge.entries() * pageSize;
        }
        return (long) l1dGiant.entries() * pageSize;
    }

    /** Entries of the second-level TLB (its 4 KiB/2 MiB array). */
    public int l2Entries() {
        return l2.entries();
    }

    public boolean asidMode() {
        return asidMode;
    }

    @Override
    public TlbStats stats() {
        return stats;
    }
}
