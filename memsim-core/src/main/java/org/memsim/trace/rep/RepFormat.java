package org.memsim.trace.rep;

import java.io.IOException;
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

/**
 * The CS:APP malloc-lab trace ({@code .rep}, read by the lab's {@code mdriver.c}): a four-integer
 * header and {@code a}/{@code r}/{@code f} requests on block ids. {@code docs/formats/rep.md}.
 */
public final class RepFormat implements TraceFormat {
    /** The format's name for {@code --format} and {@code --to}. */
    public static final String NAME = "rep";

    @Override public String name() { return NAME; }
    @Override public String description() { return "CS:APP malloc-lab trace: 4 header integers, then 'a id size', 'r id size', 'f id'"; }
    @Override public List<String> extensions() { return List.of(".rep"); }

    /**
     * Plausible when the first four tokens are non-negative integers and every following complete
     * request in the window is {@code a id size}, {@code r id size} or {@code f id} with
     * {@code id < num_ids}.
     */
    @Override
    public int sniff(byte[] head, int length, String fileName) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        // Drop a last line the sniff window may have cut off.
        int lastNewline = text.lastIndexOf('\n');
        if (lastNewline >= 0 && lastNewline < text.length() - 1) {
            text = text.substring(0, lastNewline + 1);
        }
        String[] tokens = text.strip().split("[ \t\r\n\f\u000b]+");
        if (tokens.length < 4 || tokens[0].isEmpty()) {
            return 0;
        }
        long[] header = new long[4];
        for (int i = 0; i < 4; i++) {
            header[i] = parse(tokens[i], Integer.MAX_VALUE);
            if (header[i] < 0) {
                return 0;
            }
        }
        long numIds = header[1];
        long numOps = header[2];
        int requests = 0;
        int i = 4;
        while (i < tokens.length && requests < 100) {
            String op = tokens[i];
            int fields = op.equals("f") ? 1 : op.equals("a") || op.equals("r") ? 2 : -1;
            if (fields < 0 || i + fields >= tokens.length) {
                return 0;
            }
            long id = parse(tokens[i + 1], RepReader.MAX_U32);
            if (id < 0 || id >= numIds || (fields == 2 && parse(tokens[i + 2], RepReader.MAX_U32) < 0)) {
                return 0;
            }
            requests++;
            i += fields + 1;
        }
        if (requests > numOps) {
            return 0;
        }
        if (requests == 0) {
            return fileName.endsWith(".rep") ? 30 : 0;
        }
        return 85;
    }

    /** A non-negative decimal of at most {@code max}, or -1. */
    private static long parse(String token, long max) {
        if (token.isEmpty() || token.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int k = 0; k < token.length(); k++) {
            char c = token.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }

    @Override
    public TraceReader reader(InputStream in, String source) {
        return new RepReader(in, source);
    }

    @Override
    public Set<EventKind> expressible() {
        return EnumSet.of(EventKind.ALLOC, EventKind.REALLOC, EventKind.FREE);
    }

    @Override
    public TraceWriter writer(OutputStream out, String target) throws IOException {
        return new RepWriter(out);
    }
}
