package org.memsim.vm.replace;

/**
 * OPT, Belady's optimal policy (Belady 1966): evict the page whose next reference lies farthest in
 * the future, reading the reference string ahead from {@link PolicyHost#future()}. With
 * {@code lookahead} &gt; 0 it sees only that many positions ahead and treats pages not referenced
 * within the window as never used again. Ties (pages never used again) go to the page loaded first.
 */
public final class OptPolicy implements ReplacementPolicy {
    private final FrameList arrival = new FrameList();
    private final PolicyHost host;
    private final long lookahead;

    public OptPolicy(PolicyHost host, long lookahead) {
        this.host = host;
        this.lookahead = lookahead;
    }

    @Override
    public void admit(long frame) {
        arrival.addLast(FrameList.index(frame));
    }

    @Override
    public void touch(long frame) {
        // the future decides, not the past
    }

    @Override
    public void remove(long frame) {
        arrival.remove((int) frame);
    }

    @Override
    public long victim() {
        FutureReferences future = host.future();
        if (future == null) {
            throw new IllegalStateException("opt needs the reference string ahead, and none was scanned");
        }
        long now = host.now();
        long horizon = lookahead > 0 ? now + lookahead : FutureReferences.NEVER;
        int best = -1;
        long farthest = -1;
        for (int f = arrival.first(); f >= 0; f = arrival.next(f)) {
            long next = future.nextUse(host.pageKey(f), now);
            if (next > horizon) {
                return f;
            }
            if (next > farthest) {
                farthest = next;
                best = f;
            }
        }
        return best;
    }

    @Override
    public int size() {
        return arrival.size();
    }

    @Override
    public boolean needsFuture() {
        return true;
    }
}
