package org.memsim.vm;

import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.vm.replace.ReplacementPolicy;
import org.memsim.vm.tlb.NoTlb;
import org.memsim.vm.tlb.Tlb;

/**
 * The memory-management unit: translates every access page by page — TLB first, a page-table walk
 * on a miss (its cost set by how many levels the page-walk cache skips) — raises a fault to the
 * kernel when a page is absent or the access lacks permission, sets the dirty bit on writes, reports
 * each reference to the replacement policy, and charges one access per 64-byte cache line touched.
 * <pre>
 *  access(addr, size) ─► per page: TLB ─hit─────────────────────────────┐
 *                                     └miss─► walk (PWC) ─► present? ──┤─► dirty bit, policy.touch
 *                                                          └no─► FaultHandler ─► retry
 * </pre>
 * Without a TLB ({@link NoTlb}, the {@code flat} model) every translation reads the page table and
 * is charged as a hit, as in the foundation.
 */
public final class Mmu implements MemoryPort {
    private static final int LINE_SHIFT = 6;
    private static final long LINE_BYTES = 1L << LINE_SHIFT;
    private static final int MAX_FAULTS_PER_PAGE = 4;

    private final FaultHandler faults;
    private final SimClock clock;
    private final double accessNs;
    private final double walkNs;
    private final double l2HitNs;
    private final LayerLog log;
    private final Tlb tlb;
    private final boolean hasTlb;
    private final Counter faultCount;
    // The per-access counts live here, on the one object every access already reads, rather than on
    // two Counters and a Meter (three more objects): mmu.accesses, mmu.bytes and the line meter read them.
    // An access inside one line, the common case, adds only to accessCount and byteCount: the lines it
    // touched are counted as accessCount + extraLines.
    private long accessCount;
    private long byteCount;
    /** Cache lines touched beyond the first of each access; every line is charged {@link #accessNs}. */
    private long extraLines;
    // The current space's SpaceStats.accesses (and, without a TLB, its walks: one per access for the
    // first page) lag behind by accessCount - accessMark; publishSpaceStats adds that in, at every switch
    // of address space and when a report asks. Further pages and retries count their walks directly.
    private long accessMark;
    private ReplacementPolicy policy;
    private ReplacementPolicy pending;
    private AddressSpace space;
    private PageTable table;
    /**
     * The lookup memo of the current table when it is a {@link HashedPageTable} (else null), probed here
     * directly: a hit is then one dependent load fewer than going through {@link #table} (and no type check).
     */
    private long[] memo;
    private SpaceStats stats;
    private int shift;
    private int bits;
    private int levels;

    /** An MMU without a TLB (the foundation's). */
    public Mmu(FaultHandler faults, CostModel cost, SimClock clock, Metrics metrics, LayerLog log) {
        this(faults, new NoTlb(), cost, clock, metrics, log);
    }

    public Mmu(FaultHandler faults, Tlb tlb, CostModel cost, SimClock clock, Metrics metrics, LayerLog log) {
        this.faults = faults;
        this.tlb = tlb;
        this.hasTlb = tlb.present();
        this.clock = clock;
        this.accessNs = cost.accessNs;
        this.walkNs = cost.walkNs;
        this.l2HitNs = cost.l2TlbHitNs;
        clock.meter(Layer.MMU, accessNs, () -> accessCount + extraLines);
        this.log = log;
        metrics.counter("mmu.accesses", "accesses", "memory accesses translated", () -> accessCount);
        metrics.counter("mmu.bytes", "bytes", "bytes read or written", () -> byteCount);
        this.faultCount = metrics.counter("mmu.faults", "faults", "page faults raised to the kernel");
    }

    /**
     * Reports every reference to {@code policy} (null for none) — from now on if the policy keeps time
     * by references (aging, working set), else once {@link #trackReferences} says a frame was admitted:
     * a policy that has no frames has nothing to learn from a reference, and the default stack
     * (no swap, no files) never admits one.
     */
    public void setReplacementPolicy(ReplacementPolicy policy) {
        this.pending = policy;
        this.policy = policy != null && policy.countsEveryReference() ? policy : null;
    }

    /** The policy has frames now: report references to it. */
    public void trackReferences() {
        policy = pending;
    }

    /** Switches translation to another address space without touching the TLB (the first process). */
    public void setAddressSpace(AddressSpace space) {
        if (stats != null) {
            publishSpaceStats();
        }
        this.space = space;
        this.table = space.pageTable();
        this.memo = table instanceof HashedPageTable ? ((HashedPageTable) table).memo : null;
        this.stats = space.stats();
        this.shift = space.pageShift();
        this.bits = table.bitsPerLevel();
        this.levels = table.levels();
    }

