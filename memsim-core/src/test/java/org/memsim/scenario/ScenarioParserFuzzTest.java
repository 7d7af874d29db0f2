package org.memsim.scenario;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.memsim.InputException;

/** Any text as a scenario file either parses or is rejected with a message naming the file. */
class ScenarioParserFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        try {
            ScenarioParser.parse(new String(input, StandardCharsets.UTF_8), "fuzz.scenario");
        } catch (InputException expected) {
            if (!expected.getMessage().startsWith("fuzz.scenario")) {
                throw new AssertionError(expected.getMessage(), expected);
            }
        }
    }
}
