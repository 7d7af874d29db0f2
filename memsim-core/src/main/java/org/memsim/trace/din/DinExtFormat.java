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
 * DineroIV's extended din trace ({@code type address size} per line, {@code -informat D}, reader
 * {@code xdinfmt.c}): types r/w/i/m/c/v, address and size in hex. {@code docs/formats/din.md}.
 */
public final class DinExtFormat implements TraceFormat {
    /** The format's name for {@code --format} and {@code --to}. */
    public static final String NAME = "din-ext";

    private static final Pattern LINE = Pattern.compile(
        "[ \t]*[rwimcvRWIMCV][ \t]+(0[xX])?[0-9a-fA-F]{1,16}[ \t]+(0[xX])?[0-9a-fA-F]{1,4}([ \t].*)?");

    @Override public String name() { return NAME; }
    @Override public String description() { return "DineroIV extended din: 'r|w|i|m hexaddress hexsize' lines"; }
    @Override public List<String> extensions() { return List.of(".dinx"); }

    @Override
    public int sniff(byte[] head, int length, String fileName) {
        int good = DinSniffing.matchingLines(head, length, LINE);
        return good > 0 ? 60 : 0;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new DinExtReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.of(EventKind.LOAD, EventKind.STORE, EventKind.MODIFY, EventKind.IFETCH);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) {
        return new DinExtWriter(out);
    }
}
