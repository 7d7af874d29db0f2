package org.memsim.cli.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.memsim.trace.addr.NativeTools;

/**
 * Compiles the corpus with gcc and runs it under memcheck, once per test JVM, shared by the tests
 * that need it; skips (JUnit assumption) when gcc or valgrind is not on the PATH.
 */
final class CorpusRuns {
    /** How long one tool run on one tiny program may take (they take about a second). */
    static final long TIMEOUT_SECONDS = 60;
    /** gcc's flags: no optimisation, so no malloc is elided and every access stays where it is written. */
    static final List<String> GCC_FLAGS = List.of("-O0", "-g", "-fno-builtin", "-w");

    private static Path dir;
    private static final Map<String, Path> EXECUTABLES = new HashMap<>();
    private static final Map<String, List<Finding>> MEMCHECK = new HashMap<>();

    private CorpusRuns() {}

    /** Skips the calling test unless gcc and valgrind are both installed. */
    static void requireTools() {
        Assumptions.assumeTrue(NativeTools.which("gcc") != null,
            "gcc is not on the PATH: skipping the memcheck corpus (it compiles C programs)");
        Assumptions.assumeTrue(NativeTools.which("valgrind") != null,
            "valgrind is not on the PATH: skipping the memcheck corpus (it compares with Valgrind memcheck)");
    }

    /** A fresh directory under the shared temporary directory, for one program's files. */
    static synchronized Path work(String name) throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("memsim-corpus");
            Path root = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        }
        return Files.createDirectories(dir.resolve(name));
    }

    /** The program compiled with {@link #GCC_FLAGS}. */
    static synchronized Path executable(CorpusProgram p) throws IOException, InterruptedException {
        Path exe = EXECUTABLES.get(p.name());
        if (exe == null) {
            requireTools();
            Path w = work(p.name());
            exe = w.resolve(p.name());
            Run r = run(w, concat(List.of("gcc"), GCC_FLAGS, List.of("-o", exe.toString(), p.source().toString())));
            if (r.status() != 0) {
                throw new AssertionError("gcc failed on " + p.source() + ":\n" + r.output());
            }
            EXECUTABLES.put(p.name(), exe);
        }
        return exe;
    }

    /** What memcheck reports on the program. */
    static synchronized List<Finding> memcheck(CorpusProgram p) throws IOException, InterruptedException {
        List<Finding> found = MEMCHECK.get(p.name());
        if (found == null) {
            Path exe = executable(p);
            Path xml = exe.resolveSibling(p.name() + ".memcheck.xml");
            Run r = run(exe.getParent(), Memcheck.command(xml, exe));
            if (!Memcheck.wrote(xml)) {
                throw new AssertionError("memcheck wrote no XML for " + p.name() + " (status " + r.status() + "):\n" + r.output());
            }
            found = List.copyOf(Memcheck.parse(xml));
            MEMCHECK.put(p.name(), found);
        }
        return found;
    }

    /** A finished command: exit status and everything it printed. */
    record Run(int status, String output) {}

    /** Runs a command in {@code dir} with a timeout; the program's own exit status is returned, not judged. */
    static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "run", ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
