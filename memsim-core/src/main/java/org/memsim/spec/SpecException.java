package org.memsim.spec;

import org.memsim.InputException;

/** A spec string that names an unknown component or key, or gives a value of the wrong shape. */
public final class SpecException extends InputException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }
}
