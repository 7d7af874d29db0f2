package org.memsim.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.memsim.alloc.AllocatorAbort;
import org.memsim.event.EventClock;
import org.memsim.event.EventSink;
import org.memsim.runtime.BadEventException;

/**
 * The memory-safety checker: an event sink that keeps a {@link ShadowMemory} of the heap (red zones
 * around blocks, freed blocks poisoned while in the {@link Quarantine}) and reports use after free,
 * double and invalid frees, heap overflows and underflows, reads of never-written heap memory and,
 * at the end, leaks ({@link LeakScan}) — what Valgrind memcheck and AddressSanitizer report, on a
 * trace. Blocks sit at the addresses the trace recorded, or where a {@link SimulatedHeap} puts them.
 * The access path is allocation-free: a shadow lookup, one mask test.
 */
public final class Checker implements EventSink {
    private static final int OK_READ = (1 << ShadowMemory.UNTRACKED) | (1 << ShadowMemory.DEFINED);
    private static final int BAD = (1 << ShadowMemory.REDZONE) | (1 << ShadowMemory.FREED);
    private static final int UNDEF_BIT = 1 << ShadowMemory.UNDEFINED;
    /** A new block's red zones take untracked bytes, stale red zones and freed bytes (the real allocator split a freed chunk there). */
    private static final int REDZONE_TARGETS = (1 << ShadowMemory.UNTRACKED) | (1 << ShadowMemory.REDZONE) | (1 << ShadowMemory.FREED);
    private static final int KEEP = -1;
    /**
     * Raw loads wider than this are not checked: they are SSE/AVX loads, and glibc's string and memory
     * routines (strlen, memchr, …) read whole vectors past the data they need, aligned or not, without
     * crossing a page. memcheck replaces those routines with byte-exact ones; a capture runs the real ones.
     */
    private static final int SCALAR = 8;

    private final CheckOptions options;
    private final long rz;
    private final EventClock clock = new EventClock();
    private final Map<Integer, ProcessHeap> processes = new HashMap<>();
    private ProcessHeap current;
    private ShadowMemory shadow;   // the running process's, copied from current
    private Blocks blocks;
    private Quarantine quarantine;
    private final FindingLog log;
    private final List<String> sites = new ArrayList<>();
    private final Map<Long, Finding> doubleFreed = new HashMap<>();
    private SimulatedHeap heap;
    private int mode; // 0 undecided, 1 recorded addresses, 2 simulated placement
    private boolean dead;
    private long deathEvent = -1;
    private String death;
    private Finding lastCorruption;
    private long twoOwners;
    private final long[] leakBlocks = new long[LeakScan.Summary.CLASSES.length];
    private final long[] leakBytes = new long[LeakScan.Summary.CLASSES.length];
    private boolean snapshots;
    private boolean ended;
    private long stackOverflowEvent = -1;

    public Checker(CheckOptions options) {
        this.options = options;
        this.rz = options.redzone();
        this.log = new FindingLog(options.maxFindings());
        sites.add(null);
        select(new ProcessHeap(1, options.quarantine()));
    }

    // ------------------------------------------------------------------ processes

    private void select(ProcessHeap h) {
        processes.put(h.pid, h);
        current = h;
        shadow = h.shadow;
        blocks = h.blocks;
        quarantine = h.quarantine;
    }

    private ProcessHeap process(int pid) {
        ProcessHeap h = processes.get(pid);
        return h != null ? h : fresh(pid);
    }

    private ProcessHeap fresh(int pid) {
        ProcessHeap h = new ProcessHeap(pid, options.quarantine());
        h.blocks.trackSims = mode == 1 && heap != null;
        return h;
    }

    // ------------------------------------------------------------------ placement

    private void decide(long address) {
        if (mode != 0) {
            return;
        }
        boolean recorded = address != NO_ADDRESS;
        mode = recorded ? 1 : 2;
        if (!recorded || options.allocatorGiven()) {
            heap = new SimulatedHeap(options.stack());
        }
        blocks.trackSims = recorded && heap != null;
    }

