package org.memsim.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memsim.stack.ManagedStack;
import org.memsim.stack.StackSpec;

/**
 * Every collector on seeded random object graphs, with the oracle after every collection: no
 * reachable object freed, and after a full collection nothing unreachable left. Heaps are small so
 * that collections of every kind happen many times.
 */
class CollectorPropertyTest {
    static final List<String> COLLECTORS = List.of(
        "rc", "rc:cycles=false", "rc:threshold0=20,threshold1=3,threshold2=3",
        "marksweep:heap=64k,max=64m", "markcompact:heap=64k,max=64m", "semispace:heap=64k,max=64m",
        "generational:nursery=16k,heap=64k,max=64m", "generational:nursery=16k,heap=64k,max=64m,old=markcompact,promote=1",
        "regional:region=16k,heap=1m", "concurrent:gogc=50,min=64k", "concurrent:gogc=100,min=64k,limit=256k");

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (String c : COLLECTORS) {
            for (long seed = 1; seed <= 6; seed++) {
                a.add(Arguments.of(c, seed));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void randomGraphs(String collector, long seed) {
        if (!isRegistered(collector)) {
            return;
        }
        ManagedStack stack = ManagedStack.build(StackSpec.defaults(), collector);
        stack.runtime().setCheck(true);
        RandomMutator m = new RandomMutator(seed);
        m.run(stack.entry(), 6000);
        stack.entry().end();
        GcResult r = stack.gcResult();
        Oracle.verify(stack.runtime().table(), stack.runtime().roots(), false, "end");
        long expectedLeak = collector.startsWith("rc:cycles=false") ? m.rcLeakAtEnd() : 0;
        assertEquals(expectedLeak, r.objectsLeaked(), collector + ": objects leaked after the final collection");
        assertEquals(r.objectsAllocated() - r.objectsFreed(), stack.runtime().table().live());
        assertTrue(r.collections() > 0 || collector.startsWith("rc:cycles=false"), collector + " never collected");
        if (!collector.startsWith("rc:cycles=false")) {
            assertTrue(stack.runtime().context().checks() > 0, "the oracle ran");
        }
    }

    static boolean isRegistered(String spec) {
        String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        return Collectors.REGISTRY.entries().stream().anyMatch(e -> e.name().equals(name));
    }
}
