package org.memsim.trace;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.memsim.InputException;
import org.memsim.event.KindCounter;

/** Any bytes through the whole opening path — compression detection, format sniffing, the chosen reader. */
class TracesOpenFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void open(byte[] input) {
        try (OpenTrace t = Traces.open(new ByteArrayInputStream(input), "fuzz-input", input.length, null)) {
            t.reader().replay(new KindCounter());
        } catch (InputException expected) {
            if (!expected.getMessage().startsWith("fuzz-input")) {
                throw new AssertionError("rejection does not name the source: " + expected.getMessage(), expected);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
