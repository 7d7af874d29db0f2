package org.memsim.trace.mst;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.memsim.trace.ParserFuzzing;

class MstReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        ParserFuzzing.parseOrReject(new MstFormat(), input);
    }
}
