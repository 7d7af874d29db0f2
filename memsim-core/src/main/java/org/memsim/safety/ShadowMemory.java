package org.memsim.safety;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * Shadow memory, one state byte per application byte, in the spirit of AddressSanitizer's shadow
 * and memcheck's A/V bits but exact per byte: untracked (not the heap's business), defined,
 * undefined (allocated, never written), red zone, freed. Pages of 4 KiB are materialised only
 * where the heap is: a page is either <i>uniform</i> (one state, no array) or <i>detailed</i>
 * (a {@code byte[4096]} plus a 64-word bitmap marking the bytes where a block starts), so host
 * memory follows the blocks, not the address range.
 * <pre>
 *  page map: page number → -1 - state (uniform)  |  index ≥ 0 into bytes[] / starts[] (detailed)
 *  absent page = uniform UNTRACKED
 * </pre>
 */
public final class ShadowMemory {
    /** Memory outside every block, red zone and freed block: stack, globals, unknown. */
    public static final int UNTRACKED = 0;
    /** Allocated and written (or calloc'd). */
    public static final int DEFINED = 1;
    /** Allocated, never written. */
    public static final int UNDEFINED = 2;
    /** Within the red zone around a block: no block owns it. */
    public static final int REDZONE = 3;
    /** A freed block still remembered by the quarantine. */
    public static final int FREED = 4;

    static final int PAGE_SHIFT = 12;
    static final int PAGE = 1 << PAGE_SHIFT;
    private static final long MISSING = Long.MIN_VALUE;
    private static final byte[][] TEMPLATES = new byte[5][PAGE];

    static {
        for (int s = 0; s < TEMPLATES.length; s++) {
            Arrays.fill(TEMPLATES[s], (byte) s);
        }
    }

    private final LongLongHashMap pages = new LongLongHashMap(256, MISSING);
    private byte[][] bytes = new byte[16][];
    private long[][] starts = new long[16][];
    private int detailedCount;
    private int[] freeIndexes = new int[16];
    private int freeCount;
    private long lastPage = Long.MIN_VALUE;
    private long lastValue;

    private long value(long page) {
        if (page == lastPage) {
            return lastValue;
        }
        long v = pages.get(page);
        if (v == MISSING) {
            v = -1 - UNTRACKED;
        }
        lastPage = page;
        lastValue = v;
        return v;
    }

    private void setValue(long page, long v) {
        if (v == -1 - UNTRACKED) {
            pages.remove(page);
        } else {
            pages.put(page, v);
        }
        lastPage = page;
        lastValue = v;
    }

    /** The state of the byte at {@code a}. */
    public int state(long a) {
        long v = value(a >>> PAGE_SHIFT);
        return v < 0 ? (int) (-1 - v) : bytes[(int) v][(int) (a & (PAGE - 1))];
    }

    /**
     * The states found in {@code [a, a + len)} as a bit mask ({@code 1 << state}): the hot path of
     * every access. A uniform page answers in one lookup; a detailed page is scanned run by run.
     */
    public int states(long a, long len) {
        int mask = 0;
        long end = a + len;
        while (a < end) {
            long page = a >>> PAGE_SHIFT;
            int off = (int) (a & (PAGE - 1));
            int to = (int) Math.min(PAGE, off + (end - a));
            long v = value(page);
            if (v < 0) {
                mask |= 1 << (int) (-1 - v);
            } else {
                byte[] b = bytes[(int) v];
                int i = off;
                while (i < to) {
                    int s = b[i];
                    mask |= 1 << s;
                    if (to - i <= 16) {
                        for (i++; i < to; i++) {
                            mask |= 1 << b[i];
                        }
                        break;
                    }
                    int m = Arrays.mismatch(b, i, to, TEMPLATES[s], 0, to - i);
                    i = m < 0 ? to : i + m;
                }
            }
            a += to - off;
        }
        return mask;
    }

    /** Sets every byte of {@code [a, a + len)} to {@code state}. */
    public void fill(long a, long len, int state) {
        fillWhere(a, len, -1, state);
    }

