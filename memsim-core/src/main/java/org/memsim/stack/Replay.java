package org.memsim.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.memsim.event.EventSink;
import org.memsim.event.TeeSink;
import org.memsim.runtime.BadEventException;
import org.memsim.trace.EventSource;
import org.memsim.trace.TraceFormatException;

/**
 * Drives one event source through one or more stacks in a single pass (one parse feeds every
 * stack), then ends the replay. An impossible event becomes an error naming the source position.
 */
public final class Replay {
    private Replay() {}

    /** Replays {@code source} through {@code stacks}; returns one result per stack, in order. */
    public static List<StackResult> run(EventSource source, List<? extends ReplayTarget> stacks) throws IOException {
        return run(source, stacks, null);
    }

    /** As {@link #run(EventSource, List)}, with an extra sink that sees every event first (null for none). */
    public static List<StackResult> run(EventSource source, List<? extends ReplayTarget> stacks, EventSink observer) throws IOException {
        for (ReplayTarget t : stacks) {
            if (t instanceof Stack && ((Stack) t).needsFuture() && !((Stack) t).hasFuture()) {
                throw new org.memsim.InputException("policy opt reads the trace ahead: scan " + source.name()
                    + " first (FutureScan) and hand the result to the stack");
            }
        }
        EventSink[] sinks = new EventSink[stacks.size() + (observer == null ? 0 : 1)];
        int k = 0;
        if (observer != null) {
            sinks[k++] = observer;
        }
        for (ReplayTarget s : stacks) {
            sinks[k++] = s.entry();
        }
        EventSink sink = TeeSink.of(sinks);
        try {
            source.replay(sink);
        } catch (BadEventException e) {
            long index = -1;
            for (ReplayTarget t : stacks) {
                if (t instanceof Stack) {
                    index = ((Stack) t).events().index();
                    break;
                }
                if (t instanceof ManagedStack) {
                    index = ((ManagedStack) t).events().index();
                    break;
                }
            }
            throw new TraceFormatException(source.name(), source.position(index), e.getMessage());
        }
        sink.end();
        List<StackResult> results = new ArrayList<>();
        for (ReplayTarget s : stacks) {
            results.add(s.result());
        }
        return results;
    }
}
