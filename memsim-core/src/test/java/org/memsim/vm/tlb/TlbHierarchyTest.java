package org.memsim.vm.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memsim.vm.PageTable;

/** Set-associative LRU arrays, the page-walk cache, huge-page entries, ASIDs and the TLB reach arithmetic. */
class TlbHierarchyTest {
    static Tlb tlb(String spec) {
        Tlb t = Tlbs.REGISTRY.create(spec, new Tlbs.Context(true, 9, 4));
        t.switchTo(0);
        return t;
    }

    static long pte(long pfn) {
        return PageTable.entry(pfn, 3);
    }

    @Test
    void l1HitsAfterAFillAndLruEvictsWithinASet() {
        Tlb t = tlb("tlb:l1d=8x2,l2=0,l1i=0");  // 4 sets of 2 ways
        assertEquals(Tlb.MISS, t.lookup(0, false));
        t.fill(0, pte(10), false);
        assertEquals(pte(10), t.lookup(0, false));
        assertEquals(1, t.lastHitLevel());
        t.fill(4, pte(11), false);   // same set (vpn & 3 == 0)
        t.lookup(0, false);          // 0 is now most recent
        t.fill(8, pte(12), false);   // evicts 4, the least recently used of the set
        assertEquals(pte(10), t.lookup(0, false));
        assertEquals(Tlb.MISS, t.lookup(4, false));
        assertEquals(pte(12), t.lookup(8, false));
        t.fill(1, pte(13), false);   // another set: nothing evicted
        assertEquals(pte(10), t.lookup(0, false));
    }

    @Test
    void secondLevelRefillsTheFirst() {
        Tlb t = tlb("tlb:l1d=4x4,l2=64x4");
        for (long v = 0; v < 8; v++) {
            t.fill(v, pte(100 + v), false);
        }
        // the 4-entry L1 holds the last 4; the L2 all 8
        assertEquals(pte(100), t.lookup(0, false));
        assertEquals(2, t.lastHitLevel());
        assertEquals(pte(100), t.lookup(0, false));
        assertEquals(1, t.lastHitLevel(), "an L2 hit refills the L1");
        TlbStats s = t.stats();
        assertEquals(1, s.l2Hits);
        assertEquals(1, s.l1Hits);
    }

    @Test
    void instructionAndDataAreSplitAtTheFirstLevel() {
        Tlb t = tlb("tlb:l1d=4x4,l1i=4x4,l2=0");
        t.fill(5, pte(1), true);
        assertEquals(Tlb.MISS, t.lookup(5, false));
        assertEquals(pte(1), t.lookup(5, true));
    }

    @Test
    void hugePagesUseTheirOwnEntries() {
        Tlb t = tlb("tlb");
        long base = 0x7f0000200000L >>> 12;
        long huge = PageTable.hugeEntry(4096, 3, 1);
        t.fill(base + 3, huge, false);
        for (long v = base; v < base + 512; v += 37) {
            assertEquals(huge, t.lookup(v, false), "one entry covers the whole 2 MiB page");
        }
        assertEquals(Tlb.MISS, t.lookup(base + 512, false));
    }

    @Test
    void pageWalkCacheSkipsCachedLevels() {
        Tlb t = tlb("tlb");
        long vpn = 0x7ffcd3a0bL;
        assertEquals(4, t.walkReads(vpn, 1, 4), "nothing cached: PML4E, PDPTE, PDE, PTE");
        assertEquals(1, t.walkReads(vpn + 1, 1, 4), "same page table: the PDE is cached, only the PTE is read");
        assertEquals(2, t.walkReads(vpn + 512, 1, 4), "next 2 MiB: the PDPTE is cached");
        assertEquals(3, t.walkReads(vpn + 512L * 512, 1, 4), "next 1 GiB: the PML4E is cached");
        assertEquals(1, t.walkReads(vpn + 1024, 2, 4), "a 2 MiB leaf under a cached PDPTE: one read, the PDE itself");
        assertEquals(2, t.walkReads(vpn + 512L * 512 * 4, 2, 4), "a 2 MiB leaf 4 GiB away: PDPTE and PDE");
        assertEquals(5, tlb("tlb:pwc=false").walkReads(vpn, 1, 5), "no page-walk cache: every level of a 5-level table");
        TlbStats s = t.stats();
        assertEquals(4 + 1 + 2 + 3 + 1 + 2, s.walkReads);
    }

