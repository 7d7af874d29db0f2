package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property, over seeded random programs: a well-formed program has no findings; a program with one
 * injected bug has exactly that finding, at the injected event — with recorded addresses (as a
 * capture gives them) and with blocks placed by the checker's ptmalloc.
 */
class RandomProgramTest {
    private static final int OPS = 400;

    static Stream<Arguments> cases() {
        return Stream.of(RandomPrograms.Bug.values()).flatMap(bug -> Stream.of(true, false).flatMap(recorded ->
            LongStream.rangeClosed(1, 10).boxed().map(seed -> Arguments.of(bug, recorded, seed))))
            .filter(a -> a.get()[0] != RandomPrograms.Bug.UNDERFLOW || (Boolean) a.get()[1]); // .mst offsets are >= 0
    }

    @ParameterizedTest(name = "{0} recorded={1} seed={2}")
    @MethodSource("cases")
    void theInjectedBugAndNothingElse(RandomPrograms.Bug bug, boolean recorded, long seed) {
        RandomPrograms p = RandomPrograms.generate(seed * 7919 + bug.ordinal(), recorded, bug, OPS);
        CheckResult r = Checks.text(p.text.toString());
        List<Finding> fs = r.findings();
        if (bug == RandomPrograms.Bug.NONE) {
            assertTrue(fs.isEmpty(), () -> "clean program has findings: " + fs.stream().map(f -> f.event() + " " + f.what()).toList());
            return;
        }
        FindingKind expected = switch (bug) {
            case USE_AFTER_FREE -> FindingKind.USE_AFTER_FREE;
            case DOUBLE_FREE -> FindingKind.DOUBLE_FREE;
            case INVALID_FREE -> FindingKind.INVALID_FREE;
            case OVERFLOW -> FindingKind.HEAP_OVERFLOW;
            case UNDERFLOW -> FindingKind.HEAP_UNDERFLOW;
            case UNINITIALIZED -> FindingKind.UNINITIALIZED_READ;
            case LEAK -> FindingKind.LEAK;
            default -> throw new AssertionError(bug);
        };
        assertTrue(!fs.isEmpty(), "the injected " + bug + " was not found");
        Finding f = fs.get(0);
        assertEquals(expected, f.kind(), () -> fs.stream().map(x -> x.event() + " " + x.kind() + " " + x.what()).toList().toString());
        assertEquals(bug == RandomPrograms.Bug.LEAK ? p.events() : p.bugEvent, f.event(), f.what());
        if (bug != RandomPrograms.Bug.LEAK) {
            long others = fs.stream().filter(x -> x.kind() != FindingKind.LEAK && x != f).count();
            assertEquals(0, others, () -> "findings besides the injected one: " + fs.stream().map(x -> x.event() + " " + x.what()).toList());
        } else {
            assertEquals(1, fs.size());
        }
    }
}
