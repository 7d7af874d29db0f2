package org.memsim.cli.report;

import org.memsim.alloc.HeapSpans;
import org.memsim.collections.LongArrayList;
import org.memsim.stack.Stack;

/**
 * A stack's heap as the program sees it — headers, payload, padding, free, never used — drawn as a
 * heap map. The allocator may manage several regions (a brk heap, mmap'd chunks far away); the map
 * shows the region holding the most bytes, and says how many others there are.
 */
public final class HeapMaps {
    private HeapMaps() {}

    /** The heap map SVG of {@code stack}'s current heap, or null when the allocator manages nothing yet. */
    public static String render(Stack stack, String title, int width) {
        LongArrayList starts = new LongArrayList();
        LongArrayList ends = new LongArrayList();
        LongArrayList kinds = new LongArrayList();
        stack.runtime().heapMap((s, e, k) -> {
            if (e > s) {
                starts.add(s);
                ends.add(e);
                kinds.add(k);
            }
        });
        if (starts.isEmpty()) {
            return null;
        }
        // contiguous regions: spans in address order with no gap between them
        long bestStart = starts.get(0);
        long bestEnd = ends.get(0);
        long regionStart = bestStart;
        long regionEnd = bestEnd;
        int regions = 1;
        for (int i = 1; i < starts.size(); i++) {
            if (starts.get(i) != regionEnd) {
                if (regionEnd - regionStart > bestEnd - bestStart) {
                    bestStart = regionStart;
                    bestEnd = regionEnd;
                }
                regionStart = starts.get(i);
                regions++;
            }
            regionEnd = ends.get(i);
        }
        if (regionEnd - regionStart > bestEnd - bestStart) {
            bestStart = regionStart;
            bestEnd = regionEnd;
        }
        int n = starts.size();
        long[] s = new long[n];
        long[] e = new long[n];
        byte[] k = new byte[n];
        for (int i = 0; i < n; i++) {
            s[i] = starts.get(i);
            e[i] = ends.get(i);
            k[i] = (byte) kinds.get(i);
        }
        String label = title + (regions > 1 ? " (largest of " + regions + " regions)" : "");
        return HeapMapSvg.render(label, bestStart, bestEnd, s, e, k, width);
    }

    static {
        if (HeapSpans.NEVER_USED != HeapMapSvg.NEVER_USED || HeapSpans.METADATA != HeapMapSvg.METADATA
            || HeapSpans.BLOCK != HeapMapSvg.PAYLOAD || HeapSpans.FREE != HeapMapSvg.FREE
            || HeapSpans.PADDING != HeapMapSvg.PADDING) {
            throw new AssertionError("heap span kinds and heap map colours disagree");
        }
    }
}
