package org.memsim.trace;

import java.io.Closeable;
import java.io.IOException;
import org.memsim.event.EventSink;

/**
 * Streams one trace's events into a sink in constant memory. Readers never call
 * {@link EventSink#end()}; whoever drives the replay does.
 */
public interface TraceReader extends Closeable {

    /**
     * Pushes every event of the trace, in order, into {@code sink}.
     *
     * @return the number of events delivered (side-table definitions not counted)
     * @throws TraceFormatException where the input breaks its format
     */
    long replay(EventSink sink) throws IOException;

    /** Where the last delivered event came from, {@code line 12} or {@code byte 4096}, for messages. */
    String position();

    /** Bytes of the underlying file consumed so far (compressed bytes for compressed files), for progress. */
    long bytesRead();
}
