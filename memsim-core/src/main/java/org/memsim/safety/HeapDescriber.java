package org.memsim.safety;

/**
 * Where an address sits among the blocks, in words: the block it belongs to or borders (found by
 * walking the shadow's block-start bitmap down, as memcheck's "Address 0x… is 8 bytes after a block
 * of size 24 alloc'd" finds its block), and what lies there when an access strays — the neighbour
 * block, or in a simulated heap the next chunk's header. Only findings call it: never the hot path.
 */
final class HeapDescriber {
    private static final long WALK_PAGES = 1 << 16;
    private static final int MAX_STARTS_WALKED = 4096;

    private HeapDescriber() {}

    /** The block an address belongs to or sits next to (red zone), live first; -1 when none. */
    static int owner(ShadowMemory shadow, Blocks blocks, long rz, long a, int state) {
        if (state == ShadowMemory.REDZONE) {
            int left = -1;
            long p = shadow.startAtOrBefore(a, WALK_PAGES);
            for (int n = 0; p >= 0 && n < MAX_STARTS_WALKED && left < 0; n++) {
                left = endsJustBefore(blocks, rz, (int) blocks.liveStarts.get(p), a);
                if (left < 0) {
                    left = endsJustBefore(blocks, rz, (int) blocks.freedStarts.get(p), a);
                }
                p = p == 0 ? -1 : shadow.startAtOrBefore(p - 1, WALK_PAGES);
            }
            long q = shadow.startAfter(a, rz);
            int right = q >= 0 ? blocks.startingAt(q, q, true) : -1;
            if (left >= 0 && right >= 0) {
                long dl = a - (blocks.start[left] + blocks.size[left]);
                long dr = blocks.start[right] - a;
                return dr < dl ? right : left;
            }
            return left >= 0 ? left : right;
        }
        boolean liveFirst = state != ShadowMemory.FREED;
        long p = shadow.startAtOrBefore(a, WALK_PAGES);
        while (p >= 0) {
            int s = blocks.startingAt(p, a, liveFirst);
            if (s >= 0) {
                return s;
            }
            p = p == 0 ? -1 : shadow.startAtOrBefore(p - 1, WALK_PAGES);
        }
        return -1;
    }

    /** {@code s} when block {@code s} ends at most a red zone before {@code a}, else -1. */
    private static int endsJustBefore(Blocks blocks, long rz, int s, long a) {
        if (s < 0) {
            return -1;
        }
        long end = blocks.start[s] + blocks.size[s];
        return a >= end && a < end + Math.max(rz, 1) ? s : -1;
    }

    /** "8 bytes after the end of a 24-byte block" / "16 bytes before the start of a 24-byte block". */
    static String relation(Blocks blocks, int s, long a) {
        long start = blocks.start[s];
        long end = start + blocks.size[s];
        String freed = blocks.status[s] == Blocks.LIVE ? "" : " freed";
        if (a >= end) {
            return (a - end) + " bytes after the end of a " + blocks.size[s] + "-byte" + freed + " block";
        }
        if (a < start) {
            return (start - a) + " bytes before the start of a " + blocks.size[s] + "-byte" + freed + " block";
        }
        return (a - start) + " bytes inside a " + blocks.size[s] + "-byte" + freed + " block";
    }

    /** Why an out-of-bounds access at {@code bad} next to block {@code s} is dangerous: what lives there. */
    static String neighbour(ShadowMemory shadow, Blocks blocks, long rz, SimulatedHeap heap, int s, long bad, boolean write) {
        String verb = write ? "overwrites" : "reads";
        int st = shadow.state(bad);
        if (st == ShadowMemory.DEFINED || st == ShadowMemory.UNDEFINED) {
            int o = owner(shadow, blocks, rz, bad, st);
            if (o >= 0 && o != s) {
                return "the access " + verb + " block " + blocks.id[o] + " (allocated at event " + blocks.allocEvent[o]
                    + "), the neighbour in the heap";
            }
        }
        if (heap != null) {
            long sim = blocks.sim[s] + (bad - blocks.start[s]);
            long field = heap.nextSizeField(blocks.sim[s]);
            if (field >= 0 && sim >= field - 8 && sim < field + 8) {
                return "the access " + verb + " the header of the next chunk (prev_size and size at " + Checker.hex(field - 8)
                    + "): glibc trusts that size when it frees or splits chunks";
            }
            String kind = heap.kindAt(sim);
            if (kind != null) {
                return "in the simulated heap (" + heap.name() + ") the access " + verb + " " + kind;
            }
        }
        if (bad >= blocks.start[s]) {
            return "past a block's end lie the allocator's header of the next chunk and the next block: "
                + (write ? "a write there corrupts both" : "a read there leaks their contents (a Heartbleed-style over-read)");
        }
        return "before a block's start lies its own chunk header: " + (write ? "a write there corrupts the size the allocator trusts"
            : "a read there returns the allocator's size field as if it were data");
    }
}
