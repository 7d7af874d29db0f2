package org.memsim.trace;

import java.io.Closeable;
import java.io.IOException;
import org.memsim.event.EventSink;

/**
 * A sink that writes events in one format. Events the format cannot express raise
 * {@link UnsupportedEventException}; {@link #close()} finishes the file (trailer, flush).
 */
public interface TraceWriter extends EventSink, Closeable {
    @Override
    void close() throws IOException;
}
