package org.memsim.trace.jfr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.memsim.event.EventSink;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceReader;

/**
 * Reads a JDK Flight Recorder recording ({@code .jfr}) with the JDK's own parser,
 * {@code jdk.jfr.consumer.RecordingFile}, and turns its allocation events into managed-heap events:
 * <ul>
 *   <li>{@code jdk.ObjectAllocationInNewTLAB} and {@code jdk.ObjectAllocationOutsideTLAB}: one
 *       object of {@code allocationSize} bytes of {@code objectClass};</li>
 *   <li>{@code jdk.ObjectAllocationSample} (JDK 16+, on by default): one object standing for
 *       {@code weight} bytes — the bytes the thread allocated since its previous sample;</li>
 *   <li>{@code jdk.OldObjectSample}: an object still live when sampled (the leak profiler): a
 *       new object made a root, so it stays live to the end;</li>
 *   <li>{@code jdk.GarbageCollection}: a safepoint; the event's thread becomes a context switch.</li>
 * </ul>
 * What JFR cannot provide: references between objects, roots, and deaths — so imported objects
 * have no reference slots and, except old-object samples, die young; the sampling and TLAB events
 * give allocation volume and classes, not every object. Events arrive in file order (per chunk
 * and thread buffer), which is close to but not exactly time order. The JDK's parser builds an
 * object per event; this reader adds none. {@code docs/formats/jfr.md}.
 */
public final class JfrReader implements TraceReader {
    private final InputStream stream;
    private final String source;
    private long eventsRead;
    private long bytes;
    private final Map<String, Integer> types = new HashMap<>();
    private long nextId;
    private long thread = Long.MIN_VALUE;
    private long skipped;

    public JfrReader(InputStream stream, String source) {
        this.stream = stream;
        this.source = source;
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        Path tmp = Files.createTempFile("memsim-jfr", ".jfr");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                bytes = stream.transferTo(out);
            }
            return replayFile(tmp, sink);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private long replayFile(Path file, EventSink sink) {
        long events = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                eventsRead++;
                events += event(e, sink);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof org.memsim.InputException) {
                throw (org.memsim.InputException) e;
            }
            throw new TraceFormatException(source, position(), "not a readable JFR recording: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new TraceFormatException(source, position(), "JFR recording nests too deeply");
        }
        return events;
    }

    private long event(RecordedEvent e, EventSink sink) {
        String name = e.getEventType().getName();
        switch (name) {
            case "jdk.ObjectAllocationInNewTLAB":
            case "jdk.ObjectAllocationOutsideTLAB":
                return allocate(e, sink, e.getLong("allocationSize"), e.getClass("objectClass"), false);
            case "jdk.ObjectAllocationSample":
                return allocate(e, sink, e.getLong("weight"), e.getClass("objectClass"), false);
            case "jdk.OldObjectSample": {
                RecordedObject old = e.getValue("object");
                RecordedClass type = old == null ? null : old.getValue("type");
                long elements = e.hasField("arrayElements") ? e.getInt("arrayElements") : -1;
                long size = elements > 0 ? 16 + 8 * Math.min(elements, 1 << 24) : 16;
                long n = allocate(e, sink, size, type, true);
                return n;
            }
            case "jdk.GarbageCollection":
                sink.safepoint();
                return 1;
            default:
                skipped++;
                return 0;
        }
    }

    private long allocate(RecordedEvent e, EventSink sink, long size, RecordedClass type, boolean root) {
        long n = 0;
        RecordedThread t = e.getThread();
        if (t != null && t.getJavaThreadId() != thread) {
            thread = t.getJavaThreadId();
            sink.contextSwitch(1, (int) thread);
            n++;
        }
        int typeId = EventSink.NONE;
        if (type != null) {
            String tn = javaName(type.getName());
            Integer known = types.get(tn);
            if (known == null) {
                if (types.size() < 1 << 16) {
                    known = types.size() + 1;
                    types.put(tn, known);
                    sink.defineType(known, tn);
                } else {
                    known = EventSink.NONE;
                }
            }
            typeId = known;
        }
        long id = nextId++;
        long bytesOf = Math.max(0, Math.min(size, Integer.MAX_VALUE - 8));
        sink.newObject(id, bytesOf, 0, typeId, EventSink.NONE);
        n++;
        if (root) {
            sink.rootAdd(id);
            n++;
        }
        return n;
    }

    /** {@code [B} → {@code byte[]}, {@code [Ljava.lang.String;} → {@code java.lang.String[]}; other names unchanged. */
    static String javaName(String descriptor) {
        int dims = 0;
        while (dims < descriptor.length() && descriptor.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0 || dims == descriptor.length()) {
            return descriptor;
        }
        String rest = descriptor.substring(dims);
        String element;
        switch (rest) {
            case "Z": element = "boolean"; break;
            case "B": element = "byte"; break;
            case "C": element = "char"; break;
            case "S": element = "short"; break;
            case "I": element = "int"; break;
            case "J": element = "long"; break;
            case "F": element = "float"; break;
            case "D": element = "double"; break;
            default:
                element = rest.startsWith("L") && rest.endsWith(";") ? rest.substring(1, rest.length() - 1) : rest;
        }
        return element + "[]".repeat(dims);
    }

    /** Recording events this reader did not translate (CPU load, class loading, …). */
    public long skippedEvents() {
        return skipped;
    }

    @Override
    public String position() {
        return "event " + eventsRead;
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
