package org.memsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.memsim.layer.Layer;

class SimClockTest {
    private long lines;

    @Test
    void aMeterChargesItsCountTimesItsPriceWhenTheClockIsRead() {
        SimClock clock = new SimClock();
        clock.meter(Layer.MMU, 1.0 / 3, () -> lines);
        clock.charge(Layer.MMU, 10);
        clock.charge(Layer.KERNEL, 5);
        assertEquals(10, clock.nanos(Layer.MMU));
        lines = 300_000_000L;
        assertEquals(10 + 100_000_000.0, clock.nanos(Layer.MMU), 1e-6);
        assertEquals(5 + 10 + 100_000_000.0, clock.totalNanos(), 1e-6);
        assertEquals(5, clock.nanos(Layer.KERNEL));
    }

    @Test
    void aMeteredCountIsExactWhereRepeatedAddsOfAThirdDrift() {
        SimClock metered = new SimClock();
        SimClock added = new SimClock();
        metered.meter(Layer.MMU, 1.0 / 3, () -> lines);
        for (int i = 0; i < 3_000_000; i++) {
            lines++;
            added.charge(Layer.MMU, 1.0 / 3);
        }
        assertEquals(1_000_000.0, metered.nanos(Layer.MMU), 1e-9);
        assertEquals(1_000_000.0, added.nanos(Layer.MMU), 1e-3); // close, but not exact
    }
}
