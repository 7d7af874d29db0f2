package org.memsim.gc.rc;

import java.util.Arrays;
import org.memsim.gc.ObjectTable;

/**
 * CPython's GC generation lists ({@code struct gc_generation} in {@code Include/internal/pycore_gc.h}):
 * every tracked container sits in one of three intrusive doubly linked lists, as the
 * {@code PyGC_Head} before each container links it; {@code gc_refs} is the scratch count of
 * {@code update_refs}/{@code subtract_refs}. Indexed by object index.
 */
final class Generations {
    static final int NONE = ObjectTable.NONE;
    static final byte UNTRACKED = -1;

    private int[] next = new int[1024];
    private int[] prev = new int[1024];
    private byte[] gen = new byte[1024];
    int[] gcRefs = new int[1024];
    final int[] head = {NONE, NONE, NONE};
    final long[] size = new long[3];

    {
        Arrays.fill(gen, UNTRACKED);
    }

    void ensure(int i) {
        if (i >= gen.length) {
            int n = Math.max(i + 1, gen.length + (gen.length >> 1));
            next = Arrays.copyOf(next, n);
            prev = Arrays.copyOf(prev, n);
            int old = gen.length;
            gen = Arrays.copyOf(gen, n);
            Arrays.fill(gen, old, n, UNTRACKED);
            gcRefs = Arrays.copyOf(gcRefs, n);
        }
    }

    int gen(int i) {
        return i < gen.length ? gen[i] : UNTRACKED;
    }

    void link(int i, int g) {
        gen[i] = (byte) g;
        prev[i] = NONE;
        next[i] = head[g];
        if (head[g] != NONE) {
            prev[head[g]] = i;
        }
        head[g] = i;
        size[g]++;
    }

    void unlink(int i) {
        int g = gen[i];
        if (g == UNTRACKED) {
            return;
        }
        if (prev[i] != NONE) {
            next[prev[i]] = next[i];
        } else {
            head[g] = next[i];
        }
        if (next[i] != NONE) {
            prev[next[i]] = prev[i];
        }
        gen[i] = UNTRACKED;
        size[g]--;
    }

    int next(int i) {
        return next[i];
    }

    /** Moves every member of generation {@code from} to {@code to} (survivors age). */
    void merge(int from, int to) {
        int i = head[from];
        while (i != NONE) {
            int n = next[i];
            unlink(i);
            link(i, to);
            i = n;
        }
    }
}
