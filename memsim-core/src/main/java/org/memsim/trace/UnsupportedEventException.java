package org.memsim.trace;

import org.memsim.InputException;
import org.memsim.event.EventKind;

/** A writer was given an event its format cannot express (a load for a malloc-lab trace, say). */
public final class UnsupportedEventException extends InputException {
    private static final long serialVersionUID = 1L;

    private final EventKind kind;

    public UnsupportedEventException(String format, EventKind kind, String hint) {
        super("format " + format + " cannot express '" + kind.keyword() + "' events" + (hint.isEmpty() ? "" : "; " + hint), false);
        this.kind = kind;
    }

    public EventKind kind() {
        return kind;
    }
}
