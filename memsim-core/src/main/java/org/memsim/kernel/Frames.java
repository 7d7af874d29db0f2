package org.memsim.kernel;

import org.memsim.collections.LongArrayList;
import org.memsim.collections.LongLongHashMap;
import org.memsim.layer.Layer;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.Addresses;
import org.memsim.vm.PageTable;
import org.memsim.vm.PhysicalMemory;
import org.memsim.vm.Vma;

/**
 * Frame lifetimes: who maps a frame (map counts, Linux's {@code _mapcount}), finding every mapping of
 * a frame (reverse mapping: the owner's page table for private anonymous pages, every process at
 * the same address after fork, every VMA of the file for page-cache pages), reclaim through the
 * replacement policy with swap-out and write-back, the OOM killer, and the bulk operations on
 * ranges and whole address spaces (munmap, mprotect, msync, fork, exit).
 * <pre>
 *  allocate ─► free frame? ─no─► policy.victim ─► evict: unmap every PTE (rmap), write if dirty
 *                                    └ none evictable ─► OOM killer: the process with the most pages
 * </pre>
 * Huge pages are runs of frames: the head frame counts every mapping of any part of the run and the
 * run is freed whole when that count reaches zero; huge pages are never evicted (Linux's hugetlb
 * pages are not swapped either; memsim does not split a THP to swap it).
 */
final class Frames {
    private final LinuxKernel k;
    private final PhysicalMemory memory;
    /** Swap slot → the resident frame holding a copy of it (Linux's swap cache). */
    private final LongLongHashMap swapCache = new LongLongHashMap(64, PhysicalMemory.NO_FRAME);
    /** Shared anonymous (shmem) pages written to swap: a later miss reads them back instead of zero-filling. */
    private final LongLongHashMap shmemOut = new LongLongHashMap(16, 0);
    /** Reused result list of {@link #present} (one range operation at a time). */
    private final LongArrayList scratch = new LongArrayList();
    private final LongArrayList scratchSlots = new LongArrayList();

    Frames(LinuxKernel kernel) {
        this.k = kernel;
        this.memory = kernel.memory;
    }

    // ------------------------------------------------------------------ allocation, reclaim, OOM

    /**
     * A frame for {@code requester}: a free one, else one reclaimed through the replacement policy,
     * else one freed by OOM-killing the process with the highest badness. NO_FRAME when the
     * requester itself is the OOM killer's choice (the caller kills it).
     */
    long allocate(Process requester) {
        long pfn = memory.allocate();
        while (pfn == PhysicalMemory.NO_FRAME) {
            if (!reclaimOne()) {
                Process victim = oomVictim();
                if (victim == null || victim == requester) {
                    return PhysicalMemory.NO_FRAME;
                }
                k.counters.oomKills.inc();
                k.kill(victim, Process.State.OOM_KILLED, "out of memory: killed by the OOM killer (" + victim.badness()
                    + " pages) to free frames for pid " + requester.pid);
            }
            pfn = memory.allocate();
        }
        return pfn;
    }

    /** Evicts the pages the policy wants out without memory pressure (the working-set policy), at a page fault. */
    void trimWorkingSet() {
        for (long f = k.policy.expired(); f >= 0; f = k.policy.expired()) {
            if (!evict(f)) {
                unadmit(f); // cannot go (no swap slot): it stays resident, outside the policy
            }
        }
    }

    private Process oomVictim() {
        Process worst = null;
        for (Process p : k.all()) {
            if (p.alive() && (worst == null || p.badness() > worst.badness())) {
                worst = p;
            }
        }
        return worst;
    }

    /** Evicts one page chosen by the policy; false when nothing can be evicted. */
    private boolean reclaimOne() {
        LongArrayList parked = null;
        boolean done = false;
        for (int tries = k.policy.size(); tries > 0 && !done; tries--) {
            long v = k.policy.victim();
            if (v < 0) {
                break;
            }
            if (evict(v)) {
                done = true;
            } else {
                unadmit(v); // an anonymous page with no swap slot left: set aside for this round
                if (parked == null) {
                    parked = new LongArrayList();
                }
                parked.add(v);
            }
        }
        if (parked != null) {
            for (int i = 0; i < parked.size(); i++) {
                admit(parked.get(i));
            }
        }
        return done;
    }

