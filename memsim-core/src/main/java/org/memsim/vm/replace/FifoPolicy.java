package org.memsim.vm.replace;

/** FIFO: evict the page that has been resident longest, whatever its use (the policy that shows Belady's anomaly). */
public final class FifoPolicy implements ReplacementPolicy {
    private final FrameList queue = new FrameList();

    @Override
    public void admit(long frame) {
        queue.addLast(FrameList.index(frame));
    }

    @Override
    public void touch(long frame) {
        // arrival order only
    }

    @Override
    public void remove(long frame) {
        queue.remove((int) frame);
    }

    @Override
    public long victim() {
        return queue.first();
    }

    @Override
    public int size() {
        return queue.size();
    }
}
