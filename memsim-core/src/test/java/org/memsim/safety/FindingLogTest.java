package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class FindingLogTest {
    private static Finding f(FindingKind kind, long event, long allocEvent, String access) {
        return new Finding(kind, event, 0x1000 + event, "x", access, 8,
            new Finding.Block(7, 24, allocEvent, -1, 0, 0), 0);
    }

    @Test
    void repeatsOfOneKindBlockAndAccessFoldIntoTheFirst() {
        FindingLog log = new FindingLog(10);
        Finding first = log.add(f(FindingKind.HEAP_OVERFLOW, 5, 1, "write"));
        assertSame(first, log.add(f(FindingKind.HEAP_OVERFLOW, 9, 1, "write")));
        log.add(f(FindingKind.HEAP_OVERFLOW, 11, 1, "read"));      // another access direction
        log.add(f(FindingKind.HEAP_OVERFLOW, 3, 2, "write"));      // another block (allocated elsewhere)
        assertEquals(2, first.count());
        assertEquals(3, log.findings().size());
        assertEquals(3, log.findings().get(0).event(), "sorted by event");
    }

    @Test
    void theCapCountsWhatItLeavesOut() {
        FindingLog log = new FindingLog(1);
        log.add(f(FindingKind.USE_AFTER_FREE, 1, 1, "read"));
        assertNull(log.add(f(FindingKind.USE_AFTER_FREE, 2, 2, "read")));
        assertNull(log.add(f(FindingKind.USE_AFTER_FREE, 3, 3, "read")));
        assertEquals(2, log.suppressed());
        assertEquals(1, log.findings().size());
    }
}
