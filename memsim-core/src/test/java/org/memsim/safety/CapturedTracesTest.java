package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Traces `memsim capture --accesses` recorded from two small C programs (sources beside them,
 * gcc -O0 -g, glibc 2.36 under Valgrind Lackey), checked against what Valgrind memcheck reports for
 * the same programs on this machine:
 * <pre>
 *  captured-bugs.c:  Invalid write of size 1 … 0 bytes after a block of size 24 alloc'd
 *                    Invalid read of size 1 … 3 bytes inside a block of size 64 free'd
 *                    Conditional jump or move depends on uninitialised value(s)   (u[1], a 4-byte int)
 *  captured-double-free.c: Invalid free() … 0 bytes inside a block of size 40 free'd   (glibc then aborts)
 * </pre>
 */
class CapturedTracesTest {
    private static List<String> errors(CheckResult r) {
        return r.findings().stream().filter(f -> f.kind() != FindingKind.LEAK)
            .map(f -> f.kind().json() + " " + f.access() + " " + f.accessSize() + " / " + f.blockSize()).toList();
    }

    @Test
    void theSameErrorsAsMemcheck() {
        CheckResult r = Checks.resource("captured-bugs.mst.gz", CheckOptions.defaults());
        assertEquals("recorded addresses", r.placement());
        assertEquals(List.of("heap-overflow write 1 / 24", "use-after-free read 1 / 64", "uninitialized-read read 4 / 16"), errors(r));
        Finding uaf = r.findings().get(1);
        assertEquals(3, uaf.address() - 0x4036320L, "3 bytes inside the block, as memcheck says");
    }

    @Test
    void theSameErrorsWhenPtmallocReplacesTheBlocks() {
        CheckResult r = Checks.resource("captured-bugs.mst.gz", CheckOptions.defaults().withAllocator("ptmalloc"));
        assertEquals(List.of("heap-overflow write 1 / 24", "use-after-free read 1 / 64", "uninitialized-read read 4 / 16"), errors(r));
    }

    @Test
    void aDoubleFreeThatAbortedTheRealProgramAbortsTheModelToo() {
        CheckResult plain = Checks.resource("captured-double-free.mst.gz", CheckOptions.defaults());
        assertEquals(List.of("double-free null 0 / 40"), errors(plain));
        CheckResult placed = Checks.resource("captured-double-free.mst.gz", CheckOptions.defaults().withAllocator("ptmalloc"));
        assertEquals("SIGABRT: free(): double free detected in tcache 2", placed.death());
        assertEquals(plain.findings().get(0).event(), placed.deathEvent());
    }
}
