package org.memsim.trace.din;

import java.io.IOException;
import java.io.InputStream;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceReader;

/**
 * Reads DineroIV's extended din format ({@code -informat D}) as its reader {@code xdinfmt.c}
 * ({@code tracein_xdin}) does: per line an access type letter, a hex address and a hex size
 * ({@code 0x} optional on both), the rest of the line a comment. {@code r} → {@code load},
 * {@code w} → {@code store}, {@code i} → {@code ifetch}, {@code m} (miscellaneous, "treated as a data
 * load" in {@code d4.3}) → {@code load}; {@code c} (copy back) and {@code v} (invalidate) are cache
 * commands and are skipped. Upper-case letters are accepted like DineroIV does.
 * {@code docs/formats/din.md}.
 */
public final class DinExtReader implements TraceReader {
    static final String TYPES = "r (read), w (write), i (instruction fetch), m (misc), c (copy back) or v (invalidate)";

    private final LineScanner in;
    private final InputStream stream;
    private long skippedRecords;

    public DinExtReader(InputStream stream, String source) {
        this.stream = stream;
        this.in = new LineScanner(stream, source);
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        final LineScanner s = in;
        long events = 0;
        while (s.nextLine()) {
            if (!s.skipBlanks()) {
                continue; // DineroIV stops at a blank line ("short line"); memsim skips it
            }
            int type = s.peek() | 0x20; // lower case (non-letters stay non-letters)
            if (type != 'r' && type != 'w' && type != 'i' && type != 'm' && type != 'c' && type != 'v') {
                throw s.fail("expected an access type " + TYPES);
            }
            s.pos++;
            s.expectBlank("the address");
            long address = s.hex("address");
            s.expectBlank("the size");
            int sizeStart = s.pos;
            long size = s.hex("size");
            if (size > DinExtWriter.MAX_SIZE) {
                s.pos = sizeStart;
                throw s.fail("expected a size of at most ffff (hex): DineroIV keeps sizes in 16 bits");
            }
            int c = s.peek();
            if (c >= 0 && c != ' ' && c != '\t') {
                throw s.fail("expected a space or the end of the line after the size (hex digits)");
            }
            switch (type) {
                case 'r':
                case 'm':
                    sink.load(address, (int) size);
                    break;
                case 'w':
                    sink.store(address, (int) size);
                    break;
                case 'i':
                    sink.ifetch(address, (int) size);
                    break;
                default:
                    skippedRecords++;
                    continue;
            }
            events++;
        }
        return events;
    }

    /** Records skipped so far because they are cache commands ({@code c}, {@code v}), not accesses. */
    public long skippedRecords() {
        return skippedRecords;
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
