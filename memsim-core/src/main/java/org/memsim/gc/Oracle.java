package org.memsim.gc;

import org.memsim.gc.space.IntStack;

/**
 * The correctness oracle, independent of every collector's own marks: a fresh trace from the roots
 * over the object table. After any collection no reachable object may have been freed (a root or
 * a reference to a freed object); after a full collection of a collector that collects cycles, no
 * unreachable object may remain allocated. A violation is a collector bug: {@link IllegalStateException}.
 */
public final class Oracle {
    private Oracle() {}

    /** Checks the heap; {@code full} also demands that nothing unreachable survived. */
    public static void verify(ObjectTable table, Roots roots, boolean full, String where) {
        long[] reached = new long[(table.high() + 63) >>> 6];
        String dangling = trace(table, roots, reached);
        if (dangling != null) {
            throw new IllegalStateException("oracle: after the " + where + ", " + dangling);
        }
        if (full) {
            long survivors = countUnreached(table, reached);
            if (survivors > 0) {
                throw new IllegalStateException("oracle: after the " + where + ", " + survivors
                    + " unreachable object(s) are still allocated (first id " + firstUnreached(table, reached) + ")");
            }
        }
    }

    /** Checks that no two allocated objects overlap in the heap (placement, copying and compaction bugs). */
    public static void verifyLayout(ObjectTable table, String where) {
        long[] keys = new long[Math.max(1, table.live())];
        int n = 0;
        for (int i = 0; i < table.high(); i++) {
            if (table.isUsed(i)) {
                keys[n++] = (Integer.toUnsignedLong(table.granule(i)) << 31) | i;
            }
        }
        java.util.Arrays.sort(keys, 0, n);
        long prevEnd = -1;
        int prev = -1;
        for (int k = 0; k < n; k++) {
            int i = (int) (keys[k] & 0x7FFFFFFFL);
            long start = Integer.toUnsignedLong(table.granule(i)) << 3;
            if (start < prevEnd) {
                throw new IllegalStateException("oracle: after the " + where + ", object " + table.id(i) + " at offset " + start
                    + " overlaps object " + table.id(prev) + " ending at " + prevEnd);
            }
            prevEnd = start + table.size(i);
            prev = i;
        }
    }

    /** Objects allocated but unreachable from the roots (leaked, or garbage not yet collected). */
    public static long unreachable(ObjectTable table, Roots roots) {
        long[] reached = new long[(table.high() + 63) >>> 6];
        trace(table, roots, reached);
        return countUnreached(table, reached);
    }

    /** Bytes of the objects reachable from the roots. */
    public static long reachableBytes(ObjectTable table, Roots roots) {
        long[] reached = new long[(table.high() + 63) >>> 6];
        trace(table, roots, reached);
        long bytes = 0;
        for (int i = 0; i < table.high(); i++) {
            if ((reached[i >>> 6] & (1L << i)) != 0) {
                bytes += table.size(i);
            }
        }
        return bytes;
    }

    /** Marks every object reachable from the roots into {@code reached}; returns a description of the first dangling reference, or null. */
    private static String trace(ObjectTable table, Roots roots, long[] reached) {
        IntStack stack = new IntStack(256);
        String[] problem = new String[1];
        roots.forEach(r -> {
            if (!table.isUsed(r)) {
                if (problem[0] == null) {
                    problem[0] = "root index " + r + " was freed";
                }
                return;
            }
            if ((reached[r >>> 6] & (1L << r)) == 0) {
                reached[r >>> 6] |= 1L << r;
                stack.push(r);
            }
        });
        while (!stack.isEmpty()) {
            int i = stack.pop();
            int n = table.slotCount(i);
            for (int k = 0; k < n; k++) {
                int t = table.slot(i, k);
                if (t == ObjectTable.NONE) {
                    continue;
                }
                if (!table.isUsed(t)) {
                    if (problem[0] == null) {
                        problem[0] = "object " + table.id(i) + " slot " + k + " points at an object that was freed while reachable";
                    }
                    continue;
                }
                if ((reached[t >>> 6] & (1L << t)) == 0) {
                    reached[t >>> 6] |= 1L << t;
                    stack.push(t);
                }
            }
        }
        return problem[0];
    }

    private static long countUnreached(ObjectTable table, long[] reached) {
        long n = 0;
        for (int i = 0; i < table.high(); i++) {
            if (table.isUsed(i) && (reached[i >>> 6] & (1L << i)) == 0) {
                n++;
            }
        }
        return n;
    }

    private static long firstUnreached(ObjectTable table, long[] reached) {
        for (int i = 0; i < table.high(); i++) {
            if (table.isUsed(i) && (reached[i >>> 6] & (1L << i)) == 0) {
                return table.id(i);
            }
        }
        return -1;
    }
}
