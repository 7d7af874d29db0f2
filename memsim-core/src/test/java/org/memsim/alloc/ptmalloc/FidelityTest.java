package org.memsim.alloc.ptmalloc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memsim.real.NativeReplayer;
import org.memsim.trace.EventSource;
import org.memsim.trace.FileSource;
import org.memsim.trace.gen.GeneratorSource;

/**
 * The model against real glibc 2.36 on this machine: each trace is replayed through the
 * {@code ptmalloc} model and natively through glibc's malloc, and the heap offsets of the
 * allocations (mmapped: both mmapped) and the heap high-water marks must agree (≥ 99% and
 * within 1%). Runs where gcc and glibc 2.36 are present; the figures are appended to
 * {@code target/ptmalloc-fidelity.txt} (and recorded in docs/allocators/ptmalloc.md).
 */
class FidelityTest {
    private static final Path REPORT = Path.of("target", "ptmalloc-fidelity.txt");

    @BeforeAll
    static void requirements() {
        String why = Fidelity.unavailable();
        Assumptions.assumeTrue(why == null, () -> why);
    }

    private static void check(String name, EventSource source, boolean verifyEveryOp) throws IOException {
        Fidelity.Report r = Fidelity.compare(name, source, verifyEveryOp);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, r + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(r);
        assertTrue(r.allocations() > 0, name + ": no allocations compared");
        assertTrue(r.agreement() >= 0.99, r.toString());
        assertTrue(r.highWaterError() <= 0.01, r.toString());
    }