    private boolean recorded() {
        return mode == 1;
    }

    private long tick() {
        return clock.tick();
    }

    /** Places a new block and poisons its red zones; returns its slot. */
    private int born(long id, long address, long size, long sim, long event, int site, int state) {
        int prior = heap != null && recorded() ? (int) blocks.liveSims.get(sim) : (int) blocks.liveStarts.get(address);
        if (prior >= 0 && heap != null) {
            twoOwners(prior, id, sim, event);
        }
        int s = blocks.born(id, address, size, sim, event, site);
        long left = Math.max(0, address - rz);
        shadow.fillWhere(left, address - left, REDZONE_TARGETS, ShadowMemory.REDZONE);
        if (state != KEEP) {
            shadow.fill(address, size, state);
        }
        shadow.fillWhere(address + size, rz, REDZONE_TARGETS, ShadowMemory.REDZONE);
        shadow.setStart(address, true);
        return s;
    }

    private void twoOwners(int prior, long id, long sim, long event) {
        twoOwners++;
        String note = "event " + event + ": the allocator returned " + hex(sim) + " for block " + id + ", but block "
            + blocks.id[prior] + " (allocated at event " + blocks.allocEvent[prior] + ") still owns that chunk: two live blocks, one chunk";
        Finding f = doubleFreed.get(sim);
        if (f == null) {
            f = lastCorruption;
        }
        if (f != null) {
            f.effect(note);
        }
    }

    /** Block {@code s} is freed: poisoned and quarantined. */
    private void kill(int s, long event, int site, boolean remember) {
        long a = blocks.start[s];
        shadow.fill(a, blocks.size[s], ShadowMemory.FREED);
        shadow.setStart(a, true);
        blocks.died(s, event, site, remember);
        quarantine.push(s, blocks.size[s]);
        while (quarantine.overflowing()) {
            evict(quarantine.pop());
        }
    }

    private void evict(int s) {
        long a = blocks.start[s];
        if (blocks.freedStarts.get(a) == s) { // else a newer freed block starts here and keeps the bytes poisoned
            shadow.fillWhere(a, blocks.size[s], 1 << ShadowMemory.FREED, ShadowMemory.UNTRACKED);
        }
        blocks.forget(s);
        if (blocks.liveStarts.get(a) < 0 && blocks.freedStarts.get(a) < 0) {
            shadow.setStart(a, false);
        }
    }

    private void die(AllocatorAbort e, long event) {
        dead = true;
        deathEvent = event;
        death = "SIGABRT: " + e.getMessage();
        if (lastCorruption != null) {
            lastCorruption.effect("event " + event + ": glibc aborts: " + e.getMessage() + " (the process dies of SIGABRT)");
        }
    }

    /**
     * The allocator model threw something other than glibc's abort. After the program corrupted its
     * words that is the corruption's doing (glibc would crash or misbehave there too): the process is
     * taken as dead. Before any corruption it is a bug in memsim, so it propagates.
     */
    private void lost(RuntimeException e, long event) {
        if (lastCorruption == null && doubleFreed.isEmpty()) {
            throw e;
        }
        dead = true;
        deathEvent = event;
        death = "the corrupted heap crashed the allocator model (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        Finding f = lastCorruption != null ? lastCorruption : doubleFreed.values().iterator().next();
        f.effect("event " + event + ": " + death);
    }

    // ------------------------------------------------------------------ allocation family

    @Override
    public void alloc(long id, long size, long align, long address, int site) {
        allocate(id, size, align, address, site, false, 0);
    }

    @Override
    public void calloc(long id, long count, long size, long address, int site) {
        long total = size != 0 && count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size;
        allocate(id, total, size, address, site, true, count);
    }

