package org.memsim.trace.vgmalloc;

import java.io.IOException;
import java.io.InputStream;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceReader;
import org.memsim.trace.addr.AddressIds;
import org.memsim.trace.addr.Numbers;

/**
 * Reads a Valgrind log written with {@code --trace-malloc=yes}: the {@code --PID-- malloc(32) = 0x…}
 * lines that the {@code MALLOC_TRACE} calls of {@code coregrind/m_replacemalloc/vg_replace_malloc.c}
 * print, in every spelling of Valgrind 3.x (C++ operators by mangled name, aligned and sized
 * variants, zone functions, calls printed inside other calls). Addresses become ids as
 * {@link AddressIds} defines; mapping and quirks: {@code docs/formats/vgmalloc.md}.
 */
public final class VgMallocReader implements TraceReader {
    // what a traced function does
    static final int UNKNOWN = 0, MALLOC = 1, NEW = 2, FREE = 3, CALLOC = 4, REALLOC = 5, REALLOCARRAY = 6,
        MEMALIGN = 7, QUERY = 8;

    private static final int LABEL_NONE = 0, LABEL_ALIGN = 1, LABEL_SIZE = 2;
    private static final int MAX_ARGS = 4;

    private final LineScanner in;
    private final InputStream stream;
    private final AddressIds ids = new AddressIds();
    private final LongLongHashMap seenPids = new LongLongHashMap(AddressIds.NONE);
    private int pid = -1;
    private long events;

    // arguments of the call being parsed
    private final long[] argValue = new long[MAX_ARGS];
    private final int[] argLabel = new int[MAX_ARGS];
    private int argCount;

    // a call printed without its " = result" yet
    private int pending = UNKNOWN;
    private long pendingSize;
    private long pendingCount;
    private long pendingAlign;
    private long pendingOld;
    private int pendingPid;

    public VgMallocReader(InputStream stream, String source) {
        this.stream = stream;
        this.in = new LineScanner(stream, source);
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        final LineScanner s = in;
        while (s.nextLine()) {
            byte[] b = s.buffer();
            int start = s.lineStart;
            if (start == s.lineEnd || !s.skipBlanks()) {
                continue;
            }
            if (s.pos != start) {
                s.pos = start;
                throw s.fail("expected a Valgrind log line (--PID--, ==PID== or **PID**)");
            }
            int c = b[start];
            if (c == '=' || c == '*') {
                prefix(s, (byte) c);
                continue; // Valgrind's own messages
            }
            if (c != '-') {
                throw s.fail("expected a Valgrind log line (--PID--, ==PID== or **PID**); write the log with "
                    + "--log-file=F so that the program's own output does not mix in");
            }
            int linePid = prefix(s, (byte) '-');
            if (s.atEnd()) {
                continue;
            }
            line(s, sink, linePid);
        }
        flushPending(sink);
        return events;
    }

    /** Parses {@code ccPIDcc} (optionally {@code cc00:00:00:01.234 PIDcc}) and the blank after it; returns the pid. */
    private static int prefix(LineScanner s, byte c) {
        byte[] b = s.buffer();
        int p = s.pos;
        if (p + 1 >= s.lineEnd || b[p + 1] != c) {
            throw s.fail("expected a Valgrind log line (--PID--, ==PID== or **PID**)");
        }
        s.pos = p + 2;
        // --time-stamp=yes puts "dd:dd:dd:dd.ddd " before the pid
        int q = s.pos;
        while (q < s.lineEnd && b[q] >= '0' && b[q] <= '9') {
            q++;
        }
        if (q < s.lineEnd && b[q] == ':') {
            while (q < s.lineEnd && ((b[q] >= '0' && b[q] <= '9') || b[q] == ':' || b[q] == '.')) {
                q++;
            }
            s.pos = q;
            s.expect(' ');
        }
        int pid = s.decimalInt("process id");
        if (s.pos + 2 > s.lineEnd || b[s.pos] != c || b[s.pos + 1] != c) {
            throw s.fail("expected '" + (char) c + (char) c + "' after the process id");
        }
        s.pos += 2;
        if (!s.atEnd()) {
            s.expect(' ');
        }
        return pid;
    }

    private static boolean identStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean identPart(int c) {
        return identStart(c) || (c >= '0' && c <= '9');
    }

