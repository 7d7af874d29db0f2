package org.memsim.kernel;

import org.memsim.collections.LongArrayList;
import org.memsim.layer.Layer;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.Addresses;
import org.memsim.vm.PageTable;
import org.memsim.vm.PhysicalMemory;
import org.memsim.vm.Vma;

/**
 * Frame lifetimes: who maps a frame (map counts, Linux's {@code _mapcount}) and when it is freed, and
 * the bulk operations on ranges and whole address spaces — munmap and madvise (with huge-page
 * splitting), mprotect (keeping COW pages write-protected), msync (write-back), fork (copy on write)
 * and exit. Reclaim and the reverse mapping are in {@link Reclaim}.
 * <p>Huge pages are runs of frames: the head frame counts every mapping of any part of the run and the
 * run is freed whole when that count reaches zero; huge pages are never evicted (Linux's hugetlb
 * pages are not swapped either; memsim does not split a THP to swap it).
 */
final class Frames {
    private final LinuxKernel k;
    private final PhysicalMemory memory;
    /** Reused result list of {@link #present} (one range operation at a time). */
    private final LongArrayList scratch = new LongArrayList();
    private final LongArrayList scratchSlots = new LongArrayList();

    Frames(LinuxKernel kernel) {
        this.k = kernel;
        this.memory = kernel.memory;
    }

    // ------------------------------------------------------------------ map counts

    /** The head frame of the huge run {@code pfn} belongs to, or {@code pfn} itself. */
    long headOf(long pfn) {
        return memory.kind(pfn) == PhysicalMemory.HUGE_TAIL ? memory.index(pfn) : pfn;
    }

    private boolean inRun(long pfn) {
        byte kind = memory.kind(pfn);
        return kind == PhysicalMemory.HUGE || kind == PhysicalMemory.HUGE_TAIL;
    }

    /** One more page-table entry maps {@code pfn} (counted on the head of a huge run). */
    void addMapping(long pfn) {
        long h = inRun(pfn) ? headOf(pfn) : pfn;
        memory.setMapCount(h, memory.mapCount(h) + 1);
    }

    /** Whether a write may go to frame {@code pfn} in place: an anonymous page (or huge run) no one else maps. */
    boolean exclusive(long pfn) {
        if (inRun(pfn)) {
            return memory.mapCount(headOf(pfn)) == 1;
        }
        if (memory.kind(pfn) != PhysicalMemory.ANON || memory.mapCount(pfn) != 1) {
            return false;
        }
        int slot = memory.swapSlot(pfn);
        return slot < 0 || k.swap.refs(slot) == 1;
    }

    /** A PTE mapping {@code entry} was removed from {@code space}: drop its map count, free what nobody maps. */
    void releaseMapping(AddressSpace space, long vpn, long entry) {
        long pfn = PageTable.pfn(entry);
        if (PageTable.level(entry) > 0 || inRun(pfn)) {
            long h = headOf(pfn);
            if ((entry & PageTable.DIRTY) != 0) {
                memory.setDirty(h, true);
            }
            int n = memory.mapCount(h) - 1;
            memory.setMapCount(h, n);
            if (n <= 0) {
                memory.freeRun(h, runOrder(h));
            }
            return;
        }
        if ((entry & PageTable.DIRTY) != 0) {
            memory.setDirty(pfn, true);
        }
        int n = memory.mapCount(pfn) - 1;
        memory.setMapCount(pfn, n);
        if (n <= 0 && memory.kind(pfn) == PhysicalMemory.ANON) {
            freeAnon(pfn);
        }
    }

    private void freeAnon(long pfn) {
        int slot = memory.swapSlot(pfn);
        if (slot >= 0) {
            k.reclaim.uncacheSwap(slot);
            k.swap.release(slot);
        }
        k.reclaim.unadmit(pfn);
        memory.free(pfn);
    }

