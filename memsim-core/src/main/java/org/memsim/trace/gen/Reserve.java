package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * Overcommit: reserve {@code reserve} bytes of anonymous memory in {@code chunks} mmaps (as a large
 * {@code malloc} does), then write one byte per page of the first {@code touch} bytes — the seed's
 * "allocate 16 GB on a machine with 8 GB of RAM; the kernel only maps pages on first access".
 */
public final class Reserve implements Generator {
    private static final long BASE = 0x100000000000L;
    private final long reserve;
    private final int chunks;
    private final long touch;
    private final long page;

    public Reserve(Params p) {
        reserve = p.bytes("reserve");
        chunks = (int) p.number("chunks", 1, 1024);
        touch = p.bytes("touch");
        page = p.bytes("page");
        if (reserve <= 0 || reserve > (1L << 46) || touch < 0 || touch > reserve || page <= 0) {
            throw new SpecException("reserve: needs 0 < reserve <= 64 TiB and 0 <= touch <= reserve");
        }
    }

    @Override
    public void generate(EventSink sink) {
        long chunk = (reserve / chunks + 0xfff) & ~0xfffL;
        for (int i = 0; i < chunks; i++) {
            sink.mmap(BASE + i * (chunk + (1L << 30)), chunk, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, EventSink.NONE, 0);
        }
        long left = touch;
        for (int i = 0; i < chunks && left > 0; i++) {
            long start = BASE + i * (chunk + (1L << 30));
            for (long off = 0; off < Math.min(chunk, left); off += page) {
                sink.store(start + off, 1);
            }
            left -= chunk;
        }
    }

    @Override
    public long expectedEvents() {
        return chunks + touch / page;
    }
}