    /** A context switch: translation through {@code space}, the TLB flushed or re-tagged. */
    public void switchTo(AddressSpace space) {
        setAddressSpace(space);
        tlb.switchTo(space.id());
    }

    /**
     * Brings the current space's {@link SpaceStats#accesses} and {@link SpaceStats#walks} up to date:
     * the MMU counts them with {@code mmu.accesses} and hands them over here (at a switch, or for a report).
     */
    public void publishSpaceStats() {
        long n = accessCount - accessMark;
        stats.accesses += n;
        if (!hasTlb) {
            stats.walks += n;
        }
        accessMark = accessCount;
    }

    public AddressSpace addressSpace() {
        return space;
    }

    public Tlb tlb() {
        return tlb;
    }

    @Override
    public boolean access(long address, long size, int accessType) {
        if (size <= 0) {
            return true;
        }
        accessCount++; // also this access's SpaceStats.accesses and, without a TLB, its first walk
        byteCount += size;
        // Inside one cache line, hence one page (a page is whole lines): every allocator's tag access.
        // Written as size <= room left in the line so that a huge size cannot overflow the test.
        if (size <= LINE_BYTES - (address & (LINE_BYTES - 1))) {
            long vpn = address >>> shift;
            return hasTlb ? translate(vpn, address, accessType) : translateWithoutTlb(vpn, address, accessType);
        }
        return accessLines(address, size, accessType);
    }

    /**
     * Two accesses as {@link MemoryPort#accessPair} defines them. When both lie inside one line
     * each and on one page, there is no TLB and no policy to tell, and the page's entry already
     * permits the access, the second access would find exactly what the first found and change
     * nothing: both are counted and the page is translated once. Anything else (a fault, a dirty
     * bit to set, another page) goes through {@link #access} twice.
     */
    @Override
    public boolean accessPair(long first, long second, long size, int accessType) {
        long vpn = first >>> shift;
        if (!hasTlb && policy == null && (second >>> shift) == vpn && size > 0
            && size <= LINE_BYTES - (first & (LINE_BYTES - 1)) && size <= LINE_BYTES - (second & (LINE_BYTES - 1))) {
            final long[] m = memo;
            final int i = HashedPageTable.slot(vpn);
            if (m != null && m[i] == vpn) {
                if (permits(m[i + 1], accessType)) {
                    accessCount += 2; // both accesses and, without a TLB, both first-page walks
                    byteCount += 2 * size;
                    return true;
                }
            }
        }
        // one call site for both accesses, so that C2 inlines access() here once: with two copies this
        // method compiled too big to be inlined into the allocators' tag writes
        boolean done = true;
        long at = first;
        for (int k = 0; k < 2; k++) {
            done &= access(at, size, accessType);
            at = second;
        }
        return done;
    }

    /**
     * Two pairs as {@link MemoryPort#accessTwoPairs} defines them: when all four accesses lie inside
     * one line each and on one page whose entry already permits both types, with no TLB and no
     * policy, all four are counted and the page is translated once; else one by one.
     */
    @Override
    public boolean accessTwoPairs(long a1, long a2, int typeA, long b1, long b2, int typeB, long size) {
        long vpn = a1 >>> shift;
        // (x + size - 1) ^ x below 64 for each access: each ends in the line it starts in
        if (!hasTlb && policy == null && size > 0 && size <= LINE_BYTES && ((a1 ^ a2) | (a1 ^ b1) | (a1 ^ b2)) >>> shift == 0
            && (((a1 + size - 1) ^ a1) | ((a2 + size - 1) ^ a2) | ((b1 + size - 1) ^ b1) | ((b2 + size - 1) ^ b2)) >>> LINE_SHIFT == 0) {
            final long[] m = memo;
            final int i = HashedPageTable.slot(vpn);
            if (m != null && m[i] == vpn) {
                long e = m[i + 1];
                if (permits(e, typeA) && permits(e, typeB)) {
                    accessCount += 4; // the four accesses and, without a TLB, their first-page walks
                    byteCount += 4 * size;
                    return true;
                }
            }
        }
        // else access by access, through one call site so that C2 inlines access() here once and this
        // method stays small enough to be inlined into the allocators' tag writes
        boolean done = true;
        for (int k = 0; k < 4; k++) {
            long at = k == 0 ? a1 : k == 1 ? a2 : k == 2 ? b1 : b2;
            done &= access(at, size, k < 2 ? typeA : typeB);
        }
        return done;
    }

    /** Whether page-table entry {@code e} lets an access of {@code accessType} complete without a fault or a dirty bit to set. */
    private static boolean permits(long e, int accessType) {
        return e != PageTable.NOT_PRESENT && (e & accessType) == accessType
            && (accessType != AccessType.WRITE || (e & PageTable.DIRTY) != 0);
    }

