package org.memsim.kernel;

import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.layer.Layer;
import org.memsim.vm.AccessType;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.Addresses;
import org.memsim.vm.FaultHandler;
import org.memsim.vm.PageTable;
import org.memsim.vm.PhysicalMemory;
import org.memsim.vm.SpaceStats;
import org.memsim.vm.Vma;
import org.memsim.vm.VmaKind;
import org.memsim.vm.VmaList;

/**
 * The page-fault handler, in the order Linux's {@code do_user_addr_fault} → {@code handle_mm_fault}
 * takes its decisions:
 * <pre>
 *  no VMA ──► below the stack, within RLIMIT_STACK and the guard gap? grow it : SIGSEGV (or map, unmapped=map)
 *  VMA forbids the access ──► SIGSEGV
 *  page present ──► write to a write-protected private page: copy on write (or reuse if exclusive)
 *                  └ otherwise refresh the PTE's protection (after mprotect)
 *  not present ──► MAP_HUGETLB: a huge page from the pool (SIGBUS if none)
 *                  swap entry: swap cache hit (minor) or read from swap (major)
 *                  file (or shared anonymous) page: page cache hit (minor) or read (major); private write copies
 *                  anonymous: a transparent huge page if eligible, else a zero-filled frame (minor)
 * </pre>
 */
final class PageFaults {
    private static final int NOT_STACK = -1;
    private static final int GREW = -2;
    /** The protection of pages touched outside every VMA under {@code unmapped=map}. */
    private static final Vma IMPLICIT = new Vma(0, 1, Prot.READ | Prot.WRITE | Prot.EXEC,
        MapFlags.PRIVATE | MapFlags.ANONYMOUS, VmaKind.IMPLICIT, 0, 0);

    private final LinuxKernel k;
    private final Frames frames;
    private final Reclaim reclaim;
    private final PhysicalMemory memory;

    PageFaults(LinuxKernel kernel) {
        this.k = kernel;
        this.frames = kernel.frames;
        this.reclaim = kernel.reclaim;
        this.memory = kernel.memory;
    }

    int handle(AddressSpace as, long address, int accessType) {
        int r = resolve(as, address, accessType);
        if (r == FaultHandler.RESOLVED) {
            SpaceStats s = as.stats();
            s.peakResident = Math.max(s.peakResident, as.residentPages());
        }
        return r;
    }

    private int resolve(AddressSpace as, long address, int accessType) {
        Process p = k.processOf(as);
        if (p == null || !p.alive()) {
            return FaultHandler.SEGFAULT;
        }
        if (Long.compareUnsigned(address, k.userTop) >= 0) {
            return segfault(p, address, accessType, "outside the user address space");
        }
        Vma v = as.vmas().find(address);
        if (v == null) {
            int r = tryStack(p, address);
            if (r == FaultHandler.SEGFAULT) {
                return r;
            }
            if (r == GREW) {
                v = p.stack;
            }
        }
        if (v == null) {
            if (!k.mapUnmapped || Long.compareUnsigned(address, LinuxKernel.MMAP_MIN_ADDR) < 0) {
                return segfault(p, address, accessType, "no mapping");
            }
            v = IMPLICIT;
        }
        if ((v.prot() & accessType) != accessType) {
            return segfault(p, address, accessType, "the mapping is " + Prot.format(v.prot()));
        }
        long vpn = address >>> k.pageShift;
        long e = as.pageTable().lookup(vpn);
        if (e != PageTable.NOT_PRESENT) {
            return present(p, v, vpn, e, accessType, address);
        }
        reclaim.trimWorkingSet();
        if (v.hugetlbShift() != 0) {
            return hugetlb(p, v, vpn, address);
        }
        if (as.swappedPages() > 0) {
            int slot = as.swapSlot(vpn);
            if (slot >= 0) {
                return swapIn(p, v, vpn, slot, address);
            }
        }
        if (v.file() != 0 && (v.kind() == VmaKind.FILE || v.shared())) {
            return filePage(p, v, vpn, accessType, address);
        }
        return anonPage(p, v, vpn, address);
    }

