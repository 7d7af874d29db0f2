package org.memsim.trace.jfr;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.memsim.trace.ParserFuzzing;

class JfrReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        ParserFuzzing.parseOrReject(new JfrFormat(), input);
    }
}
