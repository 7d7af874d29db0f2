package org.memsim.trace.heaptrack;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.memsim.event.EventKind;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceReader;
import org.memsim.trace.TraceWriter;

/**
 * heaptrack data files ({@code .heaptrack}; heaptrack's own names end in {@code .raw.zst} or
 * {@code .zst}): the raw file of {@code heaptrack -r} ({@code src/track/libheaptrack.cpp}) and the
 * interpreted file of {@code heaptrack_interpret}; writes raw files. Mapping: {@code docs/formats/heaptrack.md}.
 */
public final class HeaptrackFormat implements TraceFormat {
    /** The format's name for {@code --format}/{@code --to}. */
    public static final String NAME = "heaptrack";

    private static final Pattern VERSION = Pattern.compile("^v [0-9a-f]+ [0-9a-f]+$");
    private static final Pattern LINE = Pattern.compile("^([vxXImtcRAS#+\\-asi])( .*)?$");

    @Override public String name() { return NAME; }
    @Override public String description() { return "heaptrack data file, raw (heaptrack -r) or interpreted, file format <= 3 (docs/formats/heaptrack.md)"; }
    @Override public List<String> extensions() { return List.of(".heaptrack"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (n > 1 && length > 0 && head[length - 1] != '\n') {
            n--;
        }
        if (n == 0 || !VERSION.matcher(lines[0]).matches()) {
            return 0;
        }
        int seen = 0;
        for (int i = 1; i < n && seen < 200; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            seen++;
            if (!LINE.matcher(lines[i]).matches()) {
                return 0;
            }
        }
        return seen > 0 ? 95 : 80;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new HeaptrackReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.of(EventKind.ALLOC, EventKind.CALLOC, EventKind.REALLOC, EventKind.FREE,
            EventKind.PROCESS_START, EventKind.CONTEXT_SWITCH);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        return new HeaptrackWriter(out, target);
    }
}