    /** log2 of the number of frames in the huge run headed by {@code head}. */
    int runOrder(long head) {
        return memory.owner(head) * k.addressBits();
    }

    /** Records a freshly allocated huge run of {@code level} mapped at {@code firstVpn}. */
    void describeRun(long head, int level, long firstVpn) {
        long n = 1L << (level * k.addressBits());
        memory.describe(head, PhysicalMemory.HUGE, level, firstVpn);
        for (long f = head + 1; f < head + n; f++) {
            memory.describe(f, PhysicalMemory.HUGE_TAIL, 0, head);
        }
        memory.setMapCount(head, 1);
    }

    // ------------------------------------------------------------------ ranges

    /** Present entries of {@code space} in {@code [firstVpn, lastVpn]}: vpns of base entries and first vpns of huge leaves. */
    private LongArrayList present(AddressSpace space, long firstVpn, long lastVpn) {
        PageTable t = space.pageTable();
        LongArrayList out = scratch;
        out.clear();
        if (lastVpn - firstVpn > t.present()) {
            t.forEach((vpn, e) -> {
                long span = 1L << (t.bitsPerLevel() * PageTable.level(e));
                if (vpn + span - 1 >= firstVpn && vpn <= lastVpn) {
                    out.add(vpn);
                }
            });
            return out;
        }
        for (long vpn = firstVpn; vpn <= lastVpn; vpn++) {
            long e = t.lookup(vpn);
            if (e == PageTable.NOT_PRESENT) {
                continue;
            }
            int level = PageTable.level(e);
            if (level == 0) {
                out.add(vpn);
            } else {
                long span = 1L << (t.bitsPerLevel() * level);
                long first = vpn & -span;
                out.add(first);
                vpn = first + span - 1;
            }
        }
        return out;
    }

    /** Removes every page of {@code [start, end)} of {@code p} (munmap, madvise(DONTNEED), brk shrink); splits huge pages cut by the edges. */
    void dropRange(Process p, long start, long end) {
        AddressSpace space = p.space;
        PageTable t = space.pageTable();
        int shift = k.pageShift;
        long firstVpn = start >>> shift;
        long lastVpn = (end - 1) >>> shift;
        LongArrayList vpns = present(space, firstVpn, lastVpn);
        for (int i = 0; i < vpns.size(); i++) {
            long vpn = vpns.get(i);
            long e = t.lookup(vpn);
            int level = PageTable.level(e);
            if (level == 0) {
                t.unmap(vpn);
                releaseMapping(space, vpn, e);
                continue;
            }
            long span = 1L << (t.bitsPerLevel() * level);
            if (vpn >= firstVpn && vpn + span - 1 <= lastVpn) {
                t.unmapHuge(vpn, level);
                releaseMapping(space, vpn, e);
            } else {
                split(space, vpn, e);
                for (long v = Math.max(vpn, firstVpn); v <= Math.min(vpn + span - 1, lastVpn); v++) {
                    long be = t.unmap(v);
                    releaseMapping(space, v, be);
                }
            }
        }
        if (space.swappedPages() > 0) {
            LongArrayList slots = scratchSlots;
            slots.clear();
            if (lastVpn - firstVpn > space.swappedPages()) {
                space.forEachSwapped((vpn, slot) -> {
                    if (vpn >= firstVpn && vpn <= lastVpn) {
                        slots.add(vpn);
                    }
                });
            } else {
                for (long vpn = firstVpn; vpn <= lastVpn; vpn++) {
                    if (space.swapSlot(vpn) >= 0) {
                        slots.add(vpn);
                    }
                }
            }
            for (int i = 0; i < slots.size(); i++) {
                k.swap.release(space.removeSwapSlot(slots.get(i)));
            }
        }
        invalidateRange(space, firstVpn, lastVpn, vpns);
    }

