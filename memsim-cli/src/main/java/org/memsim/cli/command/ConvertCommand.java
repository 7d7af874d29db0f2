package org.memsim.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memsim.InputException;
import org.memsim.cli.AtomicFile;
import org.memsim.cli.ProgressBar;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.OutputOptions;
import org.memsim.event.EventKind;
import org.memsim.event.EventSink;
import org.memsim.trace.LossySink;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.TraceFormats;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.Traces;
import org.memsim.trace.UnsupportedEventException;
import org.memsim.trace.gen.GeneratorSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memsim convert}: any readable format to any writable one that can express the events. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert a trace between formats. The output format follows OUT's extension (.mst, .msb, .msb.zst, "
        + ".rep, .lackey, .din, ...; a .zst or .gz suffix compresses); --to overrides.")
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input trace (format detected; '-' for standard input). A gen: workload is written by memsim generate.")
    Path in;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "Output file.")
    Path outPath;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Input format instead of detecting it.")
    String format;

    @Option(names = "--to", paramLabel = "FORMAT", description = "Output format instead of OUT's extension.")
    String to;

    @Option(names = "--lossy", description = "Drop events the output format cannot express (counted), instead of failing.")
    boolean lossy;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() throws IOException {
        if (GeneratorSource.isGenerator(in.toString())) {
            String name = in.toString().substring("gen:".length());
            throw new InputException(in + " is a generated workload, not a file to convert: write it with `memsim generate "
                + name + " -o " + outPath + "` (any output format; --seed as for replay)");
        }
        TraceFormat target = Traces.outputFormat(outPath.toString(), to);
        long events;
        Map<EventKind, Long> dropped = Map.of();
        String inFormat;
        try (OpenTrace trace = Traces.open(in, format);
             AtomicFile file = AtomicFile.create(outPath, force, in)) {
            inFormat = trace.describeFormat();
            TraceWriter writer = Traces.writer(target, file.stream(), outPath.toString());
            LossySink lossySink = lossy ? new LossySink(writer) : null;
            EventSink sink = lossy ? lossySink : writer;
            try (ProgressBar bar = ProgressBar.start("convert", () -> trace.fileSize() > 0
                    ? (double) trace.fileBytesRead() / trace.fileSize() : -1, () -> 0)) {
                events = trace.reader().replay(sink);
            } catch (UnsupportedEventException e) {
                throw new TraceFormatException(trace.source(), trace.reader().position(), e.getMessage()
                    + "; use --lossy to drop them, or convert to one of: " + TraceFormats.names(TraceFormats.writersFor(java.util.Set.of(e.kind()))));
            } catch (TraceFormatException e) {
                throw e;
            } catch (InputException e) {
                throw new TraceFormatException(trace.source(), trace.reader().position(), e.getMessage());
            }
            writer.close();
            file.commit();
            if (lossySink != null) {
                dropped = lossySink.dropped();
            }
        }
        long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
        if (out.json) {
            Json j = new Json().beginObject().field("input", in.toString()).field("inputFormat", inFormat)
                .field("output", outPath.toString()).field("outputFormat", target.name())
                .field("events", events).field("written", events - droppedTotal).key("dropped").beginObject();
            dropped.forEach((k, v) -> j.field(k.keyword(), v));
            System.out.println(j.endObject().endObject());
        } else {
            System.out.println("converted " + in + " (" + inFormat + ") → " + outPath + " (" + target.name() + "): "
                + (events - droppedTotal) + " events written");
            dropped.forEach((k, v) -> System.out.println("  dropped " + v + " '" + k.keyword() + "' event(s) " + target.name() + " cannot express"));
        }
        return 0;
    }
}
