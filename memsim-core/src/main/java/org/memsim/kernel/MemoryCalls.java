package org.memsim.kernel;

import org.memsim.event.Advice;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.vm.Addresses;
import org.memsim.vm.FaultHandler;
import org.memsim.vm.Vma;
import org.memsim.vm.VmaKind;
import org.memsim.vm.VmaList;

/**
 * The memory system calls of the running process, as Linux's {@code mm/mmap.c}, {@code mm/mprotect.c},
 * {@code mm/madvise.c} and {@code mm/msync.c} apply them: {@code brk} (up to a guard gap below the
 * stack), {@code mmap} (top-down placement below the mmap base, MAP_FIXED, MAP_POPULATE, MAP_HUGETLB
 * alignment, overcommit charging of accountable mappings), {@code munmap}, {@code mprotect} (charging
 * a private mapping made writable), {@code madvise} (DONTNEED/FREE release frames, HUGEPAGE/NOHUGEPAGE
 * mark the VMA for THP) and {@code msync} (write back dirty shared file pages).
 */
final class MemoryCalls {
    private final LinuxKernel k;

    MemoryCalls(LinuxKernel kernel) {
        this.k = kernel;
    }

    long brk(long address) {
        k.counters.brkCalls.inc();
        k.syscallCharge();
        Process p = k.current();
        if (!p.alive() || address < k.layout.heapStart() || p.heap == null) {
            return p.brk;
        }
        VmaList vmas = p.space.vmas();
        long newEnd = Addresses.alignUp(address, k.pageSize);
        long oldEnd = p.heap.end();
        if (newEnd > oldEnd) {
            Vma above = vmas.above(oldEnd);
            long gap = above != null && above.kind() == VmaKind.STACK ? k.guardGap : 0;
            if (vmas.overlaps(oldEnd, newEnd) || newEnd > k.layout.mmapBase() || (above != null && newEnd + gap > above.start())) {
                if (k.log.enabled()) {
                    k.note("brk(" + Addresses.hex(address) + ") refused: would run into " + (above == null ? "the mmap area" : above.toString()));
                }
                return p.brk;
            }
            long pages = (newEnd - oldEnd) >>> k.pageShift;
            if (!k.overcommit.charge(pages)) {
                k.counters.overcommitRefusals.inc();
                if (k.log.enabled()) {
                    k.note("brk(" + Addresses.hex(address) + ") refused by k.overcommit mode " + k.overcommit.mode());
                }
                return p.brk;
            }
            p.committedPages += pages;
            vmas.resize(p.heap, newEnd);
        } else if (newEnd < oldEnd) {
            k.frames.dropRange(p, newEnd, oldEnd);
            long pages = (oldEnd - newEnd) >>> k.pageShift;
            k.overcommit.uncharge(pages);
            p.committedPages -= pages;
            vmas.resize(p.heap, newEnd);
        }
        if (k.log.enabled()) {
            k.note("brk " + Addresses.hex(p.brk) + " → " + Addresses.hex(address) + " (heap " + (address - k.layout.heapStart()) + " bytes; no frame yet)");
        }
        p.brk = address;
        return p.brk;
    }