    // ------------------------------------------------------------------ present pages: COW and refresh

    private int present(Process p, Vma v, long vpn, long e, int accessType, long address) {
        PageTable t = p.space.pageTable();
        if (accessType == AccessType.WRITE && (e & PageTable.WRITE) == 0 && !v.shared()) {
            return copyOnWrite(p, v, vpn, e, address);
        }
        long want = v.prot();
        if (!v.shared() && !frames.exclusive(PageTable.pfn(e))) {
            want &= ~Prot.WRITE;
        }
        long ne = (e & ~PageTable.PROT_MASK) | want;
        if (PageTable.level(e) == 0) {
            t.map(vpn, ne);
        } else {
            t.mapHuge(vpn, ne);
        }
        k.tlb.invalidate(p.space.id(), vpn);
        return FaultHandler.RESOLVED;
    }

    private int copyOnWrite(Process p, Vma v, long vpn, long e, long address) {
        AddressSpace as = p.space;
        PageTable t = as.pageTable();
        long pfn = PageTable.pfn(e);
        if (frames.exclusive(pfn)) {
            long ne = e | PageTable.WRITE;
            if (PageTable.level(e) == 0) {
                t.map(vpn, ne);
            } else {
                t.mapHuge(vpn, ne);
            }
            k.tlb.invalidate(as.id(), vpn);
            k.counters.cowReuses.inc();
            minor(as.stats());
            if (k.log.enabled()) {
                k.note("write fault at " + Addresses.hex(address) + ": no one else maps frame " + pfn + ", made writable without a copy");
            }
            return FaultHandler.RESOLVED;
        }
        if (PageTable.level(e) > 0) {
            frames.split(as, vpn, e); // a shared huge page is split and only the written base page is copied
            e = t.lookup(vpn);
            pfn = PageTable.pfn(e);
        }
        boolean pinned = memory.flag(pfn, PhysicalMemory.EVICTABLE);
        reclaim.unadmit(pfn); // keep the source out of reclaim while its copy is made
        long copy = reclaim.allocate(p);
        if (pinned) {
            reclaim.admit(pfn);
        }
        if (copy == PhysicalMemory.NO_FRAME) {
            return oom(p, address);
        }
        memory.describe(copy, PhysicalMemory.ANON, as.id(), vpn);
        memory.setMapCount(copy, 1);
        reclaim.admit(copy);
        t.map(vpn, PageTable.entry(copy, v.prot()));
        frames.releaseMapping(as, vpn, e & ~PageTable.DIRTY);
        k.tlb.invalidate(as.id(), vpn);
        k.clock.charge(Layer.PHYSICAL, k.cost.copyPageNs * (k.pageSize / 4096.0));
        k.counters.cowFaults.inc();
        as.stats().cowFaults++;
        minor(as.stats());
        if (k.log.enabled()) {
            k.note("copy on write at " + Addresses.hex(address) + ": frame " + pfn + " is shared, copied to frame " + copy);
        }
        return FaultHandler.RESOLVED;
    }

    // ------------------------------------------------------------------ not present

    private int anonPage(Process p, Vma v, long vpn, long address) {
        AddressSpace as = p.space;
        if (thpEligible(p, v, vpn, address)) {
            int r = transparentHuge(p, v, vpn, address);
            if (r >= 0) {
                return r;
            }
        }
        long pfn = reclaim.allocate(p);
        if (pfn == PhysicalMemory.NO_FRAME) {
            return oom(p, address);
        }
        memory.describe(pfn, PhysicalMemory.ANON, as.id(), vpn);
        memory.setMapCount(pfn, 1);
        memory.countZeroFills(1);
        reclaim.admit(pfn);
        as.pageTable().map(vpn, PageTable.entry(pfn, v.prot()));
        if (v == IMPLICIT) {
            k.counters.implicitMaps.inc();
            p.implicitPages++;
        }
        minor(as.stats());
        k.clock.charge(Layer.PHYSICAL, k.cost.zeroPageNs * (k.pageSize / 4096.0));
        if (k.log.enabled()) {
            k.note("minor fault at " + Addresses.hex(address) + " in " + v.kind().label() + ": frame " + pfn
                + " zero-filled and mapped " + Prot.format(v.prot()));
        }
        return FaultHandler.RESOLVED;
    }

