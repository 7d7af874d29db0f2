package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Params;

/**
 * A growing leak in a collected language: each request allocates temporaries that die, and
 * appends {@code leak} objects to a global list it never trims (a listener list, an unbounded
 * cache). No collector can free them — they are reachable — so the heap grows until the limit.
 * Object 0 is the rooted list head holder.
 */
public final class GrowingLeak implements Generator {
    private final long requests;
    private final int objects;
    private final int leak;
    private final long size;

    public GrowingLeak(Params p) {
        requests = p.number("requests", 0, 1L << 36);
        objects = (int) p.number("objects", 0, 1 << 20);
        leak = (int) p.number("leak", 0, 1 << 20);
        size = p.number("size", 0, 1L << 30);
    }

    @Override
    public void generate(EventSink sink) {
        sink.defineType(1, "Registry");
        sink.defineType(2, "Listener");
        sink.defineType(3, "Temp");
        sink.newObject(0, 16, 1, 1, EventSink.NONE);
        sink.rootAdd(0);
        long id = 1;
        long head = EventSink.NULL_ID;
        for (long r = 0; r < requests; r++) {
            for (int j = 0; j < objects; j++) {
                sink.newObject(id++, size, 0, 3, EventSink.NONE);
            }
            for (int j = 0; j < leak; j++) {
                long n = id++;
                sink.newObject(n, size, 1, 2, EventSink.NONE);
                sink.refWrite(n, 0, head);
                sink.refWrite(0, 0, n);
                head = n;
            }
            sink.safepoint();
        }
    }

    @Override
    public long expectedEvents() {
        return 2 + requests * (objects + 3L * leak + 1);
    }
}