    /** The payload of a {@code --PID--} line. */
    private void line(LineScanner s, EventSink sink, int linePid) {
        byte[] b = s.buffer();
        int p = s.pos;
        if (b[p] == ' ' && p + 1 < s.lineEnd && b[p + 1] == '=') {
            // " = result" continuing the call of an earlier line (realloc(p,0)free(p) in 3.19, reallocarray)
            s.pos = p + 1;
            result(s, sink, linePid);
            return;
        }
        int kind = callAt(s);
        if (kind == UNKNOWN) {
            return; // another --PID-- line: -v output, REDIR, "Reading syms", …
        }
        flushPending(sink);
        if (linePid != pid) {
            switchTo(s, sink, linePid);
        }
        while (true) {
            call(s, sink, kind, linePid);
            if (s.atEnd()) {
                return;
            }
            p = s.pos;
            if (b[p] == ' ' && p + 1 < s.lineEnd && b[p + 1] == '=') {
                s.pos = p + 1;
                result(s, sink, linePid);
                return;
            }
            kind = callAt(s);
            if (kind == UNKNOWN) {
                // a message printed into the middle of the line, such as Memcheck's
                // "Argument 'size' of function realloc has a fishy (possibly negative) value"
                s.pos = s.lineEnd;
                return;
            }
        }
    }

    private void switchTo(LineScanner s, EventSink sink, int linePid) {
        if (!ids.switchProcess(linePid)) {
            throw s.failLine("more than " + AddressIds.MAX_PROCESSES + " processes in one log");
        }
        if (seenPids.put(linePid, 1) == AddressIds.NONE) {
            sink.processStart(linePid);
        } else {
            sink.contextSwitch(linePid, linePid);
        }
        events++;
        pid = linePid;
    }

    /** Whether a known traced function name followed by '(' is at the cursor: its kind, else UNKNOWN (cursor unchanged). */
    private static int callAt(LineScanner s) {
        byte[] b = s.buffer();
        int p = s.pos;
        if (p >= s.lineEnd || !identStart(b[p])) {
            return UNKNOWN;
        }
        int q = p;
        while (q < s.lineEnd && identPart(b[q])) {
            q++;
        }
        if (q >= s.lineEnd || b[q] != '(') {
            return UNKNOWN;
        }
        return classify(b, p, q - p);
    }

    /** The kind of the function named by {@code b[off, off+len)}. */
    static int classify(byte[] b, int off, int len) {
        if (len >= 4 && b[off] == '_' && b[off + 1] == 'Z') {
            if (b[off + 2] == 'n' && (b[off + 3] == 'w' || b[off + 3] == 'a')) {
                return NEW;      // operator new / new[] in every variant (_Znwm, _ZnamSt11align_val_t, …)
            }
            if (b[off + 2] == 'd' && (b[off + 3] == 'l' || b[off + 3] == 'a')) {
                return FREE;     // operator delete / delete[] in every variant (_ZdlPv, _ZdaPvmSt11align_val_t, …)
            }
            return UNKNOWN;
        }
        for (int i = 0; i < NAMES.length; i++) {
            byte[] n = NAMES[i];
            if (n.length == len && java.util.Arrays.equals(n, 0, len, b, off, off + len)) {
                return KINDS[i];
            }
        }
        return UNKNOWN;
    }

    private static final byte[][] NAMES;
    private static final int[] KINDS;

    static {
        Object[][] table = {
            {"malloc", MALLOC}, {"malloc_zone_malloc", MALLOC},
            {"__builtin_new", NEW}, {"builtin_new", NEW}, {"__builtin_vec_new", NEW},
            {"__builtin_new_aligned", NEW}, {"__builtin_vec_new_aligned", NEW},
            {"free", FREE}, {"cfree", FREE}, {"malloc_zone_free", FREE},
            {"__builtin_delete", FREE}, {"__builtin_vec_delete", FREE},
            {"__builtin_delete_aligned", FREE}, {"__builtin_vec_delete_aligned", FREE},
            {"calloc", CALLOC}, {"zone_calloc", CALLOC}, {"malloc_zone_calloc", CALLOC},
            {"realloc", REALLOC}, {"reallocf", REALLOC}, {"zone_realloc", REALLOC}, {"malloc_zone_realloc", REALLOC},
            {"reallocarray", REALLOCARRAY},
            {"memalign", MEMALIGN}, {"zone_memalign", MEMALIGN}, {"malloc_zone_memalign", MEMALIGN},
            {"posix_memalign", MEMALIGN}, {"aligned_alloc", MEMALIGN},
            {"malloc_usable_size", QUERY}, {"malloc_size", QUERY}, {"dlmalloc_usable_size", QUERY},
            {"mallinfo", QUERY}, {"mallinfo2", QUERY},
        };
        NAMES = new byte[table.length][];
        KINDS = new int[table.length];
        for (int i = 0; i < table.length; i++) {
            NAMES[i] = ((String) table[i][0]).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            KINDS[i] = (Integer) table[i][1];
        }
    }

