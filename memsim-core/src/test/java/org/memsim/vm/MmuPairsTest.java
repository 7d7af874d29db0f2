package org.memsim.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Spec;

/** {@link Mmu#accessPair} and {@link Mmu#accessTwoPairs} count, fault and charge exactly as the accesses one by one. */
class MmuPairsTest {
    /** One MMU with its own clock, metrics and space; its fault handler logs the faults it sees. */
    private static final class Rig {
        final Metrics metrics = new Metrics();
        final SimClock clock = new SimClock();
        final List<String> faults = new ArrayList<>();
        final AddressSpace space = new AddressSpace(1, new HashedPageTable(), 4096);
        final Mmu mmu;
        private long nextFrame = 1;

        Rig() {
            CostModel cost = CostModel.REGISTRY.create(Spec.parse("cost"), null);
            // maps a faulting page, read-only below 0x10000 (a write there kills), dirty on a write
            FaultHandler handler = (s, address, type) -> {
                faults.add(Long.toHexString(address) + "/" + type);
                long vpn = address >>> s.pageShift();
                long e = s.pageTable().lookup(vpn);
                if (type == AccessType.WRITE && address < 0x10000 && e != PageTable.NOT_PRESENT) {
                    return FaultHandler.SEGFAULT;
                }
                int perm = address < 0x10000 ? AccessType.READ : 3;
                s.pageTable().map(vpn, (e == PageTable.NOT_PRESENT ? PageTable.entry(nextFrame++, perm) : e)
                    | (type == AccessType.WRITE ? PageTable.DIRTY : 0));
                return FaultHandler.RESOLVED;
            };
            mmu = new Mmu(handler, cost, clock, metrics, LayerLog.OFF);
            mmu.setAddressSpace(space);
        }

        String state() {
            mmu.publishSpaceStats();
            return metrics.counterNamed("mmu.accesses").get() + " " + metrics.counterNamed("mmu.bytes").get() + " "
                + metrics.counterNamed("mmu.faults").get() + " " + clock.nanos(Layer.MMU) + " " + space.stats().walks + " " + faults;
        }
    }

    /** Pairs and two-pairs on the same page, across pages and lines, faulting, dirtying, killed, against the single accesses. */
    @Test
    void pairsAreTheirAccessesOneByOne() {
        long[][] pairs = {
            {0x20004, 0x20040}, {0x20004, 0x20040}, {0x20ffc, 0x21000}, {0x2103c, 0x21080}, {0x30000, 0x30008},
            {0x8004, 0x8010}, {0x8004, 0x8010}, {0x22000, 0x22ff8},
        };
        int[] types = {AccessType.WRITE, AccessType.READ};
        for (int size : new int[] {4, 8, 64}) {
            Rig one = new Rig();
            Rig paired = new Rig();
            List<Boolean> a = new ArrayList<>();
            List<Boolean> b = new ArrayList<>();
            for (int i = 0; i < pairs.length; i++) {
                for (int t : types) {
                    long x = pairs[i][0];
                    long y = pairs[i][1];
                    boolean first = one.mmu.access(x, size, t);
                    a.add(one.mmu.access(y, size, t) && first);
                    b.add(paired.mmu.accessPair(x, y, size, t));
                    long[] next = pairs[(i + 1) % pairs.length];
                    for (int u : types) {
                        a.add(fourAccesses(one.mmu, x, y, t, next[0], next[1], u, size));
                        b.add(paired.mmu.accessTwoPairs(x, y, t, next[0], next[1], u, size));
                        // the free path's shape: a block's tags written, then the tags just outside it read
                        a.add(fourAccesses(one.mmu, x, y, t, x - 4, y + 4, u, size));
                        b.add(paired.mmu.accessTwoPairs(x, y, t, x - 4, y + 4, u, size));
                    }
                }
                assertEquals(one.state(), paired.state(), "after pair " + i + ", size " + size);
            }
            assertEquals(a, b, "results, size " + size);
        }
    }

    /** The four accesses of a two-pairs call, one by one, each made whatever the others returned. */
    private static boolean fourAccesses(Mmu mmu, long a1, long a2, int typeA, long b1, long b2, int typeB, int size) {
        boolean all = mmu.access(a1, size, typeA);
        all &= mmu.access(a2, size, typeA);
        all &= mmu.access(b1, size, typeB);
        all &= mmu.access(b2, size, typeB);
        return all;
    }
}
