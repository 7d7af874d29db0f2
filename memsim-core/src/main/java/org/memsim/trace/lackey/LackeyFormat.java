package org.memsim.trace.lackey;

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
 * Valgrind Lackey's memory trace ({@code valgrind --tool=lackey --trace-mem=yes}), as printed by
 * {@code lackey/lk_main.c}: {@code I} instruction fetches and {@code L}/{@code S}/{@code M} data
 * accesses with a hex address and a decimal size. {@code docs/formats/lackey.md}.
 */
public final class LackeyFormat implements TraceFormat {
    /** The format's name for {@code --format} and {@code --to}. */
    public static final String NAME = "lackey";

    /** What Lackey prints at startup after the {@code ==pid==} prefix. */
    static final String BANNER = "Lackey, an example Valgrind tool";

    private static final Pattern ACCESS = Pattern.compile("(I  | [LSM] )[0-9a-fA-F]{1,16},[0-9]{1,10}[ \t]*");
    private static final Pattern MESSAGE = Pattern.compile("(==|--|\\*\\*)[0-9]+(==|--|\\*\\*).*");
    private static final Pattern SUPERBLOCK = Pattern.compile("SB [0-9a-fA-F]{1,16}[ \t]*");

    @Override public String name() { return NAME; }
    @Override public String description() { return "Valgrind Lackey --trace-mem=yes output: 'I  addr,size', ' L/S/M addr,size' lines"; }
    @Override public List<String> extensions() { return List.of(".lackey"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        // The last piece may be cut off by the sniff window (or be the empty tail after a final newline).
        int complete = lines.length - 1;
        if (complete == 0) {
            complete = 1; // a one-line file without a newline
        }
        int accesses = 0;
        boolean banner = false;
        for (int i = 0; i < complete && i < 200; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (MESSAGE.matcher(line).matches()) {
                banner |= line.contains(BANNER);
                continue;
            }
            if (ACCESS.matcher(line).matches()) {
                accesses++;
            } else if (!SUPERBLOCK.matcher(line).matches()) {
                return 0;
            }
        }
        if (banner) {
            return 100;
        }
        return accesses > 0 ? 80 : 0;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new LackeyReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.of(EventKind.LOAD, EventKind.STORE, EventKind.MODIFY, EventKind.IFETCH);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        return new LackeyWriter(out);
    }
}
