package org.memsim.gc;

import java.util.ArrayList;
import java.util.List;
import org.memsim.gc.concurrent.ConcurrentPlan;
import org.memsim.gc.generational.GenerationalPlan;
import org.memsim.gc.markcompact.MarkCompactPlan;
import org.memsim.gc.marksweep.MarkSweepPlan;
import org.memsim.gc.rc.RcPlan;
import org.memsim.gc.regional.RegionalPlan;
import org.memsim.gc.semispace.SemiSpacePlan;
import org.memsim.spec.Param;
import org.memsim.spec.Registry;

/** Every collector by {@code --collector} name; the context is the runtime's {@link GcContext}. */
public final class Collectors {
    /** {@code --collector NAME[:k=v,…]}. */
    public static final Registry<Plan, GcContext> REGISTRY = new Registry<Plan, GcContext>("collector")
        .register("rc", "reference counting, freeing at zero (cascading), with CPython's generational cycle detector",
            RcPlan.PARAMS, RcPlan::new)
        .register("marksweep", "stop-the-world mark from the roots, sweep into segregated free lists", HeapSizing.PARAMS, MarkSweepPlan::new)
        .register("markcompact", "stop-the-world mark, then slide the live objects to the start (LISP2)", HeapSizing.PARAMS,
            MarkCompactPlan::new)
        .register("semispace", "copy the survivors between two halves of the heap (Cheney)", HeapSizing.PARAMS, SemiSpacePlan::new)
        .register("generational", "copying nursery, promotion after N survivals, mark-sweep or mark-compact old generation, card table",
            GenerationalPlan.PARAMS, GenerationalPlan::new)
        .register("regional", "G1-like: equal regions, pause-time target, collection sets chosen by most garbage first",
            RegionalPlan.PARAMS, RegionalPlan::new)
        .register("concurrent", "Go-like concurrent mark-sweep: GOGC pacer, GOMEMLIMIT soft limit, assists, scavenger",
            ConcurrentPlan.PARAMS, ConcurrentPlan::new);

    private Collectors() {}

    /** Sizing keys plus a plan's own. */
    static List<Param> with(List<Param> own) {
        List<Param> all = new ArrayList<>(HeapSizing.PARAMS);
        all.addAll(own);
        return all;
    }
}
