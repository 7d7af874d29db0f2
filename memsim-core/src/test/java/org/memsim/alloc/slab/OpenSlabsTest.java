package org.memsim.alloc.slab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link OpenSlabs} against a reference: one linked freelist per slab and plain lists of slabs. */
class OpenSlabsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 21, 64, 65, 200})
    void randomOperationsMatchLinkedFreelists(int perSlab) {
        for (long seed = 1; seed <= 5; seed++) {
            run(perSlab, new SplittableRandom(seed * 31 + perSlab));
        }
    }

    private static void run(int perSlab, SplittableRandom rnd) {
        OpenSlabs os = new OpenSlabs(perSlab);
        Map<Integer, ArrayDeque<Integer>> freelist = new HashMap<>(); // record -> its objects' freelist, head first
        Map<Integer, Integer> slabOf = new HashMap<>();
        List<LinkedList<Integer>> lists = List.of(new LinkedList<>(), new LinkedList<>(), new LinkedList<>());
        int nextSlab = 0;
        for (int step = 0; step < 3000; step++) {
            List<Integer> records = new ArrayList<>(freelist.keySet());
            int op = rnd.nextInt(10);
            if (records.isEmpty() || op == 0) {
                boolean full = rnd.nextBoolean();
                int slab = nextSlab++;
                int r = os.open(slab, 4096L * slab, 64L * slab, full ? perSlab : 0);
                ArrayDeque<Integer> fl = new ArrayDeque<>();
                if (!full) {
                    for (int i = 0; i < perSlab; i++) {
                        fl.addLast(i);
                    }
                }
                freelist.put(r, fl);
                slabOf.put(r, slab);
                int l = rnd.nextBoolean() ? OpenSlabs.PARTIAL : OpenSlabs.EMPTY;
                os.pushFront(l, r);
                lists.get(l).addFirst(r);
                continue;
            }
            int r = records.get(rnd.nextInt(records.size()));
            ArrayDeque<Integer> fl = freelist.get(r);
            if (op <= 4 && !fl.isEmpty()) {
                assertEquals(fl.pollFirst(), os.take(r));
            } else if (op <= 7 && fl.size() < perSlab) {
                int i;
                do {
                    i = rnd.nextInt(perSlab);
                } while (fl.contains(i));
                os.give(r, i);
                fl.addFirst(i);
            } else if (op == 8) {
                int l = rnd.nextBoolean() ? OpenSlabs.PARTIAL : OpenSlabs.EMPTY;
                os.move(r, l);
                assertEquals(l, os.listOf(r));
                for (LinkedList<Integer> list : lists) {
                    list.remove((Integer) r);
                }
                lists.get(l).addFirst(r);
            } else if (op == 9) {
                os.unlink(r);
                for (LinkedList<Integer> list : lists) {
                    list.remove((Integer) r);
                }
                os.close(r);
                freelist.remove(r);
                continue;
            }
            check(os, r, perSlab, fl, slabOf.get(r));
            for (int l : new int[] {OpenSlabs.PARTIAL, OpenSlabs.EMPTY}) {
                List<Integer> seen = new ArrayList<>();
                for (int x = os.first(l); x != OpenSlabs.NIL; x = os.next(x)) {
                    seen.add(x);
                }
                assertEquals(lists.get(l), seen, "list " + l);
                assertEquals(lists.get(l).size(), os.length(l));
            }
        }
        for (Map.Entry<Integer, ArrayDeque<Integer>> e : freelist.entrySet()) {
            check(os, e.getKey(), perSlab, e.getValue(), slabOf.get(e.getKey()));
        }
    }

    private static void check(OpenSlabs os, int r, int perSlab, ArrayDeque<Integer> fl, int slab) {
        assertEquals(slab, os.slab(r));
        assertEquals(4096L * slab, os.base(r));
        assertEquals(64L * slab, os.descriptor(r));
        assertEquals(perSlab - fl.size(), os.used(r));
        assertArrayEquals(fl.stream().mapToInt(Integer::intValue).toArray(), os.freelist(r));
        for (int i = 0; i < perSlab; i++) {
            assertEquals(fl.contains(i), os.isFree(r, i), "object " + i);
        }
    }
}
