package org.memsim.alloc.ptmalloc;

import static org.memsim.alloc.ptmalloc.Chunk.PREV_INUSE;

/**
 * The doubly linked bins of {@code main_arena} ({@code bins[]}, {@code bin_at}, {@code binmap},
 * {@code unlink_chunk}): bin 1 is the unsorted bin (a queue: {@code _int_free} and remainders push
 * at the front, {@code _int_malloc} takes from the back), bins 2–63 are the 62 small bins (one size
 * each, 16 bytes apart, below {@code MIN_LARGE_SIZE} = 1024), bins 64–126 the large bins
 * ({@code largebin_index_64}), each kept in decreasing size order with an {@code fd_nextsize} /
 * {@code bk_nextsize} skip list over the first chunk of each size. {@code binmap} (4 words of 32
 * bits) marks bins that may be non-empty; bits are cleared lazily by the search in _int_malloc.
 */
final class Bins {
    static final int NBINS = ChunkMemory.NBINS;
    /** {@code NSMALLBINS}. */
    static final int NSMALLBINS = 64;
    /** {@code MIN_LARGE_SIZE}: (NSMALLBINS - SMALLBIN_CORRECTION) * SMALLBIN_WIDTH = 64 * 16. */
    static final long MIN_LARGE_SIZE = 1024;
    /** {@code BINMAPSHIFT}, {@code BITSPERMAP}, {@code BINMAPSIZE}. */
    static final int BINMAPSHIFT = 5, BITSPERMAP = 32, BINMAPSIZE = NBINS / BITSPERMAP;
    /** {@code unsorted_chunks(av)}. */
    static final long UNSORTED = ChunkMemory.binAt(1);

    private final ChunkMemory m;
    final int[] binmap = new int[BINMAPSIZE];
    /** Chunks in bins 1..127 and their bytes (host bookkeeping for the free-memory gauges). */
    long chunks;
    long bytes;

    Bins(ChunkMemory m) {
        this.m = m;
    }

    /** {@code in_smallbin_range}. */
    static boolean inSmallbinRange(long size) {
        return Long.compareUnsigned(size, MIN_LARGE_SIZE) < 0;
    }

    /** {@code smallbin_index}: size >> 4 (SMALLBIN_CORRECTION is 0). */
    static int smallbinIndex(long size) {
        return (int) (size >>> 4);
    }

    /** {@code largebin_index_64}. */
    static int largebinIndex(long size) {
        long s6 = size >>> 6, s9 = size >>> 9, s12 = size >>> 12, s15 = size >>> 15, s18 = size >>> 18;
        if (s6 <= 48) {
            return (int) (48 + s6);
        }
        if (s9 <= 20) {
            return (int) (91 + s9);
        }
        if (s12 <= 10) {
            return (int) (110 + s12);
        }
        if (s15 <= 4) {
            return (int) (119 + s15);
        }
        if (s18 <= 2) {
            return (int) (124 + s18);
        }
        return 126;
    }

    /** {@code bin_index}. */
    static int binIndex(long size) {
        return inSmallbinRange(size) ? smallbinIndex(size) : largebinIndex(size);
    }

    static int idx2block(int i) {
        return i >>> BINMAPSHIFT;
    }

    static int idx2bit(int i) {
        return 1 << (i & (BITSPERMAP - 1));
    }

    void markBin(int i) {
        binmap[idx2block(i)] |= idx2bit(i);
    }

    long first(int i) {
        return m.binFd[i];
    }

    long last(int i) {
        return m.binBk[i];
    }

    /** {@code unlink_chunk}: takes a free chunk off its bin, repairing the large-bin skip list. */
    void unlink(long p) {
        long size = m.chunksize(p);
        if (size != m.prevSize(p + size)) {
            throw new GlibcAbort("corrupted size vs. prev_size");
        }
        long fd = m.fd(p);
        long bk = m.bk(p);
        if (m.bk(fd) != p || m.fd(bk) != p) {
            throw new GlibcAbort("corrupted double-linked list");
        }
        m.setBk(fd, bk);
        m.setFd(bk, fd);
        chunks--;
        bytes -= size;
        if (!inSmallbinRange(m.sizeField(p)) && m.fdNextsize(p) != 0) {
            long fdn = m.fdNextsize(p);
            long bkn = m.bkNextsize(p);
            if (m.bkNextsize(fdn) != p || m.fdNextsize(bkn) != p) {
                throw new GlibcAbort("corrupted double-linked list (not small)");
            }
            if (m.fdNextsize(fd) == 0) {
                if (fdn == p) {
                    m.setFdNextsize(fd, fd);
                    m.setBkNextsize(fd, fd);
                } else {
                    m.setFdNextsize(fd, fdn);
                    m.setBkNextsize(fd, bkn);
                    m.setBkNextsize(fdn, fd);
                    m.setFdNextsize(bkn, fd);
                }
            } else {
                m.setBkNextsize(fdn, bkn);
                m.setFdNextsize(bkn, fdn);
            }
        }
    }

