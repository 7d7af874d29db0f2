package org.memsim.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.memsim.collections.LongArrayList;
import org.memsim.trace.LineScanner;

/**
 * One file of a capture: the shim's records of one process image ({@code PID-N.rec}), or, with
 * {@code --accesses}, Lackey's log of one process ({@code lackey.PID.N}: access lines, Valgrind's
 * {@code ==pid==} messages, and the shim's records after the {@code **pid** } prefix that
 * {@code VALGRIND_PRINTF} adds). A first pass ({@link #scan}) learns the process, its exit status,
 * its call sites and the times of its timed records; the second walks the lines in order
 * ({@link #open}, {@link #next}) for {@link CaptureReader}, which merges files by those times.
 */
final class RecordFile {
    /** What {@link #next} found. */
    enum Line { RECORD, LOAD, STORE, MODIFY, IFETCH, END }

    final Path path;
    final String source;
    final boolean lackey;
    /** Times of the timed records, in file order. */
    final LongArrayList times = new LongArrayList();
    /** Call sites named by {@code D} records: local number and frames. */
    final LongArrayList siteNumbers = new LongArrayList();
    final List<String> siteFrames = new ArrayList<>();
    int pid = -1;
    int parentPid = -1;
    char headerKind;
    boolean hasStatus;
    long status;

    private LineScanner in;
    private InputStream stream;
    /** The record's op after {@link #next} returned RECORD; the scanner's cursor is after it. */
    char op;
    long accessAddress;
    int accessSize;

    RecordFile(Path path, boolean lackey) {
        this.path = path;
        this.source = path.getFileName().toString();
        this.lackey = lackey;
    }

    /** First pass: the header, status, sites and record times. */
    void scan() throws IOException {
        open();
        try {
            Line l;
            while ((l = next()) != Line.END) {
                if (l != Line.RECORD) {
                    continue;
                }
                switch (op) {
                    case 'P' -> {
                        if (pid < 0) {
                            pid = (int) field("pid");
                            parentPid = (int) field("parent pid");
                            in.skipBlanks();
                            headerKind = (char) in.peek();
                            in.pos++;
                        } else {
                            field("pid");
                            field("parent pid");
                            in.skipBlanks();
                            in.pos++;
                        }
                        times.add(field("time"));
                    }
                    case 'X' -> {
                        times.add(field("time"));
                        field("thread id");
                        in.skipBlanks();
                        status = in.signedDecimal("exit status");
                        hasStatus = true;
                    }
                    case 'D' -> {
                        siteNumbers.add(field("site number"));
                        siteFrames.add(in.rest());
                    }
                    case 'W', 'E', 'L' -> { }
                    default -> times.add(field("time"));
                }
            }
        } finally {
            close();
        }
        if (pid < 0 && !times.isEmpty()) {
            throw new org.memsim.trace.TraceFormatException(source, "line 1", "expected the shim's process header ('P pid ppid kind time') first");
        }
    }

    void open() throws IOException {
        stream = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in = new LineScanner(stream, source);
    }

    void close() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    LineScanner scanner() {
        return in;
    }

    /** The next hex field of the current record. */
    long field(String what) {
        if (!in.skipBlanks()) {
            throw in.fail("expected " + what);
        }
        return in.hex(what);
    }

