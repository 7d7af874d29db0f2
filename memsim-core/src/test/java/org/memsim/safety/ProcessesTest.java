package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Captured traces of several processes: a forked child has a copy of its parent's heap, named by the same ids. */
class ProcessesTest {
    private static List<String> kinds(CheckResult r) {
        return r.findings().stream().map(f -> f.kind().json() + "@" + f.event() + ":pid" + f.pid()).toList();
    }

    @Test
    void parentAndChildEachFreeTheirCopyOnce() {
        String t = "start 10\nalloc 1 32 addr=0x1000\nfork 10 11\nfree 1\nswitch 11 11\nstore 0x1000 8\nfree 1\nexit 11 0\n"
            + "switch 10 10\nload 0x1000 8\nexit 10 0\n";
        assertEquals(List.of("use-after-free@9:pid10"), kinds(Checks.text(t)),
            "the child's write and free are its own copy's; the parent's read after its free is a use after free");
    }

    @Test
    void aDoubleFreeInTheChildIsTheChilds() {
        String t = "start 10\nalloc 1 32 addr=0x1000\nfork 10 11\nswitch 11 11\nfree 1\nfree 1\nexit 11 0\nswitch 10 10\nfree 1\nexit 10 0\n";
        assertEquals(List.of("double-free@5:pid11"), kinds(Checks.text(t)));
    }

    @Test
    void leaksAreScannedAtEachProcesssExitWithItsOwnSnapshots() {
        String t = "start 10\nalloc 1 32 addr=0x1000\nalloc 2 32 addr=0x2000\nfork 10 11\nswitch 11 11\nword 0x7ffd0000 0x1000\nexit 11 0\n"
            + "switch 10 10\nfree 2\nexit 10 0\n";
        CheckResult r = Checks.text(t);
        assertEquals(List.of("leak@6:pid11", "leak@9:pid10"), kinds(r));
        assertEquals(List.of("definitely lost", "unknown"), r.findings().stream().map(Finding::classification).toList());
        assertEquals(1, r.leaks().blocks()[3], "the child's block 1 is still reachable from its stack");
    }

    @Test
    void execStartsAnEmptyHeap() {
        String t = "start 10\nalloc 1 32 addr=0x1000\nfree 1\nstart 10\nalloc 1 32 addr=0x1000\nfree 1\n";
        assertEquals(List.of(), kinds(Checks.text(t)));
    }
}
