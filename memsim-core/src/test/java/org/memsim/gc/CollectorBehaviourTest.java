package org.memsim.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memsim.stack.ManagedStack;
import org.memsim.stack.Replay;
import org.memsim.stack.StackSpec;
import org.memsim.trace.gen.GeneratorSource;

/** Each collector shows the behaviour it is named for, on the generators that exercise it. */
class CollectorBehaviourTest {
    static GcResult run(String gen, String collector) throws IOException {
        ManagedStack s = ManagedStack.build(StackSpec.defaults(), collector);
        s.runtime().setCheck(true);
        Replay.run(GeneratorSource.parse(gen, 7), List.of(s));
        return s.gcResult();
    }

    @Test
    void plainReferenceCountingLeaksEveryNodeCycleAndTheDetectorFreesThem() throws IOException {
        GcResult plain = run("gen:node-cycle:pairs=5000", "rc:cycles=false");
        assertEquals(10000, plain.objectsLeaked());
        assertEquals(0, plain.objectsFreed());
        assertEquals(0, plain.collections());
        GcResult detector = run("gen:node-cycle:pairs=5000", "rc");
        assertEquals(0, detector.objectsLeaked());
        assertEquals(10000, detector.objectsFreed());
        // 10,000 containers at threshold 700: about 14 generation-0 collections, one of generation 1 per 10
        assertTrue(detector.collectionsByKind().get("cycles-young") >= 12, detector.collectionsByKind().toString());
        assertTrue(detector.peakHeapBytes() < plain.peakHeapBytes() / 5, "the detector keeps the heap small");
        for (String c : List.of("marksweep", "markcompact", "semispace", "generational", "regional:heap=64m", "concurrent")) {
            assertEquals(0, run("gen:node-cycle:pairs=5000", c).objectsLeaked(), c);
        }
    }

    @Test
    void generationalCollectsMostlyMinorAndPromotesFew() throws IOException {
        GcResult g = run("gen:request-scoped:requests=20000,objects=20,survive=0.01,keep=200", "generational:nursery=1m");
        long minors = g.collectionsByKind().getOrDefault("minor", 0L);
        assertTrue(minors >= 10, g.toString());
        GcResult ms = run("gen:request-scoped:requests=20000,objects=20,survive=0.01,keep=200", "marksweep:heap=1m");
        assertTrue(g.pauseMaxNs() < ms.pauseMaxNs() * 2, "minor pauses stay short");
        assertTrue(g.objectsCopied() < g.objectsAllocated() / 10, "most objects die before they are copied: " + g);
    }

    @Test
    void regionalRunsMarkingAndMixedCollections() throws IOException {
        GcResult r = run("gen:cache:entries=20000,ops=300000,size=256,churn=0.5", "regional:heap=16m,region=256k");
        assertTrue(r.collectionsByKind().getOrDefault("young", 0L) > 0, r.collectionsByKind().toString());
        assertTrue(r.collectionsByKind().getOrDefault("concurrent", 0L) > 0, r.collectionsByKind().toString());
        assertTrue(r.collectionsByKind().getOrDefault("mixed", 0L) > 0, r.collectionsByKind().toString());
    }

    @Test
    void concurrentKeepsResidentNearItsSoftLimit() throws IOException {
        GcResult unlimited = run("gen:cache:entries=20000,ops=200000,size=512,churn=0.5,temps=8", "concurrent:gogc=400");
        GcResult limited = run("gen:cache:entries=20000,ops=200000,size=512,churn=0.5,temps=8", "concurrent:gogc=400,limit=24m");
        assertTrue(limited.collections() > unlimited.collections(), limited + " vs " + unlimited);
        assertTrue(limited.peakHeapBytes() < unlimited.peakHeapBytes(), limited + " vs " + unlimited);
        assertTrue(limited.peakHeapBytes() <= 26L << 20, "peak heap near the 24 MiB limit: " + limited.peakHeapBytes());
    }

    @Test
    void aGrowingLeakRunsOutOfMemoryUnderAHeapLimit() throws IOException {
        GcResult r = run("gen:leak:requests=100000,objects=2,leak=2,size=64", "marksweep:heap=1m,max=4m");
        assertTrue(r.death() != null && r.death().startsWith("out of memory"), String.valueOf(r.death()));
        assertEquals(0, r.objectsLeaked(), "a leak in a collected language is reachable: nothing counts as leaked");
    }
}
