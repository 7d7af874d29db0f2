package org.memsim.alloc;

import java.util.List;
import org.memsim.alloc.buddy.BuddyAllocator;
import org.memsim.alloc.bump.BumpAllocator;
import org.memsim.alloc.csapp.CsappAllocator;
import org.memsim.alloc.freelist.FreeListAllocator;
import org.memsim.alloc.pool.PoolAllocator;
import org.memsim.alloc.segfit.SegFitAllocator;
import org.memsim.alloc.slab.SlabAllocator;
import org.memsim.spec.Param;
import org.memsim.spec.Registry;

/** Every allocator policy memsim has, by spec name. */
public final class Allocators {
    /** {@code --allocator NAME[:key=value,…]}. */
    public static final Registry<Allocator, AllocatorContext> REGISTRY = new Registry<Allocator, AllocatorContext>("allocator")
        .register("freelist", "explicit free list of boundary-tagged blocks on a brk heap or a fixed arena", List.of(
            Param.choice("fit", "first", "which free block serves a request (ties: earliest in list order)",
                "first", "next", "best", "worst"),
            Param.choice("order", "address", "how the free list is kept", "address", "size-asc", "size-desc", "lifo", "fifo"),
            Param.of("coalesce", "true", "merge a freed block with free neighbours at once"),
            Param.of("header", "16", "bytes of per-block header (size and in-use bit)"),
            Param.of("align", "16", "payload alignment (power of two)"),
            Param.of("base", "brk", "start of a fixed arena mapped with mmap (default: the heap starts at the program break)"),
            Param.of("size", "0", "bytes of the initial heap or arena"),
            Param.of("grow", "true", "extend the heap with brk when nothing fits (false: a fixed arena, failure returns NULL)"),
            Param.of("chunk", "128k", "least bytes to grow the heap by with brk")),
            FreeListAllocator::new)
        .register("ptmalloc", "glibc 2.36 malloc (ptmalloc2), one thread: tcache, fastbins, bins, top, mmap", List.of(),
            org.memsim.alloc.ptmalloc.PtmallocAllocator::new)
        .register("csapp", "CS:APP mm.c: 4-byte boundary tags, implicit/explicit/segregated lists, first/next/best fit",
            CsappAllocator.PARAMS, CsappAllocator::create)
        .register("segfit", "segregated free lists by size class on an 8-byte boundary-tag heap, split and coalesce",
            SegFitAllocator.PARAMS, SegFitAllocator::create)
        .register("bump", "arena: bump a pointer through chunks, free does nothing, reset frees everything",
            BumpAllocator.PARAMS, BumpAllocator::new)
        .register("buddy", "binary buddy page allocator (Linux mm/page_alloc.c): orders 0..maxorder, split and merge",
            BuddyAllocator.PARAMS, BuddyAllocator::new)
        .register("slab", "object caches over buddy pages (SLUB/kmalloc): partial/full/empty slabs per size",
            SlabAllocator.PARAMS, SlabAllocator::new)
        .register("pool", "fixed-size slots for one hot size, everything else to a fallback allocator",
            PoolAllocator.PARAMS, PoolAllocator::new);

    private Allocators() {}

    /** The allocator a spec string names, built on {@code context}. */
    public static Allocator create(String spec, AllocatorContext context) {
        return REGISTRY.create(spec, context);
    }
}
