package org.memsim.cli.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.memsim.trace.addr.NativeTools;

/**
 * Compiles the corpus with gcc and runs it under memcheck, once per test JVM and two programs at a
 * time, shared by the tests that need it; skips (JUnit assumption) when gcc or valgrind is not on
 * the PATH.
 */
final class CorpusRuns {
    /** How long one tool run on one tiny program may take (they take about a second). */
    static final long TIMEOUT_SECONDS = 60;
    /** gcc's flags: no optimisation, so no malloc is elided and every access stays where it is written. */
    static final List<String> GCC_FLAGS = List.of("-O0", "-g", "-fno-builtin", "-w");

    private static Path dir;
    private static final Map<String, CompletableFuture<Prepared>> PREPARED = new HashMap<>();
    private static ExecutorService pool;

    /** A compiled program and memcheck's findings on it. */
    private record Prepared(Path executable, List<Finding> memcheck) {}

    private CorpusRuns() {}

    /** Skips the calling test unless gcc and valgrind are both installed, on x86-64. */
    static void requireTools() {
        String arch = System.getProperty("os.arch");
        Assumptions.assumeTrue(arch.equals("amd64") || arch.equals("x86_64"),
            "the corpus (an SSE load, glibc's x86-64 chunk layout) is written for x86-64, not " + arch + ": skipping it");
        Assumptions.assumeTrue(NativeTools.which("gcc") != null,
            "gcc is not on the PATH: skipping the memcheck corpus (it compiles C programs)");
        Assumptions.assumeTrue(NativeTools.which("valgrind") != null,
            "valgrind is not on the PATH: skipping the memcheck corpus (it compares with Valgrind memcheck)");
    }

    /** A directory under the shared temporary directory, for one program's files. */
    static synchronized Path work(String name) throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("memsim-corpus");
            Path root = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        }
        return Files.createDirectories(dir.resolve(name));
    }

    /** The program compiled with {@link #GCC_FLAGS}. */
    static Path executable(CorpusProgram p) throws IOException, InterruptedException {
        return prepared(p).executable();
    }

    /** What memcheck reports on the program. */
    static List<Finding> memcheck(CorpusProgram p) throws IOException, InterruptedException {
        return prepared(p).memcheck();
    }

    /**
     * Compiles and runs memcheck on the whole corpus in the background, two programs at a time (the
     * machine has two cores), at the first request; waits for the requested program.
     */
    private static Prepared prepared(CorpusProgram p) throws IOException, InterruptedException {
        requireTools();
        CompletableFuture<Prepared> f;
        synchronized (PREPARED) {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "memcheck-corpus");
                    t.setDaemon(true);
                    return t;
                });
                for (CorpusProgram q : CorpusProgram.all()) {
                    PREPARED.put(q.name(), CompletableFuture.supplyAsync(() -> prepare(q), pool));
                }
            }
            f = PREPARED.computeIfAbsent(p.name(), k -> CompletableFuture.supplyAsync(() -> prepare(p), pool));
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new IOException(p.name() + ": " + e.getCause(), e.getCause());
        }
    }

    private static Prepared prepare(CorpusProgram p) {
        try {
            Path w = work(p.name());
            Path exe = w.resolve(p.name());
            Run r = run(w, concat(List.of("gcc"), GCC_FLAGS, List.of("-o", exe.toString(), p.source().toString())));
            if (r.status() != 0) {
                throw new AssertionError("gcc failed on " + p.source() + ":\n" + r.output());
            }
            Path xml = w.resolve(p.name() + ".memcheck.xml");
            Run m = run(w, Memcheck.command(xml, exe));
            if (!Memcheck.wrote(xml)) {
                throw new AssertionError("memcheck wrote no XML for " + p.name() + " (status " + m.status() + "):\n" + m.output());
            }
            return new Prepared(exe, List.copyOf(Memcheck.parse(xml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
