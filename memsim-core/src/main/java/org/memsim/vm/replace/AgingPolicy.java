package org.memsim.vm.replace;

import java.util.Arrays;

/**
 * Aging (Tanenbaum, Modern Operating Systems §3.4.7), software's approximation of LRU: each frame
 * keeps a {@code bits}-bit counter; every {@code tick} references all counters shift right and
 * the reference bit enters at the top. The victim has the smallest value, the current reference
 * bit counting above the counter (a page used since the last tick is kept); ties go to the page
 * loaded first.
 */
public final class AgingPolicy implements ReplacementPolicy {
    private final int bits;
    private final long tick;
    private final FrameList arrival = new FrameList();
    private long[] counter = new long[0];
    private boolean[] referenced = new boolean[0];
    private long references;

    public AgingPolicy(int bits, long tick) {
        this.bits = bits;
        this.tick = tick;
    }

    @Override
    public void admit(long frame) {
        int f = FrameList.index(frame);
        if (f >= counter.length) {
            int cap = Math.max(f + 1, Math.max(64, counter.length + (counter.length >> 1)));
            counter = Arrays.copyOf(counter, cap);
            referenced = Arrays.copyOf(referenced, cap);
        }
        counter[f] = 0;
        referenced[f] = false;
        arrival.addLast(f);
    }

    @Override
    public void touch(long frame) {
        int f = (int) frame;
        if (f < referenced.length) {
            referenced[f] = true;
        }
        if (++references % tick == 0) {
            age();
        }
    }

    private void age() {
        for (int f = arrival.first(); f >= 0; f = arrival.next(f)) {
            counter[f] = (counter[f] >>> 1) | (referenced[f] ? 1L << (bits - 1) : 0);
            referenced[f] = false;
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
            long v = (referenced[f] ? 1L << bits : 0) | counter[f];
            if (v < least) {
                least = v;
                best = f;
            }
        }
        return best;
    }

    @Override
    public boolean countsEveryReference() {
        return true;
    }

    @Override
    public int size() {
        return arrival.size();
    }
}
