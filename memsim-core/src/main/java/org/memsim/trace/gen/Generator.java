package org.memsim.trace.gen;

import org.memsim.event.EventSink;

/** A seeded synthetic workload: pushes a deterministic event stream into a sink. */
public interface Generator {
    /** Pushes every event (not calling {@code end()}); the same seed and params give the same stream. */
    void generate(EventSink sink);

    /** How many events {@link #generate} will push, for progress bars (an estimate is fine). */
    long expectedEvents();
}
