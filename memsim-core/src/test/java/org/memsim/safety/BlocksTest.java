package org.memsim.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlocksTest {
    @Test
    void aBlockIsFoundByIdAndStartWhileLiveThenWhileFreedThenForgotten() {
        Blocks b = new Blocks();
        int s = b.born(5, 0x1000, 24, 0x1000, 3, 0);
        assertEquals(s, b.live(5));
        assertEquals(s, b.startingAt(0x1000, 0x1010, true));
        assertEquals(-1, b.startingAt(0x1000, 0x1018, true), "0x1018 is past the 24 bytes");
        b.died(s, 9, 2, true);
        assertEquals(-1, b.live(5));
        assertEquals(s, b.freed(5));
        assertEquals(9, b.freeEvent[s]);
        assertEquals(0, b.liveCount());
        b.forget(s);
        assertEquals(-1, b.freed(5));
        int again = b.born(6, 0x2000, 8, 0x2000, 10, 0);
        assertEquals(s, again, "slots are recycled");
    }

    @Test
    void aNewerBlockAtTheSameStartKeepsTheIndex() {
        Blocks b = new Blocks();
        int old = b.born(1, 0x1000, 24, 0x1000, 0, 0);
        b.died(old, 1, 0, true);
        int young = b.born(2, 0x1000, 24, 0x1000, 2, 0);
        b.forget(old);
        assertEquals(young, b.startingAt(0x1000, 0x1000, true));
        assertEquals(young, b.live(2));
    }

    @Test
    void aCopyIsIndependent() {
        Blocks b = new Blocks();
        int s = b.born(1, 0x1000, 24, 0x1000, 0, 0);
        Blocks c = b.copy();
        b.died(s, 1, 0, true);
        assertEquals(s, c.live(1), "the child's copy is still live");
        assertTrue(c.liveCount() == 1 && b.liveCount() == 0);
    }
}
