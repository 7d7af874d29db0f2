package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.stack.StackResult;

/**
 * The seed's hidden allocator: placement strategies side by side on one trace (first, next, best and
 * worst fit, CS:APP, segregated fits, glibc's ptmalloc2), and what a 17-byte request really costs.
 */
final class AllocatorStrategiesChapter implements Chapter {
    @Override
    public String id() {
        return "strategies";
    }

    @Override
    public String title() {
        return "The hidden allocator: placement strategies and the cost of a 17-byte request";
    }

    @Override
    public ChapterResult run() throws IOException {
        AllocatorRuns s = AllocatorRuns.of("strategies.scenario");
        AllocatorRuns b = AllocatorRuns.of("seventeen-bytes.scenario");
        StackResult first = s.row("freelist:fit=first");
        StackResult best = s.row("freelist:fit=best");
        StackResult worst = s.row("freelist:fit=worst");
        StackResult next = s.row("freelist:fit=next");
        StackResult segfit = s.row("segfit");
        StackResult pt = s.row("ptmalloc");
        StackResult ptSmall = b.row("ptmalloc");
        StackResult flSmall = b.row("freelist");
        StackResult csSmall = b.row("csapp");
        StackResult buddySmall = b.row("buddy");
        long blocks = ptSmall.liveBlocksAtEnd();
        List<String> findings = List.of(
            "The same " + Numbers.count(first.ops()) + " requests (peak live payload " + Numbers.bytes(first.peakLiveBytes())
                + ") need a heap of " + Numbers.bytes(best.heapHighWaterBytes()) + " under best fit ("
                + Numbers.percent(best.utilization()) + " utilization), " + Numbers.bytes(first.heapHighWaterBytes())
                + " under first fit, " + Numbers.bytes(next.heapHighWaterBytes()) + " under next fit, "
                + Numbers.bytes(s.row("freelist:fit=first,order=lifo").heapHighWaterBytes()) + " under first fit on a LIFO list and "
                + Numbers.bytes(worst.heapHighWaterBytes()) + " under worst fit (" + Numbers.percent(worst.utilization())
                + "): worst fit breaks up the big blocks the next large request needed. (Free-list heaps grow in 128 KiB brk steps.)",
            "Search is the price of a good fit: best fit examines " + AllocatorRuns.fmt(s.metric("freelist:fit=best", "alloc.searchLength.mean"))
                + " free blocks per malloc on average, first fit " + AllocatorRuns.fmt(s.metric("freelist:fit=first", "alloc.searchLength.mean"))
                + ", next fit " + AllocatorRuns.fmt(s.metric("freelist:fit=next", "alloc.searchLength.mean")) + " — but next fit leaves "
                + Numbers.count(next.freeBlocksAtEnd()) + " free blocks behind it against first fit's " + Numbers.count(first.freeBlocksAtEnd()) + ".",
            "Segregated fits get best-fit memory (" + Numbers.bytes(segfit.heapHighWaterBytes()) + ") at "
                + AllocatorRuns.fmt(s.metric("segfit", "alloc.searchLength.mean")) + " blocks examined per malloc; glibc's ptmalloc2 examines "
                + AllocatorRuns.fmt(s.metric("ptmalloc", "alloc.searchLength.mean")) + " (tcache and fastbins answer most requests at once) and holds "
                + Numbers.bytes(pt.heapHighWaterBytes()) + " (its 128 KiB top pad and cached chunks).",
            "17 bytes asked, more granted: " + Numbers.count(blocks) + " malloc(17) get " + per(ptSmall, blocks)
                + " bytes each from ptmalloc (a 32-byte chunk: 8 bytes of size field, 24 usable), " + per(csSmall, blocks)
                + " from the CS:APP allocator (4-byte header and footer, 8-byte alignment), " + per(flSmall, blocks)
                + " from a free list with a 16-byte header and 16-byte alignment, and " + per(buddySmall, blocks)
                + " from a page-granular buddy allocator — internal fragmentation of " + Numbers.bytes(ptSmall.internalFragBytesAtEnd())
                + ", " + Numbers.bytes(csSmall.internalFragBytesAtEnd()) + ", " + Numbers.bytes(flSmall.internalFragBytesAtEnd())
                + " and " + Numbers.bytes(buddySmall.internalFragBytesAtEnd()) + ".");
        return new ChapterResult(id(), title(), List.of(
            "\"Every program has an allocator it never sees\": malloc's placement policy decides how much memory a program "
                + "really uses. One trace of random mallocs and frees (lognormal sizes, median 64 bytes, about 5,000 live "
                + "blocks) goes through every strategy in a single pass.",
            "Then the smallest lesson in internal fragmentation: 10,000 requests of exactly 17 bytes, and what each "
                + "allocator hands back for them (granted bytes include rounding, not headers; the heap high-water includes both)."),
            List.of(s.result(), b.result()), findings, List.of());
    }

    private static String per(StackResult r, long blocks) {
        return Numbers.count(blocks == 0 ? 0 : (r.internalFragBytesAtEnd() + r.liveBytesAtEnd()) / blocks);
    }
}
