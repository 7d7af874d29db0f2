package org.memsim.stack;

import org.memsim.event.EventSink;

/**
 * Something a replay drives: a simulated {@link Stack}, or a real allocator run natively. Events go
 * to {@link #entry()}; after {@code end()}, {@link #result()} is final.
 */
public interface ReplayTarget {
    EventSink entry();

    StackResult result();
}
