package org.memsim.trace.mst;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.memsim.event.Advice;
import org.memsim.event.EventSink;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceReader;

/**
 * Reads the memsim text format ({@code .mst}): one event per line, {@code #} comments, grammar in
 * {@code docs/trace-format.md}. Parses straight from bytes with no object per line.
 */
public final class MstReader implements TraceReader {
    private static final byte[] ALLOC = b("alloc"), CALLOC = b("calloc"), REALLOC = b("realloc"), FREE = b("free"),
        LOAD = b("load"), STORE = b("store"), MODIFY = b("modify"), IFETCH = b("ifetch"), BLOAD = b("bload"),
        BSTORE = b("bstore"), BRK = b("brk"), MMAP = b("mmap"), MUNMAP = b("munmap"), MPROTECT = b("mprotect"),
        MADVISE = b("madvise"), MSYNC = b("msync"), START = b("start"), EXIT = b("exit"), FORK = b("fork"),
        SWITCH = b("switch"), NEW = b("new"), REF = b("ref"), ROOT = b("root"), UNROOT = b("unroot"),
        SAFEPOINT = b("safepoint"), WORD = b("word"), FREEPTR = b("freeptr"), SITE = b("site"), FILE = b("file"), TYPE = b("type"), NULL = b("null");

    private static final String KEYWORDS = "alloc, calloc, realloc, free, freeptr, load, store, modify, ifetch, bload, bstore, "
        + "brk, mmap, munmap, mprotect, madvise, msync, start, exit, fork, switch, new, ref, root, unroot, safepoint, word, "
        + "site, file, type";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private final LineScanner in;
    private final InputStream stream;

    // optional key=value fields of the current line
    private long optAlign;
    private long optAddr;
    private long optSite;
    private long optType;
    private long optFile;
    private long optOffset;

    public MstReader(InputStream stream, String source) {
        this.stream = stream;
        this.in = new LineScanner(stream, source);
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        final LineScanner s = in;
        long events = 0;
        while (s.nextLine()) {
            if (s.restIsBlankOrComment()) {
                continue;
            }
            if (fastAccess(s, sink)) {
                events++;
                continue;
            }
            if (parseLine(s, sink)) {
                events++;
            }
        }
        return events;
    }

    /** Hex digit value of each byte, or -1 (as {@link LineScanner} reads hex). */
    private static final byte[] HEX_DIGIT = new byte[256];

