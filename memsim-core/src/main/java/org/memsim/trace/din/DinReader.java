package org.memsim.trace.din;

import java.io.IOException;
import java.io.InputStream;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceReader;

/**
 * Reads the traditional Dinero {@code din} format as DineroIV's {@code -informat d} reader
 * ({@code dinfmt.c}, {@code tracein_din}) does: per line a hex label and a hex address ({@code 0x}
 * optional), the rest of the line a comment. The label is DineroIV's access type ({@code d4.h}):
 * 0 read → {@code load}, 1 write → {@code store}, 2 instruction fetch → {@code ifetch}, 3
 * miscellaneous ("treated as a data load") → {@code load}; 4 (copy back dirty blocks) and 5
 * (invalidate blocks) are cache commands, not accesses, and are skipped. Every access is 4 bytes at
 * {@code address & ~3}, as DineroIV makes it. {@code docs/formats/din.md}.
 */
public final class DinReader implements TraceReader {
    static final String LABELS = "0 (read), 1 (write), 2 (instruction fetch), 3 (misc), 4 (copy back) or 5 (invalidate)";

    private final LineScanner in;
    private final InputStream stream;
    private long skippedRecords;

    public DinReader(InputStream stream, String source) {
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
            int labelStart = s.pos;
            long label = s.hex("label");
            if (label > 5) {
                s.pos = labelStart;
                throw s.fail("expected a label " + LABELS);
            }
            s.expectBlank("the address");
            long address = s.hex("address");
            int c = s.peek();
            if (c >= 0 && c != ' ' && c != '\t') {
                throw s.fail("expected a space or the end of the line after the address (hex digits)");
            }
            address &= ~3L; // dinfmt.c: "dineroIII is pretty much word-oriented"
            switch ((int) label) {
                case 0:
                case 3:
                    sink.load(address, 4);
                    break;
                case 1:
                    sink.store(address, 4);
                    break;
                case 2:
                    sink.ifetch(address, 4);
                    break;
                default:
                    skippedRecords++;
                    continue;
            }
            events++;
        }
        return events;
    }

    /** Records skipped so far because they are cache commands (labels 4 and 5), not accesses. */
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
