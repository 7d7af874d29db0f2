package org.memsim.alloc.csapp;

import java.util.List;
import java.util.Locale;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * The CS:APP malloc-lab allocator (Bryant and O'Hallaron, <i>Computer Systems: A Programmer's
 * Perspective</i>, 3rd ed., §9.9.12 "Putting It Together: Implementing a Simple Allocator", the
 * book's {@code mm.c}): 4-byte boundary tags ({@code WSIZE} 4), 8-byte alignment ({@code DSIZE} 8),
 * a prologue block and an epilogue header, {@code extend_heap} by {@code CHUNKSIZE} (4096) bytes
 * or the request, first fit over the implicit list, {@code place} splitting when at least
 * {@code 2*DSIZE} bytes remain, immediate coalescing. Variants: next fit (the rover of exercise
 * 9.9's solution), best fit, the explicit free list of §9.9.13 and the segregated fits of §9.9.14.
 * Heap layout and engine: {@link BoundaryTagAllocator}; user guide: {@code docs/allocators/csapp.md}.
 */
public final class CsappAllocator {
    /** {@code WSIZE}: word and tag size in bytes. */
    public static final int WSIZE = 4;
    /** {@code DSIZE}: double word, the alignment. */
    public static final int DSIZE = 8;
    /** {@code CHUNKSIZE}: extend the heap by this amount (bytes). */
    public static final int CHUNKSIZE = 1 << 12;

    /** The registry's keys for {@code csapp}. */
    public static final List<Param> PARAMS = List.of(
        Param.choice("fit", "first", "which free block serves a request (next: the textbook's rover; best: full scan, ties to the earliest)",
            "first", "next", "best"),
        Param.choice("list", "implicit", "implicit list of all blocks, one explicit free list, or segregated lists by power-of-two class",
            "implicit", "explicit", "segregated"),
        Param.choice("order", "lifo", "explicit and segregated lists: where a freed block goes", "lifo", "fifo", "address"),
        Param.choice("realloc", "naive", "naive: malloc, copy, free as the lab's mm.c; inplace: shrink or grow into the next block first",
            "naive", "inplace"),
        Param.of("chunk", "4096", "CHUNKSIZE: least bytes extend_heap asks sbrk for"));

    private CsappAllocator() {}

    /** Builds the allocator a {@code csapp:…} spec names. */
    public static Allocator create(Params p, AllocatorContext context) {
        BoundaryTagAllocator.ListKind list = BoundaryTagAllocator.ListKind.valueOf(upper(p.string("list")));
        BoundaryTagAllocator.Fit fit = BoundaryTagAllocator.Fit.valueOf(upper(p.string("fit")));
        if (list == BoundaryTagAllocator.ListKind.IMPLICIT && p.isSet("order")) {
            throw new SpecException("csapp: order applies to list=explicit or list=segregated (an implicit list is in address order)");
        }
        if (list == BoundaryTagAllocator.ListKind.SEGREGATED && fit == BoundaryTagAllocator.Fit.NEXT) {
            throw new SpecException("csapp: fit=next needs list=implicit or list=explicit (segregated fits start at the request's class)");
        }
        return new BoundaryTagAllocator(new BoundaryTagAllocator.Config("csapp", WSIZE, p.bytes("chunk"), list, fit,
            BoundaryTagAllocator.Order.valueOf(upper(p.string("order"))), BoundaryTagAllocator.Classes.POW2,
            BoundaryTagAllocator.Realloc.valueOf(upper(p.string("realloc"))), true), context);
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
