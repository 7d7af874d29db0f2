package org.memsim.safety;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one check found: the distinct findings in event order (each with its repeat count), how many
 * more the cap suppressed, the leak summary (memcheck's "LEAK SUMMARY"), and the simulated process's
 * death when the allocator aborted it (glibc's {@code malloc_printerr}).
 */
public record CheckResult(List<Finding> findings, long suppressed, long events, String death, long deathEvent,
                          LeakScan.Summary leaks, String placement, List<String> sites, long twoOwners, long shadowBytes) {

    /** The frames of call site {@code site}, or null. */
    public String site(int site) {
        return site > 0 && site < sites.size() ? sites.get(site) : null;
    }

    /** Whether the exit status is 1: any finding (still-reachable blocks are not findings). */
    public boolean hasFindings() {
        return !findings.isEmpty() || suppressed > 0;
    }

    /** Distinct findings and their occurrences by kind, in the enum's order. */
    public Map<FindingKind, long[]> byKind() {
        Map<FindingKind, long[]> m = new EnumMap<>(FindingKind.class);
        for (Finding f : findings) {
            long[] c = m.computeIfAbsent(f.kind(), k -> new long[3]);
            c[0]++;
            c[1] += f.count();
            c[2] += f.kind() == FindingKind.LEAK ? f.blockSize() : 0;
        }
        return m;
    }
}
