package org.memsim.alloc.freelist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SequencePositions} orders blocks as {@link SequenceOrderedList} does (the position of every
 * block, through inserts, splits that keep a block's end and removals), on seeded random operations.
 */
class SequencePositionsTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void positionsAgreeWithTheLinkedList(boolean lifo) {
        SequencePositions light = new SequencePositions(lifo);
        SequenceOrderedList linked = new SequenceOrderedList(lifo);
        Random r = new Random(lifo ? 5 : 6);
        List<long[]> blocks = new ArrayList<>(); // {start, size}
        long next = 0x1000;
        for (int i = 0; i < 20_000; i++) {
            int op = blocks.isEmpty() ? 0 : r.nextInt(3);
            if (op == 0) {
                long size = 16L * (2 + r.nextInt(50));
                long[] b = {next, size};
                next += size + 16L * r.nextInt(4);
                assertEquals(linked.insert(b[0], b[1]), light.insert(b[0], b[1]));
                blocks.add(b);
            } else if (op == 1) {
                long[] b = blocks.remove(r.nextInt(blocks.size()));
                assertEquals(linked.remove(b[0], b[1]), light.remove(b[0], b[1]));
                assertFalse(light.contains(b[0], b[1]));
            } else { // a split: the remainder at the back keeps the block's end and its place
                long[] b = blocks.get(r.nextInt(blocks.size()));
                if (b[1] > 32) {
                    long cut = 16L * (1 + r.nextInt((int) (b[1] / 16) - 1));
                    long before = light.position(b[0], b[1]);
                    linked.replace(b[0], b[1], b[0] + cut, b[1] - cut);
                    light.replace(b[0], b[1], b[0] + cut, b[1] - cut);
                    b[0] += cut;
                    b[1] -= cut;
                    assertEquals(before, light.position(b[0], b[1]));
                }
            }
            assertEquals(linked.size(), light.size());
        }
        for (long[] b : blocks) {
            assertTrue(light.contains(b[0], b[1]));
            assertEquals(linked.position(b[0], b[1]), light.position(b[0], b[1]));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void laterBlocksComeFirstOnlyInLifoOrder(boolean lifo) {
        SequencePositions list = new SequencePositions(lifo);
        ArrayDeque<Long> positions = new ArrayDeque<>();
        for (int i = 0; i < 5; i++) {
            positions.add(list.insert(0x1000 + 64L * i, 32));
        }
        long first = positions.removeFirst();
        for (long p : positions) {
            assertEquals(lifo, p < first, "a later block's position against the first's");
        }
        assertThrows(IllegalStateException.class, () -> list.remove(0x9000, 32));
        assertThrows(UnsupportedOperationException.class, () -> list.firstFit(16));
    }
}
