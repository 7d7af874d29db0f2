package org.memsim.trace.addr;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A buffered ASCII line writer for the address-based trace writers: appends text and numbers
 * straight into a byte buffer (no String per event). Write errors surface as
 * {@link UncheckedIOException}, since {@link org.memsim.event.EventSink} methods cannot throw.
 */
public final class AsciiOut {
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int used;

    public AsciiOut(OutputStream out) {
        this.out = out;
    }

    private void room(int n) {
        if (used + n > buf.length) {
            flushBuffer();
        }
    }

    public AsciiOut ch(char c) {
        room(1);
        buf[used++] = (byte) c;
        return this;
    }

    /** Appends text; characters outside ASCII (and line breaks) become {@code ?} so one event stays one line. */
    public AsciiOut text(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            ch(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return this;
    }

    public AsciiOut decimal(long v) {
        if (v < 0) {
            return text(Long.toString(v));
        }
        room(20);
        int start = used;
        do {
            buf[used++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        reverse(start, used - 1);
        return this;
    }

    /** The unsigned 64-bit pattern in hex digits, without a prefix. */
    public AsciiOut hex(long v, boolean upper) {
        byte[] digits = upper ? HEX_UPPER : HEX_LOWER;
        room(16);
        int start = used;
        do {
            buf[used++] = digits[(int) (v & 15)];
            v >>>= 4;
        } while (v != 0);
        reverse(start, used - 1);
        return this;
    }

    private void reverse(int i, int j) {
        while (i < j) {
            byte t = buf[i];
            buf[i++] = buf[j];
            buf[j--] = t;
        }
    }

    public AsciiOut newline() {
        return ch('\n');
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

    /** Writes what is buffered, then flushes and closes the stream. */
    public void close() throws IOException {
        try {
            flushBuffer();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        out.close();
    }
}
