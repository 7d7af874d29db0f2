package org.memsim.trace.rep;

import java.io.IOException;
import java.io.InputStream;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceReader;

/**
 * Reads a CS:APP malloc-lab trace ({@code .rep}) the way the lab's driver {@code mdriver.c}
 * ({@code read_trace}) does with {@code fscanf}: four header integers — suggested heap size,
 * {@code num_ids}, {@code num_ops}, weight — then {@code num_ops} requests {@code a id size},
 * {@code r id size} and {@code f id}, tokens separated by any white space (line breaks included).
 * Unlike {@code mdriver}, every departure is an error naming the line: an id of at least
 * {@code num_ids}, more or fewer requests than {@code num_ops}, negative or non-numeric fields.
 * {@code docs/formats/rep.md}.
 */
public final class RepReader implements TraceReader {
    /** {@code mdriver} reads ids and sizes with {@code %u}: 32-bit unsigned. */
    static final long MAX_U32 = 0xFFFF_FFFFL;

    private static final String HEADER = "the header's four integers (suggested heap size, num_ids, num_ops, weight)";
    private static final String OPS = "a request: 'a id size' (malloc), 'r id size' (realloc) or 'f id' (free)";

    private final LineScanner in;
    private final InputStream stream;
    private boolean started;
    private int tokenStart;

    private long heapSize = -1;
    private long numIds = -1;
    private long numOps = -1;
    private long weight = -1;

    public RepReader(InputStream stream, String source) {
        this.stream = stream;
        this.in = new LineScanner(stream, source);
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        final LineScanner s = in;
        heapSize = headerField("the suggested heap size", 0);
        numIds = headerField("num_ids (the number of block ids)", 1);
        numOps = headerField("num_ops (the number of requests)", 2);
        weight = headerField("the weight", 3);
        final long ids = numIds;
        final long ops = numOps;
        long events = 0;
        while (nextToken()) {
            final byte[] b = s.buffer();
            final int p = s.pos;
            final int op = b[p];
            if ((op != 'a' && op != 'r' && op != 'f') || !(p + 1 == s.lineEnd || isSpace(b[p + 1]))) {
                throw s.fail("expected " + OPS);
            }
            if (events == ops) {
                throw s.fail("expected the end of the trace: the header announces num_ops = " + ops
                    + " requests and all of them were read");
            }
            s.pos = p + 1;
            long id = field("the block id", MAX_U32);
            if (id >= ids) {
                s.pos = tokenStart;
                throw s.fail("expected a block id below num_ids = " + ids + " (from the header)");
            }
            if (op == 'f') {
                sink.free(id, EventSink.NONE);
            } else {
                long size = field("the size", MAX_U32);
                if (op == 'a') {
                    sink.alloc(id, size, 0, EventSink.NO_ADDRESS, EventSink.NONE);
                } else {
                    sink.realloc(id, size, EventSink.NO_ADDRESS, EventSink.NONE);
                }
            }
            events++;
        }
        if (events < ops) {
            throw new TraceFormatException(s.source(), lastLine(),
                "truncated trace: the header announces num_ops = " + ops + " requests but only " + events + " were found");
        }
        return events;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** Moves the cursor to the next token, reading lines as needed (fscanf's white space); false at end of input. */
    private boolean nextToken() throws IOException {
        final LineScanner s = in;
        while (true) {
            if (started) {
                final byte[] b = s.buffer();
                int p = s.pos;
                final int end = s.lineEnd;
                while (p < end && isSpace(b[p])) {
                    p++;
                }
                s.pos = p;
                if (p < end) {
                    tokenStart = p;
                    return true;
                }
            }
            if (!s.nextLine()) {
                return false;
            }
            started = true;
        }
    }

    private String lastLine() {
        return "line " + Math.max(1, in.lineNumber());
    }

    private long headerField(String what, int index) throws IOException {
        if (!nextToken()) {
            throw new TraceFormatException(in.source(), lastLine(), "truncated header: expected " + HEADER
                + ", found " + index + " of them before the end of the input");
        }
        return number(what, Integer.MAX_VALUE, "mdriver reads it with %d");
    }

    /** A request's field: the next token, a non-negative decimal of at most {@code max}. */
    private long field(String what, long max) throws IOException {
        if (!nextToken()) {
            throw new TraceFormatException(in.source(), lastLine(), "expected " + what + ", found the end of the input");
        }
        return number(what, max, "mdriver reads it with %u");
    }

    private long number(String what, long max, String why) {
        final LineScanner s = in;
        final int start = s.pos;
        if (s.peek() == '-') {
            throw s.fail("expected " + what + " as a non-negative decimal number");
        }
        long v = s.decimal(what);
        if (s.pos < s.lineEnd && !isSpace(s.buffer()[s.pos])) {
            throw s.fail("expected a space or the end of the line after " + what);
        }
        if (v > max) {
            s.pos = start;
            throw s.fail("expected " + what + " of at most " + max + " (" + why + ")");
        }
        return v;
    }

    /** The header's suggested heap size, or -1 before {@link #replay}. */
    public long suggestedHeapSize() {
        return heapSize;
    }

    /** The header's {@code num_ids}, or -1 before {@link #replay}. */
    public long numIds() {
        return numIds;
    }

    /** The header's {@code num_ops}, or -1 before {@link #replay}. */
    public long numOps() {
        return numOps;
    }

    /** The header's weight, or -1 before {@link #replay}. */
    public long weight() {
        return weight;
    }

    @Override
    public String position() {
        return "line " + in.lineNumber();
    }

    @Override
    public long bytesRead() {
        return in.bytesRead();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
