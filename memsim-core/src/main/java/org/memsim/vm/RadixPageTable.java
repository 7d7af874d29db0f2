package org.memsim.vm;

import org.memsim.collections.LongLongHashMap;

/**
 * An x86-64 radix page table (Intel SDM vol. 3A §4.5, "4-level paging and 5-level paging"): each
 * level translates {@code bits} bits of the virtual page number (9 with 4 KiB pages, 512 eight-byte
 * entries per table page; 11 with 16 KiB pages, as ARMv8's 16 KiB granule), 4 or 5 levels.
 * <pre>
 *  47        39 38        30 29        21 20        12 11          0     (4-level, 4 KiB)
 * +------------+------------+------------+------------+-------------+
 * | PML4 index | PDPT index |  PD index  |  PT index  |   offset    |
 * +------------+------------+------------+------------+-------------+
 *   level 4      level 3      level 2      level 1
 * </pre>
 * A leaf may sit at level 2 (a 2 MiB page, PDE.PS) or level 3 (a 1 GiB page, PDPTE.PS). The
 * simulated table pages are counted exactly — one per table that has at least one entry, plus the
 * root — so scattered pages cost a table page each, as on real hardware. The host representation
 * is sparse (open-addressing maps keyed by page number and by table prefix), so host memory grows
 * with the pages touched, never with the 128 TiB address range.
 */
public final class RadixPageTable implements PageTable {
    private final int levels;
    private final int bits;
    private final LongLongHashMap leaves = new LongLongHashMap(1024, NOT_PRESENT);
    /** huge[1]: 2 MiB leaves keyed by vpn >> bits; huge[2]: 1 GiB leaves keyed by vpn >> 2*bits. */
    private final LongLongHashMap[] huge = new LongLongHashMap[3];
    /** tables[k], k = 1 .. levels-1: the level-k table pages, keyed by vpn >> (k * bits), valued by their entry count. */
    private final LongLongHashMap[] tables;
    private long hugeLeaves;
    private long presentPages;
    private long baseEntries;
    /** Dense page tables: chunks[c][index], with the table's key (vpn >> bits) in chunkKey[c]. */
    private long[][] chunks = new long[0][];
    private long[] chunkKey = new long[0];
    private int chunksUsed;
    private int[] freeChunks = new int[0];
    private int freeCount;
    private final int denseAt;
    private final long indexMask;

    /**
     * @param levels       levels of the tree (4 or 5 on x86-64; 3 with 16 KiB pages covers 47 bits)
     * @param bitsPerLevel page-number bits per level: page shift − 3 (8-byte entries filling one page)
     */
    public RadixPageTable(int levels, int bitsPerLevel) {
        if (levels < 2 || levels > 6 || bitsPerLevel < 4 || bitsPerLevel > 16) {
            throw new IllegalArgumentException("radix table of " + levels + " levels of " + bitsPerLevel + " bits");
        }
        this.levels = levels;
        this.bits = bitsPerLevel;
        this.tables = new LongLongHashMap[levels];
        for (int k = 1; k < levels; k++) {
            tables[k] = new LongLongHashMap(k == 1 ? 256 : 16, 0);
        }
        huge[1] = new LongLongHashMap(16, NOT_PRESENT);
        huge[2] = new LongLongHashMap(16, NOT_PRESENT);
        this.indexMask = (1L << bitsPerLevel) - 1;
        this.denseAt = Math.max(2, (1 << bitsPerLevel) / 8);
    }

    // tables[1] values: the entry count in the low 32 bits, the dense chunk (index + 1, or 0) above
    private static int count(long t) {
        return (int) t;
    }

    private static int chunkOf(long t) {
        return (int) (t >>> 32) - 1;
    }

