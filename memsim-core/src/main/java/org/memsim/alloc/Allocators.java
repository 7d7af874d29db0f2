package org.memsim.alloc;

import java.util.List;
import org.memsim.alloc.freelist.FreeListAllocator;
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
            org.memsim.alloc.ptmalloc.PtmallocAllocator::new);

    private Allocators() {}

    /** The allocator a spec string names, built on {@code context}. */
    public static Allocator create(String spec, AllocatorContext context) {
        return REGISTRY.create(spec, context);
    }
}
