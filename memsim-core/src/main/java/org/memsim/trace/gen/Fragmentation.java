package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Params;

/**
 * The seed's external-fragmentation picture: a heap with lots of free memory, all of it in holes
 * too small for the next request. Allocates {@code blocks} pairs of (hole-to-be, pinned) blocks,
 * frees every hole-to-be, then asks for {@code larges} blocks of {@code large} bytes, none of which
 * fits in a hole, so the heap must grow although most of it is free.
 */
public final class Fragmentation implements Generator {
    private final long blocks;
    private final long hole;
    private final long pin;
    private final long large;
    private final long larges;

    public Fragmentation(Params p) {
        blocks = p.number("blocks", 1, 1L << 32);
        hole = p.bytes("hole");
        pin = p.bytes("pin");
        large = p.bytes("large");
        larges = p.number("larges", 0, 1L << 32);
    }

    @Override
    public void generate(EventSink sink) {
        for (long i = 0; i < blocks; i++) {
            sink.alloc(2 * i, hole, 0, EventSink.NO_ADDRESS, EventSink.NONE);
            sink.alloc(2 * i + 1, pin, 0, EventSink.NO_ADDRESS, EventSink.NONE);
        }
        for (long i = 0; i < blocks; i++) {
            sink.free(2 * i, EventSink.NONE);
        }
        for (long i = 0; i < larges; i++) {
            sink.alloc(2 * blocks + i, large, 0, EventSink.NO_ADDRESS, EventSink.NONE);
        }
    }

    @Override
    public long expectedEvents() {
        return 3 * blocks + larges;
    }
}
