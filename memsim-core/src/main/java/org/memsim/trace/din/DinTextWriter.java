package org.memsim.trace.din;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.memsim.event.EventKind;
import org.memsim.trace.PartialTraceWriter;
import org.memsim.trace.UnsupportedEventException;

/**
 * What the two DineroIV text writers share: a byte buffer, lowercase hex output without {@code 0x}
 * (as the Dinero documentation writes addresses), and rejection of every non-access event.
 * Side-table definitions are dropped: DineroIV traces carry no names.
 */
abstract class DinTextWriter extends PartialTraceWriter {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Longest line any subclass writes: label, blank, 16 digits, blank, 16 digits, newline. */
    private static final int MAX_LINE = 40;

    private final OutputStream out;
    private final String format;
    private final byte[] buf = new byte[1 << 16];
    private int used;

    DinTextWriter(OutputStream out, String format) {
        super(format);
        this.out = out;
        this.format = format;
    }

    /** Starts a line with its label byte and a space; makes sure a whole line fits in the buffer. */
    final void begin(char label) {
        if (used + MAX_LINE > buf.length) {
            flushBuffer();
        }
        buf[used++] = (byte) label;
        buf[used++] = ' ';
    }

    /** Appends {@code v} as lowercase hex, no prefix, no padding. */
    final void hex(long v) {
        int nibbles = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 3) >> 2);
        byte[] b = buf;
        int u = used;
        for (int shift = (nibbles - 1) << 2; shift >= 0; shift -= 4) {
            b[u++] = DIGITS[(int) (v >>> shift) & 0xf];
        }
        used = u;
    }

    final void space() {
        buf[used++] = ' ';
    }

    final void newline() {
        buf[used++] = '\n';
    }

    private void flushBuffer() {
        if (used > 0) {
            try {
                out.write(buf, 0, used);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            used = 0;
        }
    }

    final UnsupportedEventException unsupported(EventKind kind, String hint) {
        return new UnsupportedEventException(format, kind, hint);
    }

    /** The hint for events that are not memory accesses at all. */
    abstract String notAnAccessHint();


    @Override
    protected String unsupportedHint() {
        return notAnAccessHint();
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
            out.flush();
        } finally {
            out.close();
        }
    }
}
