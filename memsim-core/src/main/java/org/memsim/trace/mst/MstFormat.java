package org.memsim.trace.mst;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.memsim.event.EventKind;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceReader;
import org.memsim.trace.TraceWriter;

/** The memsim text trace format: human-writable, every event kind, {@code .mst}. */
public final class MstFormat implements TraceFormat {
    private static final String[] KEYWORDS = {"alloc", "calloc", "realloc", "free", "freeptr", "load", "store", "modify", "ifetch",
        "bload", "bstore", "brk", "mmap", "munmap", "mprotect", "madvise", "msync", "start", "exit", "fork", "switch",
        "new", "ref", "root", "unroot", "safepoint", "word", "site", "file", "type"};

    @Override public String name() { return "mst"; }
    @Override public String description() { return "memsim text trace: one event per line, # comments (docs/trace-format.md)"; }
    @Override public List<String> extensions() { return List.of(".mst"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        if (text.startsWith(MstWriter.HEADER.substring(0, 16))) {
            return 100;
        }
        int lines = 0;
        int good = 0;
        for (String line : text.split("\n", 50)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            lines++;
            String word = t.split("[ \t]", 2)[0];
            for (String k : KEYWORDS) {
                if (k.equals(word)) {
                    good++;
                    break;
                }
            }
            if (lines >= 20) {
                break;
            }
        }
        if (lines == 0) {
            return fileName.endsWith(".mst") ? 50 : 0;
        }
        if (good < lines - 1 || good == 0) {
            return 0;
        }
        return fileName.endsWith(".mst") ? 80 : 60;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new MstReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.allOf(EventKind.class);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        return new MstWriter(out);
    }
}
