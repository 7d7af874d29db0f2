package org.memsim.vm.replace;

/** LRU: evict the page whose last reference is oldest. Every touch moves the frame to the recent end of a list (O(1)). */
public final class LruPolicy implements ReplacementPolicy {
    private final FrameList order = new FrameList();

    @Override
    public void admit(long frame) {
        order.addLast(FrameList.index(frame));
    }

    @Override
    public void touch(long frame) {
        int f = (int) frame;
        if (order.contains(f)) {
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
    public int size() {
        return order.size();
    }
}
