package org.memsim.vm.replace;

import java.util.Arrays;

/**
 * LFU: evict the page referenced least often since it was loaded (its count starts at the loading
 * reference); ties go to the page loaded first. The victim search scans the resident frames in
 * arrival order (O(resident) per eviction, O(1) per reference).
 */
public final class LfuPolicy implements ReplacementPolicy {
    private final FrameList arrival = new FrameList();
    private long[] count = new long[0];

    @Override
    public void admit(long frame) {
        int f = FrameList.index(frame);
        if (f >= count.length) {
            count = Arrays.copyOf(count, Math.max(f + 1, Math.max(64, count.length + (count.length >> 1))));
        }
        count[f] = 0;
        arrival.addLast(f);
    }

    @Override
    public void touch(long frame) {
        int f = (int) frame;
        if (arrival.contains(f)) {
            count[f]++;
        }
    }

    @Override
    public void remove(long frame) {
        arrival.remove((int) frame);
    }

    @Override
    public long victim() {
        int best = -1;
        long least = Long.MAX_VALUE;
        for (int f = arrival.first(); f >= 0; f = arrival.next(f)) {
            if (count[f] < least) {
                least = count[f];
                best = f;
            }
        }
        return best;
    }

    @Override
    public int size() {
        return arrival.size();
    }
}
