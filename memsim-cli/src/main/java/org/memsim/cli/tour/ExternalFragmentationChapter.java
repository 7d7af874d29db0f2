package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.stack.StackResult;

/** The seed's external-fragmentation picture, to scale: a 1 GiB heap, 400 MiB free, and no 1 MiB block. */
final class ExternalFragmentationChapter implements Chapter {
    @Override
    public String id() {
        return "external-fragmentation";
    }

    @Override
    public String title() {
        return "1 GiB heap, 400 MiB free, no 1 MiB block: external fragmentation";
    }

    @Override
    public ChapterResult run() throws IOException {
        AllocatorRuns r = AllocatorRuns.of("no-1mb-block.scenario");
        String fixed = "freelist:fit=first,size=1g,grow=false";
        StackResult first = r.row(fixed);
        StackResult best = r.row("freelist:fit=best,size=1g,grow=false");
        StackResult pt = r.row("ptmalloc");
        long free = (long) r.metric(fixed, "alloc.freeBytes");
        long largest = (long) r.metric(fixed, "alloc.largestFree");
        List<String> findings = List.of(
            "After the frees the arena holds " + Numbers.bytes(free) + " of free memory in "
                + Numbers.count(first.freeBlocksAtEnd()) + " free blocks; the largest is " + Numbers.bytes(largest)
                + ". External fragmentation, 1 − largest/free, is " + String.format(java.util.Locale.ROOT, "%.3f", first.externalFragAtEnd()) + ".",
            "So malloc(1 MiB) fails: " + first.failedOps() + " failed request under first fit and " + best.failedOps()
                + " under best fit. No placement policy helps once the holes are fixed: only moving the pinned blocks "
                + "(compaction, which C cannot do: pointers to them exist) or a bigger heap would.",
            "glibc avoids this trap for large blocks: every 256 KiB request is above its 128 KiB mmap threshold, so each "
                + "block gets a mapping of its own and free() gives it back to the kernel with munmap; ptmalloc ends with "
                + Numbers.bytes((long) r.metric("ptmalloc", "alloc.freeBytes")) + " free in its heap and " + pt.failedOps()
                + " failed requests. The price is a system call and fresh page faults per large block.");
        return new ChapterResult(id(), title(), List.of(
            "The seed: \"Heap: 1GB total, 400MB free, but no single 1MB block\". The run builds exactly that: a 1 GiB arena "
                + "that cannot grow, 1,638 pairs of a 256 KiB block and a pinned 384 KiB block, then every 256 KiB block freed, "
                + "then one malloc(1 MiB)."),
            List.of(r.result()), findings, List.of());
    }
}
