package org.memsim.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes the ops log as CSV: {@code index,op,id,size,address,searched}, address in decimal and
 * empty when the operation failed (and for frees), searched empty when the allocator has no list.
 */
public final class CsvOpsLog implements OpsLog {
    /** The header row. */
    public static final String HEADER = "index,op,id,size,address,searched";

    private final Writer out;
    private final StringBuilder sb = new StringBuilder(96);

    public CsvOpsLog(Writer out) {
        this.out = out;
        try {
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void record(long index, String op, long id, long size, long address, long searched) {
        sb.setLength(0);
        sb.append(index).append(',').append(op).append(',');
        if (id != org.memsim.event.EventSink.NULL_ID) {
            sb.append(id);
        }
        sb.append(',').append(size).append(',');
        if (address != 0) {
            sb.append(Long.toUnsignedString(address));
        }
        sb.append(',');
        if (searched >= 0) {
            sb.append(searched);
        }
        sb.append('\n');
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
