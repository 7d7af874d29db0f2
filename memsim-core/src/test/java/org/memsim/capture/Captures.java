package org.memsim.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.memsim.event.TextRecorder;
import org.memsim.real.NativeBuild;

/** Test helpers: compile a small C program with gcc, capture a command, keep its events as .mst lines and its stdout. */
public final class Captures {
    private Captures() {}

    /** What one capture gave. */
    public record Captured(Capturer.Run run, CaptureReader.Summary summary, List<String> lines, String stdout) {
        /** Lines starting with {@code keyword + ' '}. */
        public List<String> of(String keyword) {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith(keyword + " ")) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    /** Skips the calling test unless gcc (or cc) is installed. */
    public static void assumeCompiler() {
        Assumptions.assumeTrue(NativeBuild.compiler() != null, "gcc (or cc) is not installed: the capture shim cannot be built");
    }

    /** Skips the calling test unless {@code tool} is on the PATH. */
    public static Path assumeTool(String tool) {
        Path p = NativeBuild.onPath(tool);
        Assumptions.assumeTrue(p != null, tool + " is not installed: skipping this capture of a real program");
        return p;
    }

    /** Compiles {@code source} into an executable {@code dir/name}. */
    public static Path compile(Path dir, String name, String source, String... flags) throws Exception {
        assumeCompiler();
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source, StandardCharsets.UTF_8);
        Path exe = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(NativeBuild.compiler().toString(), "-O0", "-o", exe.toString(), c.toString()));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("gcc failed on " + name + ": " + log);
        }
        return exe;
    }

    /** Captures {@code command}; its standard output is kept. */
    public static Captured capture(Path dir, Capturer.Options options, String... command) throws IOException {
        Path work = Files.createTempDirectory(dir, "work-");
        Path out = Files.createTempFile(dir, "stdout-", ".txt");
        Capturer.Run run = Capturer.run(List.of(command), options, work, ProcessBuilder.Redirect.to(out.toFile()));
        TextRecorder rec = new TextRecorder();
        CaptureReader.Summary s = new CaptureReader(run).replay(rec);
        Capturer.clean(work);
        return new Captured(run, s, rec.lines(), Files.readString(out, StandardCharsets.ISO_8859_1));
    }

    /** Runs {@code command} without capture and returns its standard output. */
    public static String plain(Path dir, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "plain-", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return Files.readString(out, StandardCharsets.ISO_8859_1);
    }

    /** The value of option {@code key=} on an event line, parsed as a number (hex with 0x). */
    public static long option(String line, String key) {
        for (String f : line.split(" ")) {
            if (f.startsWith(key + "=")) {
                String v = f.substring(key.length() + 1);
                return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
            }
        }
        throw new AssertionError("no " + key + "= on " + line);
    }

    /** Field {@code i} (0 = keyword) of an event line as a number (hex with 0x). */
    public static long field(String line, int i) {
        String v = line.split(" ")[i];
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
    }
}