    /**
     * Links a chunk at the front of the unsorted bin, as {@code _int_free},
     * {@code malloc_consolidate} and the remainder paths of {@code _int_malloc} do; large chunks
     * get null nextsize links. {@code check} is the glibc message for a broken list head, or null.
     */
    void pushUnsorted(long p, long size, String check) {
        long bck = UNSORTED;
        long fwd = m.fd(bck);
        if (check != null && m.bk(fwd) != bck) {
            throw new GlibcAbort(check);
        }
        m.setBk(p, bck);
        m.setFd(p, fwd);
        if (!inSmallbinRange(size)) {
            m.setFdNextsize(p, 0);
            m.setBkNextsize(p, 0);
        }
        m.setFd(bck, p);
        m.setBk(fwd, p);
        chunks++;
        bytes += size;
    }

    /** Takes {@code victim} (the last chunk of the unsorted bin) off it: {@code unsorted_chunks(av)->bk = bck}. */
    void popUnsorted(long victim, long bck, long size) {
        if (m.fd(bck) != victim) {
            throw new GlibcAbort("malloc(): corrupted unsorted chunks 3");
        }
        m.setBk(UNSORTED, bck);
        m.setFd(bck, UNSORTED);
        chunks--;
        bytes -= size;
    }

    /**
     * The "place chunk in bin" step of {@code _int_malloc}'s unsorted loop: small chunks at the
     * front of their bin; large chunks in decreasing size order, a new size entering the skip list,
     * an existing size inserted second. Returns the number of chunks examined.
     */
    int place(long victim, long size) {
        int victimIndex;
        long bck;
        long fwd;
        int examined = 0;
        if (inSmallbinRange(size)) {
            victimIndex = smallbinIndex(size);
            bck = ChunkMemory.binAt(victimIndex);
            fwd = m.fd(bck);
        } else {
            victimIndex = largebinIndex(size);
            bck = ChunkMemory.binAt(victimIndex);
            fwd = m.fd(bck);
            if (fwd != bck) {
                long sz = size | PREV_INUSE; // or with inuse bit to speed comparisons
                if (Long.compareUnsigned(sz, m.sizeField(m.bk(bck))) < 0) {
                    fwd = bck;
                    bck = m.bk(bck);
                    long first = m.fd(fwd);
                    m.setFdNextsize(victim, first);
                    m.setBkNextsize(victim, m.bkNextsize(first));
                    m.setBkNextsize(first, victim);
                    m.setFdNextsize(m.bkNextsize(victim), victim);
                    examined = 1;
                } else {
                    while (Long.compareUnsigned(sz, m.sizeField(fwd)) < 0) {
                        fwd = m.fdNextsize(fwd);
                        examined++;
                    }
                    examined++;
                    if (sz == m.sizeField(fwd)) {
                        fwd = m.fd(fwd); // always insert in the second position
                    } else {
                        m.setFdNextsize(victim, fwd);
                        m.setBkNextsize(victim, m.bkNextsize(fwd));
                        if (m.fdNextsize(m.bkNextsize(fwd)) != fwd) {
                            throw new GlibcAbort("malloc(): largebin double linked list corrupted (nextsize)");
                        }
                        m.setBkNextsize(fwd, victim);
                        m.setFdNextsize(m.bkNextsize(victim), victim);
                    }
                    bck = m.bk(fwd);
                    if (m.fd(bck) != fwd) {
                        throw new GlibcAbort("malloc(): largebin double linked list corrupted (bk)");
                    }
                }
            } else {
                m.setFdNextsize(victim, victim);
                m.setBkNextsize(victim, victim);
            }
        }
        markBin(victimIndex);
        m.setBk(victim, bck);
        m.setFd(victim, fwd);
        m.setBk(fwd, victim);
        m.setFd(bck, victim);
        chunks++;
        bytes += size;
        return examined;
    }
}
