package org.memsim.vm.tlb;

/**
 * No translation cache: the foundation's model, where every translation reads the page table and is
 * charged as a hit (spec {@code none}, and what {@code auto} gives the {@code flat} VM model).
 */
public final class NoTlb implements Tlb {
    private final TlbStats stats = new TlbStats();

    @Override public boolean present() { return false; }
    @Override public long lookup(long vpn, boolean instruction) { return MISS; }
    @Override public int lastHitLevel() { return 0; }
    @Override public void fill(long vpn, long entry, boolean instruction) {}
    @Override public void update(long vpn, long entry) {}
    @Override public int walkReads(long vpn, int leafLevel, int levels) { return 0; }
    @Override public void invalidate(int space, long vpn) {}
    @Override public void flushSpace(int space) {}
    @Override public void switchTo(int space) {}
    @Override public void release(int space) {}
    @Override public long reach(long pageSize) { return 0; }
    @Override public TlbStats stats() { return stats; }
}
