package org.memsim.trace.elephant;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.memsim.event.EventKind;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceReader;
import org.memsim.trace.TraceWriter;

/** Elephant Tracks GC traces (read-only): allocations, pointer updates, Merlin death records. {@code docs/formats/elephant.md}. */
public final class ElephantTracksFormat implements TraceFormat {
    /** The format's name for {@code --format}. */
    public static final String NAME = "elephant";

    private static final Pattern ALLOC = Pattern.compile("[ANPVI] (0x)?[0-9a-fA-F]+ \\d+ \\S+ (0x)?[0-9a-fA-F]+ \\d+ (0x)?[0-9a-fA-F]+\\s*");
    private static final Pattern OTHER = Pattern.compile("([UDMEWRTX]( \\S+)+)\\s*");

    @Override public String name() { return NAME; }
    @Override public String description() { return "Elephant Tracks GC traces: A/N/P/V/I allocations, U pointer updates, D deaths, M/E methods"; }
    @Override public List<String> extensions() { return List.of(".et", ".ettrace"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        String text = new String(head, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", 64);
        int alloc = 0;
        int checked = 0;
        for (int i = 0; i < lines.length - 1 && checked < 40; i++) {
            String l = lines[i];
            if (l.isBlank()) {
                continue;
            }
            checked++;
            if (ALLOC.matcher(l).matches()) {
                alloc++;
            } else if (!OTHER.matcher(l).matches()) {
                return 0;
            }
        }
        return alloc > 0 ? 55 : 0;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new ElephantTracksReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return Set.of();
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        throw new UnsupportedOperationException("elephant is read-only");
    }
}