    long mmap(long address, long length, int prot, int flags, int file, long offset) {
        k.counters.mmapCalls.inc();
        k.syscallCharge();
        Process p = k.current();
        if (!p.alive() || length <= 0 || length > (1L << 47)) {
            return SystemCalls.MAP_FAILED;
        }
        VmaList vmas = p.space.vmas();
        boolean hugetlb = (flags & MapFlags.HUGETLB) != 0;
        long align = k.pageSize;
        if (hugetlb) {
            int shift = hugetlbShift(flags);
            if (shift <= k.pageShift || (shift - k.pageShift) % p.space.pageTable().bitsPerLevel() != 0
                || !p.space.pageTable().supportsHuge((shift - k.pageShift) / p.space.pageTable().bitsPerLevel())) {
                if (k.log.enabled()) {
                    k.note("mmap(MAP_HUGETLB) refused: no " + Addresses.hex(1L << shift) + "-byte pages on this VM model");
                }
                return SystemCalls.MAP_FAILED;
            }
            align = 1L << shift;
        }
        long len = Addresses.alignUp(length, align);
        long at;
        if ((flags & MapFlags.FIXED) != 0) {
            if (address % align != 0) {
                return SystemCalls.MAP_FAILED;
            }
            at = address;
            munmapRange(p, at, at + len);
        } else if (address != 0 && address % align == 0 && address > 0 && Long.compareUnsigned(address + len, k.userTop) <= 0
            && !vmas.overlaps(address, address + len)) {
            at = address;
        } else {
            at = vmas.findGapBelow(k.layout.mmapBase(), Math.max(p.heap == null ? 0 : p.heap.end(), k.layout.heapStart()) + (1L << 30), len + align - k.pageSize);
            if (at < 0) {
                return SystemCalls.MAP_FAILED;
            }
            at = Addresses.alignUp(at, align);
        }
        boolean shared = (flags & MapFlags.SHARED) != 0;
        boolean anonymous = (flags & MapFlags.ANONYMOUS) != 0 || file == 0;
        int backing = anonymous ? (shared ? k.nextShmem-- : 0) : file;
        VmaKind kind = anonymous ? VmaKind.ANON : VmaKind.FILE;
        Vma v = new Vma(at, at + len, prot, flags, kind, backing, anonymous ? 0 : offset);
        long pages = len >>> k.pageShift;
        if (!hugetlb && accountable(v, flags)) {
            if (!k.overcommit.charge(pages)) {
                k.counters.overcommitRefusals.inc();
                if (k.log.enabled()) {
                    k.note("mmap of " + len + " bytes refused: k.overcommit mode " + k.overcommit.mode()
                        + (k.overcommit.mode() == 2 ? " (Committed_AS would reach CommitLimit)" : " (more than RAM + swap at once)"));
                }
                return SystemCalls.MAP_FAILED;
            }
            v.setVmFlags(v.vmFlags() | Vma.VM_ACCOUNT);
            p.committedPages += pages;
        }
        if (p.implicitPages > 0) {
            k.frames.dropRange(p, at, at + len); // pages touched before any mapping covered them
        }
        vmas.insert(v);
        p.mappedBytes += len;
        p.peakMappedBytes = Math.max(p.peakMappedBytes, p.mappedBytes);
        if (k.log.enabled()) {
            k.note("mmap " + len + " bytes " + Prot.format(prot) + " " + MapFlags.format(flags & 0x3ffffff) + " at " + Addresses.hex(at) + " (no frame yet)");
        }
        if ((flags & MapFlags.POPULATE) != 0) {
            for (long a = at; a < at + len; a += k.pageSize) {
                if (k.handleFault(p.space, a, (prot & Prot.WRITE) != 0 && !shared ? org.memsim.vm.AccessType.WRITE
                    : org.memsim.vm.AccessType.READ) != FaultHandler.RESOLVED) {
                    break;
                }
            }
        }
        return at;
    }

    private static int hugetlbShift(int flags) {
        int s = (flags >>> 26) & 0x3f;
        return s == 0 ? 21 : s;
    }

    /** Linux's accountable_mapping: private writable without MAP_NORESERVE, or shared anonymous (shmem). */
    private boolean accountable(Vma v, int flags) {
        boolean noReserve = (flags & MapFlags.NORESERVE) != 0 && k.overcommit.honoursNoReserve();
        if (noReserve) {
            return false;
        }
        if (v.shared()) {
            return v.kind() == VmaKind.ANON;
        }
        return (v.prot() & Prot.WRITE) != 0;
    }

    int munmap(long address, long length) {
        k.counters.munmapCalls.inc();
        k.syscallCharge();
        if (address % k.pageSize != 0 || length <= 0) {
            return -1;
        }
        Process p = k.current();
        if (!p.alive()) {
            return -1;
        }
        munmapRange(p, address, Addresses.alignUp(address + length, k.pageSize));
        return 0;
    }