    /** An access over several lines, perhaps several pages: each page translated in turn. */
    private boolean accessLines(long address, long size, int accessType) {
        long last = address + size - 1;
        if (Long.compareUnsigned(last, address) < 0) {
            last = -1L; // wraps past the top of the address space: touch up to the last page
        }
        extraLines += (last >>> LINE_SHIFT) - (address >>> LINE_SHIFT);
        final int s = shift;
        final long firstVpn = address >>> s;
        final long lastVpn = last >>> s;
        for (long vpn = firstVpn; ; vpn++) {
            long at = vpn == firstVpn ? address : vpn << s;
            if (!hasTlb && vpn != firstVpn) {
                stats.walks++; // the first page's walk is counted with the access
            }
            if (!(hasTlb ? translate(vpn, at, accessType) : translateWithoutTlb(vpn, at, accessType))) {
                return false;
            }
            if (vpn == lastVpn) {
                return true;
            }
        }
    }

    /** Translates one page of an access through the TLB; false if the process was killed. The hit case is kept small to inline. */
    private boolean translate(long vpn, long address, int accessType) {
        long e = tlb.lookup(vpn, accessType == AccessType.EXEC);
        if (e != Tlb.MISS && (e & accessType) == accessType && (accessType != AccessType.WRITE || (e & PageTable.DIRTY) != 0)) {
            if (tlb.lastHitLevel() == 2) {
                clock.charge(Layer.MMU, l2HitNs);
            }
            if (policy != null) {
                policy.touch(PageTable.frameOf(e, vpn, bits));
            }
            return true;
        }
        return slowPath(vpn, address, accessType, e);
    }

    /** The foundation's translation without a TLB: the page table read every time (its walk already counted), charged as a hit. */
    private boolean translateWithoutTlb(long vpn, long address, int accessType) {
        final long[] m = memo;
        final int i = HashedPageTable.slot(vpn);
        long e = m != null && m[i] == vpn ? m[i + 1] : table.lookup(vpn);
        if (e != PageTable.NOT_PRESENT && (e & accessType) == accessType && (accessType != AccessType.WRITE || (e & PageTable.DIRTY) != 0)) {
            if (policy != null) {
                policy.touch(PageTable.frameOf(e, vpn, bits));
            }
            return true;
        }
        stats.walks--; // the slow path reads the table again and counts it
        return slowPath(vpn, address, accessType, Tlb.MISS);
    }

    /**
     * Everything but a TLB hit that needs nothing: a walk, a fault and its retry, setting the dirty bit.
     * {@code looked} is what the TLB lookup already returned (with a TLB), so it is not counted twice.
     */
    private boolean slowPath(long vpn, long address, int accessType, long looked) {
        final long need = accessType;
        final boolean instruction = accessType == AccessType.EXEC;
        for (int attempt = 0; ; attempt++) {
            long e;
            if (hasTlb) {
                e = attempt == 0 ? looked : tlb.lookup(vpn, instruction);
                if (e == Tlb.MISS) {
                    e = walk(vpn);
                    if (e != PageTable.NOT_PRESENT && (e & need) == need) {
                        tlb.fill(vpn, e, instruction);
                    }
                } else if (tlb.lastHitLevel() == 2) {
                    clock.charge(Layer.MMU, l2HitNs);
                }
            } else {
                stats.walks++;
                e = table.lookup(vpn);
            }
            if (e == PageTable.NOT_PRESENT || (e & need) != need) {
                if (attempt == MAX_FAULTS_PER_PAGE) {
                    throw new IllegalStateException("the kernel resolved a fault at " + Addresses.hex(address)
                        + " but the page is still not accessible: entry " + Long.toHexString(e));
                }
                if (!fault(address, accessType)) {
                    return false;
                }
                continue;
            }
            if (accessType == AccessType.WRITE && (e & PageTable.DIRTY) == 0) {
                e |= PageTable.DIRTY;
                if (PageTable.level(e) == 0) {
                    table.map(vpn, e);
                } else {
                    table.mapHuge(vpn, e);
                }
                if (hasTlb) {
                    tlb.update(vpn, e);
                }
            }
            if (policy != null) {
                policy.touch(PageTable.frameOf(e, vpn, bits));
            }
            return true;
        }
    }

    /** A page-table walk after a TLB miss: reads the entry and charges the levels the page-walk cache did not skip. */
    private long walk(long vpn) {
        stats.tlbMisses++;
        stats.walks++;
        long e = table.lookup(vpn);
        int leaf = e == PageTable.NOT_PRESENT ? 1 : PageTable.level(e) + 1;
        int reads = tlb.walkReads(vpn, leaf, levels);
        clock.charge(Layer.MMU, reads * walkNs);
        return e;
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
