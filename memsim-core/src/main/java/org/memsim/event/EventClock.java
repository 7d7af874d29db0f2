package org.memsim.event;

/**
 * The index of the event being simulated, shared by the layers of one stack: the ops log, the
 * time series and error messages all count events the same way (0-based, definitions excluded).
 */
public final class EventClock {
    private long index = -1;

    /** Advances to the next event and returns its index. */
    public long tick() {
        return ++index;
    }

    /** The current event's index (-1 before the first). */
    public long index() {
        return index;
    }

    /** Events seen so far. */
    public long count() {
        return index + 1;
    }
}
