package org.memsim.trace.lackey;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.memsim.event.EventKind;
import org.memsim.trace.PartialTraceWriter;
import org.memsim.trace.UnsupportedEventException;

/**
 * Writes memory accesses exactly as Valgrind's Lackey prints them with {@code --trace-mem=yes}
 * ({@code lackey/lk_main.c}: {@code "I  %08lx,%lu\n"}, {@code " L %08lx,%lu\n"},
 * {@code " S %08lx,%lu\n"}, {@code " M %08lx,%lu\n"}): lowercase hex zero-padded to at least eight
 * digits, decimal size. Only loads, stores, modifies and instruction fetches can be expressed;
 * side-table definitions are dropped (Lackey has no names).
 */
public final class LackeyWriter extends PartialTraceWriter {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Longest line: 3 prefix bytes, 16 hex digits, ',', 10 size digits, '\n'. */
    private static final int MAX_LINE = 31;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int used;

    public LackeyWriter(OutputStream out) {
        super(LackeyFormat.NAME);
        this.out = out;
    }

    private void access(byte c0, byte c1, EventKind kind, long address, int size) {
        if (size < 0) {
            throw new UnsupportedEventException(LackeyFormat.NAME, kind, "negative access size " + size);
        }
        if (used + MAX_LINE > buf.length) {
            flushBuffer();
        }
        byte[] b = buf;
        int u = used;
        b[u++] = c0;
        b[u++] = c1;
        b[u++] = ' ';
        int nibbles = Math.max(8, (64 - Long.numberOfLeadingZeros(address) + 3) >> 2);
        for (int shift = (nibbles - 1) << 2; shift >= 0; shift -= 4) {
            b[u++] = DIGITS[(int) (address >>> shift) & 0xf];
        }
        b[u++] = ',';
        if (size == 0) {
            b[u++] = '0';
        } else {
            int start = u;
            int v = size;
            while (v > 0) {
                b[u++] = (byte) ('0' + v % 10);
                v /= 10;
            }
            for (int i = start, j = u - 1; i < j; i++, j--) {
                byte t = b[i];
                b[i] = b[j];
                b[j] = t;
            }
        }
        b[u++] = '\n';
        used = u;
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


    @Override public void ifetch(long address, int size) { access((byte) 'I', (byte) ' ', EventKind.IFETCH, address, size); }
    @Override public void load(long address, int size) { access((byte) ' ', (byte) 'L', EventKind.LOAD, address, size); }
    @Override public void store(long address, int size) { access((byte) ' ', (byte) 'S', EventKind.STORE, address, size); }
    @Override public void modify(long address, int size) { access((byte) ' ', (byte) 'M', EventKind.MODIFY, address, size); }

    @Override
    protected String unsupportedHint() {
        return "Lackey traces hold only memory accesses (load, store, modify, ifetch)";
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
