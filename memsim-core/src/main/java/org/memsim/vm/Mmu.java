package org.memsim.vm;

import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;

/**
 * The memory-management unit: translates every access page by page through the current address
 * space's page table, raises a fault to the kernel when a page is absent or the access lacks
 * permission, sets the dirty bit on writes, and charges one access per 64-byte cache line touched.
 * No TLB yet: every translation is charged as a hit.
 */
public final class Mmu implements MemoryPort {
    private static final int LINE_SHIFT = 6;

    private final FaultHandler faults;
    private final SimClock clock;
    private final double accessNs;
    private final LayerLog log;
    private final Counter accesses;
    private final Counter bytes;
    private final Counter faultCount;
    private AddressSpace space;
    private PageTable table;
    private int shift;

    public Mmu(FaultHandler faults, CostModel cost, SimClock clock, Metrics metrics, LayerLog log) {
        this.faults = faults;
        this.clock = clock;
        this.accessNs = cost.accessNs;
        this.log = log;
        this.accesses = metrics.counter("mmu.accesses", "accesses", "memory accesses translated");
        this.bytes = metrics.counter("mmu.bytes", "bytes", "bytes read or written");
        this.faultCount = metrics.counter("mmu.faults", "faults", "page faults raised to the kernel");
    }

    /** Switches translation to another address space (a context switch, or the first process). */
    public void setAddressSpace(AddressSpace space) {
        this.space = space;
        this.table = space.pageTable();
        this.shift = space.pageShift();
    }

    public AddressSpace addressSpace() {
        return space;
    }

    @Override
    public boolean access(long address, long size, int accessType) {
        if (size <= 0) {
            return true;
        }
        accesses.inc();
        bytes.add(size);
        long last = address + size - 1;
        if (Long.compareUnsigned(last, address) < 0) {
            last = -1L; // wraps past the top of the address space: touch up to the last page
        }
        long lines = (last >>> LINE_SHIFT) - (address >>> LINE_SHIFT) + 1;
        clock.charge(Layer.MMU, lines * accessNs);
        final int s = shift;
        long vpn = address >>> s;
        final long lastVpn = last >>> s;
        final long need = accessType;
        while (true) {
            long e = table.lookup(vpn);
            if (e == PageTable.NOT_PRESENT || (e & need) != need) {
                if (!fault(vpn == (address >>> s) ? address : vpn << s, accessType)) {
                    return false;
                }
                e = table.lookup(vpn);
            }
            if (accessType == AccessType.WRITE && (e & PageTable.DIRTY) == 0) {
                table.map(vpn, e | PageTable.DIRTY);
            }
            if (vpn == lastVpn) {
                return true;
            }
            vpn++;
        }
    }

    private boolean fault(long address, int accessType) {
        faultCount.inc();
        if (log.enabled()) {
            log.note(Layer.MMU, "page " + Addresses.hex(address & -(1L << shift)) + " not present for "
                + AccessType.name(accessType) + ": page fault");
        }
        return faults.handleFault(space, address, accessType) == FaultHandler.RESOLVED;
    }
}
