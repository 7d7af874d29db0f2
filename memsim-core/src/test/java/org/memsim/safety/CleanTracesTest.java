package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every generator's workload is a correct program: the checker must stay silent (placement: ptmalloc and freelist). */
class CleanTracesTest {
    @ParameterizedTest
    @ValueSource(strings = {"gen:request-loop:requests=500", "gen:request-loop:requests=300,size=200000",
        "gen:sizes:ops=20000,freeAll=true,touch=true", "gen:sizes:ops=5000,dist=uniform,max=70000,freeAll=true,touch=true",
        "gen:stack-heap:steps=50", "gen:access:count=5000", "gen:isolation", "gen:switches:switches=50", "gen:shared-file",
        "gen:reserve:reserve=64m,touch=1m"})
    void noFindings(String workload) {
        for (String allocator : new String[] {"ptmalloc", "freelist"}) {
            CheckResult r = Checks.generator(workload, 1, CheckOptions.defaults().withAllocator(allocator));
            assertTrue(r.findings().isEmpty(), () -> workload + " on " + allocator + ": "
                + r.findings().stream().map(f -> f.event() + " " + f.kind() + " " + f.what()).toList());
        }
    }
}
