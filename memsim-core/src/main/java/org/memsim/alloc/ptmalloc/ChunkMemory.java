package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.BK;
import static org.memsim.alloc.ptmalloc.Chunk.BK_NEXTSIZE;
import static org.memsim.alloc.ptmalloc.Chunk.FD;
import static org.memsim.alloc.ptmalloc.Chunk.FD_NEXTSIZE;
import static org.memsim.alloc.ptmalloc.Chunk.PREV_INUSE;
import static org.memsim.alloc.ptmalloc.Chunk.PREV_SIZE;
import static org.memsim.alloc.ptmalloc.Chunk.SIZE;
import static org.memsim.alloc.ptmalloc.Chunk.SIZE_BITS;

import org.memsim.vm.MemoryPort;

/**
 * The chunk fields glibc reads and writes ({@code malloc_chunk}: prev_size, size, fd, bk,
 * fd_nextsize, bk_nextsize), each kept in a {@link WordStore} and each read or write also a real
 * access through the {@link MemoryPort}, so the pages malloc touches are the pages that fault.
 * Bin headers live in {@code main_arena} (libc's data, not the heap): their fd/bk are host arrays
 * here, at the addresses glibc would give them ({@code bin_at}), and are not charged as accesses.
 */
final class ChunkMemory {
    /**
     * Where {@code main_arena} sits in this model (an address in libc's data as with ASLR off; only
     * its value is observable, as the fd/bk of the first and last chunk of a bin).
     */
    static final long MAIN_ARENA = 0x7ffff7e19c80L;
    /** {@code offsetof(struct malloc_state, bins)}: mutex, flags, have_fastchunks, fastbinsY[10], top, last_remainder. */
    static final long BINS_OFFSET = 4 + 4 + 4 + 4 + 10 * 8 + 8 + 8;
    /** {@code NBINS}. */
    static final int NBINS = 128;
    /** {@code bin_at(av, 1)}: bins[0] minus offsetof(malloc_chunk, fd). */
    static final long BIN1 = MAIN_ARENA + BINS_OFFSET - FD;

    final WordStore words;
    private final MemoryPort memory;
    final long[] binFd = new long[NBINS];
    final long[] binBk = new long[NBINS];

    /** The port every access of this memory goes through (for the tcache's own short path). */
    MemoryPort port() {
        return memory;
    }

    ChunkMemory(WordStore words, MemoryPort memory) {
        this.words = words;
        this.memory = memory;
        for (int i = 1; i < NBINS; i++) { // malloc_init_state: bin->fd = bin->bk = bin
            binFd[i] = binAt(i);
            binBk[i] = binAt(i);
        }
    }

    /** {@code bin_at(av, i)}. */
    static long binAt(int i) {
        return BIN1 + (long) (i - 1) * 16;
    }

    /** The bin index of a bin header address, or -1 for a chunk. */
    static int binIndex(long address) {
        long off = address - BIN1;
        if (off < 0 || off >= (NBINS - 1) * 16L || (off & 15) != 0) {
            return -1;
        }
        return (int) (off >>> 4) + 1;
    }

    // ------------------------------------------------------------------ size and prev_size

    /*
     * The bins-aware accessors below first ask whether the word is in the word store's window: a
     * heap word there is never a bin header (WordStore keeps the window clear of main_arena), so
     * the bin-index test is skipped, and the word is read before the access is charged (the port
     * never changes the store: the port's accesses and their order are what is observable, and
     * they are kept). Everything else is in a separate "outside" method: the JIT inlines these
     * accessors dozens of times into _int_malloc, whose inlining budget (bytecodes) they share.
     */

    /** A window word (the caller checked {@link WordStore#inWindow}), charged as a read. */
    private long readWindow(long a) {
        long v = words.windowWord(a);
        memory.read(a, 8);
        return v;
    }

    /** Stores a window word (the caller checked {@link WordStore#inWindow}; 0 forgets it), charged as a write. */
    private void writeWindow(long a, long v) {
        words.setWindowWord(a, v);
        memory.write(a, 8);
    }

    long sizeField(long p) {
        long a = p + SIZE;
        return words.inWindow(a) ? readWindow(a) : sizeFieldOutside(p);
    }