    @Test
    void contextSwitchFlushesWithoutAsids() {
        Tlb t = tlb("tlb");
        t.fill(1, pte(1), false);
        t.switchTo(1);
        assertEquals(Tlb.MISS, t.lookup(1, false));
        assertEquals(1, t.stats().flushes);
        t.fill(1, pte(2), false);
        t.switchTo(0);
        assertEquals(Tlb.MISS, t.lookup(1, false));
    }

    @Test
    void asidsKeepEveryonesEntries() {
        Tlb t = tlb("tlb:asid=true");
        t.fill(1, pte(1), false);
        t.switchTo(1);
        assertEquals(Tlb.MISS, t.lookup(1, false), "space 1 cannot see space 0's translation of the same page");
        t.fill(1, pte(2), false);
        t.switchTo(0);
        assertEquals(pte(1), t.lookup(1, false), "space 0's entry survived the switches");
        t.switchTo(1);
        assertEquals(pte(2), t.lookup(1, false));
        assertEquals(0, t.stats().flushes);
        assertEquals(3, t.stats().asidSwitches);
    }

    @Test
    void tooFewAsidsAreRecycled() {
        Tlb t = tlb("tlb:asid=true,asids=2");
        t.fill(1, pte(1), false);     // space 0
        t.switchTo(1);
        t.fill(1, pte(2), false);     // space 1
        t.switchTo(2);                // takes space 0's ASID (least recently used): its entries go
        t.switchTo(0);                // takes space 1's
        assertEquals(Tlb.MISS, t.lookup(1, false));
        assertEquals(2, t.stats().asidRecycles);
    }

    @Test
    void invalidateDropsOnePage() {
        Tlb t = tlb("tlb:asid=true");
        t.fill(1, pte(1), false);
        t.fill(2, pte(2), false);
        t.invalidate(0, 1);
        assertEquals(Tlb.MISS, t.lookup(1, false));
        assertEquals(pte(2), t.lookup(2, false));
        t.flushSpace(0);
        assertEquals(Tlb.MISS, t.lookup(2, false));
    }

    @Test
    void reachIsEntriesTimesPageSize() {
        TlbHierarchy t = (TlbHierarchy) tlb("tlb");
        assertEquals(1536L * 4096, t.reach(4096), "6 MiB with 4 KiB pages");
        assertEquals(1536L << 21, t.reach(2L << 20), "3 GiB with 2 MiB pages");
        assertEquals(16L << 30, t.reach(1L << 30));
        assertEquals(64L * 4096, t.l1Reach(4096));
        assertEquals(32L << 21, t.l1Reach(2L << 20));
        // the seed: a 2 GiB working set needs 524,288 4 KiB entries but 1,024 2 MiB ones
        assertEquals(524_288, (2L << 30) / 4096);
        assertEquals(1_024, (2L << 30) / (2L << 20));
        assertTrue(1_024 <= t.l2Entries());
    }

    @Test
    void badGeometryIsRejected() {
        assertThrows(org.memsim.spec.SpecException.class, () -> tlb("tlb:l1d=60x4"));
        assertThrows(org.memsim.spec.SpecException.class, () -> tlb("tlb:l2=1536x7"));
        assertThrows(org.memsim.spec.SpecException.class, () -> tlb("tlb:l2=abc"));
    }

    @Test
    void autoFollowsTheModel() {
        assertTrue(Tlbs.REGISTRY.create("auto", new Tlbs.Context(true, 9, 4)).present());
        assertTrue(!Tlbs.REGISTRY.create("auto", new Tlbs.Context(false, 9, 1)).present());
    }
}
