package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Params;

/**
 * A server's request-scoped garbage (the weak generational hypothesis): each request roots a
 * request object, allocates temporaries hanging from it, and drops it at the end, so nearly all
 * objects die young; a fraction {@code survive} is handed to a long-lived session table of
 * {@code keep} slots (overwritten round-robin), so survivors live for about {@code keep} more
 * survivals. A safepoint ends each request. Object 0 is the session table.
 */
public final class RequestScoped implements Generator {
    private final long requests;
    private final int objects;
    private final long size;
    private final double survive;
    private final int keep;
    private final long seed;

    public RequestScoped(Params p, long seed) {
        requests = p.number("requests", 0, 1L << 36);
        objects = (int) p.number("objects", 1, 1 << 20);
        size = p.number("size", 0, 1L << 30);
        survive = p.real("survive");
        keep = (int) p.number("keep", 1, 1 << 24);
        if (survive < 0 || survive > 1) {
            throw new org.memsim.spec.SpecException("request-scoped: survive must be from 0 to 1");
        }
        this.seed = seed;
    }

    @Override
    public void generate(EventSink sink) {
        SeededRandom random = new SeededRandom(seed);
        sink.defineType(1, "Session");
        sink.defineType(2, "Request");
        sink.defineType(3, "Temp");
        sink.newObject(0, 16 + 8L * keep, keep, 1, EventSink.NONE);
        sink.rootAdd(0);
        long id = 1;
        long cursor = 0;
        for (long r = 0; r < requests; r++) {
            long req = id++;
            sink.newObject(req, 16 + 8L * objects, objects, 2, EventSink.NONE);
            sink.rootAdd(req);
            for (int j = 0; j < objects; j++) {
                long o = id++;
                sink.newObject(o, size, 1, 3, EventSink.NONE);
                sink.refWrite(req, j, o);
                if (random.nextDouble() < survive) {
                    sink.refWrite(0, (int) (cursor++ % keep), o);
                }
            }
            sink.rootRemove(req);
            sink.safepoint();
        }
    }

    @Override
    public long expectedEvents() {
        return 2 + (long) (requests * (4 + objects * (2 + survive)));
    }
}
