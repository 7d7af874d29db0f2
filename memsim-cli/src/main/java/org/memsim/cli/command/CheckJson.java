package org.memsim.cli.command;

import org.memsim.cli.output.Json;
import org.memsim.safety.CheckResult;
import org.memsim.safety.Finding;
import org.memsim.safety.FindingKind;
import org.memsim.safety.LeakScan;

/** {@code memsim check --json}: the findings document (schema in docs/json.md). */
final class CheckJson {
    private CheckJson() {}

    static String render(String traceName, CheckResult r) {
        Json j = new Json().beginObject()
            .field("trace", traceName)
            .field("placement", r.placement())
            .field("events", r.events())
            .key("findings").beginArray();
        for (Finding f : r.findings()) {
            j.beginObject()
                .field("kind", f.kind().json())
                .field("event", f.event())
                .field("address", f.address());
            if (f.hasBlock()) {
                j.key("block").beginObject()
                    .field("id", f.blockId())
                    .field("size", f.blockSize())
                    .field("allocEvent", f.allocEvent());
                if (f.freeEvent() >= 0) {
                    j.field("freeEvent", f.freeEvent());
                } else {
                    j.key("freeEvent").value((String) null);
                }
                j.field("allocStack", r.site(f.allocSite()));
                j.field("freeStack", r.site(f.freeSite()));
                j.endObject();
            } else {
                j.key("block").value((String) null);
            }
            j.field("what", f.what())
                .field("why", f.why())
                .field("access", f.access())
                .field("accessSize", f.accessSize())
                .field("stack", r.site(f.site()))
                .field("count", f.count())
                .field("pid", f.pid());
            if (f.kind() == FindingKind.LEAK) {
                j.field("classification", f.classification());
            }
            j.key("effects").beginArray();
            f.effects().forEach(j::value);
            j.endArray().endObject();
        }
        j.endArray()
            .field("suppressed", r.suppressed())
            .field("death", r.death());
        if (r.deathEvent() >= 0) {
            j.field("deathEvent", r.deathEvent());
        } else {
            j.key("deathEvent").value((String) null);
        }
        j.field("twoOwners", r.twoOwners());
        LeakScan.Summary s = r.leaks();
        j.key("leakSummary").beginObject().field("snapshots", s != null && s.snapshots());
        for (int c = 0; c < LeakScan.Summary.CLASSES.length; c++) {
            j.key(LeakScan.Summary.CLASSES[c].replace(' ', '-')).beginObject()
                .field("blocks", s == null ? 0 : s.blocks()[c])
                .field("bytes", s == null ? 0 : s.bytes()[c])
                .endObject();
        }
        return j.endObject().endObject().toString();
    }
}