    static {
        java.util.Arrays.fill(HEX_DIGIT, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX_DIGIT[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX_DIGIT[c] = (byte) (c - 'a' + 10);
            HEX_DIGIT[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    private static final int FAST_LOAD = 0;
    private static final int FAST_STORE = 1;
    private static final int FAST_MODIFY = 2;
    private static final int FAST_IFETCH = 3;

    /**
     * The most common line in the canonical spelling {@link MstWriter} produces, such as
     * {@code load 0x1fff000778 8}, parsed in one pass over the bytes. Returns false without moving
     * the cursor for anything else (other keywords, decimal addresses, extra blanks, comments,
     * errors), which {@link #parseLine} then handles with the same result or the same message.
     */
    private static boolean fastAccess(LineScanner s, EventSink sink) {
        final byte[] b = s.buffer();
        final int end = s.lineEnd;
        int p = s.pos;
        final int kind;
        if (end - p < 10) { // shortest: "load 0x0 1"
            return false;
        }
        switch (b[p]) {
            case 'l':
                if (b[p + 1] != 'o' || b[p + 2] != 'a' || b[p + 3] != 'd' || b[p + 4] != ' ') {
                    return false;
                }
                kind = FAST_LOAD;
                p += 5;
                break;
            case 's':
                if (b[p + 1] != 't' || b[p + 2] != 'o' || b[p + 3] != 'r' || b[p + 4] != 'e' || b[p + 5] != ' ') {
                    return false;
                }
                kind = FAST_STORE;
                p += 6;
                break;
            case 'm':
                if (end - p < 12 || b[p + 1] != 'o' || b[p + 2] != 'd' || b[p + 3] != 'i' || b[p + 4] != 'f'
                    || b[p + 5] != 'y' || b[p + 6] != ' ') {
                    return false;
                }
                kind = FAST_MODIFY;
                p += 7;
                break;
            case 'i':
                if (end - p < 12 || b[p + 1] != 'f' || b[p + 2] != 'e' || b[p + 3] != 't' || b[p + 4] != 'c'
                    || b[p + 5] != 'h' || b[p + 6] != ' ') {
                    return false;
                }
                kind = FAST_IFETCH;
                p += 7;
                break;
            default:
                return false;
        }
        if (p + 2 >= end || b[p] != '0' || b[p + 1] != 'x') {
            return false;
        }
        p += 2;
        final byte[] hex = HEX_DIGIT;
        int start = p;
        long address = 0;
        int d;
        while (p < end && (d = hex[b[p] & 0xff]) >= 0) {
            address = (address << 4) | d;
            p++;
        }
        if (p == start || p - start > 16 || p >= end || b[p] != ' ') {
            return false;
        }
        p++;
        start = p;
        long size = 0;
        while (p < end) {
            int v = b[p] - '0';
            if (v < 0 || v > 9) {
                break;
            }
            size = size * 10 + v;
            p++;
        }
        if (p != end || p == start || p - start > 10 || size > Integer.MAX_VALUE) {
            return false;
        }
        s.pos = p;
        switch (kind) {
            case FAST_LOAD:
                sink.load(address, (int) size);
                break;
            case FAST_STORE:
                sink.store(address, (int) size);
                break;
            case FAST_MODIFY:
                sink.modify(address, (int) size);
                break;
            default:
                sink.ifetch(address, (int) size);
                break;
        }
        return true;
    }

    /** Parses one non-blank line; returns false for side-table definitions. */
    private boolean parseLine(LineScanner s, EventSink sink) {
        switch (s.peek()) {
            case 'l':
                if (s.matchWord(LOAD)) {
                    sink.load(addr(s), accessSize(s));
                    return endLine(s);
                }
                break;
            case 's':
                if (s.matchWord(STORE)) {
                    sink.store(addr(s), accessSize(s));
                    return endLine(s);
                }
                if (s.matchWord(SWITCH)) {
                    int pid = intField(s, "pid");
                    sink.contextSwitch(pid, intField(s, "tid"));
                    return endLine(s);
                }
                if (s.matchWord(START)) {
                    sink.processStart(intField(s, "pid"));
                    return endLine(s);
                }
                if (s.matchWord(SAFEPOINT)) {
                    sink.safepoint();
                    return endLine(s);
                }
                if (s.matchWord(SITE)) {
                    int n = definitionNumber(s, "site");
                    sink.defineSite(n, s.rest());
                    return false;
                }
                break;
            case 'm':
                if (s.matchWord(MODIFY)) {
                    sink.modify(addr(s), accessSize(s));
                    return endLine(s);
                }
                if (s.matchWord(MMAP)) {
                    long a = addr(s);
                    long len = numberField(s, "length");
                    int prot = prot(s);
                    int flags = flags(s);
                    options(s, false, false, false, false, true);
                    sink.mmap(a, len, prot, flags, (int) optFile, optOffset);
                    return true;
                }
                if (s.matchWord(MUNMAP)) {
                    long a = addr(s);
                    sink.munmap(a, numberField(s, "length"));
                    return endLine(s);
                }
                if (s.matchWord(MPROTECT)) {
                    long a = addr(s);
                    long len = numberField(s, "length");
                    sink.mprotect(a, len, prot(s));
                    return endLine(s);
                }
                if (s.matchWord(MADVISE)) {
                    long a = addr(s);
                    long len = numberField(s, "length");
                    sink.madvise(a, len, advice(s));
                    return endLine(s);
                }
                if (s.matchWord(MSYNC)) {
                    long a = addr(s);
                    sink.msync(a, numberField(s, "length"));
                    return endLine(s);
                }
                break;
            case 'i':
                if (s.matchWord(IFETCH)) {
                    sink.ifetch(addr(s), accessSize(s));
                    return endLine(s);
                }
                break;
            case 'a':
                if (s.matchWord(ALLOC)) {
                    long id = id(s);
                    long size = numberField(s, "size");
                    options(s, true, true, true, false, false);
                    sink.alloc(id, size, optAlign, optAddr, (int) optSite);
                    return true;
                }
                break;
            case 'c':
                if (s.matchWord(CALLOC)) {
                    long id = id(s);
                    long count = numberField(s, "count");
                    long size = numberField(s, "size");
                    options(s, false, true, true, false, false);
                    sink.calloc(id, count, size, optAddr, (int) optSite);
                    return true;
                }
                break;
            case 'r':
                if (s.matchWord(REALLOC)) {
                    long id = id(s);
                    long size = numberField(s, "size");
                    options(s, false, true, true, false, false);
                    sink.realloc(id, size, optAddr, (int) optSite);
                    return true;
                }
                if (s.matchWord(REF)) {
                    long obj = id(s);
                    int slot = intField(s, "slot");
                    sink.refWrite(obj, slot, idOrNull(s, "target id or null"));
                    return endLine(s);
                }
                if (s.matchWord(ROOT)) {
                    sink.rootAdd(id(s));
                    return endLine(s);
                }
                break;
            case 'f':
                if (s.matchWord(FREEPTR)) {
                    long a = addr(s);
                    options(s, false, false, true, false, false);
                    sink.freePointer(a, (int) optSite);
                    return true;
                }
                if (s.matchWord(FREE)) {
                    long id = idOrNull(s, "block id or null");
                    options(s, false, false, true, false, false);
                    sink.free(id, (int) optSite);
                    return true;
                }
                if (s.matchWord(FORK)) {
                    int parent = intField(s, "parent pid");
                    sink.fork(parent, intField(s, "child pid"));
                    return endLine(s);
                }
                if (s.matchWord(FILE)) {
                    int n = definitionNumber(s, "file");
                    sink.defineFile(n, s.rest());
                    return false;
                }
                break;
            case 'b':
                if (s.matchWord(BSTORE)) {
                    long id = id(s);
                    long off = numberField(s, "offset");
                    sink.blockStore(id, off, numberField(s, "size"));
                    return endLine(s);
                }
                if (s.matchWord(BLOAD)) {
                    long id = id(s);
                    long off = numberField(s, "offset");
                    sink.blockLoad(id, off, numberField(s, "size"));
                    return endLine(s);
                }
                if (s.matchWord(BRK)) {
                    sink.brk(addr(s));
                    return endLine(s);
                }
                break;
            case 'e':
                if (s.matchWord(EXIT)) {
                    int pid = intField(s, "pid");
                    s.expectBlank("exit status");
                    sink.processExit(pid, (int) signedStatus(s));
                    return endLine(s);
                }
                break;
            case 'n':
                if (s.matchWord(NEW)) {
                    long id = id(s);
                    long size = numberField(s, "size");
                    int slots = intField(s, "reference slots");
                    options(s, false, false, true, true, false);
                    sink.newObject(id, size, slots, (int) optType, (int) optSite);
                    return true;
                }
                break;
            case 'u':
                if (s.matchWord(UNROOT)) {
                    sink.rootRemove(id(s));
                    return endLine(s);
                }
                break;
            case 't':
                if (s.matchWord(TYPE)) {
                    int n = definitionNumber(s, "type");
                    sink.defineType(n, s.rest());
                    return false;
                }
                break;
            case 'w':
                if (s.matchWord(WORD)) {
                    long a = addr(s);
                    s.expectBlank("the value");
                    sink.word(a, s.number("value"));
                    return endLine(s);
                }
                break;
            default:
                break;
        }
        throw s.fail("expected an event keyword (" + KEYWORDS + ")");
    }

    private static boolean endLine(LineScanner s) {
        s.expectEndOfLine();
        return true;
    }

    private static long addr(LineScanner s) {
        s.expectBlank("the address");
        return s.number("address");
    }

    private static int accessSize(LineScanner s) {
        s.expectBlank("the access size");
        int start = s.pos;
        long v = s.number("access size");
        if (v > Integer.MAX_VALUE) {
            s.pos = start;
            throw s.fail("access size is too large (at most " + Integer.MAX_VALUE + " bytes)");
        }
        return (int) v;
    }

    private static long id(LineScanner s) {
        s.expectBlank("the id");
        return s.decimal("id");
    }

    private static long idOrNull(LineScanner s, String what) {
        s.expectBlankBeforeThe(what);
        if (s.matchWord(NULL)) {
            return EventSink.NULL_ID;
        }
        return s.decimal(what);
    }

    private static long numberField(LineScanner s, String what) {
        s.expectBlankBeforeThe(what);
        return s.number(what);
    }

    private static int intField(LineScanner s, String what) {
        s.expectBlankBeforeThe(what);
        return s.decimalInt(what);
    }

    private static long signedStatus(LineScanner s) {
        int start = s.pos;
        long v = s.signedDecimal("exit status");
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            s.pos = start;
            throw s.fail("exit status does not fit in 32 bits");
        }
        return v;
    }

    private static int definitionNumber(LineScanner s, String what) {
        s.expectBlankBeforeThe(what + " number");
        int start = s.pos;
        int n = s.decimalInt(what + " number");
        if (n == 0) {
            s.pos = start;
            throw s.fail(what + " numbers start at 1 (0 means none)");
        }
        s.expectBlankBeforeThe(what + " text");
        return n;
    }

    private static int prot(LineScanner s) {
        s.expectBlank("the protection");
        int start = s.pos;
        int p = Prot.parse(s.token());
        if (p < 0) {
            s.pos = start;
            throw s.fail("expected a protection such as rw- or r-x");
        }
        return p;
    }

    private static int flags(LineScanner s) {
        s.expectBlank("the mmap flags");
        int start = s.pos;
        int f = MapFlags.parse(s.token());
        if (f < 0) {
            s.pos = start;
            throw s.fail("expected mmap flags joined by '|' (" + MapFlags.names() + ")");
        }
        return f;
    }

    private static int advice(LineScanner s) {
        s.expectBlank("the advice");
        int start = s.pos;
        int a = Advice.parse(s.token());
        if (a < 0) {
            s.pos = start;
            throw s.fail("expected madvise advice (" + Advice.names() + " or a number)");
        }
        return a;
    }

    private static final byte[] K_ALIGN = b("align="), K_ADDR = b("addr="), K_SITE = b("site="), K_TYPE = b("type="),
        K_FILE = b("file="), K_OFFSET = b("offset=");

    /** Parses trailing {@code key=value} options allowed for this event, then the end of line. */
    private void options(LineScanner s, boolean align, boolean addr, boolean site, boolean type, boolean file) {
        optAlign = 0;
        optAddr = EventSink.NO_ADDRESS;
        optSite = EventSink.NONE;
        optType = EventSink.NONE;
        optFile = EventSink.NONE;
        optOffset = 0;
        while (true) {
            if (s.restIsBlankOrComment()) {
                return;
            }
            if (s.pos > s.lineStart && s.buffer()[s.pos - 1] != ' ' && s.buffer()[s.pos - 1] != '\t') {
                throw s.fail("expected a space before the option");
            }
            if (align && s.match(K_ALIGN)) {
                optAlign = s.number("alignment");
            } else if (addr && s.match(K_ADDR)) {
                optAddr = s.number("address");
            } else if (site && s.match(K_SITE)) {
                optSite = s.decimalInt("site number");
            } else if (type && s.match(K_TYPE)) {
                optType = s.decimalInt("type number");
            } else if (file && s.match(K_FILE)) {
                optFile = s.decimalInt("file number");
            } else if (file && s.match(K_OFFSET)) {
                optOffset = s.number("file offset");
            } else {
                StringBuilder allowed = new StringBuilder();
                if (align) allowed.append("align= ");
                if (addr) allowed.append("addr= ");
                if (site) allowed.append("site= ");
                if (type) allowed.append("type= ");
                if (file) allowed.append("file= offset= ");
                throw s.fail("expected an option (" + allowed.toString().strip() + ") or the end of the line");
            }
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
