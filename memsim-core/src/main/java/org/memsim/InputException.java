package org.memsim;

/**
 * Bad input from the user — a malformed trace, an unknown spec key, a hostile size — with a message
 * that names where (file, line or byte offset) and what was expected. The command line prints the
 * message alone and exits with status 2; it never shows a stack trace for these.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For exceptions thrown often as part of normal flow: no stack trace is captured. */
    protected InputException(String message, boolean withStackTrace) {
        super(message, null, false, withStackTrace);
    }
}