    /** malloc/memalign ({@code align}), or calloc ({@code zeroed}: {@code count} elements of {@code align} bytes). */
    private void allocate(long id, long size, long align, long address, int site, boolean zeroed, long count) {
        long i = tick();
        if (dead) {
            return;
        }
        decide(address);
        if (id < 0 || size < 0) {
            throw new BadEventException("allocation with id " + id + " and size " + size + " (expected both >= 0)");
        }
        if (blocks.live(id) >= 0) {
            throw new BadEventException("allocation of id " + id + ", which is already live (expected a fresh id, or a free first)");
        }
        long sim = 0;
        if (heap != null) {
            try {
                sim = zeroed ? heap.calloc(count, align) : heap.malloc(size, align);
            } catch (AllocatorAbort e) {
                die(e, i);
                return;
            } catch (RuntimeException e) {
                lost(e, i);
                return;
            }
        }
        long a = recorded() ? address : sim;
        if (a == 0 || (heap != null && sim == 0)) {
            return; // malloc returned NULL: the id stays not live
        }
        born(id, a, size, sim, i, site, zeroed ? ShadowMemory.DEFINED : ShadowMemory.UNDEFINED);
    }

    @Override
    public void realloc(long id, long size, long address, int site) {
        long i = tick();
        if (dead) {
            return;
        }
        decide(address);
        if (id < 0 || size < 0) {
            throw new BadEventException("realloc with id " + id + " and size " + size + " (expected both >= 0)");
        }
        int s = blocks.live(id);
        if (s < 0) {
            int q = blocks.freed(id);
            if (q >= 0) {
                Finding f = report(FindingKind.DOUBLE_FREE, i, blocks.start[q], "realloc() of a block already freed", null, 0, q, site);
                if (f != null && f.count() == 1) {
                    f.why("realloc frees its argument: the freed block is freed a second time, and its memory may already "
                        + "belong to someone else");
                }
            }
            long sim = 0;
            if (heap != null) {
                try {
                    sim = heap.malloc(size, 0);
                } catch (AllocatorAbort e) {
                    die(e, i);
                    return;
                } catch (RuntimeException e) {
                    lost(e, i);
                    return;
                }
            }
            long a = recorded() ? address : sim;
            if (a != 0 && (heap == null || sim != 0)) {
                born(id, a, size, sim, i, site, ShadowMemory.UNDEFINED);
            }
            return;
        }
        if (size == 0) {
            freeLive(s, i, site);
            return;
        }
        long newSim = 0;
        if (heap != null) {
            try {
                newSim = heap.realloc(blocks.sim[s], size);
            } catch (AllocatorAbort e) {
                die(e, i);
                return;
            } catch (RuntimeException e) {
                lost(e, i);
                return;
            }
            if (newSim == 0) {
                return; // failed: the old block stays
            }
        }
        long a = recorded() ? address : newSim;
        if (a == 0) {
            return;
        }
        long oldStart = blocks.start[s];
        long oldSize = blocks.size[s];
        if (a == oldStart) {
            blocks.drop(s);
            if (size < oldSize) {
                shadow.fill(a + size, oldSize - size, ShadowMemory.REDZONE);
                born(id, a, size, newSim, i, site, KEEP);
            } else {
                born(id, a, size, newSim, i, site, KEEP);
                shadow.fill(a + oldSize, size - oldSize, ShadowMemory.UNDEFINED);
            }
            return;
        }
        born(id, a, size, newSim, i, site, ShadowMemory.UNDEFINED);
        shadow.copy(oldStart, a, Math.min(oldSize, size));
        kill(s, i, site, false);
    }

    @Override
    public void free(long id, int site) {
        long i = tick();
        if (dead || id == NULL_ID) {
            return;
        }
        int s = blocks.live(id);
        if (s >= 0) {
            freeLive(s, i, site);
            return;
        }
        int q = blocks.freed(id);
        Finding f = report(FindingKind.DOUBLE_FREE, i, q >= 0 ? blocks.start[q] : 0, "free() of a block already freed",
            null, 0, q, site);
        if (f == null) {
            return;
        }
        if (f.count() == 1) {
            f.why(q >= 0 ? "the allocator gets the same chunk back twice: it can end up twice in a free list, and two later "
                + "mallocs can return the same memory" : "block id " + id + " is not live: freed earlier (and no longer in the "
                + "quarantine) or never allocated");
        }
        if (q >= 0 && heap != null && heap.ptmalloc() != null) {
            long sim = blocks.sim[q];
            doubleFreed.put(sim, f);
            try {
                heap.free(sim);
                lastCorruption = f;
                f.effect("event " + i + ": glibc 2.36 accepted the second free of chunk " + hex(sim)
                    + ": it is now twice in a free list (a fastbin; the tcache would have caught it), so two later "
                    + "mallocs of this size can return it");
            } catch (AllocatorAbort e) {
                lastCorruption = f;
                die(e, i);
            } catch (RuntimeException e) {
                f.effect("event " + i + ": the ptmalloc model cannot follow this free (" + e.getMessage() + ")");
            }
        }
    }

