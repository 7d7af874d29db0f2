package org.memsim.trace.msb;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.memsim.event.EventKind;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceReader;
import org.memsim.trace.TraceWriter;

/**
 * memsim's own binary trace format ({@code .msb}; {@code .msb.zst} when {@code Traces} wraps it in
 * zstd): compact, versioned, streamable, every event kind. Byte layout: {@code docs/formats/msb.md}.
 */
public final class MsbFormat implements TraceFormat {
    @Override public String name() { return "msb"; }
    @Override public String description() { return "memsim binary trace: compact, every event kind, fastest to replay (docs/formats/msb.md)"; }
    @Override public List<String> extensions() { return List.of(".msb"); }

    /** 100 when the stream starts with the msb magic number {@code 89 4D 53 42}, else 0. */
    @Override
    public int sniff(byte[] head, int length, String fileName) {
        if (length < MsbOpcodes.MAGIC.length) {
            return 0;
        }
        for (int i = 0; i < MsbOpcodes.MAGIC.length; i++) {
            if (head[i] != MsbOpcodes.MAGIC[i]) {
                return 0;
            }
        }
        return 100;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new MsbReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.allOf(EventKind.class);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        return new MsbWriter(out);
    }
}
