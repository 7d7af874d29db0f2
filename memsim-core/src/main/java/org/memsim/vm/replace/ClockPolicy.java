package org.memsim.vm.replace;

import java.util.Arrays;

/**
 * CLOCK with one hand (Corbató 1968; OSTEP ch. 22): frames stand in a circle in physical order, each
 * with a reference bit set on every reference (and when a page is loaded). The hand sweeps: a set
 * bit is cleared and the hand moves on; the first frame with a clear bit is the victim, and the
 * hand stops just past it.
 */
public final class ClockPolicy implements ReplacementPolicy {
    private byte[] state = new byte[0]; // 0 = not admitted, 1 = admitted with R clear, 2 = admitted with R set
    private int limit;                  // frames [0, limit) may be in the circle
    private int hand;
    private int size;

    @Override
    public void admit(long frame) {
        int f = FrameList.index(frame);
        if (f >= state.length) {
            state = Arrays.copyOf(state, Math.max(f + 1, Math.max(64, state.length + (state.length >> 1))));
        }
        if (state[f] == 0) {
            size++;
        }
        state[f] = 1;
        limit = Math.max(limit, f + 1);
    }

    @Override
    public void touch(long frame) {
        int f = (int) frame;
        if (f < limit && state[f] != 0) {
            state[f] = 2;
        }
    }

    @Override
    public void remove(long frame) {
        int f = (int) frame;
        if (f < limit && state[f] != 0) {
            state[f] = 0;
            size--;
        }
    }

    @Override
    public long victim() {
        if (size == 0) {
            return -1;
        }
        while (true) {
            if (hand >= limit) {
                hand = 0;
            }
            int f = hand++;
            if (state[f] == 2) {
                state[f] = 1;
            } else if (state[f] == 1) {
                return f;
            }
        }
    }

    @Override
    public int size() {
        return size;
    }
}
