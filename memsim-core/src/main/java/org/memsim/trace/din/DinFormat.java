package org.memsim.trace.din;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.memsim.event.EventKind;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceReader;
import org.memsim.trace.TraceWriter;

/**
 * The traditional Dinero {@code din} trace ({@code label address} per line, DineroIV
 * {@code -informat d}, reader {@code dinfmt.c}): 4-byte word accesses, no sizes.
 * {@code docs/formats/din.md}.
 */
public final class DinFormat implements TraceFormat {
    /** The format's name for {@code --format} and {@code --to}. */
    public static final String NAME = "din";

    private static final Pattern LINE = Pattern.compile("[ \t]*[0-5][ \t]+(0[xX])?[0-9a-fA-F]{1,16}([ \t].*)?");

    @Override public String name() { return NAME; }
    @Override public String description() { return "DineroIV traditional din: 'label hexaddress' lines (0 read, 1 write, 2 ifetch), 4-byte words"; }
    @Override public List<String> extensions() { return List.of(".din"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        int good = DinSniffing.matchingLines(head, length, LINE);
        return good > 0 ? 60 : 0;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new DinReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.of(EventKind.LOAD, EventKind.STORE, EventKind.IFETCH);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        return new DinWriter(out);
    }
}
