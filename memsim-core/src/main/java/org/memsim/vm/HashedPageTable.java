package org.memsim.vm;

import org.memsim.collections.LongLongHashMap;

/**
 * The foundation's single-level page table: one lookup per translation, kept as an
 * open-addressing map so host memory grows with touched pages, not with the address-space size.
 * Its simulated size is charged like a flat array of 8-byte entries covering the pages in use
 * (one table page per 512 entries). The {@code flat} VM model keeps it; {@link RadixPageTable} is the
 * x86-64 tree. No huge pages.
 */
public final class HashedPageTable implements PageTable {
    /** Pages remembered by the host-side lookup cache (a memo of the map, not a simulated TLB: nothing is charged differently). */
    private static final int CACHED = 256;

    private final LongLongHashMap entries = new LongLongHashMap(1024, NOT_PRESENT);
    // a direct-mapped memo of recent lookups, by vpn mod CACHED: an allocator's metadata accesses
    // revisit the pages of a small heap over and over; map and unmap keep it current
    private final long[] cachedVpn = new long[CACHED];
    private final long[] cachedEntry = new long[CACHED];

    public HashedPageTable() {
        java.util.Arrays.fill(cachedVpn, -1L);
    }

    @Override
    public long lookup(long vpn) {
        int i = (int) vpn & (CACHED - 1);
        if (cachedVpn[i] == vpn) {
            return cachedEntry[i];
        }
        return lookupMissed(vpn, i);
    }

    /** A lookup the memo did not answer: kept out of {@link #lookup} so the hit inlines into the MMU. */
    private long lookupMissed(long vpn, int i) {
        long e = entries.get(vpn);
        cachedVpn[i] = vpn;
        cachedEntry[i] = e;
        return e;
    }

    @Override
    public void map(long vpn, long entry) {
        entries.put(vpn, entry);
        int i = (int) vpn & (CACHED - 1);
        if (cachedVpn[i] == vpn) {
            cachedEntry[i] = entry;
        }
    }

    @Override
    public long unmap(long vpn) {
        int i = (int) vpn & (CACHED - 1);
        if (cachedVpn[i] == vpn) {
            cachedEntry[i] = NOT_PRESENT;
        }
        return entries.remove(vpn);
    }

    @Override
    public long present() {
        return entries.size();
    }

    @Override
    public long tablePages() {
        return (entries.size() + 511) / 512;
    }

    @Override
    public void forEach(Visitor visitor) {
        entries.forEach(visitor::visit);
    }
}
