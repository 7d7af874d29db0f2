package org.memsim.alloc.ptmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link WordStore} against a plain map of word → value, on seeded random reads, writes and removals. */
class WordStoreTest {
    static final long BASE = 0x555555559000L;
    /** A heap base just below main_arena's bin headers: the window's range would hold them, so the store keeps no window. */
    static final long BASE_BELOW_ARENA = (ChunkMemory.binAt(1) - (WordStore.WINDOW_BYTES >>> 1)) & ~4095L;

    /** Addresses where the store changes representation: the window, sparse pages, the far map. */
    private static long address(SplittableRandom r, long base) {
        switch (r.nextInt(6)) {
            case 0:
                return base + 8L * r.nextInt(400);                                       // the window's first page, crowded
            case 1:
                return base + 8L * r.nextInt((int) (WordStore.WINDOW_BYTES >>> 3));      // the whole window
            case 2:
                return base + WordStore.WINDOW_BYTES - 64 + 8L * r.nextInt(1200);       // its end and the first sparse pages, crowded
            case 3:
                return base + 8L * r.nextInt(1 << 24);                                   // up to 128 MiB, spread
            case 4:
                return base + (1L << 34) - 4096 + 8L * r.nextInt(1024);                 // the span's edge and beyond
            default:
                return base - 8 - 8L * r.nextInt(64);                                    // below the base
        }
    }

    private static long value(SplittableRandom r, long address) {
        switch (r.nextInt(9)) {
            case 0:
                return 0;
            case 1:
                return 1 + r.nextInt((1 << 21) + 16);                              // small, and just past the small limit
            case 2:
                return Tcache.KEY;
            case 3:
                return address >>> 12;                                             // a safe-linked NULL
            case 4:
                return ChunkMemory.binAt(1 + r.nextInt(ChunkMemory.NBINS - 1));
            case 5:
                return BASE + 16L * r.nextInt(1 << 20);                           // a heap pointer
            case 6:
                return Chunk.protect(address, BASE + 16L * r.nextInt(1 << 20)); // a safe-linked heap pointer
            case 7:
                return -1L - r.nextInt(3);
            default:
                return r.nextLong();
        }
    }

    private static long key(long address, long base) {
        long off = address - base;
        return off >= 0 && off < 1L << 34 ? address & ~7L : address;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void agreesWithAMapOfWords(long seed) {
        agreesWithAMapOfWords(seed, BASE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void agreesWithAMapOfWordsWithoutAWindow(long seed) {
        assertFalse(new WordStore(BASE_BELOW_ARENA).inWindow(BASE_BELOW_ARENA));
        agreesWithAMapOfWords(seed, BASE_BELOW_ARENA);
    }

    private static void agreesWithAMapOfWords(long seed, long base) {
        SplittableRandom r = new SplittableRandom(seed);
        WordStore store = new WordStore(base);
        Map<Long, Long> ref = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            long address = address(r, base);
            switch (r.nextInt(6)) {
                case 4 -> {
                    long granule = address & (r.nextBoolean() ? ~15L : ~7L); // a 16-byte granule, or any two adjacent words
                    long first = value(r, granule);
                    long second = value(r, granule + 8);
                    store.putPair(granule, first, second);
                    for (long[] w : new long[][] {{granule, first}, {granule + 8, second}}) {
                        if (w[1] == 0) {
                            ref.remove(key(w[0], base));
                        } else {
                            ref.put(key(w[0], base), w[1]);
                        }
                    }
                }
                case 5 -> {
                    long granule = address & (r.nextBoolean() ? ~15L : ~7L); // a 16-byte granule, or any two adjacent words
                    store.removePair(granule);
                    ref.remove(key(granule, base));
                    ref.remove(key(granule + 8, base));
                }
                case 0, 1 -> {
                    long v = value(r, address);
                    store.put(address, v);
                    if (v == 0) {
                        ref.remove(key(address, base));
                    } else {
                        ref.put(key(address, base), v);
                    }
                }
                case 2 -> {
                    store.remove(address);
                    ref.remove(key(address, base));
                }
                default -> assertEquals(ref.getOrDefault(key(address, base), 0L), store.get(address), "word at " + Long.toHexString(address));
            }
            if (op % 10_000 == 0) {
                assertEquals(ref.size(), store.size());
            }
        }
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertEquals(e.getValue(), store.get(e.getKey()));
        }
        assertEquals(ref.size(), store.size());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void unalignedAddressesInTheSpanNameTheirWord(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        WordStore store = new WordStore(BASE);
        for (int i = 0; i < 10_000; i++) {
            long word = BASE + 8L * r.nextInt(1 << 20);
            long v = value(r, word);
            store.put(word + r.nextInt(8), v);
            assertEquals(v, store.get(word));
            assertEquals(v, store.get(word + 7));
        }
    }
}
