package org.memsim.gc;

import java.util.Arrays;

/**
 * Every pause of a run for the pause-timeline figure, in constant memory: at most
 * {@code capacity} points of (event index, pause ns); when full, neighbouring pairs merge into the
 * longer pause, so the largest pauses always survive.
 */
public final class PauseLog {
    private final long[] at;
    private final long[] ns;
    private final byte[] kind;
    private int size;

    public PauseLog(int capacity) {
        at = new long[capacity];
        ns = new long[capacity];
        kind = new byte[capacity];
    }

    public void add(long eventIndex, long pauseNs, int kindCode) {
        if (size == at.length) {
            int w = 0;
            for (int i = 0; i + 1 < size; i += 2) {
                int keep = ns[i + 1] > ns[i] ? i + 1 : i;
                at[w] = at[keep];
                ns[w] = ns[keep];
                kind[w] = kind[keep];
                w++;
            }
            size = w;
        }
        at[size] = eventIndex;
        ns[size] = pauseNs;
        kind[size] = (byte) kindCode;
        size++;
    }

    public int size() {
        return size;
    }

    public long[] eventIndexes() {
        return Arrays.copyOf(at, size);
    }

    public long[] pauses() {
        return Arrays.copyOf(ns, size);
    }

    public int kindAt(int i) {
        return kind[i];
    }
}