    static Stream<Arguments> generators() {
        return Stream.of(
            Arguments.of("gen:request-loop:requests=3000", 1),
            Arguments.of("gen:request-loop:requests=3000,size=200000", 1),
            Arguments.of("gen:fragmentation:blocks=3000", 1),
            Arguments.of("gen:fragmentation:blocks=500,hole=2000,pin=100,large=300000", 1),
            Arguments.of("gen:sizes:ops=50000", 1),
            Arguments.of("gen:sizes:ops=50000", 2),
            Arguments.of("gen:sizes:ops=50000", 3),
            Arguments.of("gen:sizes:ops=50000,dist=uniform,max=4096", 1),
            Arguments.of("gen:sizes:ops=50000,dist=uniform,max=4096", 2),
            Arguments.of("gen:sizes:ops=50000,dist=uniform,min=1,max=2000", 3),
            Arguments.of("gen:sizes:ops=20000,dist=uniform,min=1000,max=1000000,live=100", 1),
            Arguments.of("gen:sizes:ops=20000,dist=lognormal,median=100000,sigma=1.5,max=50000000,live=50", 2),
            Arguments.of("gen:sizes:ops=20000,dist=uniform,min=1,max=40000000,live=20,freeAll=true", 3));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("generators")
    void generatorTraces(String spec, long seed) throws IOException {
        check(spec + " seed " + seed, GeneratorSource.parse(spec, seed), true);
    }

    static Stream<Arguments> corners() {
        return Stream.of(
            Arguments.of("tcache overflow into fastbins and back",
                "m 0 24 x10; f 0 x10; m 10 24 x10; f 10 x5; m 20 24 x3; m 30 100 x9; f 30 x9; m 40 100 x9"),
            Arguments.of("fastbin consolidation by a large request",
                "m 0 40 x12; m 99 5000; f 0 x12; m 12 2000; m 13 40 x4"),
            Arguments.of("fastbin consolidation when freeing 64 KiB",
                "m 0 100 x10; m 10 70000; m 11 16; f 0 x10; f 10; m 20 100 x10"),
            Arguments.of("large-bin ordering and skip list",
                "m 0 1100; m 100 16; m 1 1200; m 101 16; m 2 1100; m 102 16; m 3 1300; m 103 16; m 4 1150; m 104 16;"
                    + "m 5 1200; m 105 16; m 6 3000; m 106 16; m 7 2900; m 107 16; f 0 x8; m 50 5000; m 51 1090; m 52 1180;"
                    + "m 53 1100; m 54 2000; m 55 1200; m 56 1300; m 57 100"),
            Arguments.of("unsorted remainder splitting (last_remainder)",
                "m 0 1500; m 1 16; f 0; m 10 30 x20; m 30 200; f 10 x5; m 40 48 x6"),
            Arguments.of("small bins filled and stashed into the tcache",
                "m 0 200 x20; m 100 16; f 0 x20; m 50 3000; m 20 200 x10"),
            Arguments.of("mmap threshold and the dynamic threshold",
                "m 0 200000; f 0; m 1 200000; m 2 300000; f 2; m 3 300000; m 4 40m; f 4; m 5 40m; m 6 150000; f 1; f 3; f 5; f 6"),
            Arguments.of("trim after the threshold rose",
                "m 0 140000; f 0; m 1 140000; m 2 16; f 1; m 3 500000; f 3; m 4 100; m 5 300000; f 5; m 6 16"),
            Arguments.of("realloc grow, shrink, move, into top, into a free neighbour, mmapped",
                "m 0 100; r 0 200; r 0 1000; m 1 100; r 0 2000; r 1 20; r 1 500; m 2 5000; m 3 16; f 2; r 1 4000;"
                    + "r 0 10; m 4 300000; r 4 600000; r 4 100000; r 4 700; r 4 0; m 5 40; r 5 0; r 6 100"),
            Arguments.of("calloc from top, from bins, mmapped",
                "c 0 10 10; c 1 100 100; f 0; c 2 1 50; c 3 1000 200; f 1; c 4 3 1000; c 5 0 5; c 6 5 0"),
            Arguments.of("memalign small and large alignments",
                "a 0 32 100; a 1 64 10; a 2 4096 100; m 3 50; a 4 256 3000; f 2; a 5 1024 5000; a 6 65536 200000; f 0; f 1; a 7 128 40; a 8 8 30"),
            Arguments.of("malloc(0) and tiny sizes", "m 0 0; m 1 1; m 2 24; m 3 25; m 4 40; m 5 41; f 0 x6; m 10 8 x6"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corners")
    void cornerCases(String name, String script) throws IOException {
        check(name, new ScriptSource(name, script), true);
    }

    static Stream<Arguments> mixes() {
        return Stream.of(
            Arguments.of(1L, 300, 300_000L), Arguments.of(2L, 50, 3_000L), Arguments.of(3L, 1000, 70_000L),
            Arguments.of(4L, 30, 50_000_000L), Arguments.of(5L, 5000, 2_000L), Arguments.of(6L, 200, 1_100L));
    }

    @ParameterizedTest(name = "random mix seed {0}, {1} live, sizes up to {2}")
    @MethodSource("mixes")
    void randomMixes(long seed, int live, long maxSize) throws IOException {
        String name = "random mix seed " + seed + " (" + live + " live, sizes 0.." + maxSize + ")";
        check(name, ScriptSource.random(name, seed, 30_000, live, maxSize), true);
    }

    // ------------------------------------------------------------------ real programs, captured with mtrace

    static Stream<Arguments> programs() {
        return Stream.of(
            Arguments.of("sort", List.of("sort", "--parallel=1", "/etc/services"), List.<String>of()),
            Arguments.of("gcc --version", List.of("gcc", "--version"), List.<String>of()),
            Arguments.of("python3 json (pymalloc)", List.of("python3", "-c", PYTHON), List.<String>of()),
            Arguments.of("python3 json (PYTHONMALLOC=malloc)", List.of("python3", "-c", PYTHON), List.of("PYTHONMALLOC=malloc")),
            Arguments.of("ls -lR /usr/include", List.of("ls", "-lR", "/usr/include"), List.<String>of()),
            Arguments.of("perl hash of arrays", List.of("perl", "-e", PERL), List.<String>of()),
            Arguments.of("find /usr/share/doc", List.of("find", "/usr/share/doc", "-name", "*.gz"), List.<String>of()),
            Arguments.of("xz -3 /etc/services", List.of("xz", "-3", "-c", "/etc/services"), List.<String>of()));
    }

    private static final String PYTHON =
        "import json\nd = {str(i): list(range(i % 50)) for i in range(3000)}\ns = json.dumps(d)\nprint(len(json.loads(s)))";
    private static final String PERL =
        "my %h; for (1..20000) { $h{$_} = [1..($_ % 20)] } print length(join(',', map { scalar @{$h{$_}} } keys %h)), \"\\n\";";
    private static final Path DEBUG_LIB = Path.of("/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0");

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void capturedPrograms(String name, List<String> command, List<String> env, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(DEBUG_LIB), "glibc's libc_malloc_debug.so.0 (mtrace) is not installed");
        Path exe = onPath(command.get(0));
        Assumptions.assumeTrue(exe != null, command.get(0) + " is not installed");
        Path shim = dir.resolve("start-mtrace.so");
        Path src = dir.resolve("start-mtrace.c");
        // a preloaded constructor that calls mtrace(), so an unmodified program is traced from its start
        Files.writeString(src, "#include <mcheck.h>\n__attribute__((constructor)) static void start(void) { mtrace(); }\n");
        Process cc = new ProcessBuilder(NativeReplayer.compiler().toString(), "-shared", "-fPIC", "-o", shim.toString(), src.toString())
            .redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes());
        assertTrue(cc.waitFor() == 0, "compiling the mtrace shim failed: " + ccOut);
        Path trace = dir.resolve("trace.mtrace");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile()).redirectErrorStream(true);
        pb.environment().put("MALLOC_TRACE", trace.toString());
        pb.environment().put("LD_PRELOAD", DEBUG_LIB + " " + shim);
        for (String kv : env) {
            pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Process p = pb.start();
        p.getOutputStream().close();
        p.waitFor();
        Assumptions.assumeTrue(Files.size(trace) > 0, name + " wrote no mtrace log");
        // --check walks the whole heap after every op: too slow for the two big traces
        boolean big = env.contains("PYTHONMALLOC=malloc") || command.get(0).equals("perl");
        check(name + " (mtrace)", new FileSource(trace, "mtrace"), !big);
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
