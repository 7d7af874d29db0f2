package org.memsim.trace.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.event.EventSink;
import org.memsim.event.KindCounter;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.TraceFormatException;
import org.memsim.trace.Traces;

/** A real JDK Flight Recorder recording of this JVM, made in the test, read back as a mutator trace. */
class JfrReaderTest {
    @TempDir
    Path dir;

    static volatile Object sink;

    Path record() throws Exception {
        Path file = dir.resolve("alloc.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ObjectAllocationInNewTLAB");
            r.enable("jdk.ObjectAllocationOutsideTLAB");
            r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            r.enable("jdk.GarbageCollection");
            r.start();
            List<byte[]> keep = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                byte[] b = new byte[1024 + (i % 64)];
                sink = b;
                if (i % 100 == 0) {
                    keep.add(b);
                }
            }
            sink = new byte[4 << 20]; // outside a TLAB
            System.gc();
            r.stop();
            r.dump(file);
            sink = keep;
        }
        return file;
    }

    @Test
    void allocationEventsBecomeObjects() throws Exception {
        Path file = record();
        List<String> typeNames = new ArrayList<>();
        long[] objects = new long[2];
        EventSink counting = new EventSink() {
            @Override public void defineType(int type, String name) { typeNames.add(name); }
            @Override public void newObject(long id, long size, int refSlots, int type, int site) {
                objects[0]++;
                objects[1] += size;
                assertEquals(0, refSlots, "JFR has no pointers");
            }
        };
        try (OpenTrace t = Traces.open(file, null)) {
            assertEquals(JfrFormat.NAME, t.format().name(), "detected by its magic");
            t.reader().replay(counting);
        }
        assertTrue(objects[0] > 0, "allocation events found");
        assertTrue(typeNames.contains("byte[]"), typeNames.toString());
        assertTrue(objects[1] >= 4 << 20, "the 4 MiB array is in the volume: " + objects[1]);
    }

    @Test
    void garbageIsATraceErrorNamingTheSource() {
        JfrFormat f = new JfrFormat();
        byte[] bad = {'F', 'L', 'R', 0, 0, 2, 0, 1, 9, 9, 9};
        TraceFormatException e = assertThrows(TraceFormatException.class,
            () -> f.reader(new ByteArrayInputStream(bad), "bad.jfr").replay(new KindCounter()));
        assertTrue(e.getMessage().startsWith("bad.jfr"), e.getMessage());
        assertEquals(100, f.sniff(bad, bad.length, "x"));
        assertEquals(0, f.sniff(new byte[] {'F', 'L', 'X', 0}, 4, "x"));
    }

    @Test
    void aRecordingWithoutAllocationEventsGivesNoObjects() throws Exception {
        Path file = dir.resolve("empty.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.CPULoad");
            r.start();
            r.stop();
            r.dump(file);
        }
        KindCounter k = new KindCounter();
        new JfrFormat().reader(Files.newInputStream(file), "empty.jfr").replay(k);
        assertEquals(0, k.count(org.memsim.event.EventKind.NEW_OBJECT), "no allocation events, no objects");
    }
}
