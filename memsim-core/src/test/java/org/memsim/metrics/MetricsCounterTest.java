package org.memsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsCounterTest {
    private long kept;

    @Test
    void aCounterWithASourceReadsTheFieldItsLayerKeeps() {
        Metrics m = new Metrics();
        Counter plain = m.counter("a.plain", "events", "counted on the counter");
        Counter kept = m.counter("a.kept", "events", "counted by the layer", () -> this.kept);
        plain.add(3);
        this.kept = 5;
        assertEquals(3, plain.get());
        assertEquals(5, kept.get());
        this.kept = 7;
        assertEquals(7, m.counterNamed("a.kept").get(), "read when asked, not copied");
        assertSame(plain, m.counter("a.plain", "events", "counted on the counter"));
        assertEquals(java.util.List.of("a.plain", "a.kept"), java.util.List.copyOf(m.counters().keySet()));
    }

    @Test
    void aCounterWithASourceIsRegisteredOnce() {
        Metrics m = new Metrics();
        m.counter("a.kept", "events", "counted by the layer", () -> 1);
        assertThrows(IllegalStateException.class, () -> m.counter("a.kept", "events", "again", () -> 2));
    }
}
