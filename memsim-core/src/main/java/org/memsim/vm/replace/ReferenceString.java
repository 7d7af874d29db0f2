package org.memsim.vm.replace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.memsim.spec.Spec;

/**
 * The textbook paging exercise: a reference string of page numbers served by {@code frames}
 * frames under one replacement policy (the same classes the kernel uses). Each reference is a hit
 * or a miss (a page fault); a miss fills a free frame, or evicts the policy's victim. Frames are
 * numbered 0..n-1 and filled in order, so printed frame contents match the textbooks' tables.
 */
public final class ReferenceString {
    /** No page (an empty frame, or nothing evicted). */
    public static final long NONE = -1;

    /** One reference: the page, hit or miss, the page evicted (or {@link #NONE}), the frames afterwards. */
    public record Step(long page, boolean hit, long evicted, long[] frames) {}

    /** The whole run ({@code steps} empty when they were streamed to a sink instead). */
    public record Result(String policy, int frames, List<Step> steps, long hits, long misses) {
        public double hitRatio() {
            return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
        }
    }

    /** Receives each step as it happens (the frames array is reused: copy it to keep it). */
    @FunctionalInterface
    public interface StepSink {
        void step(long page, boolean hit, long evicted, long[] frames);
    }

    private ReferenceString() {}

    /** Runs {@code refs} through {@code frames} frames under {@code policySpec}, keeping every step. */
    public static Result run(long[] refs, int frames, String policySpec) {
        List<Step> steps = new ArrayList<>(refs.length);
        Result r = run(refs, frames, policySpec, (page, hit, evicted, content) -> steps.add(new Step(page, hit, evicted, content.clone())));
        return new Result(r.policy(), r.frames(), steps, r.hits(), r.misses());
    }

    /** Runs {@code refs} through {@code frames} frames under {@code policySpec}, streaming steps to {@code sink}. */
    public static Result run(long[] refs, int frames, String policySpec, StepSink sink) {
        if (frames <= 0) {
            throw new org.memsim.InputException("frames must be at least 1 (got " + frames + ")");
        }
        Spec spec = Spec.parse(policySpec);
        long[] content = new long[frames];
        Arrays.fill(content, NONE);
        org.memsim.collections.LongLongHashMap where = new org.memsim.collections.LongLongHashMap(64, -1); // page -> frame
        java.util.BitSet free = new java.util.BitSet(frames);
        free.set(0, frames);
        long[] now = {-1};
        FutureReferences future = new FutureReferences(Math.max(refs.length, 1));
        for (int i = 0; i < refs.length; i++) {
            future.add(refs[i], i);
        }
        future.build();
        PolicyHost host = new PolicyHost() {
            @Override public long now() { return now[0]; }
            @Override public long pageKey(long frame) { return content[(int) frame]; }
            @Override public FutureReferences future() { return future; }
        };
        ReplacementPolicy policy = ReplacementPolicies.REGISTRY.create(spec, host);
        long hits = 0;
        for (int i = 0; i < refs.length; i++) {
            long page = refs[i];
            if (page < 0) {
                throw new org.memsim.InputException("reference " + (i + 1) + " is " + page + " (expected a page number >= 0)");
            }
            now[0] = i;
            int frame = (int) where.get(page);
            long evicted = NONE;
            boolean hit = frame >= 0;
            if (hit) {
                hits++;
                policy.touch(frame);
            } else {
                frame = free.nextSetBit(0);
                if (frame < 0) {
                    frame = (int) policy.victim();
                    evicted = content[frame];
                    where.remove(evicted);
                    policy.remove(frame);
                }
                free.clear(frame);
                content[frame] = page;
                where.put(page, frame);
                policy.admit(frame);
                policy.touch(frame);
            }
            for (long f = policy.expired(); f >= 0; f = policy.expired()) {
                policy.remove(f);
                where.remove(content[(int) f]);
                content[(int) f] = NONE;
                free.set((int) f);
            }
            sink.step(page, hit, evicted, content);
        }
        return new Result(spec.toString(), frames, List.of(), hits, refs.length - hits);
    }
}
