package org.memsim.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.memsim.cli.ProgressBar;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.OutputOptions;
import org.memsim.cli.output.Table;
import org.memsim.event.EventKind;
import org.memsim.metrics.Histogram;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.TraceSummary;
import org.memsim.trace.Traces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memsim info}: what a trace contains, in one streaming pass. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Describe a trace: format, event counts by kind, distinct ids, address range, sizes.")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace file (format detected; '-' for standard input).")
    Path trace;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Input format instead of detecting it.")
    String format;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() throws IOException {
        TraceSummary s = new TraceSummary();
        String fmt;
        long size;
        try (OpenTrace t = Traces.open(trace, format);
             ProgressBar bar = ProgressBar.start("info", () -> t.fileSize() > 0 ? (double) t.fileBytesRead() / t.fileSize() : -1, s::events)) {
            fmt = t.describeFormat();
            size = t.fileSize();
            t.reader().replay(s);
        }
        if (out.json) {
            System.out.println(json(trace.toString(), fmt, size, s));
            return 0;
        }
        if (out.csv) {
            Table t = new Table("kind", "count");
            for (EventKind k : EventKind.values()) {
                t.row(k.keyword(), Long.toString(s.count(k)));
            }
            System.out.print(t.toCsv());
            return 0;
        }
        System.out.println("trace       " + trace);
        System.out.println("format      " + fmt + (size >= 0 ? ", " + Numbers.bytes(size) + " on disk" : ""));
        System.out.println("events      " + Numbers.count(s.events()));
        Table kinds = new Table("kind", "count", "share");
        for (EventKind k : EventKind.values()) {
            long c = s.count(k);
            if (c > 0) {
                kinds.row(k.keyword(), Numbers.count(c), Numbers.percent((double) c / s.events()));
            }
        }
        System.out.println();
        System.out.print(kinds.toText());
        System.out.println();
        System.out.println("block ids   " + Numbers.count(s.distinctBlockIds()) + (s.blockIdsExact() ? " distinct" : " distinct (HyperLogLog estimate, ±1%)"));
        if (s.count(EventKind.NEW_OBJECT) > 0) {
            System.out.println("object ids  " + Numbers.count(s.distinctObjectIds()) + (s.objectIdsExact() ? " distinct" : " distinct (estimate)"));
        }
        if (s.processes() > 0) {
            System.out.println("processes   " + s.processes());
        }
        if (s.minAccessAddress() != -1) {
            System.out.println("accessed    " + Numbers.hex(s.minAccessAddress()) + " .. " + Numbers.hex(s.maxAccessAddress()));
        }
        if (s.minAllocAddress() != -1) {
            System.out.println("allocated   " + Numbers.hex(s.minAllocAddress()) + " .. " + Numbers.hex(s.maxAllocAddress()) + " (addresses recorded in the trace)");
        }
        if (s.allocSizes().count() > 0) {
            System.out.println("alloc sizes " + sizes(s.allocSizes()) + ", " + Numbers.bytes(s.allocBytes()) + " requested in total");
        }
        if (s.accessSizes().count() > 0) {
            System.out.println("access sizes " + sizes(s.accessSizes()));
        }
        if (s.sites() + s.files() + s.types() > 0) {
            System.out.println("side tables " + s.sites() + " call sites, " + s.files() + " files, " + s.types() + " types");
        }
        return 0;
    }

    private static String sizes(Histogram h) {
        return "min " + h.min() + ", median " + h.percentile(50) + ", p99 " + h.percentile(99) + ", max " + h.max()
            + String.format(java.util.Locale.ROOT, ", mean %.1f", h.mean());
    }

    static String json(String name, String fmt, long size, TraceSummary s) {
        Json j = new Json().beginObject().field("trace", name).field("format", fmt).field("fileBytes", size)
            .field("events", s.events()).key("counts").beginObject();
        for (EventKind k : EventKind.values()) {
            j.field(k.keyword(), s.count(k));
        }
        j.endObject()
            .field("distinctBlockIds", s.distinctBlockIds()).field("distinctBlockIdsExact", s.blockIdsExact())
            .field("distinctObjectIds", s.distinctObjectIds()).field("processes", s.processes());
        if (s.minAccessAddress() != -1) {
            j.field("minAccessAddress", s.minAccessAddress()).field("maxAccessAddress", s.maxAccessAddress());
        }
        if (s.minAllocAddress() != -1) {
            j.field("minAllocAddress", s.minAllocAddress()).field("maxAllocAddress", s.maxAllocAddress());
        }
        histogram(j, "allocSizes", s.allocSizes());
        histogram(j, "accessSizes", s.accessSizes());
        j.field("allocBytes", s.allocBytes()).field("sites", s.sites()).field("files", s.files()).field("types", s.types());
        return j.endObject().toString();
    }

    private static void histogram(Json j, String key, Histogram h) {
        j.key(key).beginObject().field("count", h.count()).field("min", h.min()).field("p50", h.percentile(50))
            .field("p99", h.percentile(99)).field("max", h.max()).field("mean", h.mean()).endObject();
    }
}
