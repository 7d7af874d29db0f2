package org.memsim.trace.heaptrack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceReader;
import org.memsim.trace.addr.AddressIds;
import org.memsim.trace.addr.Numbers;

/**
 * Reads heaptrack data files (file format versions up to 3, heaptrack 1.x): the raw file that
 * {@code heaptrack -r} keeps ({@code + size trace ptr}, {@code - ptr}, {@code t ip parent}, as
 * {@code src/track/libheaptrack.cpp} writes it) and the interpreted file {@code heaptrack_interpret}
 * makes of it ({@code s}, {@code i}, {@code t}, {@code a}, {@code + info}, {@code - info}), told
 * apart by their lines. Trace-tree nodes become sites on first use. Mapping and what each kind
 * loses: {@code docs/formats/heaptrack.md}.
 */
public final class HeaptrackReader implements TraceReader {
    static final int MAX_NODES = 1 << 24;
    static final int MAX_INFOS = 1 << 24;
    static final int MAX_IPS = 1 << 24;
    static final int MAX_STRINGS = 1 << 22;
    static final long MAX_STRING_CHARS = 1L << 27;
    static final int MAX_DEPTH = 1024;
    /** Highest file format version understood (heaptrack 1.1 to 1.5 write 3). */
    static final int MAX_FILE_VERSION = 3;

    private static final int UNDECIDED = 0, RAW = 1, INTERPRETED = 2;

    private final LineScanner in;
    private final InputStream stream;
    private final AddressIds ids = new AddressIds();
    private long events;
    private int mode = UNDECIDED;
    private boolean versionSeen;
    private long fileVersion;

    // trace tree, 1-based: raw files hold ips, interpreted ones ip indices
    private long[] nodeIp = new long[256];
    private int[] nodeParent = new int[256];
    private int[] nodeSite = new int[256];
    private int nodes;
    private int nextSite = 1;

    // interpreted files: strings, ips, allocation infos and the live ids of each info (a LIFO stack)
    private final List<String> strings = new ArrayList<>();
    private long stringChars;
    private final List<String> ipFrames = new ArrayList<>();
    private long[] infoSize = new long[256];
    private int[] infoTrace = new int[256];
    private int infos;
    private final LongLongHashMap stackTop = new LongLongHashMap(AddressIds.NONE);
    private final LongLongHashMap stackBelow = new LongLongHashMap(AddressIds.NONE);

    public HeaptrackReader(InputStream stream, String source) {
        this.stream = stream;
        this.in = new LineScanner(stream, source);
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        final LineScanner s = in;
        while (s.nextLine()) {
            if (s.lineStart == s.lineEnd) {
                continue;
            }
            int kind = s.buffer()[s.lineStart];
            s.pos = s.lineStart + 1;
            if (!s.atEnd() && s.peek() != ' ') {
                s.pos = s.lineStart;
                throw s.fail("expected a heaptrack line: one character for its kind, then a space");
            }
            if (!versionSeen && kind != 'v' && kind != '#') {
                s.pos = s.lineStart;
                throw s.fail("expected the heaptrack header line 'v HEAPTRACK_VERSION FILE_VERSION'");
            }
            switch (kind) {
                case 'v':
                    version(s);
                    break;
                case 'x': case 'm':
                    decide(s, RAW, kind);   // executable, module cache: not needed without symbolizing
                    break;
                case 'X': case 'I': case 'c': case 'R': case 'A': case 'S': case '#':
                    break;                  // command line, page size, time stamp, RSS, attached, suppression, comment
                case 't':
                    node(s);
                    break;
                case '+':
                    allocation(s, sink);
                    break;
                case '-':
                    deallocation(s, sink);
                    break;
                case 'a':
                    decide(s, INTERPRETED, kind);
                    info(s);
                    break;
                case 's':
                    decide(s, INTERPRETED, kind);
                    string(s);
                    break;
                case 'i':
                    decide(s, INTERPRETED, kind);
                    ip(s);
                    break;
                default:
                    s.pos = s.lineStart;
                    throw s.fail("expected a heaptrack line kind (v x X I m t + - a s i c R A S #)");
            }
        }
        return events;
    }

    private void version(LineScanner s) {
        if (versionSeen) {
            throw s.failLine("a second 'v' header line (two heaptrack files joined?)");
        }
        hexField(s, "the heaptrack version", "heaptrack version");
        int at = s.pos;
        fileVersion = hexField(s, "the file format version", "file format version");
        if (fileVersion < 0 || fileVersion > MAX_FILE_VERSION) {
            s.pos = at + 1;
            throw s.fail("file format version " + fileVersion + " is newer than memsim understands (at most "
                + MAX_FILE_VERSION + ")");
        }
        versionSeen = true;
    }

