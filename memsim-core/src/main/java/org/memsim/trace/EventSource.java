package org.memsim.trace;

import java.io.IOException;
import org.memsim.event.EventSink;

/**
 * Where a replay's events come from: a trace file or a generator. Streams its events into a sink
 * once, and can say where it is (for error messages) and how far along (for progress bars).
 */
public interface EventSource {
    /** Pushes every event into {@code sink} (not calling {@code end()}); returns the event count. */
    long replay(EventSink sink) throws IOException;

    /** A name for reports and messages: a file name or a generator spec. */
    String name();

    /**
     * Where the last event came from: {@code line 12} or {@code byte 4096} for files; sources without
     * lines use the index of the event being simulated, {@code event 17}.
     */
    String position(long eventIndex);

    /** Fraction done in [0, 1], or -1 when unknown. */
    double progress();
}
