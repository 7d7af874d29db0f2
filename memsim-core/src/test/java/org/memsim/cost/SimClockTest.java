package org.memsim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.memsim.layer.Layer;

class SimClockTest {
    @Test
    void aMeterChargesItsCountTimesItsPriceWhenTheClockIsRead() {
        SimClock clock = new SimClock();
        Meter lines = clock.meter(Layer.MMU, 1.0 / 3);
        Meter calls = clock.meter(Layer.MMU, 2);
        clock.charge(Layer.MMU, 10);
        clock.charge(Layer.KERNEL, 5);
        assertEquals(10, clock.nanos(Layer.MMU));
        lines.add(300_000_000L);
        calls.inc();
        assertEquals(10 + 100_000_000.0 + 2, clock.nanos(Layer.MMU), 1e-6);
        assertEquals(5 + 10 + 100_000_000.0 + 2, clock.totalNanos(), 1e-6);
        assertEquals(5, clock.nanos(Layer.KERNEL));
        assertEquals(300_000_000L, lines.count());
    }

    @Test
    void aMeteredCountIsRoundedOnceNotOncePerUnit() {
        SimClock metered = new SimClock();
        SimClock added = new SimClock();
        Meter lines = metered.meter(Layer.MMU, 1.0 / 3);
        for (int i = 0; i < 3_000_000; i++) {
            lines.inc();
            added.charge(Layer.MMU, 1.0 / 3);
        }
        assertEquals(3_000_000 * (1.0 / 3), metered.nanos(Layer.MMU));
        assertEquals(1_000_000.0, added.nanos(Layer.MMU), 1e-3);
    }

    @Test
    void aMeterCanReadItsCountFromItsOwner() {
        SimClock clock = new SimClock();
        long[] lines = {0};
        Meter m = clock.meter(Layer.MMU, 0.5, () -> lines[0]);
        clock.charge(Layer.MMU, 1);
        lines[0] = 10;
        assertEquals(10, m.count());
        assertEquals(1 + 5.0, clock.nanos(Layer.MMU));
        lines[0] = 12;
        assertEquals(1 + 6.0, clock.totalNanos());
    }
}
