package org.memsim.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.memsim.InputException;
import org.memsim.real.NativeBuild;

/**
 * Runs a real program with the capture shim {@code memsim-capture.c} in {@code LD_PRELOAD} (built
 * with gcc on first use, like the native replay driver), and with {@code --accesses} under
 * Valgrind's Lackey ({@code --trace-mem=yes}), whose log then carries the shim's records in order
 * with the program's loads and stores. The program inherits memsim's standard input, output and
 * error, so what it prints is unchanged; its records land in a work directory that
 * {@link CaptureReader} turns into events ({@code docs/capture.md}).
 */
public final class Capturer {
    /** The classpath resource holding the shim's C source (the same file as {@code native/memsim-capture.c}). */
    public static final String SOURCE_RESOURCE = "/org/memsim/capture/memsim-capture.c";
    /** How the shim is built: a shared object for LD_PRELOAD. */
    public static final NativeBuild.Recipe RECIPE = new NativeBuild.Recipe(Capturer.class, SOURCE_RESOURCE, "memsim-capture",
        "memsim capture", List.of("-shared", "-fPIC", "-O2", "-std=gnu11", "-w"), List.of("-ldl", "-pthread"));

    /** What to record besides the allocation calls. */
    public record Options(boolean accesses, boolean stacks, boolean ifetch) {
        /** Allocation calls only. */
        public static final Options CALLS = new Options(false, false, false);
    }

    /** A finished run: where its records are, its pid, its exit code as {@code waitpid} reported it, and how long it took. */
    public record Run(Path directory, int pid, int exitCode, long wallNanos, Options options) {}

    private Capturer() {}

    /** The compiled shim, building it first if needed (an {@link InputException} when gcc is missing). */
    public static Path shim() {
        return NativeBuild.build(RECIPE);
    }

    /** Valgrind on the PATH, or null. */
    public static Path valgrind() {
        return NativeBuild.onPath("valgrind");
    }

    /** Checks that the program exists before anything runs, so a typo is a clear error and not a failed capture. */
    static void checkProgram(String program) {
        if (NativeBuild.onPath(program) == null) {
            throw new InputException(program + ": " + (program.contains("/") ? "no such executable file" : "command not found on the PATH"));
        }
    }

    /**
     * Runs {@code command} (program and arguments) to completion, its records going to
     * {@code directory} (which must exist and be empty).
     */
    public static Run run(List<String> command, Options options, Path directory) {
        return run(command, options, directory, ProcessBuilder.Redirect.INHERIT);
    }

    /** As {@link #run(List, Options, Path)}, the program's standard output going to {@code stdout} (tests compare it). */
    public static Run run(List<String> command, Options options, Path directory, ProcessBuilder.Redirect stdout) {
        if (command.isEmpty()) {
            throw new InputException("no program to capture: give it after '--', e.g. memsim capture -o t.msb -- ls -l");
        }
        checkProgram(command.get(0));
        Path shim = shim();
        List<String> cmd = new ArrayList<>();
        if (options.accesses()) {
            Path vg = valgrind();
            if (vg == null) {
                throw new InputException("--accesses runs the program under Valgrind's Lackey, but valgrind is not on the PATH "
                    + "(install it, e.g. apt-get install valgrind)");
            }
            cmd.addAll(List.of(vg.toString(), "--tool=lackey", "--trace-mem=yes", "--trace-syscalls=yes", "--trace-children=yes", "-q",
                "--log-file=" + directory.resolve("lackey.%p.%n")));
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO().redirectOutput(stdout);
        Map<String, String> env = pb.environment();
        String preload = env.get("LD_PRELOAD");
        env.put("LD_PRELOAD", preload == null || preload.isBlank() ? shim.toString() : shim + " " + preload);
        env.put("MEMSIM_CAPTURE_DIR", directory.toString());
        if (options.stacks()) {
            env.put("MEMSIM_CAPTURE_STACKS", "1");
        }
        if (options.accesses()) {
            env.put("MEMSIM_CAPTURE_VALGRIND", "1");
        }
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            int rc = p.waitFor();
            return new Run(directory, (int) p.pid(), rc, System.nanoTime() - start, options);
        } catch (IOException e) {
            throw new InputException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while capturing " + command.get(0), e);
        }
    }

    /** Deletes a run's work directory and its record files. */
    public static void clean(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(directory);
    }
}
