package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShadowMemoryTest {
    private static int bit(int state) {
        return 1 << state;
    }

    @Test
    void untouchedMemoryIsUntracked() {
        ShadowMemory m = new ShadowMemory();
        assertEquals(bit(ShadowMemory.UNTRACKED), m.states(0x7fff0000L, 64));
        assertEquals(0, m.trackedPages());
    }

    @Test
    void statesOfARangeAcrossPagesAndRuns() {
        ShadowMemory m = new ShadowMemory();
        m.fill(0x1000 - 8, 16, ShadowMemory.UNDEFINED);
        m.fill(0x1008, 8, ShadowMemory.REDZONE);
        assertEquals(bit(ShadowMemory.UNDEFINED), m.states(0x1000 - 8, 16));
        assertEquals(bit(ShadowMemory.UNDEFINED) | bit(ShadowMemory.REDZONE), m.states(0x1004, 8));
        assertEquals(bit(ShadowMemory.UNTRACKED) | bit(ShadowMemory.REDZONE), m.states(0x100c, 100));
        assertEquals(ShadowMemory.REDZONE, m.state(0x100f));
        assertEquals(ShadowMemory.UNTRACKED, m.state(0x1010));
    }

    @Test
    void defineTurnsOnlyUndefinedBytesDefined() {
        ShadowMemory m = new ShadowMemory();
        m.fill(0x2000, 100, ShadowMemory.UNDEFINED);
        m.fill(0x2064, 16, ShadowMemory.REDZONE);
        m.define(0x2000, 116);
        assertEquals(bit(ShadowMemory.DEFINED), m.states(0x2000, 100));
        assertEquals(bit(ShadowMemory.REDZONE), m.states(0x2064, 16));
    }

    @Test
    void fillWhereLeavesOtherStatesAlone() {
        ShadowMemory m = new ShadowMemory();
        m.fill(0x3000, 8, ShadowMemory.DEFINED);
        m.fillWhere(0x2ff8, 24, bit(ShadowMemory.UNTRACKED), ShadowMemory.REDZONE);
        assertEquals(bit(ShadowMemory.DEFINED), m.states(0x3000, 8));
        assertEquals(bit(ShadowMemory.REDZONE), m.states(0x2ff8, 8));
        assertEquals(bit(ShadowMemory.REDZONE), m.states(0x3008, 8));
    }

    @Test
    void aGigabyteBlockTakesUniformPagesNotArrays() {
        ShadowMemory m = new ShadowMemory();
        long base = 0x7f0000000000L + 16;
        m.fill(base, 1L << 30, ShadowMemory.UNDEFINED);
        assertTrue(m.detailedPages() <= 2, "only the two partial pages are arrays: " + m.detailedPages());
        assertTrue(m.footprintBytes() < 64L << 20, "shadow of 1 GiB: " + m.footprintBytes() + " host bytes");
        m.define(base + 4096 * 10, 4096 * 3);
        assertEquals(bit(ShadowMemory.DEFINED) | bit(ShadowMemory.UNDEFINED), m.states(base, 1L << 30));
        m.fill(base, 1L << 30, ShadowMemory.UNTRACKED);
        assertTrue(m.detailedPages() <= 2);
    }

    @Test
    void blockStartsAreFoundWalkingDown() {
        ShadowMemory m = new ShadowMemory();
        m.fill(0x10000, 3 * 4096, ShadowMemory.DEFINED);
        m.setStart(0x10000, true);
        m.setStart(0x10800, true);
        assertEquals(0x10800, m.startAtOrBefore(0x12fff, 100));
        assertEquals(0x10800, m.startAtOrBefore(0x10800, 100));
        assertEquals(0x10000, m.startAtOrBefore(0x107ff, 100));
        assertEquals(-1, m.startAtOrBefore(0xffff, 100));
        assertEquals(0x10800, m.startAfter(0x107f0, 16));
        assertEquals(-1, m.startAfter(0x107f0, 15));
        m.setStart(0x10800, false);
        assertEquals(0x10000, m.startAtOrBefore(0x12fff, 100));
    }

    @Test
    void copyCarriesDefinedness() {
        ShadowMemory m = new ShadowMemory();
        m.fill(0x1000, 32, ShadowMemory.UNDEFINED);
        m.define(0x1000, 8);
        m.fill(0x5000, 64, ShadowMemory.UNDEFINED);
        m.copy(0x1000, 0x5000, 32);
        assertEquals(bit(ShadowMemory.DEFINED), m.states(0x5000, 8));
        assertEquals(bit(ShadowMemory.UNDEFINED), m.states(0x5008, 56));
    }
}
