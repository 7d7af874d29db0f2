package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Params;

/**
 * The seed's {@code Node} cycle, N times: {@code a, b = Node(), Node(); a.partner = b;
 * b.partner = a; del a, b} — two objects of one reference slot each, rooted, linked into a
 * cycle, then unrooted. Plain reference counting leaks every pair; any tracing collector or
 * CPython's cycle detector frees them. Ids: pair k is objects 2k and 2k + 1.
 */
public final class NodeCycle implements Generator {
    private final long pairs;
    private final long size;
    private final long safepointEvery;

    public NodeCycle(Params p) {
        pairs = p.number("pairs", 0, 1L << 40);
        size = p.number("size", 0, 1L << 30);
        safepointEvery = p.number("safepointEvery", 0, 1L << 40);
    }

    @Override
    public void generate(EventSink sink) {
        sink.defineType(1, "Node");
        for (long k = 0; k < pairs; k++) {
            long a = 2 * k;
            long b = a + 1;
            sink.newObject(a, size, 1, 1, EventSink.NONE);
            sink.rootAdd(a);
            sink.newObject(b, size, 1, 1, EventSink.NONE);
            sink.rootAdd(b);
            sink.refWrite(a, 0, b);
            sink.refWrite(b, 0, a);
            sink.rootRemove(a);
            sink.rootRemove(b);
            if (safepointEvery > 0 && (k + 1) % safepointEvery == 0) {
                sink.safepoint();
            }
        }
    }

    @Override
    public long expectedEvents() {
        return pairs * 8 + (safepointEvery > 0 ? pairs / safepointEvery : 0);
    }
}
