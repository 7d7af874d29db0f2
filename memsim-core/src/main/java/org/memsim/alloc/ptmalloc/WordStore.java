package org.memsim.alloc.ptmalloc;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * The contents of the simulated memory words ptmalloc reads and writes (chunk headers, footers,
 * free-list links, tcache entries), found by address rather than hashed: the first
 * {@link #WINDOW_BYTES} above the heap base (where a small heap lives entirely) are one direct array
 * of words, allocated at the first write there and read or written with one index (one dependent
 * load fewer per access than an array of parts; the array sits in a humongous region of G1);
 * beyond it, a directory indexed by 8 KiB page holds a {@link SparsePage} of 4-byte entries per
 * page (about one per live chunk).
 * A sparse entry's code is a small value (size fields, footers below 1 MiB), {@code tcache_key},
 * a NULL safe-linked with the word's own address, a bin header of {@code main_arena}, or "wide":
 * the value is in a side map, as are words outside the 16 GiB above the heap base (mmapped chunks).
 * A word never written reads as 0, and writing 0 forgets the word. Words that stop being metadata
 * (the links of a chunk handed out, the header of a chunk merged away) are dropped, so the store
 * holds about one word per live chunk and a few per free chunk.
 * <pre>
 *  heap offset:  | 0 .. WINDOW_BYTES: one long[] | 8 KiB pages beyond: one SparsePage each | 16 GiB .. : far map
 * </pre>
 */
final class WordStore {
    /** Heap bytes per {@link SparsePage}: 8 KiB, 1024 words. */
    static final int PAGE_SHIFT = 13;
    static final int PAGE_WORDS = SparsePage.SLOTS;
    /**
     * Heap bytes kept as a direct array of words (one host byte per heap byte): 1 MiB less 64 bytes,
     * so that the array with its header is just under 1 MiB. G1 puts an object of at least half a
     * region in whole regions of its own; at 1 MiB, the array would take a 2 MiB region and waste
     * the rest, about one host byte per live block in {@code AllocatorFootprint}'s million blocks.
     * The 8 KiB page that straddles the end is a sparse page for its last 64 bytes.
     */
    static final long WINDOW_BYTES = (1L << 20) - 64;
    private static final int WINDOW_PAGES = (int) (WINDOW_BYTES >>> PAGE_SHIFT);
    private static final long SPAN = 1L << 34; // words within 16 GiB of the base live in pages
    private static final int SMALL_LIMIT = 1 << (SparsePage.SLOT_SHIFT - 1); // codes below are the value itself
    private static final int WIDE = SMALL_LIMIT, KEY = SMALL_LIMIT + 1, MANGLED_NULL = SMALL_LIMIT + 2, BIN0 = SMALL_LIMIT + 3;

    private final long base;
    private long[] window = new long[0];      // empty until the first write below WINDOW_BYTES (no null check on reads)
    /**
     * False when the window's range would hold {@code main_arena}'s bin headers (a heap placed just
     * below libc's data): {@link ChunkMemory} skips its bin-header test for words in the window, so
     * the window is then never created and its words go to the side map.
     */
    private final boolean windowAllowed;
    private int[][] sparse = new int[64][];   // indexed by page - WINDOW_PAGES
    /** Words outside the span (keyed by address) and the values of wide entries (keyed by word address). */
    private final LongLongHashMap others = new LongLongHashMap(64, 0);
    private final int[] old = new int[1];
    private long sparseWords;

    WordStore(long base) {
        this.base = base;
        long arenaLo = ChunkMemory.binAt(1) - 64;
        long arenaHi = ChunkMemory.binAt(ChunkMemory.NBINS - 1) + 64;
        this.windowAllowed = arenaHi <= base || arenaLo >= base + WINDOW_BYTES;
    }

    /*
     * The window tests below are one compare: (address - base) >>> 3 is the word index with a
     * negative offset wrapped to a huge one, so "index < window.length" is the unsigned range test.
     */

    /** Whether {@code address} is a word of the (allocated) window: never a bin header of {@code main_arena}. */
    boolean inWindow(long address) {
        return (address - base) >>> 3 < window.length;
    }

    /** The word at {@code address}, which {@link #inWindow} accepted. */
    long windowWord(long address) {
        return window[(int) ((address - base) >>> 3)];
    }

    /** Stores the word at {@code address}, which {@link #inWindow} accepted (0: forgets it). */
    void setWindowWord(long address, long value) {
        window[(int) ((address - base) >>> 3)] = value;
    }

    /** The sparse code of {@code value} stored at word {@code address}, or {@link #WIDE}. */
    private static int encode(long address, long value) {
        if (value > 0 && value < SMALL_LIMIT) {
            return (int) value;
        }
        if (value == Tcache.KEY) {
            return KEY;
        }
        if (value == address >>> 12) {
            return MANGLED_NULL; // PROTECT_PTR (&e->next, NULL): the last entry of a tcache list or fastbin
        }
        int b = ChunkMemory.binIndex(value);
        return b > 0 ? BIN0 + b : WIDE;
    }

    private long decode(long address, int code) {
        if (code < SMALL_LIMIT) {
            return code;
        }
        switch (code) {
            case WIDE:
                return others.get(address);
            case KEY:
                return Tcache.KEY;
            case MANGLED_NULL:
                return address >>> 12;
            default:
                return ChunkMemory.binAt(code - BIN0);
        }
    }

    long get(long address) {
        long off = address - base;
        long[] w = window;
        long i = off >>> 3;
        if (i < w.length) {
            return w[(int) i];
        }
        return getBeyond(address, off);
    }

    private long getBeyond(long address, long off) {
        if (off < 0 || off >= SPAN) {
            return others.get(address);
        }
        if (off < WINDOW_BYTES) {
            return windowAllowed ? 0 : others.get(address & ~7L); // the window is not there yet, or never will be
        }
        int page = (int) (off >>> PAGE_SHIFT) - WINDOW_PAGES;
        int[] s = page < sparse.length ? sparse[page] : null;
        if (s == null) {
            return 0;
        }
        int code = SparsePage.get(s, (int) (off >>> 3) & (PAGE_WORDS - 1));
        return code == 0 ? 0 : decode(address & ~7L, code);
    }

    void put(long address, long value) {
        long off = address - base;
        long[] w = window;
        long i = off >>> 3;
        if (i < w.length) {
            w[(int) i] = value;
            return;
        }
        putBeyond(address, off, value);
    }

    private void putBeyond(long address, long off, long value) {
        if (value == 0) {
            remove(address);
            return;
        }
        if (off < 0 || off >= SPAN) {
            others.put(address, value);
            return;
        }
        if (off < WINDOW_BYTES && !windowAllowed) {
            others.put(address & ~7L, value);
            return;
        }
        if (off < WINDOW_BYTES) {
            window = new long[(int) (WINDOW_BYTES >>> 3)];
            put(address, value);
            return;
        }
        putSparse(address & ~7L, (int) (off >>> PAGE_SHIFT) - WINDOW_PAGES, (int) (off >>> 3) & (PAGE_WORDS - 1), value);
    }

    /** Stores the two words at {@code address} and {@code address + 8} (a tcache entry's next and key). */
    void putPair(long address, long first, long second) {
        long off = address - base;
        long[] w = window;
        if ((off >>> 3) + 1 < w.length) { // both words in the window (any 8-aligned pair: word i and i + 1)
            int i = (int) (off >>> 3);
            w[i] = first;
            w[i + 1] = second;
            return;
        }
        put(address, first);
        put(address + 8, second);
    }

    /**
     * Reads the word at {@code address} and forgets it and the next one (a tcache
     * entry handed out: its next is read, its key cleared, and both are user data from then on).
     */
    long takePair(long address) {
        long off = address - base;
        long[] w = window;
        if ((off >>> 3) + 1 < w.length) { // both words in the window (any 8-aligned pair: word i and i + 1)
            int i = (int) (off >>> 3);
            long first = w[i];
            w[i] = 0;
            w[i + 1] = 0;
            return first;
        }
        long first = get(address);
        removePair(address);
        return first;
    }

    /** Forgets the words at {@code address} and {@code address + 8}. */
    void removePair(long address) {
        long off = address - base;
        long[] w = window;
        if ((off >>> 3) + 1 < w.length) { // both words in the window (any 8-aligned pair: word i and i + 1)
            int i = (int) (off >>> 3);
            w[i] = 0;
            w[i + 1] = 0;
            return;
        }
        remove(address);
        remove(address + 8);
    }

    private void putSparse(long word, int page, int slot, long value) {
        if (page >= sparse.length) {
            sparse = Arrays.copyOf(sparse, Math.max(page + 1, sparse.length * 2));
        }
        int[] s = sparse[page];
        if (s == null) {
            s = SparsePage.empty();
        }
        int code = encode(word, value);
        sparse[page] = SparsePage.put(s, slot, code, old);
        if (old[0] == 0) {
            sparseWords++;
        } else if (old[0] == WIDE && code != WIDE) {
            others.remove(word);
        }
        if (code == WIDE) {
            others.put(word, value);
        }
    }

    /** Forgets a word (it is user data again); reads of it return 0 until written. */
    void remove(long address) {
        long off = address - base;
        long[] w = window;
        long i = off >>> 3;
        if (i < w.length) {
            w[(int) i] = 0;
            return;
        }
        removeBeyond(address, off);
    }

    private void removeBeyond(long address, long off) {
        if (Long.compareUnsigned(off, WINDOW_BYTES) < 0) {
            if (!windowAllowed) {
                others.remove(address & ~7L); // else the window is not there yet: nothing to forget
            }
            return;
        }
        if (off < 0 || off >= SPAN) {
            others.remove(address);
            return;
        }
        int page = (int) (off >>> PAGE_SHIFT) - WINDOW_PAGES;
        int[] s = page < sparse.length ? sparse[page] : null;
        if (s == null) {
            return;
        }
        SparsePage.remove(s, (int) (off >>> 3) & (PAGE_WORDS - 1), old);
        if (old[0] != 0) {
            sparseWords--;
            if (old[0] == WIDE) {
                others.remove(address & ~7L);
            }
        }
    }

    /** Words held (counts the window: for tests and diagnostics, not per op). */
    long size() {
        long windowWords = 0;
        for (long v : window) {
            if (v != 0) {
                windowWords++;
            }
        }
        long wideWords = 0;
        for (int[] s : sparse) {
            if (s != null) {
                for (int i = 1; i <= SparsePage.count(s); i++) {
                    if (SparsePage.codeAt(s, i) == WIDE) {
                        wideWords++;
                    }
                }
            }
        }
        return windowWords + sparseWords + others.size() - wideWords;
    }
}
