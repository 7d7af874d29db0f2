package org.memsim.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.safety.CheckResult;
import org.memsim.safety.Finding;
import org.memsim.safety.FindingKind;
import org.memsim.safety.LeakScan;

/**
 * {@code memsim check} for people: one paragraph per finding as memcheck prints its errors, leaks
 * grouped into loss records by allocation site and class, then a summary table by kind and the
 * leak summary.
 */
final class CheckText {
    private static final int BLOCKS_LISTED = 5;

    private CheckText() {}

    static String render(String traceName, CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("check ").append(traceName).append(": ").append(Numbers.count(r.events())).append(" events, ")
            .append(r.placement()).append("\n\n");
        Map<String, List<Finding>> lossRecords = new LinkedHashMap<>();
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.LEAK) {
                lossRecords.computeIfAbsent(f.allocSite() + "|" + f.classification(), k -> new ArrayList<>()).add(f);
                continue;
            }
            paragraph(sb, r, f);
        }
        int n = 1;
        for (List<Finding> record : lossRecords.values()) {
            lossRecord(sb, r, record, n++, lossRecords.size());
        }
        if (r.death() != null) {
            sb.append("The simulated process died at event ").append(r.deathEvent()).append(": ").append(r.death())
                .append("; later events were not checked.\n\n");
        }
        if (!r.hasFindings()) {
            sb.append("No findings.\n");
        } else {
            Table t = new Table("kind", "findings", "occurrences", "bytes");
            for (Map.Entry<FindingKind, long[]> e : r.byKind().entrySet()) {
                long[] c = e.getValue();
                t.row(e.getKey().json(), Numbers.count(c[0]), Numbers.count(c[1]), e.getKey() == FindingKind.LEAK ? Numbers.bytes(c[2]) : "");
            }
            sb.append(t.toText());
            if (r.suppressed() > 0) {
                sb.append("(").append(Numbers.count(r.suppressed())).append(" more distinct findings not recorded: --max-findings)\n");
            }
        }
        LeakScan.Summary s = r.leaks();
        if (s != null && (s.snapshots() || s.blocks()[4] > 0)) {
            sb.append("\nLeak summary").append(s.snapshots() ? "" : " (no pointer snapshots in the trace: blocks not classified)").append(":\n");
            for (int c = 0; c < LeakScan.Summary.CLASSES.length; c++) {
                if (s.blocks()[c] > 0 || (s.snapshots() && c < 4)) {
                    sb.append(String.format("  %-16s %s in %s %s%n", LeakScan.Summary.CLASSES[c] + ":",
                        Numbers.bytes(s.bytes()[c]), Numbers.count(s.blocks()[c]), s.blocks()[c] == 1 ? "block" : "blocks"));
                }
            }
        }
        return sb.toString();
    }

    private static void paragraph(StringBuilder sb, CheckResult r, Finding f) {
        sb.append(f.kind().json()).append(" at event ").append(f.event()).append(", address ").append(Numbers.hex(f.address()));
        if (f.count() > 1) {
            sb.append(" (").append(Numbers.count(f.count())).append(" times)");
        }
        sb.append('\n').append("  ").append(f.what()).append('\n');
        if (f.site() > 0) {
            sb.append("  at ").append(stack(r, f.site())).append('\n');
        }
        if (f.hasBlock()) {
            sb.append("  block ").append(f.blockId()).append(" of ").append(f.blockSize()).append(" bytes: allocated at event ")
                .append(f.allocEvent()).append(f.allocSite() > 0 ? " (" + stack(r, f.allocSite()) + ")" : "");
            if (f.freeEvent() >= 0) {
                sb.append(", freed at event ").append(f.freeEvent()).append(f.freeSite() > 0 ? " (" + stack(r, f.freeSite()) + ")" : "");
            }
            sb.append('\n');
        }
        if (f.why() != null) {
            sb.append("  why: ").append(f.why()).append('\n');
        }
        for (String e : f.effects()) {
            sb.append("  allocator: ").append(e).append('\n');
        }
        sb.append('\n');
    }

    private static void lossRecord(StringBuilder sb, CheckResult r, List<Finding> record, int n, int of) {
        Finding first = record.get(0);
        long bytes = 0;
        for (Finding f : record) {
            bytes += f.blockSize();
        }
        sb.append("leak: ").append(Numbers.bytes(bytes)).append(" in ").append(Numbers.count(record.size()))
            .append(record.size() == 1 ? " block" : " blocks").append(' ')
            .append(LeakScan.Summary.CLASSES[4].equals(first.classification()) ? "never freed (not classified)" : "are " + first.classification())
            .append(", loss record ").append(n).append(" of ").append(of).append('\n');
        sb.append("  allocated at ").append(first.allocSite() > 0 ? stack(r, first.allocSite()) : "an unknown site").append('\n');
        sb.append("  blocks:");
        for (int i = 0; i < Math.min(BLOCKS_LISTED, record.size()); i++) {
            Finding f = record.get(i);
            sb.append(i == 0 ? " " : ", ").append(f.blockId()).append(" (").append(f.blockSize()).append(" bytes at ")
                .append(Numbers.hex(f.address())).append(", event ").append(f.allocEvent()).append(')');
        }
        if (record.size() > BLOCKS_LISTED) {
            sb.append(", … ").append(Numbers.count(record.size() - BLOCKS_LISTED)).append(" more");
        }
        sb.append('\n').append("  why: ").append(first.why()).append("\n\n");
    }

    private static String stack(CheckResult r, int site) {
        String s = r.site(site);
        return s == null ? "site " + site : s;
    }
}
