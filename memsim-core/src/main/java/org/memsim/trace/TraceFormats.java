package org.memsim.trace;

import java.util.ArrayList;
import java.util.List;
import org.memsim.InputException;
import org.memsim.trace.din.DinExtFormat;
import org.memsim.trace.din.DinFormat;
import org.memsim.trace.elephant.ElephantTracksFormat;
import org.memsim.trace.heaptrack.HeaptrackFormat;
import org.memsim.trace.jfr.JfrFormat;
import org.memsim.trace.lackey.LackeyFormat;
import org.memsim.trace.msb.MsbFormat;
import org.memsim.trace.mst.MstFormat;
import org.memsim.trace.mtrace.MtraceFormat;
import org.memsim.trace.rep.RepFormat;
import org.memsim.trace.vgmalloc.VgMallocFormat;

/** Every trace format memsim knows, in the order listings show them. */
public final class TraceFormats {
    private static final List<TraceFormat> ALL = List.of(
        new MstFormat(),
        new MsbFormat(),
        new RepFormat(),
        new LackeyFormat(),
        new DinFormat(),
        new DinExtFormat(),
        new VgMallocFormat(),
        new MtraceFormat(),
        new HeaptrackFormat(),
        new ElephantTracksFormat(),
        new JfrFormat());

    private TraceFormats() {}

    public static List<TraceFormat> all() {
        return ALL;
    }

    /** The format called {@code name}; an unknown name is an error listing the known ones. */
    public static TraceFormat byName(String name) {
        for (TraceFormat f : ALL) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new InputException("unknown trace format '" + name + "'; valid: " + names(ALL));
    }

    /** The writable format whose extension {@code fileName} ends with (after any .zst/.gz), or null. */
    public static TraceFormat byExtension(String fileName) {
        String n = Compression.strip(fileName);
        TraceFormat best = null;
        int bestLen = 0;
        for (TraceFormat f : ALL) {
            for (String ext : f.extensions()) {
                if (n.endsWith(ext) && ext.length() > bestLen) {
                    best = f;
                    bestLen = ext.length();
                }
            }
        }
        return best;
    }

    /** Formats that can write every one of these event kinds. */
    public static List<TraceFormat> writersFor(java.util.Set<org.memsim.event.EventKind> kinds) {
        List<TraceFormat> out = new ArrayList<>();
        for (TraceFormat f : ALL) {
            if (!f.expressible().isEmpty() && f.expressible().containsAll(kinds)) {
                out.add(f);
            }
        }
        return out;
    }

    public static String names(List<TraceFormat> formats) {
        List<String> n = new ArrayList<>();
        for (TraceFormat f : formats) {
            n.add(f.name());
        }
        return String.join(", ", n);
    }
}
