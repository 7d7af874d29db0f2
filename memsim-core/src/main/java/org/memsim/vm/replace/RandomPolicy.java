package org.memsim.vm.replace;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random replacement: a uniformly chosen resident page, from a seeded generator so runs repeat exactly. */
public final class RandomPolicy implements ReplacementPolicy {
    private final SplittableRandom random;
    private int[] frames = new int[64];   // dense set of admitted frames
    private int[] position = new int[0];  // frame -> index in frames, or -1
    private int size;

    public RandomPolicy(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void admit(long frame) {
        int f = FrameList.index(frame);
        if (f >= position.length) {
            int old = position.length;
            position = Arrays.copyOf(position, Math.max(f + 1, Math.max(64, old + (old >> 1))));
            Arrays.fill(position, old, position.length, -1);
        }
        if (position[f] >= 0) {
            return;
        }
        if (size == frames.length) {
            frames = Arrays.copyOf(frames, size * 2);
        }
        position[f] = size;
        frames[size++] = f;
    }

    @Override
    public void touch(long frame) {
        // references do not matter
    }

    @Override
    public void remove(long frame) {
        int f = (int) frame;
        if (f >= position.length || position[f] < 0) {
            return;
        }
        int i = position[f];
        int last = frames[--size];
        frames[i] = last;
        position[last] = i;
        position[f] = -1;
    }

    @Override
    public long victim() {
        return size == 0 ? -1 : frames[random.nextInt(size)];
    }

    @Override
    public int size() {
        return size;
    }
}