    private void freeLive(int s, long i, int site) {
        if (heap != null) {
            try {
                heap.free(blocks.sim[s]);
            } catch (AllocatorAbort e) {
                die(e, i);
                return;
            } catch (RuntimeException e) {
                lost(e, i);
                return;
            }
        }
        kill(s, i, site, true);
    }

    @Override
    public void freePointer(long address, int site) {
        long i = tick();
        if (dead) {
            return;
        }
        int st = shadow.state(address);
        int owner = owner(address, st);
        String what;
        if (owner >= 0 && blocks.contains(owner, address)) {
            what = "free() of a pointer " + (address - blocks.start[owner]) + " bytes inside "
                + (blocks.status[owner] == Blocks.LIVE ? "" : "freed ") + "block " + blocks.id[owner];
        } else if (owner >= 0) {
            what = "free() of a pointer " + relation(owner, address);
        } else {
            what = "free() of a pointer the allocator never returned (stack, globals or unknown memory)";
            owner = -1;
        }
        Finding f = report(FindingKind.INVALID_FREE, i, address, what, null, 0, owner, site);
        if (f != null && f.count() == 1) {
            f.why("free() trusts the header before the pointer: glibc reads a chunk size out of the program's data, "
                + "and either aborts or puts a fake chunk in its free lists");
        }
    }

    // ------------------------------------------------------------------ accesses

    @Override
    public void load(long address, int size) {
        tick();
        if (dead) {
            return;
        }
        if (size > SCALAR) {
            return; // a vector load: the C library's string routines read ahead of their data (below)
        }
        int m = shadow.states(address, size);
        if ((m & ~OK_READ) != 0 && !partialLoadOk(address, size, m)) {
            accessSlow(address, size, false, m);
        }
    }

    /**
     * memcheck's {@code --partial-loads-ok=yes} (its default): a naturally aligned word or vector load
     * that is partly inside a live block is not an error — string routines read whole aligned words
     * past a string's end, which cannot fault because the word does not cross a page.
     */
    private static boolean partialLoadOk(long address, int size, int mask) {
        return (mask & BAD) != 0 && (mask & (1 << ShadowMemory.FREED)) == 0
            && (mask & ((1 << ShadowMemory.DEFINED) | UNDEF_BIT)) != 0
            && size >= 4 && Integer.bitCount(size) == 1 && size <= 64 && (address & (size - 1)) == 0;
    }

    @Override
    public void store(long address, int size) {
        tick();
        if (dead) {
            return;
        }
        int m = shadow.states(address, size);
        if ((m & BAD) != 0) {
            accessSlow(address, size, true, m);
        } else if ((m & UNDEF_BIT) != 0) {
            written(address, size, m);
        }
    }

    /** A read-modify-write is checked as the write it ends with (as before: a write of undefined bytes is no error). */
    @Override
    public void modify(long address, int size) {
        store(address, size);
    }

    @Override
    public void ifetch(long address, int size) {
        tick();
    }

    @Override
    public void blockLoad(long id, long offset, long size) {
        blockAccess(id, offset, size, false);
    }

    @Override
    public void blockStore(long id, long offset, long size) {
        blockAccess(id, offset, size, true);
    }