    private void invalidateRange(AddressSpace space, long firstVpn, long lastVpn, LongArrayList vpns) {
        if (lastVpn - firstVpn + 1 > LinuxKernel.FLUSH_CEILING) {
            k.tlb.flushSpace(space.id());
        } else {
            for (int i = 0; i < vpns.size(); i++) {
                k.tlb.invalidate(space.id(), vpns.get(i));
            }
        }
    }

    /** Replaces the huge leaf at {@code vpn} by base entries for each of its frames (Linux's split_huge_pmd). */
    void split(AddressSpace space, long vpn, long e) {
        PageTable t = space.pageTable();
        int level = PageTable.level(e);
        long span = 1L << (t.bitsPerLevel() * level);
        long first = vpn & -span;
        long head = PageTable.pfn(e);
        t.unmapHuge(first, level);
        long bits = e & (PageTable.PROT_MASK | PageTable.DIRTY);
        for (long i = 0; i < span; i++) {
            t.map(first + i, PageTable.entry(head + i, 0) | bits);
        }
        memory.setMapCount(head, memory.mapCount(head) + (int) (span - 1));
        k.tlb.invalidate(space.id(), first);
    }

    /** mprotect: new protection on the present pages of the range; private pages shared with others stay write-protected (COW). */
    void protectRange(Process p, long start, long end, int prot) {
        AddressSpace space = p.space;
        PageTable t = space.pageTable();
        int shift = k.pageShift;
        long firstVpn = start >>> shift;
        long lastVpn = (end - 1) >>> shift;
        LongArrayList vpns = present(space, firstVpn, lastVpn);
        for (int i = 0; i < vpns.size(); i++) {
            long vpn = vpns.get(i);
            long e = t.lookup(vpn);
            Vma v = space.vmas().find(vpn << shift);
            long want = prot;
            if ((want & PageTable.WRITE) != 0 && (v == null || !v.shared()) && !exclusive(PageTable.pfn(e))) {
                want &= ~PageTable.WRITE;
            }
            long ne = (e & ~PageTable.PROT_MASK) | want;
            if (PageTable.level(e) == 0) {
                t.map(vpn, ne);
            } else {
                t.mapHuge(vpn, ne);
            }
        }
        invalidateRange(space, firstVpn, lastVpn, vpns);
    }

    /** msync: writes back the dirty pages of shared file mappings in the range; returns pages written. */
    long writeBackRange(Process p, long start, long end) {
        AddressSpace space = p.space;
        PageTable t = space.pageTable();
        int shift = k.pageShift;
        long written = 0;
        for (Vma v : space.vmas().all()) {
            if (!v.shared() || v.file() == 0 || v.end() <= start || v.start() >= end) {
                continue;
            }
            long first = Math.max(v.start(), start) >>> shift;
            long last = (Math.min(v.end(), end) - 1) >>> shift;
            LongArrayList vpns = present(space, first, last);
            for (int i = 0; i < vpns.size(); i++) {
                long vpn = vpns.get(i);
                long pfn = PageTable.pfn(t.lookup(vpn));
                boolean[] dirty = {memory.dirty(pfn)};
                k.reclaim.forEachMapping(pfn, (s, mv, e) -> {
                    if ((e & PageTable.DIRTY) != 0) {
                        dirty[0] = true;
                        s.pageTable().map(mv, e & ~PageTable.DIRTY);
                        k.tlb.invalidate(s.id(), mv);
                    }
                });
                if (dirty[0]) {
                    memory.setDirty(pfn, false);
                    written++;
                    k.clock.charge(Layer.PHYSICAL, k.cost.writeBackNs);
                    if (v.file() < 0) {
                        k.counters.swapOuts.inc();
                    } else {
                        k.counters.writeBacks.inc();
                    }
                }
            }
        }
        return written;
    }

    // ------------------------------------------------------------------ whole address spaces

