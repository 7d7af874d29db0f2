package org.memsim.gc;

import org.memsim.cost.CostModel;
import org.memsim.gc.space.IntStack;

/**
 * The transitive closure every tracing plan shares (MMTk's {@code TraceLocal}): set the mark bit
 * of each root, then pop, scan the reference slots, mark and push each unmarked target. A
 * {@link Scope} limits the trace (a minor collection stops at old objects). Counts what it did
 * so the plan can charge it: roots, objects marked, slots scanned.
 */
public final class Marker {
    /** Which objects a trace enters; those outside are neither marked nor scanned. */
    @FunctionalInterface
    public interface Scope {
        boolean contains(int i);
    }

    private final IntStack stack = new IntStack(1024);
    public long roots;
    public long marked;
    public long refs;

    public void reset() {
        roots = 0;
        marked = 0;
        refs = 0;
    }

    /** Clears every mark and marks everything reachable from the roots. */
    public void markAll(ObjectTable t, Roots rootSet) {
        t.clearMarks();
        reset();
        rootSet.forEach(r -> {
            roots++;
            if (t.mark(r)) {
                stack.push(r);
            }
        });
        drain(t);
    }

    /** Marks {@code i} (an extra root, such as a remembered object) and what it reaches. */
    public void markFrom(ObjectTable t, int i) {
        roots++;
        if (t.mark(i)) {
            stack.push(i);
        }
    }

    /** Scans {@code i}'s slots as a root without marking {@code i} itself (old-to-young edges). */
    public void scanSlots(ObjectTable t, int i, Scope scope) {
        int n = t.slotCount(i);
        refs += n;
        for (int k = 0; k < n; k++) {
            int x = t.slot(i, k);
            if (x >= 0 && scope.contains(x) && t.mark(x)) {
                stack.push(x);
            }
        }
    }

    /** Completes the closure of everything pushed so far. */
    public void drain(ObjectTable t) {
        final IntStack s = stack;
        final int[] arena = t.arena();
        long m = 0;
        long r = 0;
        while (!s.isEmpty()) {
            int i = s.pop();
            m++;
            int info = t.refInfo(i);
            if (info == -1) {
                continue;
            }
            if (info < -1) {
                r++;
                int x = -info - 3;
                if (x >= 0 && t.mark(x)) {
                    s.push(x);
                }
                continue;
            }
            int n = arena[info];
            r += n;
            for (int k = info + 1, end = info + 1 + n; k < end; k++) {
                int x = arena[k];
                if (x >= 0 && t.mark(x)) {
                    s.push(x);
                }
            }
        }
        marked += m;
        refs += r;
    }

    /** Completes the closure, entering only objects in {@code scope}. */
    public void drain(ObjectTable t, Scope scope) {
        final IntStack s = stack;
        while (!s.isEmpty()) {
            int i = s.pop();
            marked++;
            int n = t.slotCount(i);
            refs += n;
            for (int k = 0; k < n; k++) {
                int x = t.slot(i, k);
                if (x >= 0 && scope.contains(x) && t.mark(x)) {
                    s.push(x);
                }
            }
        }
    }

    /** Pushes a root restricted to a scope. */
    public void markRoot(ObjectTable t, int r, Scope scope) {
        roots++;
        if (scope.contains(r) && t.mark(r)) {
            stack.push(r);
        }
    }

    /** Simulated ns of what was traced since {@link #reset}. */
    public double cost(CostModel c) {
        return roots * c.gcRootNs + marked * c.gcMarkNs + refs * c.gcScanRefNs;
    }

    /** Releases a large mark stack after a big trace. */
    public void trim() {
        stack.trim();
    }
}
