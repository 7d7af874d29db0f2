package org.memsim.trace.gen;

import org.memsim.event.EventSink;
import org.memsim.spec.Params;

/**
 * The seed's C request loop: {@code buf = malloc(4096); handle_request(buf); free(buf);} — and the
 * variant that forgets the {@code free}, leaking one buffer per request.
 */
public final class RequestLoop implements Generator {
    private final long requests;
    private final long size;
    private final long touch;
    private final boolean free;

    public RequestLoop(Params p) {
        requests = p.number("requests", 0, 1L << 40);
        size = p.bytes("size");
        touch = p.isSet("touch") ? p.bytes("touch") : size;
        free = p.bool("free");
        if (touch > size) {
            throw new org.memsim.spec.SpecException("request-loop: touch=" + touch + " is more than size=" + size);
        }
    }

    @Override
    public void generate(EventSink sink) {
        for (long i = 0; i < requests; i++) {
            sink.alloc(i, size, 0, EventSink.NO_ADDRESS, EventSink.NONE);
            if (touch > 0) {
                sink.blockStore(i, 0, touch); // handle_request fills the buffer
            }
            if (free) {
                sink.free(i, EventSink.NONE);
            }
        }
    }

    @Override
    public long expectedEvents() {
        return requests * ((touch > 0 ? 2 : 1) + (free ? 1 : 0));
    }
}
