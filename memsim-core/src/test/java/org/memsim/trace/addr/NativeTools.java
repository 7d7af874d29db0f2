package org.memsim.trace.addr;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real tools (gcc, valgrind, glibc's malloc debug library, heaptrack) for tests; skips when absent. */
public final class NativeTools {
    private NativeTools() {}

    /** The executable on the PATH, or null. */
    public static Path which(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Skips the test unless {@code name} is on the PATH. */
    public static Path require(String name) {
        Path p = which(name);
        Assumptions.assumeTrue(p != null, name + " is not on the PATH: skipping the test that runs the real tool");
        return p;
    }

    /** Copies a test resource of {@code owner} into {@code dir}. */
    public static Path resource(Class<?> owner, String name, Path dir) throws IOException {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            Path out = dir.resolve(Path.of(name).getFileName().toString());
            Files.write(out, in.readAllBytes());
            return out;
        }
    }

    /** Compiles one C or C++ source with {@code compiler} (gcc, g++) at -O0; skips the test if it is missing. */
    public static Path compile(String compiler, Path source, Path dir) throws IOException, InterruptedException {
        require(compiler);
        Path exe = dir.resolve(source.getFileName().toString().replaceAll("\\.[a-z]+$", ""));
        Result r = run(dir, Map.of(), compiler, "-O0", "-g", "-w", "-o", exe.toString(), source.toString());
        if (r.status != 0) {
            throw new AssertionError(compiler + " failed on " + source + ":\n" + r.output);
        }
        return exe;
    }

    /** What a command printed (stdout and stderr together) and its exit status. */
    public static final class Result {
        public final int status;
        public final String output;

        Result(int status, String output) {
            this.status = status;
            this.output = output;
        }
    }

    /** Runs a command in {@code dir} with extra environment variables, at most two minutes. */
    public static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile(dir, "run", ".out");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** Runs a command with standard input from {@code input} and standard output into {@code output}. */
    public static int pipe(Path dir, Path input, Path output, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        pb.redirectInput(input.toFile()).redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return p.exitValue();
    }

    /** Lines of a text file that match a regular expression. */
    public static List<String> grep(Path file, String regex) throws IOException {
        List<String> out = new ArrayList<>();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        for (String line : Files.readAllLines(file)) {
            if (p.matcher(line).find()) {
                out.add(line);
            }
        }
        return out;
    }
}
