package org.memsim.vm.tlb;

/**
 * Intel's paging-structure caches (SDM vol. 3A §4.10.3): small caches of upper page-table entries —
 * PML4Es, PDPTEs and PDEs that point to tables — tagged by the virtual-address bits they translate.
 * Their organisation is not documented; memsim makes a level of 8 or more entries 4-way set
 * associative (LRU) and smaller ones fully associative. A walk starts below the deepest level it finds, so a hit in the PDE cache
 * leaves one memory reference (the PTE) instead of four. One LRU array per upper level.
 */
final class PageWalkCache {
    private final int bits;
    private final SetAssociativeTlb[] caches; // caches[k] holds level-k entries, k = 2 .. levels

    /** @param sizes sizes[k] = entries cached for level k (2 = PDE, 3 = PDPTE, 4 and up = PML4E/PML5E) */
    PageWalkCache(int bits, int maxLevels, int[] sizes) {
        this.bits = bits;
        this.caches = new SetAssociativeTlb[maxLevels + 1];
        for (int k = 2; k <= maxLevels; k++) {
            int n = sizes[Math.min(k, sizes.length - 1)];
            // 4-way sets once there are 8 or more entries (and a power-of-two number of sets), else fully associative
            int ways = n >= 8 && n % 4 == 0 && Integer.bitCount(n / 4) == 1 ? 4 : Math.max(1, n);
            caches[k] = new SetAssociativeTlb("pwc" + k, n, ways);
        }
    }

    private long tag(long asidBits, long vpn, int k) {
        return asidBits | (vpn >>> (bits * (k - 1)));
    }

    /** Memory references of a walk to a leaf at {@code leaf} in a {@code levels}-level table; fills the cache. */
    int reads(long asidBits, long vpn, int leaf, int levels, TlbStats stats) {
        int top = Math.min(levels, caches.length - 1);
        // deepest level first: a miss there is read by this walk and cached; a hit ends the search
        for (int k = leaf + 1; k <= top; k++) {
            if (caches[k].probe(tag(asidBits, vpn, k))) {
                stats.pwcHits++;
                return k - leaf;
            }
        }
        return levels - leaf + 1;
    }

    void invalidateAsid(long asid) {
        for (int k = 2; k < caches.length; k++) {
            caches[k].invalidateAsid(asid);
        }
    }

    void clear() {
        for (int k = 2; k < caches.length; k++) {
            caches[k].clear();
        }
    }
}