    /** An x86-64 table for {@code pageSize} (4 KiB: 9 bits per level) and 4 or 5 levels. */
    public static RadixPageTable forPageSize(int pageSize, int levels) {
        return new RadixPageTable(levels, Addresses.shift(pageSize) - 3);
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public int bitsPerLevel() {
        return bits;
    }

    /** The slot of {@code vpn}'s entry inside its level-{@code level} table (1 = PT index, 4 = PML4 index). */
    public int index(long vpn, int level) {
        return (int) ((vpn >>> (bits * (level - 1))) & ((1L << bits) - 1));
    }

    /** Virtual-address bits the tree translates for a page of {@code pageShift} bits. */
    public int virtualBits(int pageShift) {
        return pageShift + levels * bits;
    }

    @Override
    public long lookup(long vpn) {
        long e;
        if (chunksUsed == 0) {
            e = leaves.get(vpn);
            if (e != NOT_PRESENT || hugeLeaves == 0) {
                return e;
            }
        } else {
            long t = tables[1].get(vpn >>> bits);
            if (t != 0) {
                int c = chunkOf(t);
                return c >= 0 ? chunks[c][(int) (vpn & indexMask)] : leaves.get(vpn);
            }
            if (hugeLeaves == 0) {
                return NOT_PRESENT;
            }
        }
        e = huge[1].get(vpn >>> bits);
        if (e != NOT_PRESENT) {
            return e;
        }
        return huge[2].get(vpn >>> (2 * bits));
    }

    @Override
    public void map(long vpn, long entry) {
        long key = vpn >>> bits;
        long t = tables[1].get(key);
        int c = chunkOf(t);
        if (c >= 0) {
            long[] chunk = chunks[c];
            int i = (int) (vpn & indexMask);
            if (chunk[i] == NOT_PRESENT) {
                presentPages++;
                baseEntries++;
                tables[1].put(key, t + 1);
            }
            chunk[i] = entry;
            return;
        }
        if (leaves.put(vpn, entry) != NOT_PRESENT) {
            return;
        }
        presentPages++;
        baseEntries++;
        if (t == 0) {
            tables[1].put(key, 1);
            addChild(2, vpn);
        } else if (count(t) + 1 >= denseAt) {
            densify(key, t + 1);
        } else {
            tables[1].put(key, t + 1);
        }
    }

    @Override
    public long unmap(long vpn) {
        long key = vpn >>> bits;
        long t = tables[1].get(key);
        if (t == 0) {
            return NOT_PRESENT;
        }
        int c = chunkOf(t);
        long e;
        if (c >= 0) {
            int i = (int) (vpn & indexMask);
            e = chunks[c][i];
            if (e == NOT_PRESENT) {
                return NOT_PRESENT;
            }
            chunks[c][i] = NOT_PRESENT;
        } else {
            e = leaves.remove(vpn);
            if (e == NOT_PRESENT) {
                return NOT_PRESENT;
            }
        }
        presentPages--;
        baseEntries--;
        if (count(t) <= 1) {
            tables[1].remove(key);
            if (c >= 0) {
                releaseChunk(c);
            }
            removeChild(2, vpn);
        } else {
            tables[1].put(key, t - 1);
        }
        return e;
    }

    /** The page table {@code key} is used enough: its entries move from the map into a dense array. */
    private void densify(long key, long t) {
        int c;
        if (freeCount > 0) {
            c = freeChunks[--freeCount];
        } else {
            if (chunksUsed == chunks.length) {
                int cap = Math.max(16, chunks.length * 2);
                chunks = java.util.Arrays.copyOf(chunks, cap);
                chunkKey = java.util.Arrays.copyOf(chunkKey, cap);
            }
            c = chunksUsed++;
            chunks[c] = new long[1 << bits];
        }
        long[] chunk = chunks[c];
        java.util.Arrays.fill(chunk, NOT_PRESENT);
        long first = key << bits;
        for (int i = 0; i < chunk.length; i++) {
            long e = leaves.remove(first + i);
            if (e != NOT_PRESENT) {
                chunk[i] = e;
            }
        }
        chunkKey[c] = key;
        tables[1].put(key, ((long) (c + 1) << 32) | count(t));
    }

    private void releaseChunk(int c) {
        chunkKey[c] = -1;
        if (freeCount == freeChunks.length) {
            freeChunks = java.util.Arrays.copyOf(freeChunks, Math.max(16, freeChunks.length * 2));
        }
        freeChunks[freeCount++] = c;
    }

    @Override
    public boolean supportsHuge(int level) {
        return level == 1 || level == 2;
    }

    @Override
    public void mapHuge(long vpn, long entry) {
        int level = PageTable.level(entry);
        if (!supportsHuge(level)) {
            throw new IllegalArgumentException("no huge leaf at level " + level);
        }
        if (huge[level].put(vpn >>> (level * bits), entry) == NOT_PRESENT) {
            hugeLeaves++;
            presentPages += 1L << (level * bits);
            addChild(level + 1, vpn);
        }
    }

    @Override
    public long unmapHuge(long vpn, int level) {
        if (!supportsHuge(level)) {
            return NOT_PRESENT;
        }
        long e = huge[level].remove(vpn >>> (level * bits));
        if (e != NOT_PRESENT) {
            hugeLeaves--;
            presentPages -= 1L << (level * bits);
            removeChild(level + 1, vpn);
        }
        return e;
    }

    @Override
    public boolean rangeEmpty(long vpn, int level) {
        if (level <= 0) {
            return lookup(vpn) == NOT_PRESENT;
        }
        if (huge[level].containsKey(vpn >>> (level * bits))) {
            return false;
        }
        // a level-k range is empty when no table below it exists and no smaller huge leaf sits in it
        if (level == 1) {
            return !tables[1].containsKey(vpn >>> bits) && !huge[2].containsKey(vpn >>> (2 * bits));
        }
        return level < levels && !tables[level].containsKey(vpn >>> (level * bits));
    }

    /** One more entry in the level-{@code k} table covering {@code vpn}; creates the table (and its parents) on the first. */
    private void addChild(int k, long vpn) {
        if (k >= levels) {
            return; // the root always exists
        }
        long key = vpn >>> (k * bits);
        long n = tables[k].get(key);
        tables[k].put(key, n + 1);
        if (n == 0) {
            addChild(k + 1, vpn);
        }
    }

    /** One entry fewer in the level-{@code k} table covering {@code vpn}; frees the table when it empties. */
    private void removeChild(int k, long vpn) {
        if (k >= levels) {
            return;
        }
        long key = vpn >>> (k * bits);
        long n = tables[k].get(key) - 1;
        if (n <= 0) {
            tables[k].remove(key);
            removeChild(k + 1, vpn);
        } else {
            tables[k].put(key, n);
        }
    }

    @Override
    public long present() {
        return baseEntries + hugeLeaves;
    }

    @Override
    public long presentPages() {
        return presentPages;
    }

    /** Huge leaves mapped (2 MiB and 1 GiB). */
    public long hugeLeaves() {
        return hugeLeaves;
    }

    @Override
    public long tablePages() {
        long n = 1; // the root (PML4 or PML5) always exists
        for (int k = 1; k < levels; k++) {
            n += tables[k].size();
        }
        return n;
    }

    /** Table pages at level {@code k} (1 = page tables, 2 = page directories, …; {@code levels} = the root). */
    public long tablePagesAt(int k) {
        if (k == levels) {
            return 1;
        }
        return k >= 1 && k < levels ? tables[k].size() : 0;
    }

    @Override
    public void forEach(Visitor visitor) {
        leaves.forEach(visitor::visit);
        for (int c = 0; c < chunksUsed; c++) {
            if (chunkKey[c] < 0) {
                continue;
            }
            long[] chunk = chunks[c];
            long first = chunkKey[c] << bits;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] != NOT_PRESENT) {
                    visitor.visit(first + i, chunk[i]);
                }
            }
        }
        for (int level = 1; level <= 2; level++) {
            final int shift = level * bits;
            huge[level].forEach((key, e) -> visitor.visit(key << shift, e));
        }
    }

    /** Host bytes held by the maps (for the footprint benchmark). */
    public long footprintBytes() {
        long b = leaves.footprintBytes() + huge[1].footprintBytes() + huge[2].footprintBytes() + (long) chunksUsed * (8L << bits);
        for (int k = 1; k < levels; k++) {
            b += tables[k].footprintBytes();
        }
        return b;
    }
}
