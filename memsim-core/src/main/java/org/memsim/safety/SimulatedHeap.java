package org.memsim.safety;

import org.memsim.alloc.Allocator;
import org.memsim.alloc.HeapSpans;
import org.memsim.alloc.ptmalloc.Chunk;
import org.memsim.alloc.ptmalloc.PtmallocAllocator;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;

/**
 * Where blocks go when the checker places them itself: a simulated allocator on the stack's
 * kernel and MMU (a {@link Stack} built from the spec, as {@code memsim replay} builds one), fed the
 * program's calls exactly as the program makes them so its state is the real allocator's. With
 * glibc's model it also takes the program's stray writes ({@link PtmallocAllocator#programWrote})
 * and bad frees, so the checker can show what they do to ptmalloc's chunks and lists.
 */
final class SimulatedHeap {
    /** The byte an overflowing or dangling write is assumed to store (a trace records no values): 'A'. */
    static final long PATTERN_BYTE = 0x41;

    private final Stack stack;
    private final Allocator allocator;
    private final PtmallocAllocator ptmalloc;

    SimulatedHeap(StackSpec spec) {
        stack = Stack.build(spec);
        allocator = stack.allocator();
        ptmalloc = allocator instanceof PtmallocAllocator ? (PtmallocAllocator) allocator : null;
    }

    String name() {
        return stack.spec().allocator().toString();
    }

    long malloc(long size, long align) {
        return allocator.malloc(size, align);
    }

    long calloc(long count, long size) {
        return allocator.calloc(count, size);
    }

    long realloc(long address, long size) {
        return allocator.realloc(address, size);
    }

    void free(long address) {
        allocator.free(address);
    }

    /** glibc's model, or null for other allocators (which are not shown bad frees or stray writes). */
    PtmallocAllocator ptmalloc() {
        return ptmalloc;
    }

    /** Address of the size field of the chunk after the (live) chunk of {@code mem}, or -1 (mmapped, not ptmalloc). */
    long nextSizeField(long mem) {
        if (ptmalloc == null) {
            return -1;
        }
        long field = ptmalloc.wordAt(Chunk.chunk(mem) + Chunk.SIZE);
        if ((field & Chunk.IS_MMAPPED) != 0 || field == 0) {
            return -1;
        }
        return Chunk.chunk(mem) + Chunk.chunksize(field) + Chunk.SIZE;
    }

    /**
     * The program wrote {@code len} bytes at simulated address {@code a} that belong to no live block
     * of its own: with ptmalloc, every allocator word they overlap gets the pattern bytes and glibc
     * will read the new value. Returns what changed, or null when no allocator word was hit.
     */
    String write(long a, long len, long nextSizeField) {
        if (ptmalloc == null || len <= 0) {
            return null;
        }
        StringBuilder sb = null;
        long end = a + Math.min(len, 1 << 12);
        for (long w = a & ~7L; w < end; w += 8) {
            long old = ptmalloc.wordAt(w);
            if (old == 0 && w != nextSizeField) {
                continue;
            }
            long nw = old;
            for (int b = 0; b < 8; b++) {
                long x = w + b;
                if (x >= a && x < end) {
                    nw = (nw & ~(0xFFL << (8 * b))) | (PATTERN_BYTE << (8 * b));
                }
            }
            if (nw == old) {
                continue;
            }
            ptmalloc.programWrote(w, nw);
            String what = w == nextSizeField ? "the next chunk's size field" : "the allocator word";
            String line = what + " at " + hex(w) + " changes from " + hex(old) + " to " + hex(nw)
                + (w == nextSizeField ? " (glibc now sees a chunk of " + Chunk.chunksize(nw) + " bytes there)" : "");
            sb = sb == null ? new StringBuilder(line) : sb.append("; ").append(line);
        }
        return sb == null ? null : sb.toString();
    }

    /** What the allocator keeps at simulated address {@code a}: a header, a free chunk, a block, untouched top. */
    String kindAt(long a) {
        String[] out = {null};
        allocator.heapMap((start, end, kind) -> {
            if (out[0] == null && a >= start && a < end) {
                out[0] = switch (kind) {
                    case HeapSpans.METADATA -> "allocator metadata (a chunk header)";
                    case HeapSpans.FREE -> "a free chunk";
                    case HeapSpans.BLOCK -> "another block";
                    case HeapSpans.NEVER_USED -> "the untouched top of the heap";
                    default -> "the heap";
                };
            }
        });
        return out[0];
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
