package org.memsim.cli.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.memsim.cli.CliRun;
import org.memsim.cli.Main;

/**
 * memsim against Valgrind memcheck on the corpus: each program is compiled with gcc, run under
 * memcheck (which must report what the header says), captured with {@code memsim capture --accesses}
 * and checked with {@code memsim check --json}; memsim must report memcheck's findings — same kind,
 * same access (read/write and size), same block size, same offset from the block — and nothing
 * else, except where the header's {@code expect-memsim:} lines encode an inherent difference
 * (docs/FIDELITY.md). Skipped without gcc or valgrind. Prints the agreement figures at the end.
 */
class MemcheckFidelityTest {
    private static final Map<String, Outcome> OUTCOMES = new TreeMap<>();

    /** One program's result: memcheck's findings, memsim's, and the two comparisons. */
    record Outcome(List<Finding> memcheck, List<Finding> memsim, Finding.Comparison raw, Finding.Comparison encoded) {}

    static List<CorpusProgram> corpus() throws Exception {
        return CorpusProgram.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void memsimFindsWhatMemcheckFinds(CorpusProgram program) throws Exception {
        CorpusRuns.requireTools();
        Map<String, picocli.CommandLine> commands = Main.commandLine().getSubcommands();
        Assumptions.assumeTrue(commands.containsKey("capture") && commands.containsKey("check"),
            "memsim has no 'capture' or no 'check' command yet: skipping the comparison with memcheck");

        List<Finding> memcheck = CorpusRuns.memcheck(program);
        Finding.Comparison corpus = Finding.compare(program.memcheck(), memcheck);
        assertTrue(corpus.agrees(), program.name() + ": memcheck disagrees with the header, fix the corpus first\n" + corpus.describe());

        Path trace = capture(program);
        CliRun check = cli("check", trace.toString(), "--json");
        assertTrue(check.status() == 0 || check.status() == 1, "memsim check failed (" + check.status() + "): " + check.err());
        List<Finding> memsim = MemsimCheck.parse(check.out(), trace);
        assertTrue(check.status() == (memsim.isEmpty() ? 0 : 1), "exit status " + check.status() + " with findings " + memsim);

        Finding.Comparison raw = Finding.compare(memcheck, memsim);
        Finding.Comparison encoded = program.differs() ? Finding.compare(program.memsim(), memsim) : raw;
        synchronized (OUTCOMES) {
            OUTCOMES.put(program.name(), new Outcome(memcheck, memsim, raw, encoded));
        }
        assertTrue(encoded.agrees(), program.name() + ": memsim " + memsim + " where memcheck reports " + memcheck
            + (program.differs() ? " and the header expects " + program.memsim() : "") + "\n" + encoded.describe());
    }

    /** {@code memsim capture -o TRACE --accesses -- PROGRAM}, in-process, with a time limit. */
    private static Path capture(CorpusProgram program) throws Exception {
        Path exe = CorpusRuns.executable(program);
        Path trace = exe.resolveSibling(program.name() + ".msb");
        Files.deleteIfExists(trace);
        CliRun r = cli("capture", "-o", trace.toString(), "--accesses", "--", exe.toString());
        assertTrue(Files.isRegularFile(trace), "memsim capture wrote no trace (status " + r.status() + "):\n" + r.err() + r.out());
        return trace;
    }

    private static CliRun cli(String... args) throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<CliRun> f = ex.submit(() -> CliRun.of(args));
            try {
                return f.get(CorpusRuns.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                throw new AssertionError("memsim " + String.join(" ", args) + " took more than " + CorpusRuns.TIMEOUT_SECONDS + " s");
            }
        } finally {
            ex.shutdownNow();
        }
    }

    /** The agreement figures docs/FIDELITY.md records: per program, and per kind. */
    @AfterAll
    static void printAgreement() {
        if (OUTCOMES.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("memsim check against Valgrind memcheck\n");
        // per kind: memcheck's findings, matched exactly; expected of memsim (encoded differences applied), matched
        Map<String, int[]> perKind = new TreeMap<>();
        int agreeRaw = 0;
        int agreeEncoded = 0;
        int[] totals = new int[5];
        for (Map.Entry<String, Outcome> e : OUTCOMES.entrySet()) {
            Outcome o = e.getValue();
            agreeRaw += o.raw().agrees() ? 1 : 0;
            agreeEncoded += o.encoded().agrees() ? 1 : 0;
            count(perKind, o.memcheck(), 0);
            count(perKind, o.raw().matched(), 1);
            count(perKind, o.encoded().matched(), 3);
            count(perKind, o.encoded().missing(), 2);
            count(perKind, o.encoded().matched(), 2);
            count(perKind, o.encoded().unexpected(), 4);
            sb.append(String.format("%-22s memcheck %s%n%-22s memsim   %s%s%n", e.getKey(), o.memcheck(), "", o.memsim(),
                o.raw().agrees() ? "" : o.encoded().agrees() ? "   (differs as the header encodes)" : "   (DISAGREES)"));
        }
        sb.append(String.format("programs %d: %d agree with memcheck exactly, %d with the encoded differences%n",
            OUTCOMES.size(), agreeRaw, agreeEncoded));
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-20s %8s %8s %9s %8s %10s", "kind", "memcheck", "matched", "expected", "matched", "unexpected"));
        perKind.forEach((k, v) -> {
            rows.add(String.format("%-20s %8d %8d %9d %8d %10d", k, v[0], v[1], v[2], v[3], v[4]));
            for (int i = 0; i < totals.length; i++) {
                totals[i] += v[i];
            }
        });
        rows.add(String.format("%-20s %8d %8d %9d %8d %10d", "total", totals[0], totals[1], totals[2], totals[3], totals[4]));
        sb.append("memcheck = memcheck's findings, matched = memsim reports them exactly; expected = what memsim must report\n"
            + "(memcheck's findings with the headers' expect-memsim lines applied), matched = memsim reports them;\n"
            + "unexpected = memsim findings nobody expected\n");
        sb.append(String.join("\n", rows)).append('\n');
        System.out.print(sb);
    }

    private static void count(Map<String, int[]> perKind, List<Finding> findings, int column) {
        for (Finding f : findings) {
            String key = f.kind() + (f.kind().equals("leak") ? " " + f.detail() : "");
            perKind.computeIfAbsent(key, k -> new int[5])[column]++;
        }
    }
}