    private void blockAccess(long id, long offset, long size, boolean write) {
        long i = tick();
        if (dead) {
            return;
        }
        if (size < 0) {
            throw new BadEventException((write ? "bstore" : "bload") + " of " + size + " bytes (expected a size >= 0)");
        }
        int s = blocks.live(id);
        if (s < 0) {
            danglingBlock(i, id, offset, size, write);
            return;
        }
        long n = blocks.size[s];
        long a = blocks.start[s] + offset;
        if (offset < 0 || offset > n - size) {
            outOfBounds(i, s, a, offset, size, write);
            return;
        }
        int m = shadow.states(a, size);
        if ((m & BAD) != 0) {
            accessSlow(a, size, write, m);
        } else if (write) {
            if ((m & UNDEF_BIT) != 0) {
                written(a, size, m);
            }
        } else if (m == UNDEF_BIT) {
            accessSlow(a, size, false, m);
        }
    }

    /** A store made undefined bytes defined: a range that was all undefined is filled in one pass. */
    private void written(long a, long size, int mask) {
        if (mask == UNDEF_BIT) {
            shadow.fill(a, size, ShadowMemory.DEFINED);
        } else {
            shadow.define(a, size);
        }
    }

    /** A block-relative access through an id that is not live: the program uses a dangling pointer. */
    private void danglingBlock(long i, long id, long offset, long size, boolean write) {
        int q = blocks.freed(id);
        long a = q >= 0 ? blocks.start[q] + offset : 0;
        Finding f = report(FindingKind.USE_AFTER_FREE, i, a, invalid(write, size) + (q >= 0
            ? ": " + offset + " bytes inside block " + id + " of " + blocks.size[q] + " bytes, freed" : ": block " + id
            + " is not live (freed earlier and no longer in the quarantine, or never allocated)"), write ? "write" : "read", size, q, 0);
        if (f == null || q < 0) {
            return;
        }
        if (f.count() == 1) {
            int st = shadow.state(a);
            int owner = st == ShadowMemory.DEFINED || st == ShadowMemory.UNDEFINED ? owner(a, st) : -1;
            if (owner >= 0 && blocks.status[owner] == Blocks.LIVE) {
                f.why("this memory now belongs to block " + blocks.id[owner] + " allocated at event " + blocks.allocEvent[owner]
                    + ": the dangling pointer " + (write ? "overwrites" : "reads") + " someone else's data");
            } else {
                f.why("the freed memory still holds stale data and the allocator's free-list links; the next malloc of a "
                    + "similar size will hand it to someone else");
            }
        }
        if (write && heap != null) {
            corrupt(f, blocks.sim[q] + offset, size, -1, i);
        }
    }

    private void outOfBounds(long i, int s, long a, long offset, long size, boolean write) {
        long n = blocks.size[s];
        boolean under = offset < 0;
        String where = under ? (-offset) + " bytes before the start of a " + n + "-byte block"
            : (offset >= n ? (offset - n) + " bytes after the end" : (offset + size - n) + " bytes past the end (the access starts "
                + offset + " bytes inside)") + " of a " + n + "-byte block";
        Finding f = report(under ? FindingKind.HEAP_UNDERFLOW : FindingKind.HEAP_OVERFLOW, i, a,
            invalid(write, size) + ": " + where + " (block " + blocks.id[s] + ")", write ? "write" : "read", size, s, 0);
        long bad = under ? a : blocks.start[s] + Math.max(offset, n);
        long badLen = under ? Math.min(size, -offset) : a + size - bad;
        if (f != null && f.count() == 1) {
            f.why(neighbour(s, bad, write));
        }
        if (write && heap != null && f != null) {
            corrupt(f, blocks.sim[s] + (bad - blocks.start[s]), badLen, heap.nextSizeField(blocks.sim[s]), i);
        }
        if (!under && offset < n) {
            shadow.define(a, n - offset);
        }
    }