    /** Reads the next meaningful line: a record (cursor after its op letter), an access, or the end. */
    Line next() throws IOException {
        final LineScanner s = in;
        while (s.nextLine()) {
            byte[] b = s.buffer();
            int p = s.lineStart;
            int end = s.lineEnd;
            if (end - p < 1) {
                continue;
            }
            if (lackey && end - p >= 4) {
                byte c0 = b[p];
                byte c1 = b[p + 1];
                if (c0 == 'I' && c1 == ' ' && b[p + 2] == ' ') {
                    parseAccess(s, p + 3);
                    return Line.IFETCH;
                }
                if (c0 == ' ' && b[p + 2] == ' ' && (c1 == 'L' || c1 == 'S' || c1 == 'M')) {
                    parseAccess(s, p + 3);
                    return c1 == 'L' ? Line.LOAD : c1 == 'S' ? Line.STORE : Line.MODIFY;
                }
                if ((c0 == '=' && c1 == '=') || (c0 == '-' && c1 == '-')) {
                    continue; // Valgrind's own messages
                }
                if (c0 == 'S' && c1 == 'Y') {
                    lastSyscall = new String(b, p, end - p, java.nio.charset.StandardCharsets.ISO_8859_1);
                    if (kernelWrite(lastSyscall)) {
                        return Line.STORE; // the kernel filled the program's buffer: its bytes are defined now
                    }
                    continue;
                }
                if (c0 == ' ' && c1 == '-' && b[p + 2] == '-' && b[p + 3] == '>') {
                    // a syscall line's result on a line of its own
                    String line = lastSyscall == null ? null
                        : lastSyscall + new String(b, p, end - p, java.nio.charset.StandardCharsets.ISO_8859_1);
                    lastSyscall = null;
                    if (line != null && kernelWrite(line)) {
                        return Line.STORE;
                    }
                    continue;
                }
                if (c0 == '*' && c1 == '*') {
                    int q = p + 2;
                    while (q < end && b[q] >= '0' && b[q] <= '9') {
                        q++;
                    }
                    if (q + 2 < end && b[q] == '*' && b[q + 1] == '*' && b[q + 2] == ' ') {
                        p = q + 3;
                    } else {
                        continue;
                    }
                    if (p >= end || !isOp(b[p]) || (p + 1 < end && b[p + 1] != ' ')) {
                        continue; // another client message (the program's own VALGRIND_PRINTF)
                    }
                }
            }
            if (!isOp(b[p]) || (p + 1 < end && b[p + 1] != ' ')) {
                s.pos = p;
                throw s.fail(lackey ? "expected a Lackey access line, a Valgrind message or a capture record"
                    : "expected a capture record (one of P m c r a f M U B S X D W E L, then its fields)");
            }
            op = (char) b[p];
            s.pos = p + 1;
            return Line.RECORD;
        }
        return Line.END;
    }

    /** read(2)/pread64(2) buffers waiting for their result, by the "[pid,tid]" of the syscall line. */
    private final java.util.Map<String, Long> pendingReads = new java.util.HashMap<>();
    private String lastSyscall;

    /**
     * Valgrind's {@code --trace-syscalls=yes} lines: {@code SYSCALL[pid,tid](0) sys_read ( fd, 0xBUF, n ) --> …
     * Success(0xN)}, the result on the same line or on a later {@code SYSCALL[pid,tid](0) ... [async] -->} line.
     * A successful read becomes a store of N bytes at BUF (the kernel's write, which Lackey does not show);
     * true when this line completes one.
     */
    private boolean kernelWrite(String line) {
        if (!line.startsWith("SYSCALL[")) {
            return false;
        }
        int close = line.indexOf(']');
        if (close < 0) {
            return false;
        }
        String thread = line.substring(7, close + 1);
        int call = line.indexOf(" sys_read ( ");
        int pcall = line.indexOf(" sys_pread64 ( ");
        if (call >= 0 || pcall >= 0) {
            int args = call >= 0 ? call + " sys_read ( ".length() : pcall + " sys_pread64 ( ".length();
            int comma = line.indexOf(", ", args);
            int comma2 = comma < 0 ? -1 : line.indexOf(',', comma + 2);
            if (comma2 < 0 || !line.startsWith("0x", comma + 2)) {
                return false;
            }
            long buffer;
            try {
                buffer = Long.parseUnsignedLong(line.substring(comma + 4, comma2), 16);
            } catch (NumberFormatException e) {
                return false;
            }
            pendingReads.put(thread, buffer);
        } else if (!line.contains("... [async] -->")) {
            return false;
        }
        Long buffer = pendingReads.get(thread);
        int result = line.lastIndexOf("--> ");
        if (buffer == null || result < 0) {
            return false;
        }
        int success = line.indexOf("Success(0x", result);
        if (success < 0) {
            if (line.indexOf("Failure(", result) >= 0) {
                pendingReads.remove(thread);
            }
            return false; // still pending (async), or failed
        }
        pendingReads.remove(thread);
        int endHex = line.indexOf(')', success);
        long n;
        try {
            n = Long.parseUnsignedLong(line.substring(success + "Success(0x".length(), endHex), 16);
        } catch (RuntimeException e) {
            return false;
        }
        if (n <= 0 || n > Integer.MAX_VALUE) {
            return false;
        }
        accessAddress = buffer;
        accessSize = (int) n;
        return true;
    }

    private static boolean isOp(byte c) {
        return "PmcrafMUBSXDWEL".indexOf(c) >= 0;
    }

    private void parseAccess(LineScanner s, int p) {
        s.pos = p;
        accessAddress = s.hex("address");
        s.expect(',');
        accessSize = s.decimalInt("access size");
    }

    /** The time of the first timed record (the header's), or the largest long for a file without records. */
    long firstTime() {
        return times.isEmpty() ? Long.MAX_VALUE : times.get(0);
    }
}