    private boolean thpEligible(Process p, Vma v, long vpn, long address) {
        if (v == IMPLICIT || v.shared() || v.file() != 0 || k.thp.equals("never")
            || (v.vmFlags() & Vma.VM_NOHUGEPAGE) != 0
            || (k.thp.equals("madvise") && (v.vmFlags() & Vma.VM_HUGEPAGE) == 0)) {
            return false;
        }
        PageTable t = p.space.pageTable();
        if (!t.supportsHuge(1)) {
            return false;
        }
        long huge = (long) k.pageSize << t.bitsPerLevel();
        long start = Addresses.alignDown(address, huge);
        if (start < v.start() || start + huge > v.end() || !t.rangeEmpty(vpn, 1)) {
            return false;
        }
        if (p.space.swappedPages() > 0) {
            long first = start >>> k.pageShift;
            for (long i = 0; i < huge >>> k.pageShift; i++) {
                if (p.space.swapSlot(first + i) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A transparent huge page for the range around {@code address}; -1 to fall back to a base page. */
    private int transparentHuge(Process p, Vma v, long vpn, long address) {
        PageTable t = p.space.pageTable();
        int bits = t.bitsPerLevel();
        long head = memory.allocateRun(bits);
        if (head == PhysicalMemory.NO_FRAME) {
            k.counters.thpFallbacks.inc();
            return -1;
        }
        long first = vpn & -(1L << bits);
        frames.describeRun(head, 1, first);
        long pages = 1L << bits;
        memory.countZeroFills(pages);
        t.mapHuge(vpn, PageTable.hugeEntry(head, v.prot(), 1));
        k.counters.thpFaults.inc();
        p.space.stats().hugeFaults++;
        minor(p.space.stats());
        k.clock.charge(Layer.PHYSICAL, k.cost.zeroPageNs * pages * (k.pageSize / 4096.0));
        if (k.log.enabled()) {
            k.note("minor fault at " + Addresses.hex(address) + " in " + v.kind().label() + ": a transparent huge page, frames "
                + head + ".." + (head + pages - 1) + ", zero-filled and mapped by one entry");
        }
        return FaultHandler.RESOLVED;
    }

    private int hugetlb(Process p, Vma v, long vpn, long address) {
        PageTable t = p.space.pageTable();
        int order = v.hugetlbShift() - k.pageShift;
        int level = order / t.bitsPerLevel();
        long head = memory.allocateRun(order);
        if (head == PhysicalMemory.NO_FRAME) {
            String detail = "SIGBUS: no free " + org.memsim.spec.Values.formatBytes(1L << v.hugetlbShift())
                + " huge page for the MAP_HUGETLB mapping at " + Addresses.hex(address);
            k.kill(p, Process.State.SIGBUS, detail);
            return FaultHandler.SEGFAULT;
        }
        frames.describeRun(head, level, vpn & -(1L << order));
        memory.countZeroFills(1L << order);
        t.mapHuge(vpn, PageTable.hugeEntry(head, v.prot(), level));
        k.counters.hugetlbFaults.inc();
        p.space.stats().hugeFaults++;
        minor(p.space.stats());
        k.clock.charge(Layer.PHYSICAL, k.cost.zeroPageNs * (1L << order) * (k.pageSize / 4096.0));
        return FaultHandler.RESOLVED;
    }

    private int swapIn(Process p, Vma v, long vpn, int slot, long address) {
        AddressSpace as = p.space;
        long pfn = reclaim.swapCached(slot);
        boolean major = pfn == PhysicalMemory.NO_FRAME;
        if (major) {
            pfn = reclaim.allocate(p);
            if (pfn == PhysicalMemory.NO_FRAME) {
                return oom(p, address);
            }
            memory.describe(pfn, PhysicalMemory.ANON, as.id(), vpn);
            memory.setSwapSlot(pfn, slot);
            k.swap.retain(slot);
            reclaim.cacheSwap(slot, pfn);
            reclaim.admit(pfn);
            k.swap.countRead();
            k.counters.swapIns.inc();
            majorFault(as.stats());
        } else {
            minor(as.stats());
        }
        memory.setMapCount(pfn, memory.mapCount(pfn) + 1);
        as.removeSwapSlot(vpn);
        k.swap.release(slot);
        long prot = v.prot();
        if (!v.shared() && !frames.exclusive(pfn)) {
            prot &= ~Prot.WRITE;
        }
        as.pageTable().map(vpn, PageTable.entry(pfn, (int) prot));
        if (k.log.enabled()) {
            k.note((major ? "major fault at " : "minor fault at ") + Addresses.hex(address) + ": page read back from swap slot "
                + slot + (major ? " into frame " : ", still in the swap cache as frame ") + pfn);
        }
        return FaultHandler.RESOLVED;
    }

    private int filePage(Process p, Vma v, long vpn, int accessType, long address) {
        AddressSpace as = p.space;
        int file = v.file();
        long index = (v.fileOffset() >>> k.pageShift) + (vpn - (v.start() >>> k.pageShift));
        long pfn = k.pageCache.find(file, index);
        boolean major = false;
        if (pfn == PhysicalMemory.NO_FRAME) {
            pfn = reclaim.allocate(p);
            if (pfn == PhysicalMemory.NO_FRAME) {
                return oom(p, address);
            }
            memory.describe(pfn, PhysicalMemory.FILE, file, index);
            k.pageCache.insert(file, index, pfn);
            reclaim.admit(pfn);
            if (file > 0 || reclaim.takeShmemOut(file, index)) {
                major = true;
                if (file > 0) {
                    k.counters.fileReads.inc();
                } else {
                    k.counters.swapIns.inc();
                    k.swap.countRead();
                }
            } else {
                memory.countZeroFills(1);
                k.clock.charge(Layer.PHYSICAL, k.cost.zeroPageNs * (k.pageSize / 4096.0));
            }
        }
        if (major) {
            majorFault(as.stats());
        } else {
            minor(as.stats());
        }
        if (v.shared()) {
            memory.setMapCount(pfn, memory.mapCount(pfn) + 1);
            as.pageTable().map(vpn, PageTable.entry(pfn, v.prot()));
        } else if (accessType == AccessType.WRITE) {
            boolean pinned = memory.flag(pfn, PhysicalMemory.EVICTABLE);
            reclaim.unadmit(pfn);
            long copy = reclaim.allocate(p);
            if (pinned) {
                reclaim.admit(pfn);
            }
            if (copy == PhysicalMemory.NO_FRAME) {
                return oom(p, address);
            }
            memory.describe(copy, PhysicalMemory.ANON, as.id(), vpn);
            memory.setMapCount(copy, 1);
            reclaim.admit(copy);
            as.pageTable().map(vpn, PageTable.entry(copy, v.prot()));
            k.clock.charge(Layer.PHYSICAL, k.cost.copyPageNs * (k.pageSize / 4096.0));
            k.counters.cowFaults.inc();
            as.stats().cowFaults++;
        } else {
            memory.setMapCount(pfn, memory.mapCount(pfn) + 1);
            as.pageTable().map(vpn, PageTable.entry(pfn, v.prot() & ~Prot.WRITE));
        }
        if (k.log.enabled()) {
            k.note((major ? "major fault at " : "minor fault at ") + Addresses.hex(address) + ": page " + index + " of file "
                + file + (major ? " read from disk into frame " : " found in the page cache, frame ") + pfn
                + (v.shared() ? " (shared)" : accessType == AccessType.WRITE ? " (private write: copied)" : " (private: mapped read-only)"));
        }
        return FaultHandler.RESOLVED;
    }

    // ------------------------------------------------------------------ the stack

    /** A fault below the stack: grow it, report a stack overflow, or say it is not the stack's. */
    private int tryStack(Process p, long address) {
        Vma st = p.stack;
        if (st == null || Long.compareUnsigned(address, st.start()) >= 0) {
            return NOT_STACK;
        }
        VmaList vmas = p.space.vmas();
        Vma below = vmas.below(st.start());
        if (below != null && Long.compareUnsigned(address, below.end()) < 0) {
            return NOT_STACK;
        }
        long floor = st.end() - k.layout.stackLimit();
        long newStart = Addresses.alignDown(address, k.pageSize);
        if (address < floor) {
            if (!k.mapUnmapped && address >= floor - (1L << 16)) {
                return overflow(p, address, "the stack would pass RLIMIT_STACK of " + org.memsim.spec.Values.formatBytes(k.layout.stackLimit()));
            }
            return NOT_STACK;
        }
        if (below != null && newStart < below.end() + k.guardGap) {
            return overflow(p, address, "growing the stack to " + Addresses.hex(newStart) + " would come within the "
                + org.memsim.spec.Values.formatBytes(k.guardGap) + " guard gap above " + below);
        }
        long pages = (st.start() - newStart) >>> k.pageShift;
        if (!k.overcommit.charge(pages)) {
            k.counters.overcommitRefusals.inc();
            return segfault(p, address, AccessType.WRITE, "stack growth refused by overcommit accounting");
        }
        p.committedPages += pages;
        vmas.extendDown(st, newStart);
        return GREW;
    }

    private int overflow(Process p, long address, String why) {
        k.counters.stackOverflows.inc();
        k.counters.segfaults.inc();
        Vma near = p.space.vmas().nearest(address);
        k.kill(p, Process.State.SEGFAULT, "SIGSEGV: stack overflow at " + Addresses.hex(address) + ": " + why
            + (near == null ? "" : "; nearest mapping " + near));
        return FaultHandler.SEGFAULT;
    }

    // ------------------------------------------------------------------ outcomes

    private void minor(SpaceStats s) {
        k.counters.minorFaults.inc();
        s.minorFaults++;
        k.clock.charge(Layer.KERNEL, k.cost.minorFaultNs);
    }

    private void majorFault(SpaceStats s) {
        k.counters.majorFaults.inc();
        s.majorFaults++;
        k.clock.charge(Layer.KERNEL, k.cost.minorFaultNs);
        k.clock.charge(Layer.PHYSICAL, k.cost.majorFaultNs);
    }

    private int segfault(Process p, long address, int accessType, String why) {
        k.counters.segfaults.inc();
        Vma near = p.space.vmas().nearest(address);
        k.kill(p, Process.State.SEGFAULT, "SIGSEGV: " + AccessType.name(accessType) + " at " + Addresses.hex(address) + " (" + why + ")"
            + (near == null ? "" : "; nearest mapping " + near));
        return FaultHandler.SEGFAULT;
    }

    private int oom(Process p, long address) {
        k.counters.oomKills.inc();
        if (k.log.enabled()) {
            k.note("no free frame: the OOM killer kills the process");
        }
        k.kill(p, Process.State.OOM_KILLED, "out of memory: all " + memory.frames() + " frames in use when touching " + Addresses.hex(address));
        return FaultHandler.OUT_OF_MEMORY;
    }
}