    private void decide(LineScanner s, int wanted, int kind) {
        if (mode == UNDECIDED) {
            mode = wanted;
        } else if (mode != wanted) {
            throw s.failLine("a line of kind '" + (char) kind + "' from " + (wanted == RAW ? "a raw" : "an interpreted")
                + " heaptrack file in " + (mode == RAW ? "a raw" : "an interpreted") + " one");
        }
    }

    /** A blank, then a hex field; {@code theWhat} is "the " + {@code what}, spelled out so no String is built per line. */
    private static long hexField(LineScanner s, String theWhat, String what) {
        s.expectBlank(theWhat);
        return s.hex(what);
    }

    /** Whether another field follows (the cursor stays). */
    private static boolean hasMore(LineScanner s) {
        int p = s.pos;
        boolean more = s.skipBlanks();
        s.pos = p;
        return more;
    }

    private static void end(LineScanner s) {
        if (s.skipBlanks()) {
            throw s.fail("expected the end of the line");
        }
    }

    /** A trace index: 0 (no trace) or a node defined by an earlier 't' line. */
    private int traceIndex(LineScanner s, String theWhat, String what) {
        s.expectBlank(theWhat);
        int at = s.pos;
        long t = s.hex(what);
        if (t < 0 || t > nodes) {
            s.pos = at;
            throw s.fail(what + " " + Long.toHexString(t) + " is not defined by an earlier 't' line (" + nodes + " so far)");
        }
        return (int) t;
    }

    private void node(LineScanner s) {
        if (mode == UNDECIDED) {
            mode = RAW;
        }
        long ip = (mode == RAW ? hexField(s, "the instruction pointer", "instruction pointer") : hexField(s, "the ip index", "ip index"));
        if (mode == INTERPRETED && (ip < 0 || ip > ipFrames.size())) {
            throw s.fail("ip index " + Long.toHexString(ip) + " is not defined by an earlier 'i' line");
        }
        int parent = traceIndex(s, "the parent trace index", "parent trace index");
        end(s);
        if (nodes + 1 >= MAX_NODES) {
            throw s.failLine("more than " + MAX_NODES + " trace nodes");
        }
        int index = ++nodes;
        if (index >= nodeIp.length) {
            int n = nodeIp.length * 2;
            nodeIp = Arrays.copyOf(nodeIp, n);
            nodeParent = Arrays.copyOf(nodeParent, n);
            nodeSite = Arrays.copyOf(nodeSite, n);
        }
        nodeIp[index] = ip;
        nodeParent[index] = parent;
    }

    private void allocation(LineScanner s, EventSink sink) {
        long first = (mode == INTERPRETED ? hexField(s, "the allocation info index", "allocation info index") : hexField(s, "the size", "size"));
        if (hasMore(s)) {
            decide(s, RAW, '+');
            int trace = traceIndex(s, "the trace index", "trace index");
            long ptr = hexField(s, "the pointer", "pointer");
            end(s);
            int site = site(sink, trace);
            long id = ids.allocate(ptr);
            displacedFree(sink);
            sink.alloc(id, Numbers.size(first), 0, ptr, site);
        } else {
            decide(s, INTERPRETED, '+');
            int k = infoIndex(s, first);
            int site = site(sink, infoTrace[k]);
            long id = ids.freshId();
            long below = stackTop.put(k, id);
            if (below != AddressIds.NONE) {
                stackBelow.put(id, below);
            }
            sink.alloc(id, infoSize[k], 0, EventSink.NO_ADDRESS, site);
        }
        events++;
    }

    private void deallocation(LineScanner s, EventSink sink) {
        long value = (mode == INTERPRETED ? hexField(s, "the allocation info index", "allocation info index") : hexField(s, "the pointer", "pointer"));
        end(s);
        if (mode == INTERPRETED) {
            int k = infoIndex(s, value);
            long id = stackTop.get(k);
            if (id == AddressIds.NONE) {
                id = ids.freshId(); // more frees than allocations of this info: an invalid free
            } else {
                long below = stackBelow.remove(id);
                if (below == AddressIds.NONE) {
                    stackTop.remove(k);
                } else {
                    stackTop.put(k, below);
                }
            }
            sink.free(id, EventSink.NONE);
        } else {
            mode = RAW;
            sink.free(ids.free(value), EventSink.NONE);
        }
        events++;
    }

