package org.memsim.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of one check, in order of first occurrence, with memcheck's de-duplication (a repeat
 * of the same error only counts) and its cap on distinct errors ({@code --max-findings}; memcheck
 * stops recording after 10,000,000 errors, saying so).
 */
public final class FindingLog {
    private final int max;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Finding> byKey = new HashMap<>();
    private long suppressed;

    public FindingLog(int max) {
        this.max = max;
    }

    /** Records {@code f}, or counts it as a repeat; returns the finding that holds it (null when over the cap). */
    Finding add(Finding f) {
        String key = f.key();
        Finding old = byKey.get(key);
        if (old != null) {
            old.again();
            return old;
        }
        if (findings.size() >= max) {
            suppressed++;
            return null;
        }
        byKey.put(key, f);
        findings.add(f);
        return f;
    }

    /** Distinct findings, sorted by event index (stable). */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>(findings);
        out.sort((a, b) -> Long.compare(a.event(), b.event()));
        return out;
    }

    /** Distinct findings not recorded because of the cap. */
    public long suppressed() {
        return suppressed;
    }
}
