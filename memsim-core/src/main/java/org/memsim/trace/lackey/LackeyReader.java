package org.memsim.trace.lackey;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceReader;

/**
 * Reads the output of Valgrind's Lackey tool run with {@code --trace-mem=yes}: one access per line,
 * printed by {@code trace_instr}/{@code trace_load}/{@code trace_store}/{@code trace_modify} in
 * Valgrind's {@code lackey/lk_main.c} as {@code "I  %08lx,%lu"}, {@code " L %08lx,%lu"},
 * {@code " S %08lx,%lu"} and {@code " M %08lx,%lu"}. Valgrind's own messages ({@code ==pid==},
 * {@code --pid--}, {@code **pid**}), superblock lines ({@code SB addr}, from
 * {@code --trace-superblocks=yes}) and blank lines are skipped. Grammar and mapping:
 * {@code docs/formats/lackey.md}.
 *
 * <p>The hot path dispatches on the first two bytes of the line and parses the hex address and the
 * decimal size with hand-written loops over the scanner's buffer; anything unusual falls back to a
 * careful parse that produces a precise error.
 */
public final class LackeyReader implements TraceReader {
    /** Hex digit value of each byte, or -1. */
    private static final byte[] HEX = new byte[256];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
            HEX[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    private static final int K_IFETCH = 0;
    private static final int K_LOAD = 1;
    private static final int K_STORE = 2;
    private static final int K_MODIFY = 3;

    private static final String EXPECTED_LINE = "expected a Lackey access line ('I  addr,size', ' L addr,size', "
        + "' S addr,size' or ' M addr,size') or a Valgrind message line ('==pid== ...')";

    private final LineScanner in;
    private final InputStream stream;
    private long skippedLines;

    public LackeyReader(InputStream stream, String source) {
        this.stream = stream;
        this.in = new LineScanner(stream, source);
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        final LineScanner s = in;
        final byte[] hex = HEX;
        long events = 0;
        while (s.nextLine()) {
            final byte[] b = s.buffer();
            int p = s.lineStart;
            final int end = s.lineEnd;
            // Fast path: exactly what Lackey prints. The shortest access line is "I  0,1" (6 bytes).
            fast:
            if (end - p >= 6 && b[p + 2] == ' ') {
                final int kind;
                final byte c0 = b[p];
                final byte c1 = b[p + 1];
                if (c0 == 'I' && c1 == ' ') {
                    kind = K_IFETCH;
                } else if (c0 == ' ') {
                    if (c1 == 'L') {
                        kind = K_LOAD;
                    } else if (c1 == 'S') {
                        kind = K_STORE;
                    } else if (c1 == 'M') {
                        kind = K_MODIFY;
                    } else {
                        break fast;
                    }
                } else {
                    break fast;
                }
                p += 3;
                final int addrStart = p;
                long address = 0;
                int d;
                while (p < end && (d = hex[b[p] & 0xff]) >= 0) {
                    address = (address << 4) | d;
                    p++;
                }
                int digits = p - addrStart;
                if (digits == 0 || digits > 16 || p >= end || b[p] != ',') {
                    break fast;
                }
                p++;
                final int sizeStart = p;
                long size = 0;
                while (p < end) {
                    int v = b[p] - '0';
                    if (v < 0 || v > 9) {
                        break;
                    }
                    size = size * 10 + v;
                    p++;
                }
                digits = p - sizeStart;
                if (p != end || digits == 0 || digits > 10 || size > Integer.MAX_VALUE) {
                    break fast;
                }
                switch (kind) {
                    case K_IFETCH:
                        sink.ifetch(address, (int) size);
                        break;
                    case K_LOAD:
                        sink.load(address, (int) size);
                        break;
                    case K_STORE:
                        sink.store(address, (int) size);
                        break;
                    default:
                        sink.modify(address, (int) size);
                        break;
                }
                events++;
                continue;
            }
            if (slowLine(s, sink)) {
                events++;
            }
        }
        return events;
    }

    /**
     * Everything the fast path did not take: skippable lines, accesses with trailing blanks, and
     * malformed lines (which throw with the line, column and expectation).
     */
    private boolean slowLine(LineScanner s, EventSink sink) {
        byte[] b = s.buffer();
        int p = s.lineStart;
        int end = s.lineEnd;
        if (!s.skipBlanks()) {
            skippedLines++;
            return false; // blank line
        }
        if (end - p >= 2) {
            byte c0 = b[p];
            byte c1 = b[p + 1];
            if ((c0 == '=' && c1 == '=') || (c0 == '-' && c1 == '-') || (c0 == '*' && c1 == '*')) {
                skippedLines++;
                return false; // a Valgrind message: ==pid== (normal), --pid-- (verbose), **pid** (internal)
            }
            if (c0 == 'S' && c1 == 'B' && end - p >= 3 && b[p + 2] == ' ') {
                s.pos = p + 3;
                s.hex("superblock address");
                s.skipBlanks();
                if (!s.atEnd()) {
                    throw s.fail("expected the end of the line after the superblock address");
                }
                skippedLines++;
                return false; // --trace-superblocks=yes line
            }
        }
        s.pos = p;
        int kind;
        if (end - p >= 3 && b[p] == 'I' && b[p + 1] == ' ' && b[p + 2] == ' ') {
            kind = K_IFETCH;
        } else if (end - p >= 3 && b[p] == ' ' && b[p + 2] == ' '
            && (b[p + 1] == 'L' || b[p + 1] == 'S' || b[p + 1] == 'M')) {
            kind = b[p + 1] == 'L' ? K_LOAD : b[p + 1] == 'S' ? K_STORE : K_MODIFY;
        } else {
            throw s.fail(EXPECTED_LINE);
        }
        s.pos = p + 3;
        if (s.peek() == ' ' || s.peek() == '\t') {
            throw s.fail("expected the hex address right after '" + (kind == K_IFETCH ? "I  " : " " + (char) b[p + 1] + " ")
                + "' (Lackey prints exactly one column of spaces)");
        }
        long address = s.hex("address");
        s.expect(',');
        int size = s.decimalInt("access size");
        s.skipBlanks();
        if (!s.atEnd()) {
            throw s.fail("expected the end of the line after the access size");
        }
        switch (kind) {
            case K_IFETCH:
                sink.ifetch(address, size);
                break;
            case K_LOAD:
                sink.load(address, size);
                break;
            case K_STORE:
                sink.store(address, size);
                break;
            default:
                sink.modify(address, size);
                break;
        }
        return true;
    }

    /** Lines skipped so far: Valgrind messages, superblock lines and blank lines. */
    public long skippedLines() {
        return skippedLines;
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