    /** Whether {@code pfn} may be admitted to the policy: file pages always, anonymous pages when there is swap. */
    private boolean evictable(long pfn) {
        byte kind = memory.kind(pfn);
        return kind == PhysicalMemory.FILE || (kind == PhysicalMemory.ANON && k.swap.present());
    }

    void admit(long pfn) {
        if (evictable(pfn) && !memory.flag(pfn, PhysicalMemory.EVICTABLE)) {
            memory.setFlag(pfn, PhysicalMemory.EVICTABLE, true);
            k.policy.admit(pfn);
            if (!k.tracking) {
                k.startTracking();
            }
        }
    }

    void unadmit(long pfn) {
        if (memory.flag(pfn, PhysicalMemory.EVICTABLE)) {
            memory.setFlag(pfn, PhysicalMemory.EVICTABLE, false);
            k.policy.remove(pfn);
        }
    }

    /** Unmaps an anonymous page everywhere, leaving swap entries to {@link #slot}. */
    private final class SwapOut implements MappingVisitor {
        int slot;
        boolean dirty;
        Process owner;

        @Override
        public void visit(AddressSpace space, long vpn, long e) {
            space.pageTable().unmap(vpn);
            space.setSwapSlot(vpn, slot);
            k.swap.retain(slot);
            k.tlb.invalidate(space.id(), vpn);
            dirty |= (e & PageTable.DIRTY) != 0;
            if (owner == null) {
                owner = k.processOf(space);
            }
        }
    }

    /** Unmaps a page-cache page everywhere. */
    private final class FileOut implements MappingVisitor {
        boolean dirty;

        @Override
        public void visit(AddressSpace space, long vpn, long e) {
            space.pageTable().unmap(vpn);
            k.tlb.invalidate(space.id(), vpn);
            dirty |= (e & PageTable.DIRTY) != 0;
        }
    }

    private final SwapOut swapOut = new SwapOut();
    private final FileOut fileOut = new FileOut();

    /** Writes out (if needed) and frees the page in {@code pfn}, unmapping it everywhere; false if it cannot go. */
    private boolean evict(long pfn) {
        byte kind = memory.kind(pfn);
        if (kind == PhysicalMemory.ANON) {
            int slot = memory.swapSlot(pfn);
            boolean dirty = memory.dirty(pfn);
            if (slot < 0) {
                slot = k.swap.allocate();
                if (slot < 0) {
                    return false;
                }
                dirty = true; // no copy on the device yet
                memory.setSwapSlot(pfn, slot);
                swapCache.put(slot, pfn);
            }
            SwapOut out = swapOut;
            out.slot = slot;
            out.dirty = dirty;
            out.owner = null;
            forEachMapping(pfn, out);
            if (out.dirty) {
                k.swap.countWrite();
                k.counters.swapOuts.inc();
                k.clock.charge(Layer.PHYSICAL, k.cost.writeBackNs);
                if (out.owner != null) {
                    out.owner.space.stats().swapOuts++;
                }
            }
            if (k.log.enabled()) {
                k.note("evicted frame " + pfn + " to swap slot " + slot + (out.dirty ? " (written)" : " (clean: its swap copy is current)"));
            }
            swapCache.remove(slot);
            k.swap.release(slot);
        } else if (kind == PhysicalMemory.FILE) {
            FileOut out = fileOut;
            out.dirty = memory.dirty(pfn);
            forEachMapping(pfn, out);
            int file = memory.owner(pfn);
            long index = memory.index(pfn);
            if (out.dirty) {
                k.clock.charge(Layer.PHYSICAL, k.cost.writeBackNs);
                if (file < 0) {
                    k.counters.swapOuts.inc();
                    k.swap.countWrite();
                } else {
                    k.counters.writeBacks.inc();
                }
            }
            if (file < 0) {
                shmemOut.put(shmemKey(file, index), 1);
            }
            k.pageCache.remove(file, index);
            if (k.log.enabled()) {
                k.note("evicted page " + index + " of file " + file + " from the page cache" + (out.dirty ? " (written back)" : " (clean)"));
            }
        } else {
            return false;
        }
        unadmit(pfn);
        memory.free(pfn);
        k.counters.evictions.inc();
        return true;
    }

