package org.memsim.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The oracle catches the bugs it exists for: a reachable object freed, garbage surviving a full collection, overlapping objects. */
class OracleTest {
    ObjectTable table = new ObjectTable(16);
    Roots roots = new Roots();

    int add(long id, int granule, int slots) {
        return table.add(id, granule, 16, slots);
    }

    @Test
    void aFreedReachableObjectIsReported() {
        int a = add(1, 0, 1);
        int b = add(2, 2, 0);
        roots.add(a);
        table.setSlot(a, 0, b);
        Oracle.verify(table, roots, true, "test");
        table.free(b); // a buggy collector
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Oracle.verify(table, roots, false, "minor"));
        assertTrue(e.getMessage().contains("object 1 slot 0 points at an object that was freed while reachable"), e.getMessage());
    }

    @Test
    void aFreedRootIsReported() {
        int a = add(1, 0, 0);
        roots.add(a);
        table.free(a);
        assertThrows(IllegalStateException.class, () -> Oracle.verify(table, roots, false, "x"));
    }

    @Test
    void garbageAfterAFullCollectionIsReportedButNotAfterAPartialOne() {
        int a = add(1, 0, 1);
        int b = add(2, 2, 1);
        table.setSlot(a, 0, b);
        table.setSlot(b, 0, a); // an unreachable cycle
        Oracle.verify(table, roots, false, "young");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Oracle.verify(table, roots, true, "full"));
        assertTrue(e.getMessage().contains("2 unreachable object(s)"), e.getMessage());
        assertEquals(2, Oracle.unreachable(table, roots));
    }

    @Test
    void overlappingObjectsAreReported() {
        add(1, 0, 0);
        add(2, 2, 0); // 16 bytes at 16: touching, fine
        Oracle.verifyLayout(table, "ok");
        add(3, 3, 0); // 16 bytes at 24: overlaps object 2
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Oracle.verifyLayout(table, "compaction"));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
    }

    @Test
    void tableReusesIndexesAndFindsIdsAfterDeletes() {
        java.util.Random r = new java.util.Random(3);
        java.util.Map<Long, Integer> model = new java.util.HashMap<>();
        long next = 0;
        for (int step = 0; step < 200_000; step++) {
            if (model.isEmpty() || r.nextInt(3) != 0) {
                long id = next++ * 7919 % 1_000_003 + (long) r.nextInt(4) * 1_000_003L;
                if (model.containsKey(id)) {
                    continue;
                }
                int i = table.add(id, step, 8 * (1 + r.nextInt(100_000)), r.nextInt(4));
                model.put(id, i);
            } else {
                long id = model.keySet().iterator().next();
                table.free(model.remove(id));
                assertEquals(ObjectTable.NONE, table.find(id));
            }
        }
        for (var e : model.entrySet()) {
            assertEquals(e.getValue(), table.find(e.getKey()));
            assertEquals(e.getKey(), table.id(e.getValue()));
        }
        assertEquals(model.size(), table.live());
    }
}
