package org.memsim.vm.replace;

import java.util.Arrays;

/**
 * Second chance (Tanenbaum, Modern Operating Systems §3.4.4): FIFO, but a page whose reference bit
 * is set when it reaches the head has the bit cleared and goes to the tail as if newly loaded.
 * The same decisions as CLOCK when the circle's order is the arrival order; a queue here.
 */
public final class SecondChancePolicy implements ReplacementPolicy {
    private final FrameList queue = new FrameList();
    private boolean[] referenced = new boolean[0];

    @Override
    public void admit(long frame) {
        int f = FrameList.index(frame);
        if (f >= referenced.length) {
            referenced = Arrays.copyOf(referenced, Math.max(f + 1, Math.max(64, referenced.length + (referenced.length >> 1))));
        }
        referenced[f] = false;
        queue.addLast(f);
    }

    @Override
    public void touch(long frame) {
        int f = (int) frame;
        if (f < referenced.length) {
            referenced[f] = true;
        }
    }

    @Override
    public void remove(long frame) {
        queue.remove((int) frame);
    }

    @Override
    public long victim() {
        if (queue.size() == 0) {
            return -1;
        }
        while (true) {
            int f = queue.first();
            if (!referenced[f]) {
                return f;
            }
            referenced[f] = false;
            queue.moveToLast(f);
        }
    }

    @Override
    public int size() {
        return queue.size();
    }
}
