package org.memsim.safety;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * The blocks the checker knows, live or freed and still in the quarantine, as parallel primitive
 * columns indexed by a recycled slot (memcheck keeps a hash table of malloc'd chunks and a queue of
 * freed ones; ASan keeps a chunk header in the left red zone). Lookups by id and by start address
 * are open-addressing maps; about 150 host bytes per block.
 */
final class Blocks {
    static final long MISSING = -1;
    static final byte EMPTY = 0;
    static final byte LIVE = 1;
    static final byte FREED = 2;

    long[] id = new long[64];
    long[] start = new long[64];
    long[] size = new long[64];
    long[] sim = new long[64];
    long[] allocEvent = new long[64];
    long[] freeEvent = new long[64];
    int[] allocSite = new int[64];
    int[] freeSite = new int[64];
    byte[] status = new byte[64];
    private int used;
    private int[] spare = new int[64];
    private int spareCount;

    LongLongHashMap liveIds = new LongLongHashMap(1024, MISSING);
    LongLongHashMap freedIds = new LongLongHashMap(1024, MISSING);
    LongLongHashMap liveStarts = new LongLongHashMap(1024, MISSING);
    LongLongHashMap freedStarts = new LongLongHashMap(1024, MISSING);
    LongLongHashMap liveSims = new LongLongHashMap(1024, MISSING);
    private long liveCount;
    /** Index live blocks by their simulated address too (recorded addresses re-placed by a simulated allocator). */
    boolean trackSims;

    /** A copy of every block and index (a forked child's heap: the same ids name the copies). */
    Blocks copy() {
        Blocks c = new Blocks();
        c.id = id.clone();
        c.start = start.clone();
        c.size = size.clone();
        c.sim = sim.clone();
        c.allocEvent = allocEvent.clone();
        c.freeEvent = freeEvent.clone();
        c.allocSite = allocSite.clone();
        c.freeSite = freeSite.clone();
        c.status = status.clone();
        c.used = used;
        c.spare = spare.clone();
        c.spareCount = spareCount;
        c.liveIds = copyOf(liveIds);
        c.freedIds = copyOf(freedIds);
        c.liveStarts = copyOf(liveStarts);
        c.freedStarts = copyOf(freedStarts);
        c.liveSims = copyOf(liveSims);
        c.liveCount = liveCount;
        c.trackSims = trackSims;
        return c;
    }

    private static LongLongHashMap copyOf(LongLongHashMap m) {
        LongLongHashMap c = new LongLongHashMap(Math.max(1024, m.size()), MISSING);
        m.forEach(c::put);
        return c;
    }

    /** A new live block; returns its slot. */
    int born(long blockId, long address, long bytes, long simAddress, long event, int site) {
        int s = spareCount > 0 ? spare[--spareCount] : grow();
        id[s] = blockId;
        start[s] = address;
        size[s] = bytes;
        sim[s] = simAddress;
        allocEvent[s] = event;
        freeEvent[s] = MISSING;
        allocSite[s] = site;
        freeSite[s] = 0;
        status[s] = LIVE;
        liveIds.put(blockId, s);
        liveStarts.put(address, s);
        if (trackSims) {
            liveSims.put(simAddress, s);
        }
        liveCount++;
        return s;
    }

    private int grow() {
        if (used == id.length) {
            int n = used * 2;
            id = Arrays.copyOf(id, n);
            start = Arrays.copyOf(start, n);
            size = Arrays.copyOf(size, n);
            sim = Arrays.copyOf(sim, n);
            allocEvent = Arrays.copyOf(allocEvent, n);
            freeEvent = Arrays.copyOf(freeEvent, n);
            allocSite = Arrays.copyOf(allocSite, n);
            freeSite = Arrays.copyOf(freeSite, n);
            status = Arrays.copyOf(status, n);
        }
        return used++;
    }

    /** The live block {@code s} is freed; {@code remember} keeps its id findable (false after a realloc moved it). */
    void died(int s, long event, int site, boolean remember) {
        removeIf(liveIds, id[s], s);
        removeIf(liveStarts, start[s], s);
        if (trackSims) {
            removeIf(liveSims, sim[s], s);
        }
        status[s] = FREED;
        freeEvent[s] = event;
        freeSite[s] = site;
        if (remember) {
            freedIds.put(id[s], s);
        }
        freedStarts.put(start[s], s);
        liveCount--;
    }

    /** The live block {@code s} disappears without a trace (realloc in place). */
    void drop(int s) {
        removeIf(liveIds, id[s], s);
        removeIf(liveStarts, start[s], s);
        if (trackSims) {
            removeIf(liveSims, sim[s], s);
        }
        liveCount--;
        release(s);
    }

    /** The freed block {@code s} leaves the quarantine: forgotten. */
    void forget(int s) {
        removeIf(freedIds, id[s], s);
        removeIf(freedStarts, start[s], s);
        release(s);
    }

    private void release(int s) {
        status[s] = EMPTY;
        if (spareCount == spare.length) {
            spare = Arrays.copyOf(spare, spareCount * 2);
        }
        spare[spareCount++] = s;
    }

    private static void removeIf(LongLongHashMap map, long key, int s) {
        if (map.get(key) == s) {
            map.remove(key);
        }
    }

    /** The live block with {@code blockId}, or -1. */
    int live(long blockId) {
        return (int) liveIds.get(blockId);
    }

    /** The remembered freed block with {@code blockId}, or -1. */
    int freed(long blockId) {
        return (int) freedIds.get(blockId);
    }

    /** Slot of the live (else freed) block starting at {@code address} and containing {@code a}, or -1. */
    int startingAt(long address, long a, boolean liveFirst) {
        long s1 = (liveFirst ? liveStarts : freedStarts).get(address);
        if (s1 >= 0 && contains((int) s1, a)) {
            return (int) s1;
        }
        long s2 = (liveFirst ? freedStarts : liveStarts).get(address);
        if (s2 >= 0 && contains((int) s2, a)) {
            return (int) s2;
        }
        return -1;
    }

    boolean contains(int s, long a) {
        return a >= start[s] && (a < start[s] + size[s] || (size[s] == 0 && a == start[s]));
    }

    long liveCount() {
        return liveCount;
    }

    /** Every slot in use, for the leak scan. */
    int capacity() {
        return used;
    }

    Finding.Block describe(int s) {
        return new Finding.Block(id[s], size[s], allocEvent[s], freeEvent[s], allocSite[s], freeSite[s]);
    }
}
