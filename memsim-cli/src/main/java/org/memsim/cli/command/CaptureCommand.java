package org.memsim.cli.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.memsim.capture.CaptureReader;
import org.memsim.capture.Capturer;
import org.memsim.cli.AtomicFile;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.Numbers;
import org.memsim.event.EventKind;
import org.memsim.event.KindCounter;
import org.memsim.event.TeeSink;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.Traces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memsim capture}: runs a real program with the capture shim (and, with {@code --accesses},
 * under Valgrind's Lackey) and writes its memory events as a trace ({@code docs/capture.md}).
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = {"Run a real, unmodified program and record its allocation calls (malloc, calloc, realloc, free, "
        + "the aligned family; mmap/munmap/brk/sbrk called through libc), with thread ids and, at exit, the pointer "
        + "words a leak checker needs. The output format follows OUT's extension (.msb, .msb.zst, .mst).",
        "The program's output is its own; the summary goes to standard error. Exit status 0 whenever a trace was "
        + "written, whatever the program's status (reported)."})
public final class CaptureCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "TRACE", required = true, description = "Trace to write.")
    Path outPath;

    @Option(names = "--accesses", description = "Also record the program's loads and stores, in order with its allocation "
        + "calls (runs it under valgrind --tool=lackey: tens of times slower).")
    boolean accesses;

    @Option(names = "--ifetch", description = "With --accesses, keep instruction fetches too.")
    boolean ifetch;

    @Option(names = "--stacks", description = "Record a call stack (up to 8 frames) for every allocation call.")
    boolean stacks;

    @Option(names = "--force", description = "Replace TRACE if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the summary as JSON (on standard error; schema: docs/capture.md).")
    boolean json;

    @Parameters(paramLabel = "PROGRAM", arity = "1..*", description = "The program and its arguments, after '--'.")
    List<String> command;

    @Override
    public Integer call() throws IOException {
        TraceFormat target = Traces.outputFormat(outPath.toString(), null);
        Capturer.Options options = new Capturer.Options(accesses, stacks, ifetch);
        Path work = Files.createTempDirectory("memsim-capture-");
        KindCounter counter = new KindCounter();
        CaptureReader.Summary summary;
        Capturer.Run run;
        try (AtomicFile file = AtomicFile.create(outPath, force)) {
            run = Capturer.run(command, options, work);
            TraceWriter writer = Traces.writer(target, file.stream(), outPath.toString());
            var sink = TeeSink.of(writer, counter);
            summary = new CaptureReader(run).replay(sink);
            sink.end();
            writer.close();
            file.commit();
        } finally {
            Capturer.clean(work);
        }
        print(System.err, target, run, summary, counter);
        return 0;
    }

    private void print(PrintStream err, TraceFormat target, Capturer.Run run, CaptureReader.Summary s, KindCounter counter) {
        String status = describe(s.topStatus());
        if (json) {
            Json j = new Json().beginObject().field("trace", outPath.toString()).field("format", target.name())
                .field("program", command.get(0)).field("pid", s.topPid()).field("exitStatus", s.topStatus())
                .field("status", status).field("wallNanos", run.wallNanos()).field("events", counter.total())
                .field("allocations", s.allocations()).field("frees", s.frees()).field("processes", s.processes())
                .field("threads", s.threads()).field("failedReallocs", s.failedReallocs())
                .field("droppedAccesses", s.droppedAccesses()).field("recorded", s.sawRecords()).key("kinds").beginObject();
            for (EventKind k : EventKind.values()) {
                if (counter.count(k) > 0) {
                    j.field(k.keyword(), counter.count(k));
                }
            }
            err.println(j.endObject().endObject());
            return;
        }
        err.println("memsim capture: " + command.get(0) + " " + status + " after " + Numbers.nanos(run.wallNanos())
            + (accesses ? " under valgrind lackey" : ""));
        err.println("  " + outPath + " (" + target.name() + "): " + Numbers.count(counter.total()) + " events, "
            + Numbers.count(s.allocations()) + " allocations, " + Numbers.count(s.frees()) + " frees, "
            + s.processes() + " process(es), " + s.threads() + " thread(s)");
        StringBuilder kinds = new StringBuilder("  by kind:");
        for (EventKind k : EventKind.values()) {
            if (counter.count(k) > 0) {
                kinds.append(' ').append(k.keyword()).append('=').append(counter.count(k));
            }
        }
        err.println(kinds);
        if (!s.sawRecords()) {
            err.println("  the program wrote no records: statically linked, setuid, or it cleared LD_PRELOAD (see docs/capture.md)");
        }
    }

    /** "exited with status 3" or "was killed by signal 6 (SIGABRT)". */
    static String describe(int status) {
        if (status >= 0) {
            return "exited with status " + status;
        }
        String name = switch (-status) {
            case 1 -> "SIGHUP"; case 2 -> "SIGINT"; case 3 -> "SIGQUIT"; case 4 -> "SIGILL"; case 5 -> "SIGTRAP";
            case 6 -> "SIGABRT"; case 7 -> "SIGBUS"; case 8 -> "SIGFPE"; case 9 -> "SIGKILL"; case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE"; case 14 -> "SIGALRM"; case 15 -> "SIGTERM";
            default -> "signal " + (-status);
        };
        return "was killed by signal " + (-status) + " (" + name + ")";
    }
}
