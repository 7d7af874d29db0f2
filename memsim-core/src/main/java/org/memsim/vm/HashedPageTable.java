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
    private final LongLongHashMap entries = new LongLongHashMap(1024, NOT_PRESENT);
    private long lastVpn = -1;   // the page looked up last and its entry: consecutive accesses mostly share a page
    private long lastEntry = NOT_PRESENT;

    @Override
    public long lookup(long vpn) {
        if (vpn == lastVpn) {
            return lastEntry;
        }
        long e = entries.get(vpn);
        lastVpn = vpn;
        lastEntry = e;
        return e;
    }

    @Override
    public void map(long vpn, long entry) {
        entries.put(vpn, entry);
        if (vpn == lastVpn) {
            lastEntry = entry;
        }
    }

    @Override
    public long unmap(long vpn) {
        if (vpn == lastVpn) {
            lastEntry = NOT_PRESENT;
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
