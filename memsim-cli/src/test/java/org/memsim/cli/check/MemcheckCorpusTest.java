package org.memsim.cli.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus is right: Valgrind memcheck, run on each program compiled with gcc, reports exactly
 * what the program's {@code expect:} lines say (and nothing on the clean ones). Skipped without gcc
 * or valgrind.
 */
class MemcheckCorpusTest {

    static List<CorpusProgram> corpus() throws Exception {
        return CorpusProgram.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void memcheckReportsWhatTheHeaderSays(CorpusProgram program) throws Exception {
        CorpusRuns.requireTools();
        List<Finding> found = CorpusRuns.memcheck(program);
        Finding.Comparison c = Finding.compare(program.memcheck(), found);
        assertTrue(c.agrees(), program.name() + ": memcheck disagrees with the header\n" + c.describe());
    }
}