    static long shmemKey(int file, long index) {
        return ((long) file << 40) ^ index;
    }

    /** Whether a shared anonymous page was written to swap (and is read back, not zero-filled). */
    boolean takeShmemOut(int file, long index) {
        return shmemOut.remove(shmemKey(file, index)) != 0;
    }

    /** Receives one mapping of a frame. */
    @FunctionalInterface
    interface MappingVisitor {
        void visit(AddressSpace space, long vpn, long entry);
    }

    /** Reverse mapping: every page-table entry that maps base frame {@code pfn}. */
    void forEachMapping(long pfn, MappingVisitor visitor) {
        byte kind = memory.kind(pfn);
        if (kind == PhysicalMemory.ANON) {
            long vpn = memory.index(pfn);
            Process owner = k.processOfSpace(memory.owner(pfn));
            if (memory.mapCount(pfn) == 1 && owner != null && owner.alive() && maps(owner.space, vpn, pfn)) {
                visitor.visit(owner.space, vpn, owner.space.pageTable().lookup(vpn));
                return;
            }
            java.util.List<Process> all = k.all();
            for (int i = 0; i < all.size(); i++) {
                Process p = all.get(i);
                if (p.alive() && maps(p.space, vpn, pfn)) {
                    visitor.visit(p.space, vpn, p.space.pageTable().lookup(vpn));
                }
            }
        } else if (kind == PhysicalMemory.FILE) {
            int file = memory.owner(pfn);
            long index = memory.index(pfn);
            int shift = k.pageShift;
            java.util.List<Process> all = k.all();
            for (int i = 0; i < all.size(); i++) {
                Process p = all.get(i);
                if (!p.alive()) {
                    continue;
                }
                java.util.List<Vma> vmas = p.space.vmas().all();
                for (int j = 0; j < vmas.size(); j++) {
                    Vma v = vmas.get(j);
                    if (v.file() != file) {
                        continue;
                    }
                    long first = v.fileOffset() >>> shift;
                    if (index < first || index >= first + (v.length() >>> shift)) {
                        continue;
                    }
                    long vpn = (v.start() >>> shift) + (index - first);
                    if (maps(p.space, vpn, pfn)) {
                        visitor.visit(p.space, vpn, p.space.pageTable().lookup(vpn));
                    }
                }
            }
        }
    }

    private static boolean maps(AddressSpace space, long vpn, long pfn) {
        long e = space.pageTable().lookup(vpn);
        return e != PageTable.NOT_PRESENT && PageTable.level(e) == 0 && PageTable.pfn(e) == pfn;
    }

    /** The identity of the page in {@code frame} for OPT: (pid, vpn) of a process mapping it. */
    long pageKey(long frame) {
        byte kind = memory.kind(frame);
        if (kind == PhysicalMemory.ANON) {
            Process p = k.processOfSpace(memory.owner(frame));
            return LinuxKernel.pageKey(p == null ? 0 : p.pid, memory.index(frame));
        }
        long[] key = {Long.MIN_VALUE + frame};
        forEachMapping(frame, (space, vpn, e) -> {
            Process p = k.processOf(space);
            if (key[0] == Long.MIN_VALUE + frame && p != null) {
                key[0] = LinuxKernel.pageKey(p.pid, vpn);
            }
        });
        return key[0];
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
            swapCache.remove(slot);
            k.swap.release(slot);
        }
        unadmit(pfn);
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

    long swapCached(int slot) {
        return swapCache.get(slot);
    }

    void cacheSwap(int slot, long pfn) {
        swapCache.put(slot, pfn);
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
                forEachMapping(pfn, (s, mv, e) -> {
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
    }

    /** Host-side check used by tests: page-count sums agree with the frames in use. */
    long mappedFrames() {
        return memory.used();
    }

    static String hex(long a) {
        return Addresses.hex(a);
    }
}