    private long sizeFieldOutside(long p) {
        if (binIndex(p) > 0) {
            return 0; // a bin header's "size" is arena data (last_remainder or a neighbour bin's bk); never a chunk size
        }
        memory.read(p + SIZE, 8);
        return words.get(p + SIZE);
    }

    long chunksize(long p) {
        return sizeField(p) & ~SIZE_BITS;
    }

    /** {@code set_head}. */
    void setHead(long p, long field) {
        memory.write(p + SIZE, 8);
        words.put(p + SIZE, field);
    }

    /** {@code set_head_size}: keeps the bits. */
    void setHeadSize(long p, long size) {
        long old = sizeField(p);
        setHead(p, (old & SIZE_BITS) | size);
    }

    long prevSize(long p) {
        memory.read(p + PREV_SIZE, 8);
        return words.get(p + PREV_SIZE);
    }

    /** {@code set_prev_size}. */
    void setPrevSize(long p, long size) {
        memory.write(p + PREV_SIZE, 8);
        words.put(p + PREV_SIZE, size);
    }

    /** {@code set_foot(p, s)}: the next chunk's prev_size. */
    void setFoot(long p, long s) {
        setPrevSize(p + s, s);
    }

    /** {@code inuse_bit_at_offset}. */
    boolean inuseBitAt(long p, long s) {
        return (sizeField(p + s) & PREV_INUSE) != 0;
    }

    /** {@code set_inuse_bit_at_offset}. */
    void setInuseBitAt(long p, long s) {
        long q = p + s;
        setHead(q, sizeField(q) | PREV_INUSE);
    }

    /** {@code clear_inuse_bit_at_offset}. */
    void clearInuseBitAt(long p, long s) {
        long q = p + s;
        setHead(q, sizeField(q) & ~PREV_INUSE);
    }

    // ------------------------------------------------------------------ links (bins aware)

    long fd(long p) {
        long a = p + FD;
        return words.inWindow(a) ? readWindow(a) : fdOutside(p);
    }

    private long fdOutside(long p) {
        int b = binIndex(p);
        if (b > 0) {
            return binFd[b];
        }
        memory.read(p + FD, 8);
        return words.get(p + FD);
    }

    long bk(long p) {
        long a = p + BK;
        return words.inWindow(a) ? readWindow(a) : bkOutside(p);
    }

    private long bkOutside(long p) {
        int b = binIndex(p);
        if (b > 0) {
            return binBk[b];
        }
        memory.read(p + BK, 8);
        return words.get(p + BK);
    }

    void setFd(long p, long v) {
        long a = p + FD;
        if (words.inWindow(a)) {
            writeWindow(a, v);
        } else {
            setFdOutside(p, v);
        }
    }

    private void setFdOutside(long p, long v) {
        int b = binIndex(p);
        if (b > 0) {
            binFd[b] = v;
            return;
        }
        memory.write(p + FD, 8);
        words.put(p + FD, v);
    }

    void setBk(long p, long v) {
        long a = p + BK;
        if (words.inWindow(a)) {
            writeWindow(a, v);
        } else {
            setBkOutside(p, v);
        }
    }

    private void setBkOutside(long p, long v) {
        int b = binIndex(p);
        if (b > 0) {
            binBk[b] = v;
            return;
        }
        memory.write(p + BK, 8);
        words.put(p + BK, v);
    }

    /*
     * A bin header is only its fd/bk pair: what glibc would read as its fd_nextsize/bk_nextsize is
     * the next bin's fd/bk (bin_at(i) + 32 == bin_at(i + 1) + 16), as in unlink_chunk when the chunk
     * is the last of its bin.
     */

    long fdNextsize(long p) {
        long a = p + FD_NEXTSIZE;
        return words.inWindow(a) ? readWindow(a) : fdNextsizeOutside(p);
    }

    private long fdNextsizeOutside(long p) {
        int b = binIndex(p);
        if (b > 0) {
            return b + 1 < NBINS ? binFd[b + 1] : 0;
        }
        memory.read(p + FD_NEXTSIZE, 8);
        return words.get(p + FD_NEXTSIZE);
    }

