package org.memsim.trace;

import org.memsim.InputException;

/**
 * A trace that does not follow its format: names the source, where (line, or byte offset for
 * binary input) and what was expected there.
 */
public class TraceFormatException extends InputException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String where;

    /**
     * @param source the file name (or {@code <stdin>}, {@code <generated>})
     * @param where  {@code line 12}, {@code line 12 column 5} or {@code byte 4096}
     * @param what   what was wrong and what was expected
     */
    public TraceFormatException(String source, String where, String what) {
        super(source + " " + where + ": " + what);
        this.source = source;
        this.where = where;
    }

    public String source() {
        return source;
    }

    public String where() {
        return where;
    }
}