    private int infoIndex(LineScanner s, long k) {
        if (k < 0 || k >= infos) {
            throw s.failLine("allocation info index " + Long.toHexString(k) + " is not defined by an earlier 'a' line ("
                + infos + " so far)");
        }
        return (int) k;
    }

    private void info(LineScanner s) {
        long size = Numbers.size(hexField(s, "the size", "size"));
        int trace = traceIndex(s, "the trace index", "trace index");
        end(s);
        if (infos + 1 >= MAX_INFOS) {
            throw s.failLine("more than " + MAX_INFOS + " allocation infos");
        }
        if (infos == infoSize.length) {
            infoSize = Arrays.copyOf(infoSize, infos * 2);
            infoTrace = Arrays.copyOf(infoTrace, infos * 2);
        }
        infoSize[infos] = size;
        infoTrace[infos] = trace;
        infos++;
    }

    private void string(LineScanner s) {
        s.expect(' ');
        String text;
        if (fileVersion >= 3) {
            int at = s.pos;
            long len = s.hex("string length");
            if (len < 0 || len > s.lineEnd - s.pos - 1) {
                s.pos = at;
                throw s.fail("string length " + len + " is longer than the rest of the line");
            }
            s.expect(' ');
            text = new String(s.buffer(), s.pos, (int) len, StandardCharsets.UTF_8);
            s.pos += (int) len;
            end(s);
        } else {
            text = new String(s.buffer(), s.pos, s.lineEnd - s.pos, StandardCharsets.UTF_8);
        }
        if (strings.size() >= MAX_STRINGS || stringChars + text.length() > MAX_STRING_CHARS) {
            throw s.failLine("more than " + MAX_STRINGS + " strings or " + MAX_STRING_CHARS + " characters of them");
        }
        stringChars += text.length();
        strings.add(text);
    }

    /** {@code i ip module [function [file line [function file line]…]]}: the ip's frames, innermost first. */
    private void ip(LineScanner s) {
        long ip = hexField(s, "the instruction pointer", "instruction pointer");
        hexField(s, "the module index", "module index");
        StringBuilder frames = new StringBuilder();
        if (hasMore(s)) {
            frame(s, frames, ip);
            if (hasMore(s)) {
                hexField(s, "the file index", "file index");
                hexField(s, "the line", "line");
                while (hasMore(s)) {
                    frame(s, frames, ip);
                    hexField(s, "the file index of the inlined frame", "file index of the inlined frame");
                    hexField(s, "the line of the inlined frame", "line of the inlined frame");
                }
            }
        } else {
            frames.append("0x").append(Long.toHexString(ip));
        }
        if (ipFrames.size() >= MAX_IPS) {
            throw s.failLine("more than " + MAX_IPS + " instruction pointers");
        }
        ipFrames.add(frames.toString());
    }

    private void frame(LineScanner s, StringBuilder frames, long ip) {
        s.expectBlank("the function string index");
        int at = s.pos;
        long fn = s.hex("function string index");
        if (fn < 0 || fn > strings.size()) {
            s.pos = at;
            throw s.fail("string index " + Long.toHexString(fn) + " is not defined by an earlier 's' line");
        }
        if (frames.length() > 0) {
            frames.append(';');
        }
        if (fn == 0) {
            frames.append("0x").append(Long.toHexString(ip));
        } else {
            frames.append(strings.get((int) fn - 1));
        }
    }

    /** The site of trace node {@code trace}, defined on first use (0 for no trace). */
    private int site(EventSink sink, int trace) {
        if (trace == 0) {
            return EventSink.NONE;
        }
        int site = nodeSite[trace];
        if (site == 0) {
            site = nextSite++;
            nodeSite[trace] = site;
            StringBuilder sb = new StringBuilder(64);
            int depth = 0;
            for (int n = trace; n != 0; n = nodeParent[n]) {
                if (depth == MAX_DEPTH) {
                    sb.append(";…");
                    break;
                }
                if (depth++ > 0) {
                    sb.append(';');
                }
                if (mode == INTERPRETED) {
                    long ipIndex = nodeIp[n];
                    sb.append(ipIndex == 0 ? "0x0" : ipFrames.get((int) ipIndex - 1));
                } else {
                    sb.append("0x").append(Long.toHexString(nodeIp[n]));
                }
            }
            sink.defineSite(site, sb.toString());
        }
        return site;
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
