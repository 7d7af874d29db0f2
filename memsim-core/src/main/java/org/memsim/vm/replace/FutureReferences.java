package org.memsim.vm.replace;

import java.util.Arrays;
import org.memsim.collections.LongLongHashMap;

/**
 * The whole reference string, scanned ahead, as OPT needs it (Belady 1966): for each page key the
 * positions of its references in increasing order, chained through an int array, with one cursor
 * per key that only moves forward — so "when is this page used next?" costs amortised O(1).
 * Host memory: 8 bytes per reference plus one map entry per distinct page; the number of
 * references is capped ({@link #DEFAULT_LIMIT}) so a long trace fails with a clear message instead
 * of exhausting the heap.
 */
public final class FutureReferences {
    /** The page is never referenced again. */
    public static final long NEVER = Long.MAX_VALUE;
    /** References kept at most unless a builder says otherwise (8 bytes each: 400 MB). */
    public static final int DEFAULT_LIMIT = 50_000_000;

    private int[] positions = new int[1024];
    private int[] next = new int[1024];
    private int size;
    private final LongLongHashMap last = new LongLongHashMap(1024, -1);   // key -> last reference index (while building)
    private final LongLongHashMap cursor = new LongLongHashMap(1024, -1); // key -> first reference index not yet passed
    private final int limit;
    private boolean built;

    public FutureReferences() {
        this(DEFAULT_LIMIT);
    }

    public FutureReferences(int limit) {
        this.limit = limit;
    }

    /** Appends a reference to {@code key} at {@code position} (positions must not decrease). */
    public void add(long key, long position) {
        if (built) {
            throw new IllegalStateException("references are complete");
        }
        if (position < 0 || position > Integer.MAX_VALUE) {
            throw new TooLongException("a reference at position " + position + " (OPT handles at most 2^31 events)");
        }
        long prev = last.get(key);
        if (prev >= 0 && positions[(int) prev] == position) {
            return; // the same page twice in one event
        }
        if (size == limit) {
            throw new TooLongException("more than " + limit + " page references");
        }
        if (size == positions.length) {
            int cap = (int) Math.min(limit, size * 2L);
            positions = Arrays.copyOf(positions, cap);
            next = Arrays.copyOf(next, cap);
        }
        int i = size++;
        positions[i] = (int) position;
        next[i] = -1;
        if (prev >= 0) {
            next[(int) prev] = i;
        } else {
            cursor.put(key, i);
        }
        last.put(key, i);
    }

    /** Ends the building phase (frees the per-key tail map). */
    public FutureReferences build() {
        built = true;
        last.clear();
        return this;
    }

    /** The first position after {@code now} at which {@code key} is referenced, or {@link #NEVER}. */
    public long nextUse(long key, long now) {
        long c = cursor.get(key);
        if (c < 0) {
            return NEVER;
        }
        int i = (int) c;
        while (i >= 0 && positions[i] <= now) {
            i = next[i];
        }
        if (i != c) {
            cursor.put(key, i);
        }
        return i < 0 ? NEVER : positions[i];
    }

    /** References recorded. */
    public int size() {
        return size;
    }

    /** Too many references to keep. */
    public static final class TooLongException extends org.memsim.InputException {
        TooLongException(String what) {
            super("opt needs the whole reference string ahead and this one is too long: " + what
                + "; use a shorter trace or another policy");
        }
    }
}
