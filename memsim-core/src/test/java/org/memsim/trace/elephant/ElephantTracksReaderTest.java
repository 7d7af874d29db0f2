package org.memsim.trace.elephant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memsim.event.TextRecorder;
import org.memsim.gc.GcResult;
import org.memsim.stack.ManagedStack;
import org.memsim.stack.StackSpec;
import org.memsim.trace.TraceFormatException;

class ElephantTracksReaderTest {
    static final String TRACE = String.join("\n",
        "A 101 32 LNode; 12 0 1",
        "A 102 32 LNode; 12 0 1",
        "M 7 101 1",
        "U 0 101 102 3 1",
        "U 0 102 101 3 1",
        "A 103 40 [Ljava/lang/Object; 13 3 2",
        "U 0 103 101 2 2",
        "A 104 24 [I 14 4 2",
        "U 0 0 103 9 2",
        "E 7 101 1",
        "D 101 1 10",
        "D 102 1 10",
        "D 103",
        "");

    static String events(String trace) throws IOException {
        TextRecorder rec = new TextRecorder();
        new ElephantTracksReader(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), "t.et").replay(rec);
        return String.join("\n", rec.lines());
    }

    @Test
    void allocationsUpdatesAndDeathsBecomeManagedEvents() throws IOException {
        String out = events(TRACE);
        assertTrue(out.contains("type 1 LNode;"), out);
        assertTrue(out.contains("new 101 32 2 type=1"), "32-byte object: (32 - 16) / 8 = 2 slots; " + out);
        assertTrue(out.contains("root 101"), out);
        assertTrue(out.contains("ref 101 1 102"), "field 3 folds to slot 3 mod 2 = 1; " + out);
        assertTrue(out.contains("new 103 40 3 type=2"), "reference array: length slots; " + out);
        assertTrue(out.contains("ref 103 2 101"), out);
        assertTrue(out.contains("new 104 24 0 type=3"), "int[]: no reference slots; " + out);
        assertTrue(out.contains("unroot 101") && out.contains("unroot 103"), out);
        assertTrue(!out.contains("unroot 104"), "104 never dies: stays a root; " + out);
    }

    @Test
    void collectorsFreeExactlyWhatElephantTracksDeclaredDead() throws IOException {
        ManagedStack s = ManagedStack.build(StackSpec.defaults(), "marksweep");
        s.runtime().setCheck(true);
        org.memsim.stack.Replay.run(new org.memsim.trace.EventSource() {
            public long replay(org.memsim.event.EventSink sink) throws IOException {
                return new ElephantTracksReader(new ByteArrayInputStream(TRACE.getBytes(StandardCharsets.UTF_8)), "t.et").replay(sink);
            }
            public String name() { return "t.et"; }
            public String position(long i) { return "event " + i; }
            public double progress() { return -1; }
        }, List.of(s));
        GcResult r = s.gcResult();
        assertEquals(3, r.objectsFreed(), "101, 102 (a cycle) and 103 died; 104 lives");
        assertEquals(0, r.objectsLeaked());
    }

    @Test
    void errorsNameTheLine() {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> events("A 1 32 LFoo; 7 0 1\nA 1 8 LFoo; 7 0 1\n"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("already live"), e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> events("A 1 32 LFoo; 7 0\n"));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("thread id"), e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> events("Z 1\n"));
        assertTrue(e.getMessage().contains("record letter"), e.getMessage());
    }

    @Test
    void sniffing() {
        ElephantTracksFormat f = new ElephantTracksFormat();
        byte[] b = TRACE.getBytes(StandardCharsets.UTF_8);
        assertTrue(f.sniff(b, b.length, "trace") > 0);
        byte[] mst = "new 1 16 0\nroot 1\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, f.sniff(mst, mst.length, "x.mst"));
    }
}
