package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuarantineTest {
    @Test
    void oldestLeaveFirstOnceOverTheVolume() {
        Quarantine q = new Quarantine(100);
        for (int s = 0; s < 200; s++) {
            q.push(s, 30);
            while (q.overflowing()) {
                assertEquals(s - 3, q.pop(), "FIFO: the oldest block leaves");
            }
        }
        assertEquals(3, q.blocks());
        assertEquals(90, q.bytes());
    }

    @Test
    void aVolumeOfZeroKeepsNothing() {
        Quarantine q = new Quarantine(0);
        q.push(7, 0);
        assertTrue(q.overflowing());
        assertEquals(7, q.pop());
        assertFalse(q.overflowing());
    }

    @Test
    void aUseAfterFreeIsForgottenOnceTheQuarantineMovesOn() {
        String trace = "alloc 1 64 addr=0x1000\nfree 1\nalloc 2 64 addr=0x2000\nfree 2\nload 0x1000 8\n";
        assertEquals(1, Checks.of(Checks.text(trace), FindingKind.USE_AFTER_FREE).size());
        CheckResult small = Checks.text(trace, CheckOptions.defaults().withQuarantine(64));
        assertEquals(0, Checks.of(small, FindingKind.USE_AFTER_FREE).size(), "block 1 left when block 2 came in");
    }
}
