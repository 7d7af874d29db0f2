package org.memsim.alloc.segfit;

import java.util.List;
import java.util.Locale;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.csapp.BoundaryTagAllocator;
import org.memsim.spec.Param;
import org.memsim.spec.Params;

/**
 * Segregated fits (Wilson, Johnstone, Neely and Boles, "Dynamic Storage Allocation: A Survey and
 * Critical Review", IWMM 1995, §3.6; CS:APP 3rd ed. §9.9.14) on a 64-bit boundary-tag heap: 8-byte
 * headers and footers, 16-byte alignment, one explicit free list per size class ({@code classes=fine}:
 * one per 16-byte step below 1 KiB then one per power of two, like dlmalloc's small bins and tree
 * bins; {@code classes=pow2}: one per power of two), a request searches its own class and then the
 * larger ones, splits the block it takes and coalesces on free. The heap machinery is
 * {@link BoundaryTagAllocator}'s; user guide: {@code docs/allocators/segfit.md}.
 * <pre>
 *  class 0 (32 B):  [32] -> [32] -> nil        a free block:  | hdr | pred | succ | ... | ftr |
 *  class 1 (48 B):  nil                                        8      8      8            8
 *  class 2 (64 B):  [64] -> nil
 *  ...              search starts at the request's class and moves up
 * </pre>
 */
public final class SegFitAllocator {
    /** Tag width: 8-byte headers and footers (16-byte alignment), as a 64-bit malloc has. */
    public static final int WSIZE = 8;

    /** The registry's keys for {@code segfit}. */
    public static final List<Param> PARAMS = List.of(
        Param.choice("classes", "fine", "size classes: fine (16-byte steps below 1 KiB, then powers of two) or pow2", "fine", "pow2"),
        Param.choice("fit", "first", "within a class: first block that fits, or the best (smallest, ties to the earliest)", "first", "best"),
        Param.choice("order", "lifo", "where a freed block goes in its class list (lifo: at the front, as dlmalloc's small bins)", "lifo", "fifo", "address"),
        Param.choice("realloc", "inplace", "inplace: shrink or grow into a free successor first; naive: malloc, copy, free", "inplace", "naive"),
        Param.of("chunk", "64k", "least bytes to grow the heap by with brk"));

    private SegFitAllocator() {}

    /** Builds the allocator a {@code segfit:…} spec names. */
    public static Allocator create(Params p, AllocatorContext context) {
        return new BoundaryTagAllocator(new BoundaryTagAllocator.Config("segfit", WSIZE, p.bytes("chunk"),
            BoundaryTagAllocator.ListKind.SEGREGATED, BoundaryTagAllocator.Fit.valueOf(upper(p.string("fit"))),
            BoundaryTagAllocator.Order.valueOf(upper(p.string("order"))),
            BoundaryTagAllocator.Classes.valueOf(upper(p.string("classes"))),
            BoundaryTagAllocator.Realloc.valueOf(upper(p.string("realloc"))), false), context);
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
