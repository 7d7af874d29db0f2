package org.memsim.alloc.ptmalloc;

import java.util.Random;
import org.memsim.event.EventSink;
import org.memsim.trace.EventSource;

/**
 * A hand-written allocation trace: {@code m ID SIZE} malloc, {@code c ID COUNT SIZE} calloc,
 * {@code r ID SIZE} realloc, {@code f ID} free, {@code a ID ALIGN SIZE} memalign, separated by
 * {@code ;} or newlines; {@code m ID SIZE xN} repeats with ids ID..ID+N-1 (likewise {@code f ID xN}).
 */
final class ScriptSource implements EventSource {
    private final String name;
    private final String script;

    ScriptSource(String name, String script) {
        this.name = name;
        this.script = script;
    }

    @Override
    public long replay(EventSink sink) {
        long n = 0;
        for (String stmt : script.split("[;\n]")) {
            String[] w = stmt.strip().split("\\s+");
            if (w.length == 0 || w[0].isEmpty()) {
                continue;
            }
            int reps = 1;
            if (w[w.length - 1].startsWith("x")) {
                reps = Integer.parseInt(w[w.length - 1].substring(1));
            }
            long id = Long.parseLong(w[1]);
            for (int k = 0; k < reps; k++, n++) {
                switch (w[0]) {
                    case "m" -> sink.alloc(id + k, parse(w[2]), 0, 0, 0);
                    case "c" -> sink.calloc(id + k, parse(w[2]), parse(w[3]), 0, 0);
                    case "r" -> sink.realloc(id + k, parse(w[2]), 0, 0);
                    case "f" -> sink.free(id + k, 0);
                    case "a" -> sink.alloc(id + k, parse(w[3]), parse(w[2]), 0, 0);
                    default -> throw new IllegalArgumentException("bad statement: " + stmt);
                }
            }
        }
        return n;
    }

    private static long parse(String s) {
        s = s.toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("0x")) {
            return Long.parseLong(s.substring(2), 16);
        }
        if (s.endsWith("k")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 1024;
        }
        if (s.endsWith("m")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 1024 * 1024;
        }
        return Long.parseLong(s);
    }

    /**
     * A seeded random mix of every call: malloc, calloc, realloc (grow, shrink, to 0), free,
     * memalign, over sizes from 0 to {@code maxSize}, around {@code live} live blocks.
     */
    static ScriptSource random(String name, long seed, int ops, int live, long maxSize) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        java.util.List<Integer> liveIds = new java.util.ArrayList<>();
        int next = 0;
        for (int i = 0; i < ops; i++) {
            boolean alloc = liveIds.isEmpty() || (liveIds.size() < live ? r.nextInt(100) < 60 : r.nextInt(100) < 40);
            long size = (long) Math.exp(r.nextDouble() * Math.log(maxSize + 1.0)) - 1;
            if (alloc) {
                int id = next++;
                int kind = r.nextInt(20);
                if (kind < 15) {
                    sb.append("m ").append(id).append(' ').append(size);
                } else if (kind < 18) {
                    sb.append("c ").append(id).append(' ').append(1 + r.nextInt(4)).append(' ').append(size / 4);
                } else {
                    sb.append("a ").append(id).append(' ').append(1L << (4 + r.nextInt(9))).append(' ').append(size);
                }
                liveIds.add(id);
            } else {
                int k = r.nextInt(liveIds.size());
                int id = liveIds.get(k);
                if (r.nextInt(4) == 0) {
                    long ns = r.nextInt(10) == 0 ? 0 : size;
                    sb.append("r ").append(id).append(' ').append(ns);
                    if (ns == 0) {
                        liveIds.set(k, liveIds.get(liveIds.size() - 1));
                        liveIds.remove(liveIds.size() - 1);
                    }
                } else {
                    sb.append("f ").append(id);
                    liveIds.set(k, liveIds.get(liveIds.size() - 1));
                    liveIds.remove(liveIds.size() - 1);
                }
            }
            sb.append(';');
        }
        return new ScriptSource(name, sb.toString());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String position(long eventIndex) {
        return "event " + eventIndex;
    }

    @Override
    public double progress() {
        return -1;
    }
}
