package org.memsim.trace.heaptrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.trace.Compression;
import org.memsim.trace.TraceTesting;
import org.memsim.trace.addr.AddressStreams;
import org.memsim.trace.addr.NativeTools;

/**
 * Runs the real heaptrack (only where {@code heaptrack} is on the PATH) on the sample program and
 * reads its raw and interpreted files; feeds the writer's output to heaptrack's own interpreter
 * and {@code heaptrack_print}.
 */
class HeaptrackRealToolTest {
    @TempDir
    Path dir;

    /** heaptrack_interpret, next to the heaptrack script's installation, or null. */
    static Path interpreter(Path heaptrack) throws Exception {
        Path real = heaptrack.toRealPath();
        for (Path p : List.of(real.getParent().resolve("../lib/heaptrack/libexec/heaptrack_interpret"),
                real.getParent().resolve("../libexec/heaptrack_interpret"),
                Path.of("/usr/lib/heaptrack/libexec/heaptrack_interpret"))) {
            if (Files.isExecutable(p)) {
                return p.normalize();
            }
        }
        return null;
    }

    private static byte[] decompressed(Path file) throws Exception {
        byte[] raw = Files.readAllBytes(file);
        Compression c = Compression.detect(raw, raw.length);
        try (InputStream in = c.decompress(new java.io.ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        }
    }

    @Test
    void rawAndInterpretedFilesOfTheSampleProgram() throws Exception {
        Path heaptrack = NativeTools.require("heaptrack");
        Path exe = NativeTools.compile("gcc", NativeTools.resource(getClass(), "/org/memsim/trace/addr/sample-program.c", dir), dir);
        NativeTools.Result r = NativeTools.run(dir, Map.of(), heaptrack.toString(), "-r", "-o", dir.resolve("ht").toString(), exe.toString());
        assertEquals(0, r.status, r.output);
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(p -> p.getFileName().toString().startsWith("ht.raw")).findFirst().orElseThrow();
        }
        Path raw = dir.resolve("plain.raw");
        Files.write(raw, decompressed(file));

        // the file itself: the four allocations of main, sizes in hex
        for (String size : List.of("20", "64", "c8")) {
            assertTrue(!NativeTools.grep(raw, "^\\+ " + size + " [0-9a-f]+ [0-9a-f]+$").isEmpty(), "no '+ " + size + "' line");
        }
        assertEquals(2, NativeTools.grep(raw, "^\\+ 64 [0-9a-f]+ [0-9a-f]+$").size());

        List<String> events = TraceTesting.read(new HeaptrackFormat(), Files.readAllBytes(raw));
        for (String size : List.of("32", "100", "200")) {
            assertTrue(events.stream().anyMatch(e -> e.matches("alloc \\d+ " + size + " addr=0x[0-9a-f]+ site=\\d+")),
                size + " missing in " + events);
        }
        long allocs = events.stream().filter(e -> e.startsWith("alloc ")).count();
        long frees = events.stream().filter(e -> e.startsWith("free ")).count();
        assertEquals(allocs, frees, events.toString());   // the sample frees everything it allocates

        Path interpret = interpreter(heaptrack);
        Assumptions.assumeTrue(interpret != null, "heaptrack_interpret not found next to heaptrack");
        Path interpreted = dir.resolve("interpreted");
        assertEquals(0, NativeTools.pipe(dir, raw, interpreted, interpret.toString()));
        List<String> symbolic = TraceTesting.read(new HeaptrackFormat(), Files.readAllBytes(interpreted));
        assertEquals(events.stream().map(e -> e.replaceAll(" addr=0x[0-9a-f]+| site=\\d+|^site .*", "")).toList(),
            symbolic.stream().map(e -> e.replaceAll(" site=\\d+|^site .*", "")).toList());
        assertTrue(symbolic.stream().anyMatch(e -> e.matches("site \\d+ main;.*")), symbolic.toString());
    }

    @Test
    void heaptracksOwnToolsReadTheWriterOutput() throws Exception {
        Path heaptrack = NativeTools.require("heaptrack");
        Path interpret = interpreter(heaptrack);
        Assumptions.assumeTrue(interpret != null, "heaptrack_interpret not found next to heaptrack");
        Path print = NativeTools.require("heaptrack_print");
        String mst = AddressStreams.generate(AddressStreams.Dialect.HEAPTRACK, 7, 300);
        Path raw = dir.resolve("written.raw");
        Files.write(raw, TraceTesting.write(new HeaptrackFormat(), mst));
        Path interpreted = dir.resolve("written.interpreted");
        assertEquals(0, NativeTools.pipe(dir, raw, interpreted, interpret.toString()));
        NativeTools.Result r = NativeTools.run(dir, Map.of(), print.toString(), interpreted.toString());
        assertEquals(0, r.status, r.output);
        long allocs = TraceTesting.lines(mst).stream().filter(e -> e.startsWith("alloc ")).count();
        Matcher m = Pattern.compile("calls to allocation functions: (\\d+)").matcher(r.output);
        assertTrue(m.find(), r.output);
        assertEquals(allocs, Long.parseLong(m.group(1)), r.output);
        // and memsim reads heaptrack's interpretation of it back: same sizes, same order
        List<String> back = TraceTesting.read(new HeaptrackFormat(), Files.readAllBytes(interpreted));
        assertEquals(
            TraceTesting.lines(mst).stream().filter(e -> e.startsWith("alloc ")).map(e -> e.split(" ")[2]).toList(),
            back.stream().filter(e -> e.startsWith("alloc ")).map(e -> e.split(" ")[2]).toList());
    }
}
