package org.memsim.gc.rc;

import org.memsim.gc.CollectionKind;
import org.memsim.gc.GcContext;
import org.memsim.gc.ObjectTable;
import org.memsim.gc.space.IntStack;

/**
 * CPython 3.11's cycle detector ({@code Modules/gcmodule.c}): containers (objects with reference
 * slots) are tracked in three generations. {@code gen0.count} grows with container allocations
 * and shrinks with deallocations; past {@code threshold0} (700) generation 0 is collected; every
 * {@code threshold1} (10) of those, generation 1; every {@code threshold2} (10) of those — and
 * only when the objects waiting for a full collection are over 25% of those that survived the
 * last one — generation 2. Collecting generation g merges the younger ones into it, then:
 * <ol>
 *   <li>{@code update_refs}: gc_refs = the reference count;</li>
 *   <li>{@code subtract_refs}: minus one for every reference from inside the collected set;</li>
 *   <li>{@code move_unreachable}: objects with gc_refs &gt; 0 are referenced from outside; all they
 *       reach is reachable; the rest is cyclic garbage, freed (its references to survivors dropped);</li>
 *   <li>survivors move to generation g + 1.</li>
 * </ol>
 */
final class CycleDetector {
    private final RcPlan plan;
    private final GcContext ctx;
    private final ObjectTable table;
    private final Generations gens = new Generations();
    private final int[] threshold;
    private final long[] count = new long[3];
    private long longLivedTotal;
    private long longLivedPending;
    private final IntStack work = new IntStack(256);
    private final IntStack garbage = new IntStack(256);
    private final IntStack drops = new IntStack(256);

    CycleDetector(RcPlan plan, GcContext ctx, int t0, int t1, int t2) {
        this.plan = plan;
        this.ctx = ctx;
        this.table = ctx.table;
        this.threshold = new int[] {t0, t1, t2};
    }

    void tracked(int i) {
        gens.ensure(i);
        if (table.slotCount(i) > 0) {
            gens.link(i, 0);
            count[0]++;
        }
    }

    void untracked(int i) {
        if (gens.gen(i) != Generations.UNTRACKED) {
            gens.unlink(i);
            if (count[0] > 0) {
                count[0]--;
            }
        }
    }

    /** {@code collect_generations}: the oldest generation over its threshold is collected. */
    void maybeCollect() {
        if (count[0] <= threshold[0]) {
            return;
        }
        for (int g = 2; g >= 0; g--) {
            if (count[g] > threshold[g]) {
                if (g == 2 && longLivedPending < longLivedTotal / 4) {
                    continue;
                }
                collect(g, g == 2 ? CollectionKind.FULL : CollectionKind.PARTIAL_CYCLES);
                return;
            }
        }
    }

    /** Collects generations 0 … g. */
    void collect(int g, CollectionKind kind) {
        if (g < 2) {
            count[g + 1]++;
        }
        for (int k = 0; k <= g; k++) {
            count[k] = 0;
        }
        for (int k = 0; k < g; k++) {
            gens.merge(k, g);
        }
        int[] gcRefs = gens.gcRefs;
        int reg = ctx.roots.register();
        long visited = 0;
        long scanned = 0;
        // update_refs
        for (int i = gens.head[g]; i != Generations.NONE; i = gens.next(i)) {
            gcRefs[i] = plan.count(i) + (i == reg ? 1 : 0);
            table.unmark(i);
            visited++;
        }
        // subtract_refs
        for (int i = gens.head[g]; i != Generations.NONE; i = gens.next(i)) {
            int n = table.slotCount(i);
            scanned += n;
            for (int k = 0; k < n; k++) {
                int t = table.slot(i, k);
                if (t >= 0 && gens.gen(t) == g) {
                    gcRefs[t]--;
                }
            }
        }
        // move_unreachable: everything reachable from an externally referenced member is reachable
        for (int i = gens.head[g]; i != Generations.NONE; i = gens.next(i)) {
            if (gcRefs[i] > 0 && table.mark(i)) {
                work.push(i);
            }
        }
        while (!work.isEmpty()) {
            int i = work.pop();
            int n = table.slotCount(i);
            scanned += n;
            for (int k = 0; k < n; k++) {
                int t = table.slot(i, k);
                if (t >= 0 && gens.gen(t) == g && table.mark(t)) {
                    work.push(t);
                }
            }
        }
        garbage.clear();
        for (int i = gens.head[g]; i != Generations.NONE; i = gens.next(i)) {
            if (!table.isMarked(i)) {
                garbage.push(i);
            }
        }
        // drop the garbage's references to objects that survive (tp_clear), then free it
        drops.clear();
        for (int j = 0; j < garbage.size(); j++) {
            int u = garbage.get(j);
            int n = table.slotCount(u);
            for (int k = 0; k < n; k++) {
                int t = table.slot(u, k);
                if (t >= 0 && !(gens.gen(t) == g && !table.isMarked(t))) {
                    drops.push(t);
                }
            }
        }
        long freed = garbage.size();
        for (int j = 0; j < garbage.size(); j++) {
            plan.freeObject(garbage.get(j));
        }
        for (int j = 0; j < drops.size(); j++) {
            plan.decrementFromGarbage(drops.get(j));
        }
        for (int i = gens.head[g]; i != Generations.NONE; i = gens.next(i)) {
            table.unmark(i);
        }
        long survivors = gens.size[g];
        if (g < 2) {
            gens.merge(g, g + 1);
            if (g == 1) {
                longLivedPending += survivors;
            }
        } else {
            longLivedPending = 0;
            longLivedTotal = survivors;
        }
        ctx.stats.objectsMarked.add(visited - freed);
        double cost = visited * ctx.cost.gcMarkNs + scanned * ctx.cost.gcScanRefNs + freed * ctx.cost.rcFreeNs;
        ctx.pause(kind, cost, "generations 0-" + g + ": " + visited + " containers, " + freed + " in unreachable cycles", 0);
        garbage.trim();
        drops.trim();
        work.trim();
    }
}
