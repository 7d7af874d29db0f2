package org.memsim.trace.din;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.memsim.event.EventKind;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.UnsupportedEventException;

/**
 * What the two DineroIV text writers share: a byte buffer, lowercase hex output without {@code 0x}
 * (as the Dinero documentation writes addresses), and rejection of every non-access event.
 * Side-table definitions are dropped: DineroIV traces carry no names.
 */
abstract class DinTextWriter implements TraceWriter {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Longest line any subclass writes: label, blank, 16 digits, blank, 16 digits, newline. */
    private static final int MAX_LINE = 40;

    private final OutputStream out;
    private final String format;
    private final byte[] buf = new byte[1 << 16];
    private int used;

    DinTextWriter(OutputStream out, String format) {
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

    private UnsupportedEventException unsupported(EventKind kind) {
        return unsupported(kind, notAnAccessHint());
    }

    @Override public void alloc(long id, long size, long align, long address, int site) { throw unsupported(EventKind.ALLOC); }
    @Override public void calloc(long id, long count, long size, long address, int site) { throw unsupported(EventKind.CALLOC); }
    @Override public void realloc(long id, long size, long address, int site) { throw unsupported(EventKind.REALLOC); }
    @Override public void free(long id, int site) { throw unsupported(EventKind.FREE); }
    @Override public void blockLoad(long id, long offset, long size) { throw unsupported(EventKind.BLOCK_LOAD); }
    @Override public void blockStore(long id, long offset, long size) { throw unsupported(EventKind.BLOCK_STORE); }
    @Override public void brk(long address) { throw unsupported(EventKind.BRK); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { throw unsupported(EventKind.MMAP); }
    @Override public void munmap(long address, long length) { throw unsupported(EventKind.MUNMAP); }
    @Override public void mprotect(long address, long length, int prot) { throw unsupported(EventKind.MPROTECT); }
    @Override public void madvise(long address, long length, int advice) { throw unsupported(EventKind.MADVISE); }
    @Override public void msync(long address, long length) { throw unsupported(EventKind.MSYNC); }
    @Override public void processStart(int pid) { throw unsupported(EventKind.PROCESS_START); }
    @Override public void processExit(int pid, int status) { throw unsupported(EventKind.PROCESS_EXIT); }
    @Override public void fork(int parentPid, int childPid) { throw unsupported(EventKind.FORK); }
    @Override public void contextSwitch(int pid, int tid) { throw unsupported(EventKind.CONTEXT_SWITCH); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { throw unsupported(EventKind.NEW_OBJECT); }
    @Override public void refWrite(long object, int slot, long target) { throw unsupported(EventKind.REF_WRITE); }
    @Override public void rootAdd(long object) { throw unsupported(EventKind.ROOT_ADD); }
    @Override public void rootRemove(long object) { throw unsupported(EventKind.ROOT_REMOVE); }
    @Override public void safepoint() { throw unsupported(EventKind.SAFEPOINT); }

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
