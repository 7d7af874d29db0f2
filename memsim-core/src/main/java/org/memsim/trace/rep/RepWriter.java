package org.memsim.trace.rep;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventKind;
import org.memsim.event.EventSink;
import org.memsim.trace.PartialTraceWriter;
import org.memsim.trace.UnsupportedEventException;

/**
 * Writes a CS:APP malloc-lab trace ({@code .rep}) that the lab's {@code mdriver.c} reads: the four
 * header integers (suggested heap size = peak live requested bytes, {@code num_ids}, {@code num_ops},
 * weight 1), one per line, then {@code a id size}, {@code r id size} and {@code f id} lines.
 *
 * <p>The header needs counts known only at the end, so requests are spooled to a temporary file
 * that {@link #close()} copies after the header and always deletes. memsim ids become dense rep ids
 * 0..n-1 in first-seen order. {@code free(NULL)} ({@link EventSink#NULL_ID}) is a no-op in C and is
 * not written (rep has no null id). Aligned allocations, {@code calloc} and addresses/sites cannot be
 * expressed: the first two raise {@link UnsupportedEventException}, the last are dropped. Later
 * {@code realloc}s and the {@code free} of a block whose allocation was refused are refused as well,
 * so a lossy conversion drops such a block whole.
 */
public final class RepWriter extends PartialTraceWriter {
    private static final int MAX_LINE = 2 + 10 + 1 + 10 + 1;

    private final OutputStream out;
    private final Path spool;
    private final OutputStream spoolOut;
    private final byte[] buf = new byte[1 << 16];
    private int used;

    /** memsim id → rep id. */
    private final LongLongHashMap ids = new LongLongHashMap(-1);
    /** memsim id → requested size of the live block. */
    private final LongLongHashMap live = new LongLongHashMap(-1);
    /** memsim ids whose allocation was refused (and not allocated again since): their later requests are refused too. */
    private final LongLongHashMap refused = new LongLongHashMap(-1);
    private long liveBytes;
    private long peakBytes;
    private long ops;
    private boolean closed;

    public RepWriter(OutputStream out) throws IOException {
        super(RepFormat.NAME);
        this.out = out;
        this.spool = Files.createTempFile("memsim-rep-", ".ops");
        OutputStream so = null;
        try {
            so = Files.newOutputStream(spool);
        } finally {
            if (so == null) {
                Files.deleteIfExists(spool);
            }
        }
        this.spoolOut = so;
        spool.toFile().deleteOnExit(); // a safety net if the writer is never closed
    }

    /** The temporary file requests are spooled to (deleted by {@link #close()}); for tests. */
    Path spoolFile() {
        return spool;
    }

    private long repId(EventKind kind, long id) {
        long r = ids.get(id);
        if (r < 0) {
            r = ids.size();
            if (r > Integer.MAX_VALUE) {
                throw new UnsupportedEventException(RepFormat.NAME, kind, "mdriver counts block ids in an int (at most "
                    + Integer.MAX_VALUE + " distinct ids)");
            }
            ids.put(id, r);
        }
        return r;
    }

    private void checkSize(EventKind kind, long size) {
        if (size < 0 || size > RepReader.MAX_U32) {
            throw new UnsupportedEventException(RepFormat.NAME, kind, "mdriver reads sizes with %u (0 to "
                + RepReader.MAX_U32 + " bytes); this request is " + size);
        }
    }

    private void countOp(EventKind kind) {
        if (ops >= Integer.MAX_VALUE) {
            throw new UnsupportedEventException(RepFormat.NAME, kind, "mdriver counts requests in an int (at most "
                + Integer.MAX_VALUE + ")");
        }
        ops++;
    }

    private void resize(long id, long size) {
        long old = live.put(id, size);
        if (old >= 0) {
            liveBytes -= old;
        }
        liveBytes += size;
        if (liveBytes > peakBytes) {
            peakBytes = liveBytes;
        }
    }

    @Override
    public void alloc(long id, long size, long align, long address, int site) {
        if (align != 0) {
            refused.put(id, 1);
            throw new UnsupportedEventException(RepFormat.NAME, EventKind.ALLOC, "mdriver's 'a' is a plain malloc; "
                + "an allocation aligned to " + align + " bytes cannot be recorded (convert it to an unaligned alloc first)");
        }
        if (size < 0 || size > RepReader.MAX_U32) {
            refused.put(id, 1);
            checkSize(EventKind.ALLOC, size);
        }
        refused.remove(id);
        long r = repId(EventKind.ALLOC, id);
        countOp(EventKind.ALLOC);
        resize(id, size);
        line('a', r, size);
    }

    @Override
    public void realloc(long id, long size, long address, int site) {
        if (refused.containsKey(id)) {
            throw neverWritten(EventKind.REALLOC, id);
        }
        checkSize(EventKind.REALLOC, size);
        long r = repId(EventKind.REALLOC, id);
        countOp(EventKind.REALLOC);
        resize(id, size);
        line('r', r, size);
    }

    @Override
    public void free(long id, int site) {
        if (id == EventSink.NULL_ID) {
            return; // free(NULL) does nothing in C, and rep has no null id
        }
        if (refused.remove(id) >= 0) {
            throw neverWritten(EventKind.FREE, id);
        }
        long r = repId(EventKind.FREE, id);
        countOp(EventKind.FREE);
        long old = live.remove(id);
        if (old >= 0) {
            liveBytes -= old;
        }
        line('f', r, -1);
    }

    private void line(char op, long id, long size) {
        if (used + MAX_LINE > buf.length) {
            flushBuffer();
        }
        buf[used++] = (byte) op;
        buf[used++] = ' ';
        decimal(id);
        if (size >= 0) {
            buf[used++] = ' ';
            decimal(size);
        }
        buf[used++] = '\n';
    }

    private void decimal(long v) {
        byte[] b = buf;
        int u = used;
        if (v == 0) {
            b[u++] = '0';
        } else {
            int start = u;
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
        used = u;
    }

    private void flushBuffer() {
        if (used > 0) {
            try {
                spoolOut.write(buf, 0, used);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            used = 0;
        }
    }

    /**
     * A request on a block whose allocation was refused: it is refused too, so that a lossy
     * conversion ({@code LossySink}) drops the block whole instead of freeing an id the rep file
     * never allocated.
     */
    private static UnsupportedEventException neverWritten(EventKind kind, long id) {
        return new UnsupportedEventException(RepFormat.NAME, kind, "block " + id
            + " was never written: its allocation could not be expressed");
    }


    @Override
    public void calloc(long id, long count, long size, long address, int site) {
        refused.put(id, 1);
        throw new UnsupportedEventException(RepFormat.NAME, EventKind.CALLOC,
            "malloc-lab traces have no calloc request; convert it to an alloc of count * size bytes first");
    }

    /** Writes the header and the spooled requests to the output, closes it and deletes the spool file. */
    @Override
    protected String unsupportedHint() {
        return "malloc-lab traces hold only malloc ('a'), realloc ('r') and free ('f') requests";
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try {
                flushBuffer();
            } finally {
                spoolOut.close();
            }
            OutputStream o = new BufferedOutputStream(out, 1 << 16);
            String header = Math.min(peakBytes, Integer.MAX_VALUE) + "\n" + ids.size() + "\n" + ops + "\n1\n";
            o.write(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Files.copy(spool, o);
            o.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(spool);
            }
        }
    }
}