    /** Parses {@code name(args)} at the cursor (known to be a call of {@code kind}) and acts on it. */
    private void call(LineScanner s, EventSink sink, int kind, int linePid) {
        byte[] b = s.buffer();
        int nameStart = s.pos;
        while (b[s.pos] != '(') {
            s.pos++;
        }
        int nameEnd = s.pos;
        s.pos++;
        args(s);
        switch (kind) {
            case FREE: {
                if (argCount != 1 && argCount != 2) {
                    throw shape(s, nameStart, nameEnd, "(pointer)");
                }
                long ptr = argValue[argCount - 1];
                if (pending == REALLOC && pendingOld == ptr && ptr != 0 && pendingSize == 0) {
                    return; // realloc(p,0) printing the free it calls (Valgrind 3.19 and older)
                }
                flushPending(sink);
                sink.free(ids.free(ptr), EventSink.NONE);
                events++;
                return;
            }
            case MALLOC:
            case NEW: {
                long size;
                long align = 0;
                if (argCount == 2 && (argLabel[0] != LABEL_NONE || argLabel[1] != LABEL_NONE)) {
                    size = labelled(s, nameStart, nameEnd, LABEL_SIZE);
                    align = labelled(s, nameStart, nameEnd, LABEL_ALIGN);
                } else if (argCount == 1 && argLabel[0] == LABEL_NONE) {
                    size = argValue[0];
                } else if (argCount == 2 && kind == MALLOC) {
                    size = argValue[1]; // malloc_zone_malloc(zone, size)
                } else {
                    throw shape(s, nameStart, nameEnd, kind == MALLOC ? "(size)" : "(size) or (size N, al N)");
                }
                if (kind == MALLOC && pending == REALLOC && pendingOld == 0) {
                    return; // realloc(0x0,n) printing the malloc it calls (Valgrind 3.19 and older)
                }
                flushPending(sink);
                expect(ALLOC_PENDING, Numbers.size(size), 0, align, 0, linePid);
                return;
            }
            case CALLOC: {
                if (argCount != 2 && argCount != 3 || hasLabels()) {
                    throw shape(s, nameStart, nameEnd, "(count,size)");
                }
                flushPending(sink);
                expect(CALLOC, Numbers.size(argValue[argCount - 1]), Numbers.size(argValue[argCount - 2]), 0, 0, linePid);
                return;
            }
            case REALLOC: {
                if (argCount != 2 && argCount != 3 || hasLabels()) {
                    throw shape(s, nameStart, nameEnd, "(pointer,size)");
                }
                flushPending(sink);
                expect(REALLOC, Numbers.size(argValue[argCount - 1]), 0, 0, argValue[argCount - 2], linePid);
                return;
            }
            case REALLOCARRAY: {
                if (argCount != 3 || hasLabels()) {
                    throw shape(s, nameStart, nameEnd, "(pointer,count,size)");
                }
                flushPending(sink);
                expect(REALLOC, Numbers.multiply(Numbers.size(argValue[1]), Numbers.size(argValue[2])), 0, 0, argValue[0], linePid);
                return;
            }
            case MEMALIGN: {
                long size = labelled(s, nameStart, nameEnd, LABEL_SIZE);
                long align = labelled(s, nameStart, nameEnd, LABEL_ALIGN);
                flushPending(sink);
                expect(ALLOC_PENDING, Numbers.size(size), 0, align, 0, linePid);
                return;
            }
            case QUERY:
            default:
                flushPending(sink);
                expect(QUERY, 0, 0, 0, 0, linePid);
        }
    }

    // the pending kind for malloc/new/memalign (an alloc event)
    private static final int ALLOC_PENDING = MALLOC;

