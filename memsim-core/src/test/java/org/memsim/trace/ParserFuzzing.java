package org.memsim.trace;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.memsim.event.KindCounter;

/**
 * The property every parser fuzz test checks: any input either parses or is rejected with a
 * {@link TraceFormatException} (or an {@link org.memsim.InputException}) — never another exception,
 * an OutOfMemoryError or a hang.
 */
public final class ParserFuzzing {
    private ParserFuzzing() {}

    public static void parseOrReject(TraceFormat format, byte[] input) {
        try (TraceReader r = format.reader(new ByteArrayInputStream(input), "fuzz-input")) {
            r.replay(new KindCounter());
        } catch (org.memsim.InputException expected) {
            if (expected.getMessage() == null || !expected.getMessage().startsWith("fuzz-input")) {
                throw new AssertionError("rejection does not name the source: " + expected.getMessage(), expected);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
