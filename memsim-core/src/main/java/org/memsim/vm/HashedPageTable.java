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
    // revisit the pages of a small heap over and over; map and unmap keep it current. Slot i is the
    // pair memo[2i] = vpn, memo[2i + 1] = its entry, side by side so that a hit reads one cache line.
    // The Mmu probes it directly (same package), saving the loads of the table and its array per access.
    final long[] memo = new long[2 * CACHED];

    public HashedPageTable() {
        for (int i = 0; i < memo.length; i += 2) {
            memo[i] = -1L;
        }
    }

    /** Index in {@link #memo} of the slot where {@code vpn} would be remembered. */
    static int slot(long vpn) {
        return ((int) vpn & (CACHED - 1)) << 1;
    }

    @Override
    public long lookup(long vpn) {
        int i = slot(vpn);
        if (memo[i] == vpn) {
            return memo[i + 1];
        }
        return lookupMissed(vpn, i);
    }

    /** A lookup the memo did not answer: kept out of {@link #lookup} so the hit inlines into the MMU. */
    private long lookupMissed(long vpn, int i) {
        long e = entries.get(vpn);
        memo[i] = vpn;
        memo[i + 1] = e;
        return e;
    }

    @Override
    public void map(long vpn, long entry) {
        entries.put(vpn, entry);
        int i = ((int) vpn & (CACHED - 1)) << 1;
        if (memo[i] == vpn) {
            memo[i + 1] = entry;
        }
    }

    @Override
    public long unmap(long vpn) {
        int i = ((int) vpn & (CACHED - 1)) << 1;
        if (memo[i] == vpn) {
            memo[i + 1] = NOT_PRESENT;
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