    long bkNextsize(long p) {
        long a = p + BK_NEXTSIZE;
        return words.inWindow(a) ? readWindow(a) : bkNextsizeOutside(p);
    }

    private long bkNextsizeOutside(long p) {
        int b = binIndex(p);
        if (b > 0) {
            return b + 1 < NBINS ? binBk[b + 1] : 0;
        }
        memory.read(p + BK_NEXTSIZE, 8);
        return words.get(p + BK_NEXTSIZE);
    }

    void setFdNextsize(long p, long v) {
        long a = p + FD_NEXTSIZE;
        if (words.inWindow(a)) {
            writeWindow(a, v); // 0 included: in the window, storing 0 is forgetting
        } else {
            setFdNextsizeOutside(p, v);
        }
    }

    private void setFdNextsizeOutside(long p, long v) {
        int b = binIndex(p);
        if (b > 0) {
            if (b + 1 < NBINS) {
                binFd[b + 1] = v;
            }
            return;
        }
        memory.write(p + FD_NEXTSIZE, 8);
        if (v == 0) {
            words.remove(p + FD_NEXTSIZE);
        } else {
            words.put(p + FD_NEXTSIZE, v);
        }
    }

    void setBkNextsize(long p, long v) {
        long a = p + BK_NEXTSIZE;
        if (words.inWindow(a)) {
            writeWindow(a, v); // 0 included: in the window, storing 0 is forgetting
        } else {
            setBkNextsizeOutside(p, v);
        }
    }

    private void setBkNextsizeOutside(long p, long v) {
        int b = binIndex(p);
        if (b > 0) {
            if (b + 1 < NBINS) {
                binBk[b + 1] = v;
            }
            return;
        }
        memory.write(p + BK_NEXTSIZE, 8);
        if (v == 0) {
            words.remove(p + BK_NEXTSIZE);
        } else {
            words.put(p + BK_NEXTSIZE, v);
        }
    }

    // ------------------------------------------------------------------ user-memory views

    /** A raw word of user memory (a tcache entry's next/key), charged as an access. */
    long readWord(long address) {
        memory.read(address, 8);
        return words.get(address);
    }

    /** Writes a word of user memory; 0 is stored as absence (a word never written reads as 0). */
    void writeWord(long address, long value) {
        memory.write(address, 8);
        if (value == 0) {
            words.remove(address);
        } else {
            words.put(address, value);
        }
    }

    /** An access with no modelled value (memset, memcpy of user data). */
    void touch(long address, long bytes, boolean write) {
        if (bytes > 0) {
            if (write) {
                memory.write(address, bytes);
            } else {
                memory.read(address, bytes);
            }
        }
    }

    /**
     * The chunk at {@code p} leaves a bin for the program: its fd/bk, its fd_nextsize/bk_nextsize
     * when it sat in a large bin, and its footer (the next chunk's prev_size at {@code p + footer},
     * when {@code footer} > 0) are user data now. Host hygiene only: glibc leaves the stale values
     * in memory, which nothing reads while the chunk is in use. Only words that exist are removed,
     * which keeps the word table's probes short.
     */
    void forgetLinks(long p, boolean nextsize, long footer) {
        words.remove(p + FD);
        words.remove(p + BK);
        if (nextsize) {
            words.remove(p + FD_NEXTSIZE);
            words.remove(p + BK_NEXTSIZE);
        }
        if (footer > 0) {
            words.remove(p + footer + PREV_SIZE);
        }
    }

    /** A fastbin chunk handed out: only its fd word was metadata. */
    void forgetFastLink(long p) {
        words.remove(p + FD);
    }

    /** The chunk header at {@code p} was merged into a neighbour: all its words are interior data now. */
    void forgetChunk(long p, long size) {
        words.remove(p + PREV_SIZE);
        words.remove(p + SIZE);
        words.remove(p + FD);
        words.remove(p + BK);
        if (size > FD_NEXTSIZE) {
            words.remove(p + FD_NEXTSIZE);
        }
        if (size > BK_NEXTSIZE) {
            words.remove(p + BK_NEXTSIZE);
        }
    }
}
