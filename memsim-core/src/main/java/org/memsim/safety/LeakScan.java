package org.memsim.safety;

import java.util.Arrays;

/**
 * Blocks never freed, classified as memcheck's leak checker does ({@code mc_leakcheck.c}) from the
 * pointer snapshots of the trace ({@code word ADDR VALUE}): a word inside a live block is an edge of
 * the heap graph, any other word is a root. Reached from roots by start pointers: still reachable
 * (not an error); only through an interior pointer somewhere on the way: possibly lost; not reached
 * but pointed to by a lost block: indirectly lost; the rest: definitely lost. Without snapshots every
 * unfreed block is a leak of classification {@code unknown}.
 */
public final class LeakScan {
    static final String DEFINITE = "definitely lost";
    static final String INDIRECT = "indirectly lost";
    static final String POSSIBLE = "possibly lost";
    static final String REACHABLE = "still reachable";
    static final String UNKNOWN = "unknown";

    private static final byte UNREACHED = 0;
    private static final byte INTERIOR = 1;
    private static final byte START = 2;

    private LeakScan() {}

    /** Receives each leaked block (not the still-reachable ones) in address order. */
    interface Leak {
        void leak(int slot, String classification);
    }

    /** memcheck's LEAK SUMMARY: blocks and bytes per class; {@code snapshots} false when the trace had no words. */
    public record Summary(boolean snapshots, long[] blocks, long[] bytes) {
        static final Summary EMPTY = new Summary(false, new long[5], new long[5]);
        /** Class order of {@link #blocks} and {@link #bytes}. */
        public static final String[] CLASSES = {DEFINITE, INDIRECT, POSSIBLE, REACHABLE, UNKNOWN};
    }

    static String why(String classification) {
        return switch (classification) {
            case DEFINITE -> "no pointer to the block is left anywhere: the memory can never be freed, and the process grows by it";
            case INDIRECT -> "only lost blocks point to it: it goes when the block that owns it is freed, which can no longer happen";
            case POSSIBLE -> "only pointers into the middle of the block are left: unless the program computes the start back, it is lost";
            default -> "the block was never freed; the trace has no pointer snapshots to tell lost blocks from reachable ones";
        };
    }

    static Summary scan(Blocks b, long[] words, Leak out) {
        int n = 0;
        int[] slots = new int[(int) Math.min(Integer.MAX_VALUE - 8, b.liveCount())];
        for (int s = 0; s < b.capacity(); s++) {
            if (b.status[s] == Blocks.LIVE && b.liveIds.get(b.id[s]) == s) {
                slots[n++] = s;
            }
        }
        slots = Arrays.copyOf(slots, n);
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            keys[k] = b.start[slots[k]];
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
        long[] start = new long[n];
        long[] end = new long[n];
        int[] slot = new int[n];
        for (int k = 0; k < n; k++) {
            slot[k] = slots[order[k]];
            start[k] = b.start[slot[k]];
            end[k] = start[k] + b.size[slot[k]];
        }
        long[] blocks = new long[5];
        long[] bytes = new long[5];
        boolean snapshots = words.length > 0;
        if (!snapshots) {
            for (int k = 0; k < n; k++) {
                blocks[4]++;
                bytes[4] += end[k] - start[k];
                out.leak(slot[k], UNKNOWN);
            }
            return new Summary(false, blocks, bytes);
        }
        // edges: heap words grouped by source block (counting sort), roots applied at once
        byte[] state = new byte[n];
        int[] count = new int[n + 1];
        int pairs = words.length / 2;
        int[] src = new int[pairs];
        int[] dst = new int[pairs];
        byte[] quality = new byte[pairs];
        for (int w = 0; w < pairs; w++) {
            long addr = words[2 * w];
            long value = words[2 * w + 1];
            int t = find(start, end, value);
            src[w] = -2;
            if (t < 0) {
                continue;
            }
            byte q = value == start[t] ? START : INTERIOR;
            int from = find(start, end, addr);
            if (from < 0) {
                if (q > state[t]) {
                    state[t] = q;
                }
                continue;
            }
            src[w] = from;
            dst[w] = t;
            quality[w] = q;
            count[from + 1]++;
        }
        for (int k = 0; k < n; k++) {
            count[k + 1] += count[k];
        }
        int[] edges = new int[count[n]];
        byte[] edgeQ = new byte[count[n]];
        int[] fill = Arrays.copyOf(count, n);
        for (int w = 0; w < pairs; w++) {
            if (src[w] >= 0) {
                int at = fill[src[w]]++;
                edges[at] = dst[w];
                edgeQ[at] = quality[w];
            }
        }
        // propagate reachability: a block's quality is the best over chains of the worst pointer on each
        int[] stack = new int[Math.max(1, n * 2 + edges.length)];
        int sp = 0;
        for (int k = 0; k < n; k++) {
            if (state[k] != UNREACHED) {
                stack[sp++] = k;
            }
        }
        while (sp > 0) {
            int x = stack[--sp];
            for (int e = count[x]; e < count[x + 1]; e++) {
                int t = edges[e];
                byte q = (byte) Math.min(state[x], edgeQ[e]);
                if (q > state[t]) {
                    state[t] = q;
                    if (sp == stack.length) {
                        stack = Arrays.copyOf(stack, sp * 2);
                    }
                    stack[sp++] = t;
                }
            }
        }
        // unreached blocks pointed to by another unreached block are indirectly lost
        boolean[] indirect = new boolean[n];
        int[] seen = new int[n];
        for (int k = 0; k < n; k++) {
            if (state[k] != UNREACHED || indirect[k]) {
                continue;
            }
            sp = 0;
            stack[sp++] = k;
            seen[k] = k + 1;
            while (sp > 0) {
                int x = stack[--sp];
                for (int e = count[x]; e < count[x + 1]; e++) {
                    int t = edges[e];
                    if (state[t] == UNREACHED && seen[t] != k + 1 && !indirect[t]) {
                        seen[t] = k + 1;
                        indirect[t] = t != k;
                        if (t < k) {
                            continue; // an earlier leader: its own walk marked what it points to
                        }
                        if (sp == stack.length) {
                            stack = Arrays.copyOf(stack, sp * 2);
                        }
                        stack[sp++] = t;
                    }
                }
            }
        }
        for (int k = 0; k < n; k++) {
            int c = state[k] == START ? 3 : state[k] == INTERIOR ? 2 : indirect[k] ? 1 : 0;
            blocks[c]++;
            bytes[c] += end[k] - start[k];
            if (c != 3) {
                out.leak(slot[k], Summary.CLASSES[c]);
            }
        }
        return new Summary(true, blocks, bytes);
    }

    /** The block (index into the sorted arrays) containing {@code a}, or -1. */
    private static int find(long[] start, long[] end, long a) {
        int lo = 0;
        int hi = start.length - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] <= a) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (best < 0) {
            return -1;
        }
        return a < end[best] || a == start[best] ? best : -1;
    }
}
