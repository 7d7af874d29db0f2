package org.memsim.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Spec;

/** What the MMU counts per access (accesses, bytes, lines, walks), globally and per address space, across switches. */
class MmuCountsTest {
    private final Metrics metrics = new Metrics();
    private final SimClock clock = new SimClock();
    private final CostModel cost = CostModel.REGISTRY.create(Spec.parse("cost"), null);
    private long nextFrame = 1;
    // maps every faulting page read-write (and dirty on a write, as the kernel's write fault does)
    private final FaultHandler mapAll = (space, address, type) -> {
        long vpn = address >>> space.pageShift();
        long e = space.pageTable().lookup(vpn);
        space.pageTable().map(vpn, (e == PageTable.NOT_PRESENT ? PageTable.entry(nextFrame++, 3) : e)
            | (type == AccessType.WRITE ? PageTable.DIRTY : 0));
        return FaultHandler.RESOLVED;
    };

    private long count(String name) {
        return metrics.counterNamed(name).get();
    }

    @Test
    void countsAccessesBytesLinesAndWalksPerSpaceAcrossSwitches() {
        Mmu mmu = new Mmu(mapAll, cost, clock, metrics, LayerLog.OFF);
        AddressSpace a = new AddressSpace(1, new HashedPageTable(), 4096);
        AddressSpace b = new AddressSpace(2, new HashedPageTable(), 4096);
        mmu.setAddressSpace(a);
        assertTrue(mmu.write(0x1000, 8));          // fault, then one line, one page
        assertTrue(mmu.read(0x1008, 8));           // one line
        assertTrue(mmu.read(0x1038, 16));          // two lines, one page
        mmu.switchTo(b);
        assertTrue(mmu.read(0x1ff0, 32));          // two lines over two pages: two faults
        assertTrue(mmu.write(0x5000, 0));          // nothing
        mmu.switchTo(a);
        assertTrue(mmu.read(0x1000, 4096 + 64));   // 65 lines, two pages, the second faults
        mmu.publishSpaceStats();

        assertEquals(5, count("mmu.accesses"));
        assertEquals(8 + 8 + 16 + 32 + 4096 + 64, count("mmu.bytes"));
        assertEquals(4, count("mmu.faults"));
        assertEquals((1 + 1 + 2 + 2 + 65) * cost.accessNs, clock.nanos(Layer.MMU), 1e-9);
        assertEquals(4, a.stats().accesses);
        assertEquals(1, b.stats().accesses);
        // a walk per page translated, and one more per retry after a fault
        assertEquals(2 + 1 + 1 + 3, a.stats().walks);
        assertEquals(4, b.stats().walks);
        mmu.publishSpaceStats();
        assertEquals(4, a.stats().accesses, "publishing twice adds nothing");
        assertEquals(7, a.stats().walks);
    }
}
