package org.memsim.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pieces of the memcheck comparison on fixed inputs: the corpus header grammar, the one-to-one
 * matching, and memcheck XML recorded on this machine (Valgrind 3.19, trimmed to paths under /corpus).
 */
class MemcheckXmlTest {

    private static Path xml(String name) throws Exception {
        return Path.of(MemcheckXmlTest.class.getResource("memcheck/" + name + ".xml").toURI());
    }

    @Test
    void leakRecordsBecomeOneFindingPerBlockWithTheDirectBytes() throws Exception {
        // "32 bytes in 2 blocks are indirectly lost", "48 (16 direct, 32 indirect) bytes in 1 blocks are definitely lost"
        List<Finding> found = Memcheck.parse(xml("leak-indirect"));
        assertEquals("[leak indirect block=16, leak indirect block=16, leak definite block=16]", found.toString());
    }

    @Test
    void accessesGetKindSizeAndOffsetFromTheBlock() throws Exception {
        assertEquals("[heap-underflow write size=1 block=16 offset=-1]", Memcheck.parse(xml("heap-underflow-write")).toString());
        assertEquals("[use-after-free write size=4 block=32 offset=20]", Memcheck.parse(xml("use-after-free-write")).toString());
        // "Invalid read of size 16", "8 bytes inside a block of size 16 alloc'd": starts inside, runs past the end
        assertEquals("[heap-overflow read size=16 block=16 offset=8]", Memcheck.parse(xml("heap-overflow-vector-read")).toString());
    }

    @Test
    void aFreeOfAStackAddressHasNoBlock() throws Exception {
        assertEquals("[invalid-free free block=none]", Memcheck.parse(xml("invalid-free-stack")).toString());
    }

    @Test
    void headerLinesParseAndCountExpands() {
        CorpusProgram p = CorpusProgram.parse("x", Path.of("x.c"), String.join("\n",
            "/*", " * expect: leak definite block=16", " * expect: leak indirect block=16 count=2", " */"));
        assertEquals("[leak definite block=16, leak indirect block=16, leak indirect block=16]", p.memcheck().toString());
        assertEquals(p.memcheck(), p.memsim(), "without expect-memsim lines memsim must match memcheck");
        CorpusProgram q = CorpusProgram.parse("y", Path.of("y.c"),
            "/* expect: uninitialized-read condition\n * expect-memsim: uninitialized-read read size=4 block=16 offset=+8 */");
        assertEquals("[uninitialized-read read size=4 block=16 offset=8]", q.memsim().toString());
        assertThrows(IllegalArgumentException.class, () -> CorpusProgram.parse("z", Path.of("z.c"), "int main;"));
        assertThrows(IllegalArgumentException.class, () -> CorpusProgram.parseSpec("z", "leak definite colour=red"));
    }

    @Test
    void matchingIsOneToOneAndStatedFieldsMustAgree() {
        Finding expected = CorpusProgram.parseSpec("t", "heap-overflow write size=4 block=44 offset=44").get(0);
        Finding sameButRead = new Finding("heap-overflow", "read", 4L, 44L, 44L, false);
        Finding unstatedDetail = new Finding("heap-overflow", null, null, 44L, 44L, false);
        assertFalse(expected.admits(sameButRead));
        assertFalse(expected.admits(unstatedDetail), "a field the expectation states must be reported");
        assertTrue(unstatedDetail.admits(new Finding("heap-overflow", "write", 4L, 44L, 44L, false)));
        Finding.Comparison c = Finding.compare(List.of(expected, expected), List.of(expected));
        assertFalse(c.agrees());
        assertEquals(1, c.missing().size());
        assertTrue(Finding.compare(List.of(), List.of()).agrees());
        assertFalse(Finding.compare(List.of(), List.of(expected)).agrees(), "a finding on a clean program is a disagreement");
    }
}
