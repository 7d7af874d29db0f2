package org.memsim.runtime;

import org.memsim.InputException;

/**
 * An event that is well-formed but impossible in context (free of an id that is not live, an
 * access past the end of a block). The replay driver prefixes the trace position.
 */
public final class BadEventException extends InputException {
    private static final long serialVersionUID = 1L;

    public BadEventException(String message) {
        super(message);
    }
}
