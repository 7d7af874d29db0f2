package org.memsim.trace.din;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.memsim.trace.ParserFuzzing;

class DinExtReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        ParserFuzzing.parseOrReject(new DinExtFormat(), input);
    }
}
