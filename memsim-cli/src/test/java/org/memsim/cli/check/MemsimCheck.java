package org.memsim.cli.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code memsim check --json} into {@link Finding}s comparable with memcheck's, using the
 * checked trace for what the JSON leaves to it.
 *
 * <pre>
 * JSON field            Finding field
 * kind                  kind
 * event                 detail: the trace event there, load → read, store → write, modify → modify,
 *                       free/freeptr → free, realloc → realloc; size: that access's size
 * block.size            block                      (no block: nonHeap)
 * address               offset = address − the address of the allocation event block.allocEvent
 * classification        detail of a leak: definitely lost → definite, indirectly → indirect, possibly → possible,
 *                       still reachable → reachable, anything else (unknown) as it is
 * </pre>
 */
final class MemsimCheck {
    private MemsimCheck() {}

    @SuppressWarnings("unchecked")
    static List<Finding> parse(String json, Path trace) throws IOException {
        Map<String, Object> doc = (Map<String, Object>) JsonValue.parse(json);
        List<Map<String, Object>> findings = (List<Map<String, Object>>) doc.get("findings");
        if (findings == null) {
            throw new IllegalArgumentException("no \"findings\" array in memsim check --json: " + json);
        }
        Set<Long> wanted = new HashSet<>();
        for (Map<String, Object> f : findings) {
            if (f.get("event") instanceof Long e) {
                wanted.add(e);
            }
            if (f.get("block") instanceof Map<?, ?> b && b.get("allocEvent") instanceof Long a) {
                wanted.add(a);
            }
        }
        Map<Long, TraceEvents.Event> events = TraceEvents.at(trace, wanted);
        List<Finding> out = new ArrayList<>();
        for (Map<String, Object> f : findings) {
            out.add(finding(f, events));
        }
        return out;
    }

    private static Finding finding(Map<String, Object> f, Map<Long, TraceEvents.Event> events) {
        String kind = (String) f.get("kind");
        TraceEvents.Event at = f.get("event") instanceof Long e ? events.get(e) : null;
        String detail = null;
        Long size = null;
        if (kind.equals("leak")) {
            detail = leakClass(f);
        } else if (at != null) {
            switch (at.kind()) {
                case "load" -> detail = "read";
                case "store" -> detail = "write";
                case "modify" -> detail = "modify";
                case "free", "freeptr" -> detail = "free";
                case "realloc" -> detail = "realloc";
                default -> detail = at.kind();
            }
            if (at.kind().equals("load") || at.kind().equals("store") || at.kind().equals("modify")) {
                size = at.size();
            }
        }
        if (!(f.get("block") instanceof Map<?, ?> block)) {
            return new Finding(kind, detail, size, null, null, true);
        }
        Long blockSize = block.get("size") instanceof Long s ? s : null;
        Long offset = null;
        TraceEvents.Event alloc = block.get("allocEvent") instanceof Long a ? events.get(a) : null;
        if (!kind.equals("leak") && alloc != null && alloc.address() >= 0 && f.get("address") instanceof Long addr) {
            offset = addr - alloc.address();
        }
        return new Finding(kind, detail, size, blockSize, offset, false);
    }

    /** A leak's class: memsim's "definitely lost" … "unknown" in memcheck's words (definite … unknown). */
    private static String leakClass(Map<String, Object> f) {
        if (!(f.get("classification") instanceof String s)) {
            return null;
        }
        return switch (s) {
            case "definitely lost" -> "definite";
            case "indirectly lost" -> "indirect";
            case "possibly lost" -> "possible";
            case "still reachable" -> "reachable";
            default -> s;
        };
    }
}
