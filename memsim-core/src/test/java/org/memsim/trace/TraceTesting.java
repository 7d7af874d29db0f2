package org.memsim.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.memsim.event.EventSink;
import org.memsim.event.TextRecorder;

/** Helpers for format tests: parse bytes or text into canonical event lines, write events to bytes. */
public final class TraceTesting {
    private TraceTesting() {}

    /** Parses {@code bytes} with {@code format} and returns the canonical lines of what it read. */
    public static List<String> read(TraceFormat format, byte[] bytes) throws IOException {
        TextRecorder rec = new TextRecorder();
        try (TraceReader r = format.reader(new ByteArrayInputStream(bytes), "test-input")) {
            r.replay(rec);
        }
        return rec.lines();
    }

    public static List<String> read(TraceFormat format, String text) throws IOException {
        return read(format, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes events (given as memsim text) with {@code format} and returns the bytes. */
    public static byte[] write(TraceFormat format, String mstText) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = format.writer(out, "test-output")) {
            replayText(mstText, w);
        }
        return out.toByteArray();
    }

    /** Replays memsim text into a sink. */
    public static long replayText(String mstText, EventSink sink) throws IOException {
        try (TraceReader r = new org.memsim.trace.mst.MstReader(
                new ByteArrayInputStream(mstText.getBytes(StandardCharsets.UTF_8)), "test-input")) {
            return r.replay(sink);
        }
    }

    /** Canonical lines of memsim text. */
    public static List<String> lines(String mstText) throws IOException {
        TextRecorder rec = new TextRecorder();
        replayText(mstText, rec);
        return rec.lines();
    }
}