    /** Sets the bytes of {@code [a, a + len)} whose state is in {@code fromMask} to {@code state}. */
    public void fillWhere(long a, long len, int fromMask, int state) {
        long end = a + len;
        while (a < end) {
            long page = a >>> PAGE_SHIFT;
            int off = (int) (a & (PAGE - 1));
            int to = (int) Math.min(PAGE, off + (end - a));
            long v = value(page);
            if (v < 0) {
                int old = (int) (-1 - v);
                if (old != state && (fromMask & (1 << old)) != 0) {
                    if (off == 0 && to == PAGE) {
                        setValue(page, -1 - state);
                    } else {
                        int idx = materialize(page, old);
                        set(bytes[idx], off, to, state);
                    }
                }
            } else {
                int idx = (int) v;
                byte[] b = bytes[idx];
                if (fromMask == -1) {
                    set(b, off, to, state);
                } else if (to - off <= 32) {
                    for (int i = off; i < to; i++) {
                        if ((fromMask & (1 << b[i])) != 0) {
                            b[i] = (byte) state;
                        }
                    }
                } else {
                    int i = off;
                    while (i < to) {
                        int s = b[i];
                        int m = to - i <= 16 ? runLength(b, i, to) : Arrays.mismatch(b, i, to, TEMPLATES[s], 0, to - i);
                        int runEnd = m < 0 ? to : i + m;
                        if ((fromMask & (1 << s)) != 0) {
                            set(b, i, runEnd, state);
                        }
                        i = runEnd;
                    }
                }
                if (off == 0 && to == PAGE) {
                    tryUniform(page, idx);
                }
            }
            a += to - off;
        }
    }

    /** Sets {@code b[from, to)} to {@code state}: a copy from the state's template page (an intrinsic memmove, faster than a fill loop). */
    private static void set(byte[] b, int from, int to, int state) {
        System.arraycopy(TEMPLATES[state], 0, b, from, to - from);
    }

    /** Length of the run of equal bytes at {@code i} (short ranges: a plain loop beats the intrinsic). */
    private static int runLength(byte[] b, int i, int to) {
        byte s = b[i];
        int j = i + 1;
        while (j < to && b[j] == s) {
            j++;
        }
        return j - i;
    }

    /** Marks the bytes of {@code [a, a + len)} that are undefined as defined (a store). */
    public void define(long a, long len) {
        long end = a + len;
        while (a < end) {
            long page = a >>> PAGE_SHIFT;
            int off = (int) (a & (PAGE - 1));
            int to = (int) Math.min(PAGE, off + (end - a));
            long v = value(page);
            if (v >= 0) {
                byte[] b = bytes[(int) v];
                if (to - off <= 16) {
                    for (int i = off; i < to; i++) {
                        if (b[i] == UNDEFINED) {
                            b[i] = DEFINED;
                        }
                    }
                } else if (Arrays.mismatch(b, off, to, TEMPLATES[UNDEFINED], 0, to - off) < 0) {
                    set(b, off, to, DEFINED);
                    if (off == 0 && to == PAGE) {
                        tryUniform(page, (int) v);
                    }
                } else if (Arrays.mismatch(b, off, to, TEMPLATES[DEFINED], 0, to - off) >= 0) {
                    fillWhere(a, to - off, 1 << UNDEFINED, DEFINED);
                }
            } else if (v == -1 - UNDEFINED) {
                fillWhere(a, to - off, 1 << UNDEFINED, DEFINED);
            }
            a += to - off;
        }
    }

    /** Copies the states of {@code [from, from + len)} to {@code [to, to + len)} (realloc keeps definedness). */
    public void copy(long from, long to, long len) {
        if (from == to || len <= 0) {
            return;
        }
        byte[] tmp = new byte[(int) Math.min(len, PAGE)];
        long done = 0;
        while (done < len) {
            int n = (int) Math.min(tmp.length, len - done);
            for (int i = 0; i < n; i++) {
                tmp[i] = (byte) state(from + done + i);
            }
            int i = 0;
            while (i < n) {
                int s = tmp[i];
                int j = i + 1;
                while (j < n && tmp[j] == s) {
                    j++;
                }
                fill(to + done + i, j - i, s);
                i = j;
            }
            done += n;
        }
    }

    // ------------------------------------------------------------------ block starts

