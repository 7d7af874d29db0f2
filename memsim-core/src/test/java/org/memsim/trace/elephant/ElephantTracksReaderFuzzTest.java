package org.memsim.trace.elephant;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.memsim.trace.ParserFuzzing;

class ElephantTracksReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        ParserFuzzing.parseOrReject(new ElephantTracksFormat(), input);
    }
}
