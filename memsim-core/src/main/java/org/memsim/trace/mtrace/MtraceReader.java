package org.memsim.trace.mtrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceReader;
import org.memsim.trace.addr.AddressIds;
import org.memsim.trace.addr.Numbers;

/**
 * Reads a glibc {@code mtrace} log ({@code MALLOC_TRACE=F}): {@code = Start}, lines
 * {@code [@ CALLER ]+ ptr size}, {@code - ptr}, {@code < old} then {@code > new size} (realloc),
 * {@code ! ptr size} (failed realloc), {@code = End}, as {@code malloc/mtrace-impl.c} of glibc 2.34+
 * ({@code malloc/mtrace.c} before) prints them. Callers become sites; addresses become ids as
 * {@link AddressIds} defines. Mapping: {@code docs/formats/mtrace.md}.
 */
public final class MtraceReader implements TraceReader {
    private static final byte[] NIL = "(nil)".getBytes(StandardCharsets.US_ASCII);

    private final LineScanner in;
    private final InputStream stream;
    private final AddressIds ids = new AddressIds();
    private final CallerTable callers = new CallerTable();
    private long events;

    // a "<" line waiting for its ">"
    private boolean pendingRealloc;
    private long pendingOld;
    private int pendingSite;
    private long pendingLine;

    public MtraceReader(InputStream stream, String source) {
        this.stream = stream;
        this.in = new LineScanner(stream, source);
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        final LineScanner s = in;
        while (s.nextLine()) {
            if (!s.skipBlanks()) {
                continue;
            }
            byte[] b = s.buffer();
            int c = b[s.pos];
            if (c == '=') {
                continue; // "= Start", "= End"
            }
            int site = EventSink.NONE;
            if (c == '@') {
                s.pos++;
                s.expect(' ');
                site = caller(s, sink);
            }
            int op = s.peek();
            if (pendingRealloc && op != '>') {
                throw s.fail("expected the '>' line that completes the realloc begun with '<' on line " + pendingLine);
            }
            switch (op) {
                case '+': {
                    s.pos++;
                    long ptr = pointer(s);
                    long size = size(s);
                    end(s);
                    long id = ids.allocate(ptr);
                    displacedFree(sink);
                    sink.alloc(id, size, 0, ptr, site);
                    events++;
                    break;
                }
                case '-': {
                    s.pos++;
                    long ptr = pointer(s);
                    end(s);
                    sink.free(ids.free(ptr), site);
                    events++;
                    break;
                }
                case '<': {
                    s.pos++;
                    pendingOld = pointer(s);
                    end(s);
                    pendingRealloc = true;
                    pendingSite = site;
                    pendingLine = s.lineNumber();
                    break;
                }
                case '>': {
                    if (!pendingRealloc) {
                        throw s.fail("a '>' line (the new block of a realloc) must follow a '<' line");
                    }
                    s.pos++;
                    long ptr = pointer(s);
                    long size = size(s);
                    end(s);
                    pendingRealloc = false;
                    long id = ids.reallocate(pendingOld, ptr, size);
                    displacedFree(sink);
                    sink.realloc(id, size, ptr, site != EventSink.NONE ? site : pendingSite);
                    events++;
                    break;
                }
                case '!': {
                    s.pos++;
                    long ptr = pointer(s);
                    long size = size(s);
                    end(s);
                    long id = ids.reallocate(ptr, EventSink.NO_ADDRESS, size);
                    sink.realloc(id, size, EventSink.NO_ADDRESS, site);
                    events++;
                    break;
                }
                default:
                    throw s.fail("expected an mtrace line: '= Start', '@ caller', or an operation + - < > !");
            }
        }
        if (pendingRealloc) {
            throw new org.memsim.trace.TraceFormatException(s.source(), "line " + pendingLine,
                "the realloc begun with '<' has no '>' line (the log ends)");
        }
        return events;
    }

    private static boolean isOp(int c) {
        return c == '+' || c == '-' || c == '<' || c == '>' || c == '!';
    }

    /** The caller text up to its closing ']' before the operation: its site (defined on first use). */
    private int caller(LineScanner s, EventSink sink) {
        byte[] b = s.buffer();
        int start = s.pos;
        int end = s.lineEnd;
        int close = -1;
        for (int i = start; i + 2 < end; i++) {
            if (b[i] == ']' && b[i + 1] == ' ' && isOp(b[i + 2]) && (i + 3 == end || b[i + 3] == ' ')) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw s.fail("expected a caller such as ./prog:[0x11a0] or [0x7f…] followed by an operation (+ - < > !)");
        }
        int len = close + 1 - start;
        int site = callers.find(b, start, len);
        if (site == 0) {
            site = callers.add(b, start, len);
            if (site < 0) {
                throw s.failLine("more than " + CallerTable.MAX_SITES + " distinct callers (or " + CallerTable.MAX_BYTES
                    + " bytes of them)");
            }
            sink.defineSite(site, frame(b, start, len));
        }
        s.pos = close + 2;
        return site;
    }

    /** A caller as a frame: {@code [0x7f…]} (no symbol information) becomes the bare hex ip. */
    static String frame(byte[] b, int start, int len) {
        if (len > 3 && b[start] == '[' && b[start + 1] == '0' && b[start + 2] == 'x') {
            boolean hex = true;
            for (int i = start + 3; i < start + len - 1; i++) {
                int c = b[i] | 0x20;
                hex &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            }
            if (hex) {
                return new String(b, start + 1, len - 2, StandardCharsets.US_ASCII);
            }
        }
        return new String(b, start, len, StandardCharsets.UTF_8);
    }

    /** A blank, then {@code %p}: {@code 0x…} or {@code (nil)}. */
    private static long pointer(LineScanner s) {
        s.expectBlank("the pointer");
        if (s.match(NIL)) {
            return 0;
        }
        return s.hex("pointer");
    }

    /** A blank, then {@code %#lx}: {@code 0x…} or {@code 0}. */
    private static long size(LineScanner s) {
        s.expectBlank("the size");
        return Numbers.size(s.hex("size"));
    }

    private static void end(LineScanner s) {
        if (s.skipBlanks()) {
            throw s.fail("expected the end of the line");
        }
    }

    private void displacedFree(EventSink sink) {
        long d = ids.displaced();
        if (d != AddressIds.NONE) {
            sink.free(d, EventSink.NONE);
            events++;
        }
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
