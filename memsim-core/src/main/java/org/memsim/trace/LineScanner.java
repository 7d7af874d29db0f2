package org.memsim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Fast line-by-line scanning of a text trace straight from bytes: no String or object per line.
 * A cursor walks the current line; number parsers check overflow and every failure names the
 * source, line and column. Lines longer than {@link #MAX_LINE} are rejected (hostile input).
 */
public final class LineScanner {
    /** Longest line accepted, in bytes. */
    public static final int MAX_LINE = 1 << 20;

    private static final byte[] HEX = new byte[256];
    private static final long MAX_DIV_10 = Long.MAX_VALUE / 10;
    private static final long MAX_MOD_10 = Long.MAX_VALUE % 10;
    /** Little-endian 8-byte reads from a byte array, for the newline search. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
            HEX[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    private final InputStream in;
    private final String source;
    private byte[] buf = new byte[1 << 16];
    private int limit;       // valid bytes in buf
    private int next;        // where the next line starts
    private boolean eof;
    private long consumedBefore; // bytes dropped from buf by compaction

    /** The current line is {@code buf[lineStart, lineEnd)}; the cursor is {@code pos}. */
    public int lineStart;
    public int lineEnd;
    public int pos;
    private long lineNumber;

    public LineScanner(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** The buffer holding the current line (valid until the next call to {@link #nextLine()}). */
    public byte[] buffer() {
        return buf;
    }

    /** 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes of the stream consumed up to the end of the current line. */
    public long bytesRead() {
        return consumedBefore + next;
    }

    /** Advances to the next line (without its {@code \n} or {@code \r\n}); false at end of input. */
    public boolean nextLine() throws IOException {
        int searchFrom = next;
        while (true) {
            int nl = indexOfNewline(searchFrom, limit);
            if (nl >= 0) {
                setLine(next, nl);
                next = nl + 1;
                return true;
            }
            if (eof) {
                if (next >= limit) {
                    return false;
                }
                setLine(next, limit);
                next = limit;
                return true;
            }
            int scanned = limit - next;
            fill();
            searchFrom = next + scanned;
        }
    }

    private void setLine(int start, int end) {
        lineStart = start;
        lineEnd = end > start && buf[end - 1] == '\r' ? end - 1 : end;
        pos = start;
        lineNumber++;
    }

    /**
     * The first {@code '\n'} in {@code buf[from, to)}, or -1. Looks at eight bytes at a time
     * (SWAR: a byte of {@code w ^ 0x0A..0A} is zero where {@code w} holds a newline, and
     * {@code (x - 0x01..01) & ~x & 0x80..80} flags the lowest zero byte exactly).
     */
    private int indexOfNewline(int from, int to) {
        final byte[] b = buf;
        int i = from;
        final int wordEnd = to - Long.BYTES;
        while (i <= wordEnd) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Moves the unread tail to the front, grows the buffer if one line fills it, reads more. */
    private void fill() throws IOException {
        if (next > 0) {
            System.arraycopy(buf, next, buf, 0, limit - next);
            limit -= next;
            consumedBefore += next;
            next = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_LINE) {
                lineNumber++;
                throw new TraceFormatException(source, "line " + lineNumber,
                    "line longer than " + MAX_LINE + " bytes (expected one event per line; is this a binary file?)");
            }
            buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    // ------------------------------------------------------------------ cursor

    /** True when the cursor is at the end of the line. */
    public boolean atEnd() {
        return pos >= lineEnd;
    }

    /** The byte at the cursor, or -1 at the end of the line. */
    public int peek() {
        return pos < lineEnd ? buf[pos] & 0xff : -1;
    }

    /** Skips spaces and tabs; returns whether anything is left on the line. */
    public boolean skipBlanks() {
        int p = pos;
        while (p < lineEnd && (buf[p] == ' ' || buf[p] == '\t')) {
            p++;
        }
        pos = p;
        return p < lineEnd;
    }

    /** True if the line, from the cursor, is blank or a {@code #} comment. */
    public boolean restIsBlankOrComment() {
        return !skipBlanks() || buf[pos] == '#';
    }

    /** Consumes {@code c} or fails saying it was expected. */
    public void expect(char c) {
        if (pos >= lineEnd || buf[pos] != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    /** Consumes one or more blanks or fails saying "expected a space before the {@code what}" (no string built on success). */
    public void expectBlankBeforeThe(String what) {
        if (pos >= lineEnd || (buf[pos] != ' ' && buf[pos] != '\t')) {
            throw fail("expected a space before the " + what);
        }
        skipBlanks();
    }

    /** Consumes one or more blanks or fails. */
    public void expectBlank(String beforeWhat) {
        if (pos >= lineEnd || (buf[pos] != ' ' && buf[pos] != '\t')) {
            throw fail("expected a space before " + beforeWhat);
        }
        skipBlanks();
    }

    /** Whether the cursor is at {@code word} followed by a blank or the end of line; consumes it if so. */
    public boolean matchWord(byte[] word) {
        int p = pos;
        int n = word.length;
        if (p + n > lineEnd) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[p + i] != word[i]) {
                return false;
            }
        }
        if (p + n < lineEnd && buf[p + n] != ' ' && buf[p + n] != '\t') {
            return false;
        }
        pos = p + n;
        return true;
    }

    /** Whether the cursor is at {@code prefix}; consumes it if so. */
    public boolean match(byte[] prefix) {
        int p = pos;
        if (p + prefix.length > lineEnd) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[p + i] != prefix[i]) {
                return false;
            }
        }
        pos = p + prefix.length;
        return true;
    }

    /** An unsigned decimal number; fails on no digits or overflow. */
    public long decimal(String what) {
        int p = pos;
        long v = 0;
        int start = p;
        byte[] b = buf;
        while (p < lineEnd) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            // v * 10 + d > Long.MAX_VALUE, without a division per digit
            if (v >= MAX_DIV_10 && (v > MAX_DIV_10 || d > MAX_MOD_10)) {
                pos = start;
                throw fail(what + " is too large (at most " + Long.MAX_VALUE + ")");
            }
            v = v * 10 + d;
            p++;
        }
        if (p == start) {
            throw fail("expected " + what + " (decimal digits)");
        }
        pos = p;
        return v;
    }

    /** An unsigned decimal that must fit in an int. */
    public int decimalInt(String what) {
        int start = pos;
        long v = decimal(what);
        if (v > Integer.MAX_VALUE) {
            pos = start;
            throw fail(what + " is too large (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /** Hex digits with an optional {@code 0x} prefix, up to 16 of them (a 64-bit value). */
    public long hex(String what) {
        int p = pos;
        if (p + 1 < lineEnd && buf[p] == '0' && (buf[p + 1] == 'x' || buf[p + 1] == 'X')) {
            p += 2;
        }
        int start = p;
        long v = 0;
        byte[] b = buf;
        while (p < lineEnd) {
            int d = HEX[b[p] & 0xff];
            if (d < 0) {
                break;
            }
            v = (v << 4) | d;
            p++;
        }
        if (p == start) {
            throw fail("expected " + what + " (hex digits)");
        }
        if (p - start > 16) {
            throw fail(what + " has more than 16 hex digits (more than 64 bits)");
        }
        pos = p;
        return v;
    }

    /** A number written {@code 0x…} (hex) or in decimal. */
    public long number(String what) {
        if (pos + 1 < lineEnd && buf[pos] == '0' && (buf[pos + 1] == 'x' || buf[pos + 1] == 'X')) {
            return hex(what);
        }
        return decimal(what);
    }

    /** A signed decimal ({@code -} allowed). */
    public long signedDecimal(String what) {
        if (pos < lineEnd && buf[pos] == '-') {
            pos++;
            return -decimal(what);
        }
        return decimal(what);
    }

    /** The next blank-delimited token as a String (edge use: keywords, names). */
    public String token() {
        int p = pos;
        while (p < lineEnd && buf[p] != ' ' && buf[p] != '\t') {
            p++;
        }
        String s = new String(buf, pos, p - pos, StandardCharsets.UTF_8);
        pos = p;
        return s;
    }

    /** The rest of the line from the cursor, trimmed. */
    public String rest() {
        String s = new String(buf, pos, lineEnd - pos, StandardCharsets.UTF_8).strip();
        pos = lineEnd;
        return s;
    }

    /** The whole current line as a String (for messages). */
    public String line() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /** Fails unless only blanks or a {@code #} comment remain. */
    public void expectEndOfLine() {
        if (!restIsBlankOrComment()) {
            throw fail("expected the end of the line");
        }
    }

    /** {@code line N column C} of the cursor. */
    public String where() {
        return "line " + lineNumber + " column " + (pos - lineStart + 1);
    }

    /** An exception naming the source, line and column, what was expected and what was found. */
    public TraceFormatException fail(String expected) {
        int end = Math.min(lineEnd, pos + 24);
        String found = pos >= lineEnd ? "the end of the line"
            : "'" + sanitize(new String(buf, pos, end - pos, StandardCharsets.UTF_8)) + (end < lineEnd ? "…'" : "'");
        return new TraceFormatException(source, where(), expected + ", found " + found);
    }

    /** A failure about the whole line, not a column. */
    public TraceFormatException failLine(String what) {
        return new TraceFormatException(source, "line " + lineNumber, what);
    }

    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f || c == 0xfffd ? '?' : c);
        }
        return sb.toString();
    }
}