    private boolean hasLabels() {
        for (int i = 0; i < argCount; i++) {
            if (argLabel[i] != LABEL_NONE) {
                return true;
            }
        }
        return false;
    }

    private long labelled(LineScanner s, int nameStart, int nameEnd, int label) {
        for (int i = 0; i < argCount; i++) {
            if (argLabel[i] == label) {
                return argValue[i];
            }
        }
        throw shape(s, nameStart, nameEnd, "(al N, size N) or (size N, al N)");
    }

    private TraceFormatException shape(LineScanner s, int nameStart, int nameEnd, String args) {
        String name = new String(s.buffer(), nameStart, nameEnd - nameStart, java.nio.charset.StandardCharsets.US_ASCII);
        s.pos = nameStart;
        return s.fail("expected " + name + args + " as Valgrind prints it");
    }

    private static final byte[] AL = {'a', 'l'};
    private static final byte[] ALIGNMENT = "alignment".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SIZE = "size".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The arguments up to and including ')': numbers, some labelled {@code al}, {@code alignment} or {@code size}. */
    private void args(LineScanner s) {
        argCount = 0;
        s.skipBlanks();
        if (s.peek() == ')') {
            s.pos++;
            return;
        }
        while (true) {
            if (argCount == MAX_ARGS) {
                throw s.fail("expected at most " + MAX_ARGS + " arguments");
            }
            s.skipBlanks();
            int label = LABEL_NONE;
            if (identStart(s.peek())) {
                if (s.matchWord(ALIGNMENT) || s.matchWord(AL)) {
                    label = LABEL_ALIGN;
                } else if (s.matchWord(SIZE)) {
                    label = LABEL_SIZE;
                } else {
                    throw s.fail("expected an argument (a number, 'al N', 'alignment N' or 'size N')");
                }
                s.expectBlank(label == LABEL_SIZE ? "the size" : "the alignment");
            }
            argLabel[argCount] = label;
            argValue[argCount] = Numbers.value(s, "argument");
            argCount++;
            s.skipBlanks();
            int c = s.peek();
            s.pos++;
            if (c == ')') {
                return;
            }
            if (c != ',') {
                s.pos--;
                throw s.fail("expected ',' or ')'");
            }
        }
    }

    private void expect(int kind, long size, long count, long align, long old, int linePid) {
        pending = kind;
        pendingSize = size;
        pendingCount = count;
        pendingAlign = align;
        pendingOld = old;
        pendingPid = linePid;
    }

    /** {@code = value} at the cursor (on '='): resolves the pending call. */
    private void result(LineScanner s, EventSink sink, int linePid) {
        s.expect('=');
        s.expectBlank("the result");
        long value = Numbers.value(s, "result");
        if (s.skipBlanks()) {
            throw s.fail("expected the end of the line after the result");
        }
        if (pending == UNKNOWN || pendingPid != linePid) {
            return; // a repeated result (reallocarray prints " = %p" twice) or one for another process
        }
        int kind = pending;
        pending = UNKNOWN;
        resolve(sink, kind, value);
    }

    private void resolve(EventSink sink, int kind, long address) {
        switch (kind) {
            case ALLOC_PENDING: {
                long id = ids.allocate(address);
                displacedFree(sink);
                sink.alloc(id, pendingSize, pendingAlign, address, EventSink.NONE);
                events++;
                return;
            }
            case CALLOC: {
                long id = ids.allocate(address);
                displacedFree(sink);
                sink.calloc(id, pendingCount, pendingSize, address, EventSink.NONE);
                events++;
                return;
            }
            case REALLOC: {
                long id = ids.reallocate(pendingOld, address, pendingSize);
                displacedFree(sink);
                sink.realloc(id, pendingSize, address, EventSink.NONE);
                events++;
                return;
            }
            default:
                // malloc_usable_size and friends: no event
        }
    }

    private void displacedFree(EventSink sink) {
        long d = ids.displaced();
        if (d != AddressIds.NONE) {
            sink.free(d, EventSink.NONE);
            events++;
        }
    }

    /** A call whose result was never printed (the call failed early, or a Valgrind that prints none): NULL/unknown. */
    private void flushPending(EventSink sink) {
        if (pending != UNKNOWN) {
            int kind = pending;
            pending = UNKNOWN;
            resolve(sink, kind, EventSink.NO_ADDRESS);
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
