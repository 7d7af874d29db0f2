package org.memsim.trace.msb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.memsim.trace.ParserFuzzing;

class MsbReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        ParserFuzzing.parseOrReject(new MsbFormat(), input);
    }
}
