package org.memsim.vm.replace;

/**
 * Which resident page to evict when a frame is needed. Frames enter with {@link #admit} when they
 * receive an evictable page, every reference to them is reported by {@link #touch} (the MMU calls
 * it on every translated access, so LRU here is exact LRU, as textbooks assume, not Linux's
 * accessed-bit approximation), and they leave with {@link #remove}. {@link #victim} only chooses;
 * the caller evicts and then removes. One class per policy, chosen by a spec
 * ({@link ReplacementPolicies}).
 */
public interface ReplacementPolicy {
    /** {@code frame} now holds an evictable page (it is referenced next, by the access that faulted it in). */
    void admit(long frame);

    /** The page in {@code frame} was referenced; frames not admitted are ignored. */
    void touch(long frame);

    /** {@code frame} no longer holds an evictable page. */
    void remove(long frame);

    /** The admitted frame to evict next, or -1 when none is admitted. */
    long victim();

    /** An admitted frame the policy wants out even without memory pressure (working-set policy), or -1. */
    default long expired() {
        return -1;
    }

    /** Frames admitted. */
    int size();

    /** Whether {@link #touch} matters even before any frame is admitted (the policy's clock counts references). */
    default boolean countsEveryReference() {
        return false;
    }

    /** Whether the policy needs {@link PolicyHost#future()} (OPT). */
    default boolean needsFuture() {
        return false;
    }
}
