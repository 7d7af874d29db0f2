package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.MALLOC_ALIGNMENT;
import static org.memsim.alloc.ptmalloc.Chunk.MINSIZE;

import org.memsim.vm.MemoryPort;

/**
 * The per-thread cache (glibc 2.26+, {@code tcache_perthread_struct}, {@code tcache_put},
 * {@code tcache_get}): {@code TCACHE_MAX_BINS} = 64 singly linked LIFO lists of chunks of one size
 * each (32 … 1040 bytes), at most {@code TCACHE_FILL_COUNT} = 7 chunks per list. The struct itself
 * (uint16_t counts[64] then 64 entry pointers: 640 bytes, a 0x290 chunk) is the first thing malloc
 * allocates ({@code tcache_init}), which is why the first user chunk sits at heap offset 0x290.
 * An entry's {@code next} is safe-linked ({@code PROTECT_PTR}); its {@code key} is set to
 * {@code tcache_key} while cached, which is how {@code _int_free} detects a double free.
 */
final class Tcache {
    /** {@code TCACHE_MAX_BINS}. */
    static final int MAX_BINS = 64;
    /** {@code TCACHE_FILL_COUNT} (mp_.tcache_count). */
    static final int FILL_COUNT = 7;
    /** {@code sizeof (tcache_perthread_struct)}: 64 uint16_t counts + 64 pointers. */
    static final long STRUCT_BYTES = 2 * MAX_BINS + 8 * MAX_BINS;
    /**
     * {@code tcache_key} (glibc 2.34+): random per process ({@code tcache_key_initialize} with
     * getrandom); a fixed stand-in here.
     */
    static final long KEY = 0x5c1e0b4d2a7f9e31L;
    /** Offset of the entry's key field in the user data ({@code tcache_entry.key}). */
    static final long KEY_OFFSET = 8;

    private final ChunkMemory m;
    // The word store and memory port of m, held here too: tcache_get and tcache_put are most ops,
    // and each saves the load of m's field (a dependent load before every word access).
    private final WordStore words;
    private final MemoryPort memory;
    final int[] counts = new int[MAX_BINS];
    final long[] entries = new long[MAX_BINS]; // tcache_entry pointers (mem addresses), unmangled heads
    long base;                                 // the tcache pointer (0 before tcache_init)
    long total;                                // chunks cached over all bins

    Tcache(ChunkMemory m) {
        this.m = m;
        this.words = m.words;
        this.memory = m.port();
    }

    /** {@code csize2tidx}. */
    static int index(long chunkSize) {
        return (int) ((chunkSize - MINSIZE + MALLOC_ALIGNMENT - 1) / MALLOC_ALIGNMENT);
    }

    /** {@link #index} of a size known to be in [MINSIZE, 2^63): a shift where the division needs a sign fix-up. */
    static int indexOfValid(long chunkSize) {
        return (int) ((chunkSize - MINSIZE + MALLOC_ALIGNMENT - 1) >>> 4); // MALLOC_ALIGNMENT is 1 << 4
    }

    boolean initialized() {
        return base != 0;
    }

    /** {@code tcache_init}'s memset of the struct just allocated at {@code mem}. */
    void init(long mem) {
        base = mem;
        m.touch(mem, STRUCT_BYTES, true);
    }

    /** Bytes cached: each bin holds chunks of {@code tidx2usize + SIZE_SZ} bytes. */
    long bytes() {
        long b = 0;
        for (int i = 0; i < MAX_BINS; i++) {
            b += counts[i] * (MINSIZE + (long) i * MALLOC_ALIGNMENT);
        }
        return b;
    }

    /** Bins above {@code mp_.tcache_bins} are not cached. */
    static boolean cacheable(int idx) {
        return idx < MAX_BINS;
    }

    /** {@code tcache->counts[idx]} (its read is charged with the list update that follows it). */
    int count(int idx) {
        return counts[idx];
    }

    /** {@code tcache_put}: the caller checked there is room. */
    void put(long chunk, int idx) {
        long e = Chunk.mem(chunk);
        MemoryPort mem = memory;
        long b = base;
        mem.write(e, 16); // e->key = tcache_key; e->next = PROTECT_PTR (&e->next, entries[idx])
        words.putPair(e, Chunk.protect(e, entries[idx]), KEY);
        entries[idx] = e;
        counts[idx]++;
        total++;
        mem.write(b + 2L * idx, 2);
        mem.write(b + 2L * MAX_BINS + 8L * idx, 8);
    }

    /** {@code tcache_get}: the caller checked the list is not empty; returns the mem address. */
    long get(int idx) {
        long e = entries[idx];
        if (!Chunk.aligned(e)) {
            throw new GlibcAbort("malloc(): unaligned tcache chunk detected");
        }
        MemoryPort mem = memory;
        long b = base;
        mem.write(e, 16); // read e->next, write e->key = 0
        entries[idx] = Chunk.protect(e, words.takePair(e)); // key = 0; next: user data from now on
        counts[idx]--;
        total--;
        mem.write(b + 2L * idx, 2);
        mem.write(b + 2L * MAX_BINS + 8L * idx, 8);
        return e;
    }

    /**
     * The double-free test of {@code _int_free}: a chunk whose key is {@code tcache_key} is looked
     * for in its list; found, glibc aborts; a coincidence is tolerated.
     */
    void checkDoubleFree(long chunk, int idx) {
        long e = Chunk.mem(chunk);
        memory.read(e + KEY_OFFSET, 8);
        if (words.get(e + KEY_OFFSET) == KEY) {
            searchForDoubleFree(e, idx);
        }
    }

    /** The rare half of the double-free test (the key matched): walks list {@code idx} looking for {@code e}. */
    private void searchForDoubleFree(long e, int idx) {
        int cnt = 0;
        for (long tmp = entries[idx]; tmp != 0; tmp = Chunk.protect(tmp, m.readWord(tmp)), cnt++) {
            if (cnt >= FILL_COUNT) {
                throw new GlibcAbort("free(): too many chunks detected in tcache");
            }
            if (!Chunk.aligned(tmp)) {
                throw new GlibcAbort("free(): unaligned chunk detected in tcache 2");
            }
            if (tmp == e) {
                throw new GlibcAbort("free(): double free detected in tcache 2");
            }
        }
    }
}
