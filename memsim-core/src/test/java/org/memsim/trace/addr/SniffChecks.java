package org.memsim.trace.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.heaptrack.HeaptrackFormat;
import org.memsim.trace.mst.MstFormat;
import org.memsim.trace.mtrace.MtraceFormat;
import org.memsim.trace.vgmalloc.VgMallocFormat;

/** Each address-based format accepts its real sample and rejects the others' samples, Lackey and mst. */
public final class SniffChecks {
    private SniffChecks() {}

    static final String LACKEY = String.join("\n",
        "==22295== Lackey, an example Valgrind tool",
        "==22295== Command: ./sample-program",
        "==22295== ",
        "I  0401ab70,3",
        " S 1fff000778,8",
        "I  0401b770,1", "");
    static final String MST = "# memsim-trace v1 (grammar: docs/trace-format.md)\nalloc 0 32\nfree 0\n";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SniffChecks.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    public static void assertSniffs(TraceFormat own) throws IOException {
        List<TraceFormat> all = List.of(new VgMallocFormat(), new MtraceFormat(), new HeaptrackFormat(), new MstFormat());
        String[][] samples = {
            {"vgmalloc", "valgrind-trace-malloc.txt"}, {"mtrace", "glibc-mtrace.txt"}, {"heaptrack", "heaptrack-raw.txt"}};
        for (String[] sample : samples) {
            byte[] bytes = resource("/org/memsim/trace/" + sample[0] + "/" + sample[1]);
            int score = own.sniff(bytes, bytes.length, "some-file");
            if (sample[0].equals(own.name())) {
                assertTrue(score >= 80, own.name() + " should accept its sample, got " + score);
                for (TraceFormat o : all) {
                    if (!o.name().equals(own.name())) {
                        assertEquals(0, o.sniff(bytes, bytes.length, "some-file"), o.name() + " claims the " + own.name() + " sample");
                    }
                }
            } else {
                assertEquals(0, score, own.name() + " claims the " + sample[0] + " sample");
            }
        }
        for (String snippet : List.of(LACKEY, MST, "")) {
            byte[] b = snippet.getBytes(StandardCharsets.UTF_8);
            assertEquals(0, own.sniff(b, b.length, "x.txt"), own.name() + " claims " + snippet);
        }
    }
}
