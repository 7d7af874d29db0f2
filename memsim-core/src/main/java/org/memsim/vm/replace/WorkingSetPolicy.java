package org.memsim.vm.replace;

import java.util.Arrays;

/**
 * Denning's working-set policy (Denning 1968): the resident set is the pages referenced in the last
 * {@code window} references, WS(t, τ). A page whose last reference is {@code window} or more
 * references old leaves on its own ({@link #expired}), so the resident set follows the working
 * set even without memory pressure; when a frame is needed and none is free, the least recently
 * used page goes.
 */
public final class WorkingSetPolicy implements ReplacementPolicy {
    private final long window;
    private final FrameList order = new FrameList();
    private long[] lastUse = new long[0];
    private long references;

    public WorkingSetPolicy(long window) {
        this.window = window;
    }

    @Override
    public void admit(long frame) {
        int f = FrameList.index(frame);
        if (f >= lastUse.length) {
            lastUse = Arrays.copyOf(lastUse, Math.max(f + 1, Math.max(64, lastUse.length + (lastUse.length >> 1))));
        }
        lastUse[f] = references;
        order.addLast(f);
    }

    @Override
    public void touch(long frame) {
        references++;
        int f = (int) frame;
        if (order.contains(f)) {
            lastUse[f] = references;
            order.moveToLast(f);
        }
    }

    @Override
    public void remove(long frame) {
        order.remove((int) frame);
    }

    @Override
    public long victim() {
        return order.first();
    }

    @Override
    public long expired() {
        int f = order.first();
        return f >= 0 && references - lastUse[f] >= window ? f : -1;
    }

    @Override
    public boolean countsEveryReference() {
        return true;
    }

    @Override
    public int size() {
        return order.size();
    }
}
