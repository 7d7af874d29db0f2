package org.memsim.kernel;

import org.memsim.collections.LongArrayList;
import org.memsim.collections.LongLongHashMap;
import org.memsim.layer.Layer;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.PageTable;
import org.memsim.vm.PhysicalMemory;
import org.memsim.vm.Vma;

/**
 * Getting a frame when none is free (Linux's {@code mm/vmscan.c} and {@code mm/oom_kill.c}, reduced):
 * the replacement policy picks a victim; the reverse mapping finds every PTE that maps it — the
 * owner's page table for a private anonymous page, every process at that address after fork, every
 * VMA of the file for a page-cache page — and replaces them with swap entries or drops them; a dirty
 * page is written to swap or back to its file first. When nothing can be evicted the OOM killer ends
 * the process with the highest badness.
 * <pre>
 *  allocate ─► free frame? ─no─► policy.victim ─► evict: unmap every PTE (rmap), write if dirty
 *                                    └ none evictable ─► OOM killer: the process with the most pages
 * </pre>
 */
final class Reclaim {
    private final LinuxKernel k;
    private final PhysicalMemory memory;
    /** Swap slot → the resident frame holding a copy of it (Linux's swap cache). */
    private final LongLongHashMap swapCache = new LongLongHashMap(64, PhysicalMemory.NO_FRAME);
    /** Shared anonymous (shmem) pages written to swap: a later miss reads them back instead of zero-filling. */
    private final LongLongHashMap shmemOut = new LongLongHashMap(16, 0);

    Reclaim(LinuxKernel kernel) {
        this.k = kernel;
        this.memory = kernel.memory;
    }

    long swapCached(int slot) {
        return swapCache.get(slot);
    }

    void cacheSwap(int slot, long pfn) {
        swapCache.put(slot, pfn);
    }

    void uncacheSwap(int slot) {
        swapCache.remove(slot);
    }

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
}
