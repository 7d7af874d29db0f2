package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.stack.StackResult;

/** Allocators built for one shape of request: slab caches for uniform objects, the buddy page allocator, a pool for a hot size. */
final class SpecialisedAllocatorsChapter implements Chapter {
    @Override
    public String id() {
        return "slab-buddy-pool";
    }

    @Override
    public String title() {
        return "Allocators for one shape: slab caches, buddy pages, a pool for the hot size";
    }

    @Override
    public ChapterResult run() throws IOException {
        AllocatorRuns slab = AllocatorRuns.of("slab.scenario");
        AllocatorRuns buddy = AllocatorRuns.of("buddy.scenario");
        AllocatorRuns pool = AllocatorRuns.of("pool.scenario");
        StackResult sl = slab.row("slab:source=buddy:maxorder=4");
        StackResult fl = slab.row("freelist:fit=first");
        StackResult bd = buddy.row("buddy");
        StackResult bf = buddy.row("freelist:fit=best");
        StackResult pl = pool.row("pool:size=64,fallback=freelist");
        String poolSpec = "pool:size=64,fallback=freelist";
        long hits = (long) pool.metric(poolSpec, "alloc.pool.hits");
        long fallbacks = (long) pool.metric(poolSpec, "alloc.pool.fallbacks");
        List<String> findings = List.of(
            "Slab: 192-byte objects fill 192-byte slots with no header and no search, so internal fragmentation is "
                + Numbers.bytes(sl.internalFragBytesAtEnd()) + " against " + Numbers.bytes(fl.internalFragBytesAtEnd())
                + " for a free list's headers and alignment; the heap peaks at " + Numbers.bytes(sl.heapHighWaterBytes())
                + " against " + Numbers.bytes(fl.heapHighWaterBytes()) + " (" + Numbers.percent(sl.utilization()) + " utilization against "
                + Numbers.percent(fl.utilization()) + ").",
            "Buddy: " + Numbers.count((long) buddy.metric("buddy", "alloc.buddy.splits")) + " splits and "
                + Numbers.count((long) buddy.metric("buddy", "alloc.buddy.merges")) + " buddy merges kept the page pool whole, "
                + "but every request is rounded up to a power of two pages: " + Numbers.bytes(bd.internalFragBytesAtEnd())
                + " of internal fragmentation at the end (" + Numbers.percent(bd.utilization()) + " utilization) against "
                + Numbers.bytes(bf.internalFragBytesAtEnd()) + " for a best-fit free list (" + Numbers.percent(bf.utilization()) + ").",
            "Pool: " + Numbers.count(hits) + " of " + Numbers.count(hits + fallbacks) + " mallocs were served by the 64-byte pool in "
                + "constant time; the rest went to the fallback free list. Blocks examined per malloc: "
                + AllocatorRuns.fmt(pool.metric(poolSpec, "alloc.searchLength.mean")) + " against "
                + AllocatorRuns.fmt(pool.metric("freelist:fit=first", "alloc.searchLength.mean")) + " for the free list alone. The price is "
                + "memory: every small request takes a whole 64-byte slot, so the heap peaks at " + Numbers.bytes(pl.heapHighWaterBytes())
                + " against " + Numbers.bytes(pool.row("freelist:fit=first").heapHighWaterBytes()) + ".");
        return new ChapterResult(id(), title(), List.of(
            "General-purpose malloc handles any size; allocators that know the shape of their requests do better on it. "
                + "The Linux kernel keeps object caches (slab/SLUB) over pages from a binary buddy allocator; programs with one "
                + "hot size keep a pool. Three experiments, each against general allocators on the same trace."),
            List.of(slab.result(), buddy.result(), pool.result()), findings, List.of());
    }
}