    /** The access touched red-zone, freed or (for reads) only undefined bytes. */
    private void accessSlow(long a, long size, boolean write, int mask) {
        long i = clock.index();
        if ((mask & BAD) == 0) {
            int s = owner(a, ShadowMemory.UNDEFINED);
            Finding f = report(FindingKind.UNINITIALIZED_READ, i, a, "read of " + size + (size == 1 ? " byte" : " bytes") + " never written: "
                + (s >= 0 ? (a - blocks.start[s]) + " bytes inside block " + blocks.id[s] + " of " + blocks.size[s] + " bytes" : "heap"),
                "read", size, s, 0);
            if (f != null && f.count() == 1) {
                f.why("malloc does not clear memory: the value is whatever the previous owner of these bytes left there");
            }
            return;
        }
        long bad = a;
        int st = ShadowMemory.UNTRACKED;
        for (long x = a; x < a + size; x++) {
            st = shadow.state(x);
            if (st == ShadowMemory.REDZONE || st == ShadowMemory.FREED) {
                bad = x;
                break;
            }
        }
        int s = owner(bad, st);
        if (s < 0) {
            if (write) {
                shadow.define(a, size);
            }
            return; // a stale red zone: nobody's memory any more
        }
        Finding f;
        if (st == ShadowMemory.FREED) {
            f = report(FindingKind.USE_AFTER_FREE, i, a, invalid(write, size) + ": " + (bad - blocks.start[s]) + " bytes inside block "
                + blocks.id[s] + " of " + blocks.size[s] + " bytes, freed", write ? "write" : "read", size, s, 0);
            if (f != null && f.count() == 1) {
                f.why("the block was freed at event " + blocks.freeEvent[s] + "; its memory goes back to the allocator, which "
                    + "keeps its free-list links there and will hand it to the next malloc of a similar size");
            }
            if (f != null && write && heap != null) {
                corrupt(f, blocks.sim[s] + (bad - blocks.start[s]), a + size - bad, -1, i);
            }
        } else {
            boolean after = bad >= blocks.start[s];
            f = report(after ? FindingKind.HEAP_OVERFLOW : FindingKind.HEAP_UNDERFLOW, i, a,
                invalid(write, size) + ": " + relation(s, bad) + " (block " + blocks.id[s] + ")", write ? "write" : "read", size, s, 0);
            if (f != null && f.count() == 1) {
                f.why(neighbour(s, bad, write));
            }
            if (f != null && write && heap != null) {
                long end = a + size;
                long simBad = blocks.sim[s] + (bad - blocks.start[s]);
                corrupt(f, simBad, end - bad, after ? heap.nextSizeField(blocks.sim[s]) : -1, i);
            }
        }
        if (write) {
            shadow.define(a, size);
        }
    }

    /** A stray write reached the simulated allocator's words (ptmalloc): record what changed. */
    private void corrupt(Finding f, long simAddress, long len, long nextSizeField, long event) {
        String changed = heap.write(simAddress, len, nextSizeField);
        if (changed != null) {
            f.effect("event " + event + ": " + changed);
            lastCorruption = f;
        }
    }

    // ------------------------------------------------------------------ descriptions (HeapDescriber)

    private int owner(long a, int state) {
        return HeapDescriber.owner(shadow, blocks, rz, a, state);
    }

    private String relation(int s, long a) {
        return HeapDescriber.relation(blocks, s, a);
    }

    private String neighbour(int s, long bad, boolean write) {
        return HeapDescriber.neighbour(shadow, blocks, rz, heap, s, bad, write);
    }

    private static String invalid(boolean write, long size) {
        return (write ? "invalid write of " : "invalid read of ") + size + (size == 1 ? " byte" : " bytes");
    }

