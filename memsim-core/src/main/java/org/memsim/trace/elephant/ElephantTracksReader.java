package org.memsim.trace.elephant;

import java.io.IOException;
import java.io.InputStream;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;
import org.memsim.trace.TraceReader;

/**
 * Reads Elephant Tracks traces (Ricci, Guyer, Moss, "Elephant Tracks: portable production of
 * complete and precise GC traces", ISMM 2013; record shapes as ET's own trace simulator reads them,
 * {@code simulator/simulator.cpp} of the ET2 repository):
 * <pre>
 *   A|N|P|V|I id size type site length thread   allocation (A, N; P, V, I in earlier ET versions)
 *   U old-target object new-target field thread  pointer update (object 0: a static field)
 *   D id [thread] [time]                          death (computed by the Merlin algorithm)
 *   M method receiver thread                      method entry
 *   E method receiver [exception] thread          method exit
 *   W|R|T|X …                                     witness, root and other records: counted, skipped
 * </pre>
 * Ids are decimal or {@code 0x} hex. Since ET's death records say exactly when each object became
 * unreachable, every object is made a root from its allocation to its death (so reachability in
 * memsim is ET's), and pointer updates become reference writes for the collectors' tracing and
 * barrier work. ET does not say how many reference fields an object has: reference arrays
 * (type {@code [L…} or {@code [[…}) get {@code length} slots, primitive arrays none, other objects
 * one slot per 8 bytes past a 16-byte header (1 to 16), and field ids fold onto slots modulo the
 * count. {@code docs/formats/elephant.md}.
 */
public final class ElephantTracksReader implements TraceReader {
    private static final long NOT_LIVE = -1;
    private static final int MAX_SLOTS = 1 << 16;

    private final LineScanner in;
    private final InputStream stream;
    private final NameTable types = new NameTable();
    private final LongLongHashMap slotsOf = new LongLongHashMap(1024, NOT_LIVE);
    private long thread = -1;
    private long skipped;
    private long unknownObjects;
    private long methodEvents;

    public ElephantTracksReader(InputStream stream, String source) {
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
            byte[] b = s.buffer();
            int kind = b[s.pos];
            s.pos++;
            if (s.pos < s.lineEnd && b[s.pos] != ' ' && b[s.pos] != '\t') {
                s.pos--;
                throw s.fail("expected a record letter (A, N, P, V, I, U, D, M, E, W, R, T or X) and a space");
            }
            switch (kind) {
                case 'A': case 'N': case 'P': case 'V': case 'I':
                    events += allocation(sink, s);
                    break;
                case 'U':
                    events += update(sink, s);
                    break;
                case 'D':
                    events += death(sink, s);
                    break;
                case 'M':
                case 'E':
                    s.expectBlank("the method id");
                    s.number("the method id");
                    methodEvents++;
                    break;
                case 'W': case 'R': case 'T': case 'X':
                    skipped++;
                    break;
                default:
                    s.pos--;
                    throw s.fail("expected a record letter (A, N, P, V, I, U, D, M, E, W, R, T or X)");
            }
        }
        return events;
    }

    private long allocation(EventSink sink, LineScanner s) {
        s.expectBlank("the object id");
        long id = s.number("the object id");
        s.expectBlank("the size");
        long size = s.number("the size");
        s.expectBlank("the type");
        int typeStart = s.pos;
        byte[] b = s.buffer();
        while (s.pos < s.lineEnd && b[s.pos] != ' ' && b[s.pos] != '\t') {
            s.pos++;
        }
        int typeEnd = s.pos;
        s.expectBlank("the allocation site");
        s.number("the allocation site");
        s.expectBlank("the array length");
        long length = s.number("the array length");
        s.expectBlank("the thread id");
        long tid = s.number("the thread id");
        s.expectEndOfLine();
        if (size > Integer.MAX_VALUE - 8) {
            throw s.failLine("object " + id + " of " + size + " bytes: larger than 2 GiB");
        }
        if (slotsOf.get(id) != NOT_LIVE) {
            throw s.failLine("allocation of object " + id + ", which is already live (no death record for it yet)");
        }
        long n = 0;
        if (thread != tid) {
            thread = tid;
            sink.contextSwitch(1, (int) tid);
            n++;
        }
        int t = types.intern(b, typeStart, typeEnd);
        if (t < 0) {
            t = -t;
            sink.defineType(t, types.name(t));
        }
        int slots = slotsFor(b, typeStart, typeEnd, size, length);
        slotsOf.put(id, slots);
        sink.newObject(id, size, slots, t, EventSink.NONE);
        sink.rootAdd(id);
        return n + 2;
    }

    private static int slotsFor(byte[] b, int typeStart, int typeEnd, long size, long length) {
        if (typeEnd - typeStart >= 2 && b[typeStart] == '[') {
            byte c = b[typeStart + 1];
            return c == 'L' || c == '[' ? (int) Math.min(length, MAX_SLOTS) : 0;
        }
        return (int) Math.max(1, Math.min(16, (size - 16) / 8));
    }

    private long update(EventSink sink, LineScanner s) {
        s.expectBlank("the old target");
        s.number("the old target");
        s.expectBlank("the object id");
        long object = s.number("the object id");
        s.expectBlank("the new target");
        long target = s.number("the new target");
        s.expectBlank("the field id");
        long field = s.number("the field id");
        s.expectBlank("the thread id");
        s.number("the thread id");
        s.expectEndOfLine();
        if (object == 0) {
            skipped++; // a static field: ET's death records already account for it
            return 0;
        }
        long slots = slotsOf.get(object);
        if (slots == NOT_LIVE) {
            unknownObjects++;
            return 0;
        }
        if (slots == 0) {
            skipped++;
            return 0;
        }
        long to = EventSink.NULL_ID;
        if (target != 0) {
            if (slotsOf.get(target) == NOT_LIVE) {
                unknownObjects++;
                return 0;
            }
            to = target;
        }
        sink.refWrite(object, (int) Long.remainderUnsigned(field, slots), to);
        return 1;
    }

    private long death(EventSink sink, LineScanner s) {
        s.expectBlank("the object id");
        long id = s.number("the object id");
        while (s.skipBlanks()) {
            if (s.peek() == '#') {
                break;
            }
            s.number("a thread id or time");
        }
        if (slotsOf.remove(id) == NOT_LIVE) {
            unknownObjects++;
            return 0;
        }
        sink.rootRemove(id);
        return 1;
    }

    /** Records counted and skipped (witness, root, static-field updates, updates of primitive arrays). */
    public long skippedRecords() {
        return skipped;
    }

    /** Updates and deaths naming an object the trace never allocated (or already declared dead). */
    public long unknownObjects() {
        return unknownObjects;
    }

    /** Method entry and exit records (ET's clock; memsim keeps its own). */
    public long methodEvents() {
        return methodEvents;
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