    private void munmapRange(Process p, long start, long end) {
        boolean heapTouched = p.heap != null && p.heap.end() > start && p.heap.start() < end;
        for (Vma v : p.space.vmas().all()) {
            if (v.end() > start && v.start() < end && (v.kind() == VmaKind.ANON || v.kind() == VmaKind.FILE)) {
                long bytes = Math.min(v.end(), end) - Math.max(v.start(), start);
                p.mappedBytes -= bytes;
                if ((v.vmFlags() & Vma.VM_ACCOUNT) != 0) {
                    k.overcommit.uncharge(bytes >>> k.pageShift);
                    p.committedPages -= bytes >>> k.pageShift;
                }
            }
        }
        k.frames.dropRange(p, start, end);
        if (heapTouched) {
            return; // the heap shrinks only through brk
        }
        p.space.vmas().remove(start, end);
    }

    int mprotect(long address, long length, int prot) {
        k.counters.otherCalls.inc();
        k.syscallCharge();
        if (address % k.pageSize != 0 || length <= 0) {
            return -1;
        }
        Process p = k.current();
        if (!p.alive()) {
            return -1;
        }
        long end = Addresses.alignUp(address + length, k.pageSize);
        long[] charge = {0};
        for (Vma v : p.space.vmas().all()) {
            if (v.end() > address && v.start() < end && !v.shared() && (v.prot() & Prot.WRITE) == 0 && (prot & Prot.WRITE) != 0
                && (v.vmFlags() & Vma.VM_ACCOUNT) == 0) {
                charge[0] += (Math.min(v.end(), end) - Math.max(v.start(), address)) >>> k.pageShift;
            }
        }
        if (charge[0] > 0) {
            if (!k.overcommit.charge(charge[0])) {
                k.counters.overcommitRefusals.inc();
                return -1;
            }
            p.committedPages += charge[0];
        }
        p.space.vmas().modify(address, end, v -> {
            if (charge[0] > 0 && !v.shared() && (prot & Prot.WRITE) != 0) {
                v.setVmFlags(v.vmFlags() | Vma.VM_ACCOUNT);
            }
            v.setProt(prot);
        });
        k.frames.protectRange(p, address, end, prot);
        return 0;
    }

    int madvise(long address, long length, int advice) {
        k.counters.otherCalls.inc();
        k.syscallCharge();
        if (address % k.pageSize != 0 || length <= 0) {
            return -1;
        }
        Process p = k.current();
        if (!p.alive()) {
            return -1;
        }
        long end = Addresses.alignUp(address + length, k.pageSize);
        if (advice == Advice.DONTNEED || advice == Advice.FREE) {
            k.frames.dropRange(p, address, end);
            if (k.log.enabled()) {
                k.note("madvise(" + Advice.format(advice) + ") released the k.frames of " + length + " bytes");
            }
        } else if (advice == Advice.HUGEPAGE || advice == Advice.NOHUGEPAGE) {
            int set = advice == Advice.HUGEPAGE ? Vma.VM_HUGEPAGE : Vma.VM_NOHUGEPAGE;
            int clear = advice == Advice.HUGEPAGE ? Vma.VM_NOHUGEPAGE : Vma.VM_HUGEPAGE;
            p.space.vmas().modify(address, end, v -> v.setVmFlags((v.vmFlags() & ~clear) | set));
        }
        return 0;
    }

    int msync(long address, long length) {
        k.counters.otherCalls.inc();
        k.syscallCharge();
        Process p = k.current();
        if (!p.alive() || address % k.pageSize != 0 || length < 0) {
            return -1;
        }
        long written = k.frames.writeBackRange(p, address, Addresses.alignUp(address + length, k.pageSize));
        if (k.log.enabled()) {
            k.note("msync wrote back " + written + " dirty page(s)");
        }
        return 0;
    }
}