    private Finding report(FindingKind kind, long event, long address, String what, String access, long size, int slot, int site) {
        Finding.Block b = slot >= 0 ? blocks.describe(slot) : null;
        return log.add(new Finding(kind, event, address, what, access, size, b, site).pid(current.pid));
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    // ------------------------------------------------------------------ the rest of the vocabulary

    @Override
    public void word(long address, long value) {
        tick();
        current.words.add(address);
        current.words.add(value);
    }

    @Override
    public void defineSite(int site, String frames) {
        while (sites.size() <= site) {
            sites.add(null);
        }
        sites.set(site, frames);
    }

    @Override
    public void processExit(int pid, int status) {
        long i = tick();
        ProcessHeap h = processes.get(pid);
        if (h != null) {
            scanLeaks(h, i);
        }
    }

    /** A process begins (exec): an empty heap, unless it is the first and nothing happened before it. */
    @Override
    public void processStart(int pid) {
        tick();
        if (processes.size() == 1 && current.untouched() && !current.scanned) {
            processes.clear();
        }
        select(fresh(pid));
    }

    /** The child's heap is a copy of its parent's: the same ids name the copies. */
    @Override
    public void fork(int parentPid, int childPid) {
        tick();
        ProcessHeap parent = processes.get(parentPid);
        ProcessHeap child = parent == null ? fresh(childPid) : parent.fork(childPid);
        processes.put(childPid, child);
    }

    @Override
    public void contextSwitch(int pid, int tid) {
        tick();
        if (pid != current.pid) {
            select(process(pid));
        }
    }

    @Override public void brk(long address) { tick(); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { tick(); }
    @Override public void munmap(long address, long length) { tick(); }
    @Override public void mprotect(long address, long length, int prot) { tick(); }
    @Override public void madvise(long address, long length, int advice) { tick(); }
    @Override public void msync(long address, long length) { tick(); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { tick(); }
    @Override public void refWrite(long object, int slot, long target) { tick(); }
    @Override public void rootAdd(long object) { tick(); }
    @Override public void rootRemove(long object) { tick(); }
    @Override public void safepoint() { tick(); }

    /** At the end of the trace: the leak scan of every process that did not exit. */
    @Override
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        long at = clock.count();
        List<Integer> pids = new ArrayList<>(processes.keySet());
        java.util.Collections.sort(pids);
        for (int pid : pids) {
            scanLeaks(processes.get(pid), at);
        }
    }

    /** Blocks of {@code h} never freed, reported at event {@code at} (skipped when the simulated allocator killed the process). */
    private void scanLeaks(ProcessHeap h, long at) {
        if (h.scanned || dead) {
            h.scanned = true;
            return;
        }
        h.scanned = true;
        Blocks b = h.blocks;
        LeakScan.Summary s = LeakScan.scan(b, h.words.toArray(), (slot, classification) -> {
            Finding f = log.add(new Finding(FindingKind.LEAK, at, b.start[slot], b.size[slot] + " bytes in block "
                + b.id[slot] + " never freed (" + classification + ")"
                + (processes.size() > 1 ? " by pid " + h.pid : ""), null, 0, b.describe(slot), 0).pid(h.pid));
            if (f != null) {
                f.classification(classification);
                f.why(LeakScan.why(classification));
            }
        });
        snapshots |= s.snapshots();
        for (int c = 0; c < leakBlocks.length; c++) {
            leakBlocks[c] += s.blocks()[c];
            leakBytes[c] += s.bytes()[c];
        }
    }

    /** The kernel layer reported the process's death by stack overflow at {@code address}, at event {@code event}. */
    public void stackOverflow(long event, long address, String detail) {
        if (stackOverflowEvent >= 0) {
            return;
        }
        stackOverflowEvent = event;
        Finding f = log.add(new Finding(FindingKind.STACK_OVERFLOW, event, address, "stack overflow: the stack could not grow to "
            + hex(address), "write", 0, null, 0).pid(current.pid));
        if (f != null) {
            f.why(detail);
        }
    }

    // ------------------------------------------------------------------ results

    /** The findings, the leak summary and the process's fate (call after {@link #end()}). */
    public CheckResult result() {
        return new CheckResult(log.findings(), log.suppressed(), clock.count(), death, deathEvent,
            ended ? new LeakScan.Summary(snapshots, leakBlocks.clone(), leakBytes.clone()) : null,
            mode == 1 ? (heap == null ? "recorded addresses" : "recorded addresses, re-placed by " + heap.name())
                : heap == null ? "no allocations" : "simulated placement by " + heap.name(),
            java.util.Collections.unmodifiableList(new ArrayList<>(sites)), twoOwners, shadow.footprintBytes());
    }

    /** The event clock (for error positions). */
    public EventClock events() {
        return clock;
    }
}
