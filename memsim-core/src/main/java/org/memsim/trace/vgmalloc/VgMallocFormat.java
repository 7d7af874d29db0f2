package org.memsim.trace.vgmalloc;

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
 * Valgrind's {@code --trace-malloc=yes} log ({@code .vgmalloc}): the allocation calls Valgrind's
 * malloc replacement prints ({@code coregrind/m_replacemalloc/vg_replace_malloc.c}), with their
 * results, one process per {@code --PID--} prefix. Mapping: {@code docs/formats/vgmalloc.md}.
 */
public final class VgMallocFormat implements TraceFormat {
    /** The format's name for {@code --format}/{@code --to}. */
    public static final String NAME = "vgmalloc";

    private static final Pattern PREFIX = Pattern.compile("^(==|--|\\*\\*)(\\d\\d:\\d\\d:\\d\\d:\\d\\d\\.\\d+ )?\\d+\\1( .*)?$");
    private static final Pattern CALL = Pattern.compile("^--(\\d\\d:\\d\\d:\\d\\d:\\d\\d\\.\\d+ )?\\d+-- [A-Za-z_][A-Za-z0-9_]*\\(.*");

    @Override public String name() { return NAME; }
    @Override public String description() { return "Valgrind --trace-malloc=yes log: --PID-- malloc(32) = 0x4A41040 (docs/formats/vgmalloc.md)"; }
    @Override public List<String> extensions() { return List.of(".vgmalloc"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (n > 1 && length > 0 && head[length - 1] != '\n') {
            n--; // the last line may be cut
        }
        int seen = 0;
        boolean calls = false;
        for (int i = 0; i < n && seen < 200; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (!PREFIX.matcher(line).matches()) {
                return 0;
            }
            if (!calls && CALL.matcher(line).matches()) {
                int paren = line.indexOf('(', line.indexOf("-- ") + 3);
                byte[] name = line.substring(line.indexOf("-- ") + 3, paren).getBytes(StandardCharsets.ISO_8859_1);
                calls = VgMallocReader.classify(name, 0, name.length) != VgMallocReader.UNKNOWN;
            }
        }
        if (seen == 0) {
            return 0;
        }
        return calls ? 90 : 20; // a Valgrind log; its trace lines may come later
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new VgMallocReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.of(EventKind.ALLOC, EventKind.CALLOC, EventKind.REALLOC, EventKind.FREE,
            EventKind.PROCESS_START, EventKind.CONTEXT_SWITCH);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        return new VgMallocWriter(out, target);
    }
}
