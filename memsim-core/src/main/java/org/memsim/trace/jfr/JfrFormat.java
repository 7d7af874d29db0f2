package org.memsim.trace.jfr;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.memsim.event.EventKind;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceReader;
import org.memsim.trace.TraceWriter;

/**
 * JDK Flight Recorder recordings (read-only), starting with the magic {@code FLR\0}
 * ({@code jdk.jfr.internal.consumer.ChunkHeader}). {@code docs/formats/jfr.md}.
 */
public final class JfrFormat implements TraceFormat {
    /** The format's name for {@code --format}. */
    public static final String NAME = "jfr";

    @Override public String name() { return NAME; }
    @Override public String description() { return "JDK Flight Recorder recordings: allocation samples and TLAB events (no pointers)"; }
    @Override public List<String> extensions() { return List.of(".jfr"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        return length >= 4 && head[0] == 'F' && head[1] == 'L' && head[2] == 'R' && head[3] == 0 ? 100 : 0;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new JfrReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return Set.of();
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        throw new UnsupportedOperationException("jfr is read-only");
    }
}