    /** Marks (or unmarks) {@code a} as the first byte of a block; the page becomes detailed. */
    public void setStart(long a, boolean on) {
        long page = a >>> PAGE_SHIFT;
        long v = value(page);
        int idx;
        if (v < 0) {
            if (!on) {
                return;
            }
            idx = materialize(page, (int) (-1 - v));
        } else {
            idx = (int) v;
        }
        int off = (int) (a & (PAGE - 1));
        if (on) {
            starts[idx][off >>> 6] |= 1L << off;
        } else {
            starts[idx][off >>> 6] &= ~(1L << off);
        }
    }

    /** Whether a block starts at {@code a}. */
    public boolean isStart(long a) {
        long v = value(a >>> PAGE_SHIFT);
        if (v < 0) {
            return false;
        }
        int off = (int) (a & (PAGE - 1));
        return (starts[(int) v][off >>> 6] & (1L << off)) != 0;
    }

    /**
     * The nearest block start at or below {@code a}, walking down through shadow pages while they
     * are not wholly untracked, at most {@code maxPages} pages; -1 when there is none.
     */
    public long startAtOrBefore(long a, long maxPages) {
        long page = a >>> PAGE_SHIFT;
        int off = (int) (a & (PAGE - 1));
        for (long n = 0; n <= maxPages && a >= 0; n++, page--, off = PAGE - 1) {
            long v = value(page);
            if (v == -1 - UNTRACKED) {
                if (n > 0) {
                    return -1;
                }
                continue;
            }
            if (v < 0) {
                continue;
            }
            long[] bits = starts[(int) v];
            for (int w = off >>> 6; w >= 0; w--) {
                long word = bits[w];
                if (w == off >>> 6) {
                    int keep = (off & 63) + 1;
                    word &= keep == 64 ? -1L : (1L << keep) - 1;
                }
                if (word != 0) {
                    return (page << PAGE_SHIFT) + (w << 6) + 63 - Long.numberOfLeadingZeros(word);
                }
            }
        }
        return -1;
    }

    /** The nearest block start in {@code (a, a + limit]}, or -1. */
    public long startAfter(long a, long limit) {
        for (long x = a + 1; x <= a + limit; x++) {
            if (isStart(x)) {
                return x;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ pages

    private int materialize(long page, int state) {
        int idx;
        if (freeCount > 0) {
            idx = freeIndexes[--freeCount];
            Arrays.fill(starts[idx], 0L);
        } else {
            idx = detailedCount++;
            if (idx == bytes.length) {
                bytes = Arrays.copyOf(bytes, idx * 2);
                starts = Arrays.copyOf(starts, idx * 2);
            }
            bytes[idx] = new byte[PAGE];
            starts[idx] = new long[PAGE / 64];
        }
        Arrays.fill(bytes[idx], (byte) state);
        setValue(page, idx);
        return idx;
    }

    private void tryUniform(long page, int idx) {
        for (long w : starts[idx]) {
            if (w != 0) {
                return;
            }
        }
        byte[] b = bytes[idx];
        int s = b[0];
        if (Arrays.mismatch(b, TEMPLATES[s]) >= 0) {
            return;
        }
        if (freeCount == freeIndexes.length) {
            freeIndexes = Arrays.copyOf(freeIndexes, freeCount * 2);
        }
        freeIndexes[freeCount++] = idx;
        setValue(page, -1 - s);
    }

    /** A copy of this shadow (a forked child's heap starts as its parent's). */
    public ShadowMemory copy() {
        ShadowMemory c = new ShadowMemory();
        pages.forEach(c.pages::put);
        c.bytes = new byte[bytes.length][];
        c.starts = new long[starts.length][];
        for (int i = 0; i < detailedCount; i++) {
            c.bytes[i] = bytes[i].clone();
            c.starts[i] = starts[i].clone();
        }
        c.detailedCount = detailedCount;
        c.freeIndexes = freeIndexes.clone();
        c.freeCount = freeCount;
        return c;
    }

    /** Pages with a shadow entry (uniform or detailed). */
    public long trackedPages() {
        return pages.size();
    }

    /** Pages held as byte arrays. */
    public long detailedPages() {
        return detailedCount - freeCount;
    }

    /** Approximate host bytes of the shadow: arrays plus the page map. */
    public long footprintBytes() {
        return (long) detailedCount * (PAGE + PAGE / 8 + 32) + pages.footprintBytes();
    }
}