    /** Releases everything {@code p} holds: frames, swap slots, committed memory, VMAs, its ASID. */
    void teardown(Process p) {
        AddressSpace space = p.space;
        PageTable t = space.pageTable();
        LongArrayList vpns = new LongArrayList((int) Math.min(t.present(), 1 << 20));
        LongArrayList entries = new LongArrayList((int) Math.min(t.present(), 1 << 20));
        t.forEach((vpn, e) -> {
            vpns.add(vpn);
            entries.add(e);
        });
        for (int i = 0; i < vpns.size(); i++) {
            long vpn = vpns.get(i);
            long e = entries.get(i);
            if (PageTable.level(e) == 0) {
                t.unmap(vpn);
            } else {
                t.unmapHuge(vpn, PageTable.level(e));
            }
            releaseMapping(space, vpn, e);
        }
        LongArrayList swapped = new LongArrayList();
        space.forEachSwapped((vpn, slot) -> swapped.add(vpn));
        for (int i = 0; i < swapped.size(); i++) {
            k.swap.release(space.removeSwapSlot(swapped.get(i)));
        }
        p.heapBytesAtEnd = p.heap == null ? p.heapBytesAtEnd : p.heap.end() - p.heap.start();
        p.stackBytesAtEnd = p.stack == null ? p.stackBytesAtEnd : p.stack.end() - p.stack.start();
        k.overcommit.uncharge(p.committedPages);
        p.committedPages = 0;
        p.mappedBytes = 0;
        space.vmas().clear();
        p.heap = null;
        p.stack = null;
        k.tlb.release(space.id());
    }

    /** fork: the child's VMAs, page table and swap entries copy the parent's; private writable pages become COW in both. */
    void copyAddressSpace(Process parent, Process child) {
        AddressSpace from = parent.space;
        AddressSpace to = child.space;
        from.vmas().copyInto(to.vmas());
        for (Vma v : to.vmas().all()) {
            if (v.kind() == org.memsim.vm.VmaKind.HEAP) {
                child.heap = v;
            } else if (v.kind() == org.memsim.vm.VmaKind.STACK) {
                child.stack = v;
            }
        }
        child.brk = parent.brk;
        child.mappedBytes = parent.mappedBytes;
        child.peakMappedBytes = parent.mappedBytes;
        child.implicitPages = parent.implicitPages;
        PageTable pt = from.pageTable();
        PageTable ct = to.pageTable();
        LongArrayList vpns = new LongArrayList((int) Math.min(pt.present(), 1 << 20));
        LongArrayList entries = new LongArrayList((int) Math.min(pt.present(), 1 << 20));
        pt.forEach((vpn, e) -> {
            vpns.add(vpn);
            entries.add(e);
        });
        int shift = k.pageShift;
        for (int i = 0; i < vpns.size(); i++) {
            long vpn = vpns.get(i);
            long e = entries.get(i);
            Vma v = from.vmas().find(vpn << shift);
            boolean cow = v == null || !v.shared();
            long ne = cow ? e & ~PageTable.WRITE : e;
            if (PageTable.level(e) == 0) {
                if (ne != e) {
                    pt.map(vpn, ne);
                }
                ct.map(vpn, ne);
            } else {
                if (ne != e) {
                    pt.mapHuge(vpn, ne);
                }
                ct.mapHuge(vpn, ne);
            }
            addMapping(PageTable.pfn(e));
        }
        from.forEachSwapped((vpn, slot) -> {
            to.setSwapSlot(vpn, (int) slot);
            k.swap.retain((int) slot);
        });
        k.tlb.flushSpace(from.id());
        k.clock.charge(Layer.KERNEL, vpns.size() * k.cost.accessNs);
        to.stats().peakResident = Math.max(to.stats().peakResident, to.residentPages());
    }

    /** Host-side check used by tests: page-count sums agree with the frames in use. */
    long mappedFrames() {
        return memory.used();
    }

    static String hex(long a) {
        return Addresses.hex(a);
    }
}
