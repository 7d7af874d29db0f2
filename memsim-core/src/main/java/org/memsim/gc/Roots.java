package org.memsim.gc;

import org.memsim.collections.LongLongHashMap;

/**
 * The mutator's roots: objects named by {@code rootAdd} (globals, stack slots, registers), each
 * with a count so an object rooted twice stays a root until removed twice; and the allocation
 * register — the object allocated last, which the program still holds in a register until its
 * next allocation (so {@code new a; ref b.0 = a; root b} never loses {@code a} to a collection
 * that the allocation of {@code b} triggers).
 */
public final class Roots {
    private final LongLongHashMap counts = new LongLongHashMap(64, 0);
    private int register = ObjectTable.NONE;

    /** Adds one root reference to {@code i}; returns the new count. */
    public long add(int i) {
        long n = counts.get(i) + 1;
        counts.put(i, n);
        return n;
    }

    /** Removes one root reference; returns the new count, or -1 if {@code i} was not a root. */
    public long remove(int i) {
        long n = counts.get(i);
        if (n == 0) {
            return -1;
        }
        if (n == 1) {
            counts.remove(i);
        } else {
            counts.put(i, n - 1);
        }
        return n - 1;
    }

    public long count(int i) {
        return counts.get(i);
    }

    public int register() {
        return register;
    }

    /** Moves the register to {@code i}; returns the object it held. */
    public int setRegister(int i) {
        int old = register;
        register = i;
        return old;
    }

    /** Forgets a freed object (a root that the collector freed would be a bug the oracle reports). */
    public void forget(int i) {
        counts.remove(i);
        if (register == i) {
            register = ObjectTable.NONE;
        }
    }

    /** Distinct rooted objects, the register not included. */
    public int size() {
        return counts.size();
    }

    /** Visits every distinct root object, then the register (which may also be a root). */
    public void forEach(java.util.function.IntConsumer visit) {
        counts.forEach((k, v) -> visit.accept((int) k));
        if (register != ObjectTable.NONE) {
            visit.accept(register);
        }
    }
}
