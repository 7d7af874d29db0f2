package org.memsim.gc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.memsim.event.EventSink;

/**
 * A seeded random mutator for property tests, with its own model of the object graph: it only
 * ever names objects the program can still reach (from a root or the allocation register), as a
 * real program can only touch objects it references. After the run, the model says which objects
 * are garbage and which of those plain reference counting cannot free (cycles and what they reach).
 */
final class RandomMutator {
    final Map<Long, long[]> slots = new HashMap<>();
    final Map<Long, Integer> rootCounts = new HashMap<>();
    long register = EventSink.NULL_ID;
    private long nextId;
    private final Random random;

    RandomMutator(long seed) {
        random = new Random(seed);
    }

    void run(EventSink sink, int ops) {
        for (int n = 0; n < ops; n++) {
            List<Long> reach = new ArrayList<>(reachable());
            reach.sort(null);
            int op = random.nextInt(100);
            if (op < 35 || reach.isEmpty()) {
                long id = nextId++;
                int k = random.nextInt(4);
                sink.newObject(id, 16 + 8L * random.nextInt(40), k, 0, 0);
                long[] s = new long[k];
                java.util.Arrays.fill(s, EventSink.NULL_ID);
                slots.put(id, s);
                register = id;
                if (random.nextInt(3) == 0) {
                    sink.rootAdd(id);
                    rootCounts.merge(id, 1, Integer::sum);
                }
            } else if (op < 75) {
                long src = reach.get(random.nextInt(reach.size()));
                long[] s = slots.get(src);
                if (s.length == 0) {
                    continue;
                }
                int k = random.nextInt(s.length);
                long t = random.nextInt(5) == 0 ? EventSink.NULL_ID : reach.get(random.nextInt(reach.size()));
                sink.refWrite(src, k, t);
                s[k] = t;
            } else if (op < 85) {
                long id = reach.get(random.nextInt(reach.size()));
                sink.rootAdd(id);
                rootCounts.merge(id, 1, Integer::sum);
            } else if (op < 97) {
                if (rootCounts.isEmpty()) {
                    continue;
                }
                List<Long> rooted = new ArrayList<>(rootCounts.keySet());
                rooted.sort(null);
                long id = rooted.get(random.nextInt(rooted.size()));
                sink.rootRemove(id);
                rootCounts.compute(id, (key, c) -> c == 1 ? null : c - 1);
            } else {
                sink.safepoint();
            }
        }
    }

    Set<Long> reachable() {
        Set<Long> seen = new HashSet<>();
        List<Long> stack = new ArrayList<>(rootCounts.keySet());
        if (register != EventSink.NULL_ID && slots.containsKey(register)) {
            stack.add(register);
        }
        while (!stack.isEmpty()) {
            long i = stack.remove(stack.size() - 1);
            if (!slots.containsKey(i) || !seen.add(i)) {
                continue;
            }
            for (long t : slots.get(i)) {
                if (t != EventSink.NULL_ID) {
                    stack.add(t);
                }
            }
        }
        return seen;
    }

    /** Objects ever allocated that are unreachable at the end (register released). */
    Set<Long> garbageAtEnd() {
        register = EventSink.NULL_ID;
        Set<Long> g = new HashSet<>(slots.keySet());
        g.removeAll(reachable());
        return g;
    }

    /** Of the garbage, what plain reference counting frees: repeatedly drop garbage nobody points to. */
    long rcLeakAtEnd() {
        Set<Long> garbage = garbageAtEnd();
        Map<Long, Integer> in = new HashMap<>();
        for (long g : garbage) {
            in.putIfAbsent(g, 0);
            for (long t : slots.get(g)) {
                if (t != EventSink.NULL_ID && garbage.contains(t)) {
                    in.merge(t, 1, Integer::sum);
                }
            }
        }
        List<Long> zero = new ArrayList<>();
        in.forEach((k, v) -> {
            if (v == 0) {
                zero.add(k);
            }
        });
        Set<Long> freed = new HashSet<>();
        while (!zero.isEmpty()) {
            long x = zero.remove(zero.size() - 1);
            if (!freed.add(x)) {
                continue;
            }
            for (long t : slots.get(x)) {
                if (t != EventSink.NULL_ID && garbage.contains(t) && in.merge(t, -1, Integer::sum) == 0) {
                    zero.add(t);
                }
            }
        }
        return garbage.size() - freed.size();
    }
}
