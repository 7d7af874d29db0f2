package org.memsim.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The radix table against walks computed by hand from the Intel SDM (vol. 3A §4.5, figure 4-8:
 * 4-level paging with 4 KiB pages): bits 47–39 index the PML4, 38–30 the PDPT, 29–21 the page
 * directory, 20–12 the page table, 11–0 are the offset. For the seed's address 0x7ffcd3a0b2f0 =
 * 0111 1111 1 | 111 1100 11 | 01 0011 101 | 0 0000 1011 | 0010 1111 0000: PML4 255, PDPT 499, PD 157,
 * PT 11, offset 0x2f0.
 */
class RadixPageTableTest {
    static final long SEED_ADDRESS = 0x7ffcd3a0b2f0L;

    @Test
    void indexesMatchTheHandComputedWalk() {
        RadixPageTable t = RadixPageTable.forPageSize(4096, 4);
        long vpn = SEED_ADDRESS >>> 12;
        assertEquals(255, t.index(vpn, 4));
        assertEquals(499, t.index(vpn, 3));
        assertEquals(157, t.index(vpn, 2));
        assertEquals(11, t.index(vpn, 1));
        assertEquals(0x2f0, SEED_ADDRESS & 0xfff);
        long text = 0x555555554000L >>> 12; // the PIE text of ProcessLayout
        assertEquals(170, t.index(text, 4));
        assertEquals(341, t.index(text, 3));
        assertEquals(170, t.index(text, 2));
        assertEquals(340, t.index(text, 1));
        assertEquals(48, t.virtualBits(12));
        assertEquals(57, RadixPageTable.forPageSize(4096, 5).virtualBits(12));
    }

    @Test
    void sixteenKibPagesTranslateElevenBitsPerLevel() {
        RadixPageTable t = RadixPageTable.forPageSize(16384, 4);
        long vpn = SEED_ADDRESS >>> 14;
        // 0x7ffcd3a0b2f0: offset bits 13-0 = 0x32f0, then 11-bit indexes 1666, 1641, 2047, 0
        assertEquals(1666, t.index(vpn, 1));
        assertEquals(1641, t.index(vpn, 2));
        assertEquals(2047, t.index(vpn, 3));
        assertEquals(0, t.index(vpn, 4));
        assertEquals(11, t.bitsPerLevel());
    }

    @Test
    void tablePagesAreCountedLevelByLevel() {
        RadixPageTable t = RadixPageTable.forPageSize(4096, 4);
        assertEquals(1, t.tablePages(), "an empty address space still has its PML4");
        long vpn = SEED_ADDRESS >>> 12;
        t.map(vpn, PageTable.entry(7, 3));
        assertEquals(4, t.tablePages(), "PML4 + PDPT + PD + PT");
        t.map(vpn + 1, PageTable.entry(8, 3));
        assertEquals(4, t.tablePages(), "the next page shares every table");
        t.map(vpn + 512, PageTable.entry(9, 3));
        assertEquals(5, t.tablePages(), "2 MiB further on: a new page table");
        t.map(vpn + 512L * 512, PageTable.entry(10, 3));
        assertEquals(7, t.tablePages(), "1 GiB further on: a new page directory and page table");
        t.map(0x555555554000L >>> 12, PageTable.entry(11, 5));
        assertEquals(10, t.tablePages(), "another PML4 slot: PDPT, PD, PT");
        assertEquals(1, t.tablePagesAt(4));
        assertEquals(2, t.tablePagesAt(3));
        assertEquals(3, t.tablePagesAt(2));
        assertEquals(4, t.tablePagesAt(1));
        assertEquals(7, PageTable.pfn(t.lookup(vpn)));
        assertEquals(5, t.present());
        for (long v : new long[] {vpn, vpn + 1, vpn + 512, vpn + 512L * 512, 0x555555554000L >>> 12}) {
            assertTrue(t.unmap(v) != PageTable.NOT_PRESENT);
        }
        assertEquals(1, t.tablePages(), "empty tables are freed");
        assertEquals(PageTable.NOT_PRESENT, t.lookup(vpn));
    }

    @Test
    void fiveLevelsAddATable() {
        RadixPageTable t = RadixPageTable.forPageSize(4096, 5);
        t.map(SEED_ADDRESS >>> 12, PageTable.entry(1, 3));
        assertEquals(5, t.tablePages(), "PML5 + PML4 + PDPT + PD + PT");
    }

    @Test
    void hugeLeavesSkipTheLowerTables() {
        RadixPageTable t = RadixPageTable.forPageSize(4096, 4);
        long twoMeg = 0x7f0000200000L >>> 12;
        t.mapHuge(twoMeg, PageTable.hugeEntry(1024, 3, 1));
        assertEquals(3, t.tablePages(), "a 2 MiB leaf lives in the page directory: PML4 + PDPT + PD");
        assertEquals(512, t.presentPages());
        long inside = twoMeg + 5;
        long e = t.lookup(inside);
        assertEquals(1, PageTable.level(e));
        assertEquals(1024 + 5, PageTable.frameOf(e, inside, 9));
        assertFalse(t.rangeEmpty(inside, 1));
        assertTrue(t.rangeEmpty(twoMeg + 512, 1));
        long oneGig = 0x7f0040000000L >>> 12;
        t.mapHuge(oneGig, PageTable.hugeEntry(1L << 18, 3, 2));
        assertEquals(3, t.tablePages(), "a 1 GiB leaf is an entry of the PDPT the 2 MiB page already uses: no new table");
        assertEquals(512 + (1L << 18), t.presentPages());
        assertEquals((1L << 18) + 12345, PageTable.frameOf(t.lookup(oneGig + 12345), oneGig + 12345, 9));
        assertTrue(t.unmapHuge(inside, 1) != PageTable.NOT_PRESENT);
        assertTrue(t.unmapHuge(oneGig, 2) != PageTable.NOT_PRESENT);
        assertEquals(1, t.tablePages());
        assertEquals(0, t.presentPages());
    }

    @Test
    void forEachVisitsHugeLeavesOnce() {
        RadixPageTable t = RadixPageTable.forPageSize(4096, 4);
        t.map(100, PageTable.entry(1, 1));
        t.mapHuge(1024 + 7, PageTable.hugeEntry(512, 3, 1));
        long[] seen = new long[2];
        t.forEach((vpn, e) -> seen[PageTable.level(e)] += vpn + 1);
        assertEquals(101, seen[0]);
        assertEquals(1025, seen[1], "reported at the first vpn of its range");
    }
}
