package org.memsim.trace.mtrace;

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
 * glibc's {@code mtrace} log ({@code .mtrace}): what {@code mtrace()} writes to {@code $MALLOC_TRACE}
 * (glibc {@code malloc/mtrace-impl.c}; read by glibc's {@code mtrace} script). Mapping:
 * {@code docs/formats/mtrace.md}.
 */
public final class MtraceFormat implements TraceFormat {
    /** The format's name for {@code --format}/{@code --to}. */
    public static final String NAME = "mtrace";

    private static final Pattern LINE = Pattern.compile(
        "^(= .*|(@ \\S.*\\] )?([-<] (0x[0-9a-fA-F]+|\\(nil\\))|[+>!] (0x[0-9a-fA-F]+|\\(nil\\)) (0x[0-9a-fA-F]+|0)) *)$");

    @Override public String name() { return NAME; }
    @Override public String description() { return "glibc mtrace log (MALLOC_TRACE): @ caller + 0x55… 0x20 (docs/formats/mtrace.md)"; }
    @Override public List<String> extensions() { return List.of(".mtrace"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (n > 1 && length > 0 && head[length - 1] != '\n') {
            n--;
        }
        int seen = 0;
        boolean start = false;
        boolean ops = false;
        for (int i = 0; i < n && seen < 200; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (seen == 0 && line.equals("= Start")) {
                start = true;
            }
            seen++;
            if (!LINE.matcher(line).matches()) {
                return 0;
            }
            ops |= !line.startsWith("=");
        }
        if (start) {
            return 95;
        }
        return ops ? 70 : 0;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new MtraceReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.of(EventKind.ALLOC, EventKind.CALLOC, EventKind.REALLOC, EventKind.FREE,
            EventKind.PROCESS_START, EventKind.CONTEXT_SWITCH);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        return new MtraceWriter(out, target);
    }
}
