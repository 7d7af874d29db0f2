package org.memsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memsim.InputException;
import org.memsim.event.EventKind;
import org.memsim.event.TextRecorder;
import org.memsim.trace.gen.SeededRandom;

/**
 * {@code memsim convert} between every pair of formats that can express a trace: the trace is
 * written in format A, converted to B (through A's reader and B's writer, with compression on one
 * side), read back, and compared with the original after the normalisation the formats imply (ids
 * renumbered in order of appearance where a format assigns its own; recorded addresses dropped where
 * a format has none; process and site lines that importers add or drop ignored).
 */
class ConversionMatrixTest {
    private static final Set<String> NO_ADDRESSES = Set.of("rep");
    private static final Set<String> ADDRESSES_REQUIRED = Set.of("vgmalloc", "mtrace", "heaptrack");

    /** An allocation trace with recorded addresses: every allocation-format can carry it. */
    static String allocTrace() {
        SeededRandom r = new SeededRandom(11);
        StringBuilder sb = new StringBuilder();
        List<Long> live = new ArrayList<>();
        long next = 0;
        long addr = 0x5555555592a0L;
        for (int i = 0; i < 400; i++) {
            if (live.size() < 5 || r.nextDouble() < 0.55) {
                long size = 1 + r.nextLong(0, 5000);
                sb.append("alloc ").append(next).append(' ').append(size).append(" addr=0x").append(Long.toHexString(addr)).append('\n');
                addr += (size + 31) & -16L;
                live.add(next++);
            } else {
                int k = r.nextInt(live.size());
                sb.append("free ").append(live.remove(k)).append('\n');
            }
        }
        return sb.toString();
    }

    /** Word-aligned 4-byte accesses: every access format (even traditional din) can carry them. */
    static String accessTrace() {
        SeededRandom r = new SeededRandom(12);
        StringBuilder sb = new StringBuilder();
        String[] kinds = {"load", "store", "ifetch"};
        for (int i = 0; i < 500; i++) {
            long a = 0x400000L + (r.nextLong(0, 1 << 20) & -4L);
            sb.append(kinds[r.nextInt(3)]).append(" 0x").append(Long.toHexString(a)).append(" 4\n");
        }
        return sb.toString();
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        Map<String, List<String>> traces = Map.of(
            "alloc", List.of("mst", "msb", "rep", "vgmalloc", "mtrace", "heaptrack"),
            "access", List.of("mst", "msb", "lackey", "din", "din-ext"));
        for (var e : traces.entrySet()) {
            for (String a : e.getValue()) {
                for (String b : e.getValue()) {
                    out.add(Arguments.of(e.getKey(), a, b));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} trace: {1} -> {2}")
    @MethodSource("pairs")
    void convertsBetweenEveryPair(String trace, String from, String to) throws Exception {
        String original = trace.equals("alloc") ? allocTrace() : accessTrace();
        TraceFormat a = TraceFormats.byName(from);
        TraceFormat b = TraceFormats.byName(to);
        byte[] inA = TraceTesting.write(a, original);
        // A -> B, the way memsim convert --lossy does it: detect A, zstd-compress B
        ByteArrayOutputStream outB = new ByteArrayOutputStream();
        try (OpenTrace t = Traces.open(new ByteArrayInputStream(inA), "in" + a.extensions().get(0), inA.length, null);
             TraceWriter w = Traces.writer(b, outB, "out" + b.extensions().get(0) + ".zst")) {
            assertEquals(from, t.format().name(), "detected format");
            LossySink lossy = new LossySink(w);
            if (NO_ADDRESSES.contains(from) && ADDRESSES_REQUIRED.contains(to)) {
                InputException e = assertThrows(InputException.class, () -> t.reader().replay(lossy));
                assertTrue(e.getMessage().contains("convert to mst or msb"), e.getMessage());
                return;
            }
            t.reader().replay(lossy);
            // importers that name a process (Valgrind's --PID--) add a start event rep cannot hold
            assertTrue(Set.of(EventKind.PROCESS_START).containsAll(lossy.dropped().keySet()), lossy.dropped().toString());
        }
        TextRecorder back = new TextRecorder();
        try (OpenTrace t = Traces.open(new ByteArrayInputStream(outB.toByteArray()), "out", -1, null)) {
            assertEquals(to, t.format().name(), "detected format after zstd");
            t.reader().replay(back);
        }
        boolean dropAddr = NO_ADDRESSES.contains(from) || NO_ADDRESSES.contains(to);
        assertEquals(normalize(TraceTesting.lines(original), dropAddr), normalize(back.lines(), dropAddr));
    }

    static List<String> normalize(List<String> lines, boolean dropAddresses) {
        Map<String, String> ids = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("start ") || l.startsWith("switch ") || l.startsWith("site ")) {
                continue;
            }
            String s = l.replaceAll(" site=\\d+", "");
            if (dropAddresses) {
                s = s.replaceAll(" addr=0x[0-9a-f]+", "");
            }
            String[] f = s.split(" ");
            if (f[0].equals("alloc") || f[0].equals("free") || f[0].equals("realloc") || f[0].equals("calloc")) {
                f[1] = ids.computeIfAbsent(f[1], k -> Integer.toString(ids.size()));
                s = String.join(" ", f);
            }
            out.add(s);
        }
        return out;
    }
}
