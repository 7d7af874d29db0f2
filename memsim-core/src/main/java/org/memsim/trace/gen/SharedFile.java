package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.spec.Params;

/**
 * The seed's memory-mapped file, shared by two processes: pid 1 maps {@code data.bin} MAP_SHARED and
 * reads every page; pid 2 maps it too and reads it, writes its header ({@code mm[0:4] = b"NEW!"}),
 * pid 1 reads the header back, pid 2 calls {@code msync}; then pid 2 maps the file MAP_PRIVATE and
 * writes a page (copy on write).
 */
public final class SharedFile implements Generator {
    static final long P1 = 0x7f0000000000L;
    static final long P2 = 0x7e0000000000L;
    static final long PRIVATE = 0x7d0000000000L;
    private final long pages;
    private final long page;

    public SharedFile(Params p) {
        pages = p.number("pages", 1, 1L << 24);
        page = p.bytes("page");
    }

    @Override
    public void generate(EventSink sink) {
        long len = pages * page;
        sink.defineFile(1, "data.bin");
        sink.processStart(1);
        sink.mmap(P1, len, Prot.RW, MapFlags.SHARED, 1, 0);
        for (long i = 0; i < pages; i++) {
            sink.load(P1 + i * page, 16);
        }
        sink.processStart(2);
        sink.mmap(P2, len, Prot.RW, MapFlags.SHARED, 1, 0);
        for (long i = 0; i < pages; i++) {
            sink.load(P2 + i * page, 16);
        }
        sink.store(P2, 4);
        sink.contextSwitch(1, 1);
        sink.load(P1, 4);
        sink.contextSwitch(2, 2);
        sink.msync(P2, len);
        sink.mmap(PRIVATE, len, Prot.RW, MapFlags.PRIVATE, 1, 0);
        sink.store(PRIVATE + page, 8);
    }

    @Override
    public long expectedEvents() {
        return 2 * pages + 10;
    }
}
