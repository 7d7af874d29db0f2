package org.memsim.gc;

import java.util.List;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * The heap-size rule the stop-the-world collectors share, after HotSpot's serial and parallel
 * collectors: the heap starts at {@code heap} bytes and a collection runs when an allocation does
 * not fit; if more than {@code occupancy} of the heap is still live after it, the heap doubles,
 * up to {@code max} (-Xms, -Xmx, -XX:MinHeapFreeRatio in spirit).
 */
public final class HeapSizing {
    public static final List<Param> PARAMS = List.of(
        Param.of("heap", "16m", "initial heap size (-Xms)"),
        Param.of("max", "1g", "largest heap (-Xmx): past it an allocation fails"),
        Param.of("occupancy", "0.5", "live fraction after a collection above which the heap doubles"));

    private long capacity;
    private final long max;
    private final double occupancy;

    public HeapSizing(Params p) {
        capacity = p.bytes("heap");
        max = p.bytes("max");
        occupancy = p.real("occupancy");
        if (capacity < 4096 || max < capacity) {
            throw new SpecException(p.component() + ": heap=" + capacity + " must be at least 4k and at most max=" + max);
        }
        if (max > (16L << 30)) {
            throw new SpecException(p.component() + ": max=" + max + " is over the 16 GiB a simulated heap may reserve");
        }
        if (!(occupancy > 0 && occupancy <= 1)) {
            throw new SpecException(p.component() + ": occupancy must be in (0, 1]");
        }
    }

    public long capacity() {
        return capacity;
    }

    public long max() {
        return max;
    }

    /** After a collection leaving {@code live} bytes: grows the heap if it is too full; true if it grew. */
    public boolean resize(long live) {
        boolean grew = false;
        while (live > capacity * occupancy && capacity < max) {
            capacity = Math.min(max, capacity * 2);
            grew = true;
        }
        return grew;
    }

    /** Grows to the maximum at once (the last resort before an out-of-memory error); false if already there. */
    public boolean growToMax() {
        if (capacity >= max) {
            return false;
        }
        capacity = max;
        return true;
    }
}
