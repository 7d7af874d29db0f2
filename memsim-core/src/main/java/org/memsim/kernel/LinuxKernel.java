package org.memsim.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.Registry;
import org.memsim.spec.Spec;
import org.memsim.spec.SpecException;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.Addresses;
import org.memsim.vm.FaultHandler;
import org.memsim.vm.Mmu;
import org.memsim.vm.PageCache;
import org.memsim.vm.PageTable;
import org.memsim.vm.PhysicalMemory;
import org.memsim.vm.SwapDevice;
import org.memsim.vm.Vma;
import org.memsim.vm.VmaKind;
import org.memsim.vm.VmaList;
import org.memsim.vm.replace.FutureReferences;
import org.memsim.vm.replace.PolicyHost;
import org.memsim.vm.replace.ReplacementPolicies;
import org.memsim.vm.replace.ReplacementPolicy;
import org.memsim.vm.tlb.Tlb;

/**
 * A Linux-like kernel: processes with their own address spaces ({@code exec}, {@code fork} with
 * copy on write, {@code exit}, context switches), the memory system calls of the current process
 * ({@code brk}, {@code mmap}/{@code munmap}, {@code mprotect}, {@code madvise}, {@code msync}),
 * overcommit accounting (modes 0/1/2), and demand paging — delegated to {@link PageFaults} (zero
 * fill, page cache, swap-in, COW, huge pages, stack growth) and {@link Frames} (frame lifetimes,
 * reclaim through the replacement policy, swap-out, write-back, the OOM killer).
 *
 * <p>An access outside every VMA is a SIGSEGV, or (with {@code unmapped=map}, for traces that carry
 * no layout such as Lackey's) maps the page on the spot. Events before any process is named belong
 * to pid 1, created on first use.
 */
public final class LinuxKernel implements SystemCalls, FaultHandler, PolicyHost {

    /** Everything a kernel needs from the layers beneath it and from the stack. */
    public record Context(PhysicalMemory memory, SwapDevice swap, IntFunction<PageTable> pageTables, int pageSize,
                          long userTop, Tlb tlb, Spec policy, LongSupplier now, CostModel cost, SimClock clock,
                          Metrics metrics, LayerLog log) {}

    /** The registry of kernels: one today, {@code linux}. */
    public static final Registry<LinuxKernel, Context> REGISTRY = new Registry<LinuxKernel, Context>("kernel")
        .register("linux", "Linux-like processes, brk/mmap, demand paging, swap, COW, overcommit, OOM kill", List.of(
            Param.choice("unmapped", "map", "an access outside every VMA: map the page (traces without layout) or SIGSEGV",
                "map", "segv"),
            Param.of("heapStart", "0x555555559000", "where the heap (program break) starts"),
            Param.of("mmapBase", "0x7ffff7fff000", "top of the area mmap allocates from, downwards"),
            Param.of("stackTop", "0x7ffffffff000", "where the stack ends (it grows down from here)"),
            Param.of("stackLimit", "8m", "RLIMIT_STACK: how far the stack may grow"),
            Param.of("stackGuardGap", "256", "pages kept free below the stack (Linux's stack_guard_gap)"),
            Param.choice("overcommit", "1", "vm.overcommit_memory: 0 heuristic, 1 always, 2 never (Linux defaults to 0)",
                "0", "1", "2"),
            Param.of("overcommitRatio", "50", "vm.overcommit_ratio: percent of RAM in CommitLimit (mode 2)"),
            Param.choice("thp", "madvise", "transparent huge pages: never, madvise (MADV_HUGEPAGE regions), always",
                "never", "madvise", "always")),
            LinuxKernel::new);

    /** Linux's default {@code vm.mmap_min_addr}: the lowest 64 KiB are never mapped, so NULL dereferences fault. */
    public static final long MMAP_MIN_ADDR = 65536;
    /** Above this many pages a range flush drops the whole TLB (Linux's tlb_single_page_flush_ceiling). */
    static final long FLUSH_CEILING = 33;

    final PhysicalMemory memory;
    final SwapDevice swap;
    final PageCache pageCache = new PageCache();
    final IntFunction<PageTable> pageTables;
    final int pageSize;
    final int pageShift;
    final int tableBits;
    final long userTop;
    final Tlb tlb;
    final ReplacementPolicy policy;
    final LongSupplier now;
    final CostModel cost;
    final SimClock clock;
    final LayerLog log;
    final boolean mapUnmapped;
    final ProcessLayout layout;
    final long guardGap;
    final String thp;
    final Overcommit overcommit;
    final KernelCounters counters;
    final Frames frames;
    final Reclaim reclaim;
    final PageFaults faults;
    final MemoryCalls calls;

    private final List<Process> processes = new ArrayList<>();
    private final Map<Integer, Process> byPid = new HashMap<>();
    private final List<Process> bySpace = new ArrayList<>();
    private Process current;
    /** Whether {@link #current} is set and no longer running: what {@link #killed()} answers, kept up to date
     * wherever the running process or its state changes, so the runtime's per-event check is one field read. */
    private boolean currentDead;
    private Mmu mmu;
    boolean tracking;
    private FutureReferences future;
    int nextShmem = -1;

    private LinuxKernel(Params p, Context c) {
        this.memory = c.memory();
        this.swap = c.swap();
        this.pageTables = c.pageTables();
        this.pageSize = c.pageSize();
        this.pageShift = Addresses.shift(pageSize);
        this.userTop = c.userTop();
        this.tableBits = pageTables.apply(pageSize).bitsPerLevel();
        this.tlb = c.tlb();
        this.now = c.now();
        this.cost = c.cost();
        this.clock = c.clock();
        this.log = c.log();
        this.mapUnmapped = p.string("unmapped").equals("map");
        ProcessLayout d = ProcessLayout.linuxDefault().forPageSize(pageSize);
        this.layout = new ProcessLayout(d.textStart(), d.textSize(), d.dataSize(), d.bssSize(),
            p.isSet("heapStart") ? p.number("heapStart") : d.heapStart(),
            p.isSet("mmapBase") ? p.number("mmapBase") : d.mmapBase(),
            p.isSet("stackTop") ? p.number("stackTop") : d.stackTop(), d.stackInitial(), p.bytes("stackLimit"));
        this.guardGap = p.number("stackGuardGap", 0, 1L << 30) * pageSize;
        this.thp = p.string("thp");
        if (layout.heapStart() % pageSize != 0 || layout.mmapBase() % pageSize != 0 || layout.stackTop() % pageSize != 0) {
            throw new SpecException("linux: heapStart, mmapBase and stackTop must be multiples of the page size " + pageSize);
        }
        if (!(layout.bssStart() + layout.bssSize() <= layout.heapStart() && layout.heapStart() < layout.mmapBase()
            && layout.mmapBase() < layout.stackTop() - layout.stackInitial())
            || Long.compareUnsigned(layout.stackTop(), userTop) > 0) {
            throw new SpecException("linux: the layout must run text < heapStart < mmapBase < stack (stackTop - "
                + layout.stackInitial() + ") <= the top of the user address space " + Addresses.hex(userTop));
        }
        this.overcommit = new Overcommit(Integer.parseInt(p.string("overcommit")), p.number("overcommitRatio", 0, 1_000_000),
            memory.frames(), swap.slots());
        Metrics m = c.metrics();
        this.counters = new KernelCounters(m);
        this.policy = ReplacementPolicies.REGISTRY.create(c.policy(), this);
        this.reclaim = new Reclaim(this);
        this.frames = new Frames(this);
        this.faults = new PageFaults(this);
        this.calls = new MemoryCalls(this);
        m.sampledGauge("kernel.residentPages", "pages", "pages with a frame behind them, over all processes", this::residentPages);
        m.gauge("kernel.pageTablePages", "pages", "memory the page tables themselves take", this::pageTablePages);
        m.gauge("kernel.mappedBytes", "bytes", "bytes of mmap regions", this::mappedBytes);
        m.gauge("kernel.peakMappedBytes", "bytes", "high-water mark of mmap'd bytes", this::peakMappedBytes);
        m.sampledGauge("kernel.committedBytes", "bytes", "Committed_AS: memory promised to processes", () -> overcommit.committedPages() << pageShift);
        m.gauge("kernel.commitLimitBytes", "bytes", "CommitLimit = RAM × overcommit_ratio / 100 + swap", () -> overcommit.limitPages() << pageShift);
        m.sampledGauge("kernel.swapUsedPages", "pages", "swap slots in use", swap::used);
        m.sampledGauge("kernel.pageCachePages", "pages", "file pages in the page cache", pageCache::size);
        m.gauge("kernel.processes", "processes", "processes ever created", () -> processes.size());
    }

    /** The replacement policy has a frame: the MMU starts reporting references to it. */
    void startTracking() {
        tracking = true;
        if (mmu != null) {
            mmu.trackReferences();
        }
    }

    /** Connects the MMU whose address space follows context switches; the first process is created here. */
    public void attach(Mmu mmu) {
        this.mmu = mmu;
        mmu.setReplacementPolicy(policy);
        current();
    }

    // ------------------------------------------------------------------ processes

    /** The running process; pid 1 is created on first use. */
    public Process current() {
        if (current == null) {
            switchMmu(create(1, 0));
        }
        return current;
    }

    /** Every process ever created, in creation order. */
    public List<Process> processes() {
        return Collections.unmodifiableList(processes);
    }

    /** The process with {@code pid}, or null. */
    public Process process(int pid) {
        return byPid.get(pid);
    }

    Process processOf(AddressSpace space) {
        return space.id() < bySpace.size() ? bySpace.get(space.id()) : null;
    }

    Process processOfSpace(int spaceId) {
        return spaceId >= 0 && spaceId < bySpace.size() ? bySpace.get(spaceId) : null;
    }

    /** Every process, dead or alive, without a copy (callers check {@link Process#alive()}). */
    List<Process> all() {
        return processes;
    }

    /** Live processes (for reverse mapping and the OOM killer). */
    List<Process> live() {
        List<Process> out = new ArrayList<>();
        for (Process p : processes) {
            if (p.alive()) {
                out.add(p);
            }
        }
        return out;
    }

    private AddressSpace newSpace(org.memsim.vm.SpaceStats stats) {
        AddressSpace s = new AddressSpace(bySpace.size(), pageTables.apply(pageSize), pageSize, stats);
        bySpace.add(null);
        return s;
    }

    private Process create(int pid, int parent) {
        AddressSpace space = newSpace(new org.memsim.vm.SpaceStats());
        Process p = new Process(pid, parent, space);
        bySpace.set(space.id(), p);
        byPid.put(pid, p);
        processes.add(p);
        if (parent == 0) {
            layOut(p);
        }
        return p;
    }

    /** The fresh process image of exec: text, data, bss, an empty heap, the initial stack. */
    private void layOut(Process p) {
        VmaList vmas = p.space.vmas();
        vmas.insert(new Vma(layout.textStart(), layout.textStart() + layout.textSize(), Prot.READ | Prot.EXEC, MapFlags.PRIVATE, VmaKind.TEXT, 0, 0));
        vmas.insert(new Vma(layout.dataStart(), layout.dataStart() + layout.dataSize(), Prot.RW, MapFlags.PRIVATE, VmaKind.DATA, 0, 0));
        vmas.insert(new Vma(layout.bssStart(), layout.bssStart() + layout.bssSize(), Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, VmaKind.BSS, 0, 0));
        p.heap = new Vma(layout.heapStart(), layout.heapStart() + pageSize, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, VmaKind.HEAP, 0, 0);
        vmas.insert(p.heap);
        vmas.resize(p.heap, layout.heapStart()); // an empty heap: the VMA is kept with start == end until brk grows it
        p.stack = new Vma(layout.stackTop() - layout.stackInitial(), layout.stackTop(), Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, VmaKind.STACK, 0, 0);
        vmas.insert(p.stack);
        p.brk = layout.heapStart();
        long accounted = (layout.dataSize() + layout.bssSize() + layout.stackInitial()) >>> pageShift;
        if (overcommit.charge(accounted)) {
            p.committedPages += accounted;
        }
    }

    /** Whether the implicit pid 1 was created but never used, so the trace's first named process may replace it. */
    private boolean pristine(Process p) {
        return p.pid == 1 && p.parent == 0 && p.events == 0 && p.space.residentPages() == 0 && p.space.swappedPages() == 0
            && p.brk == layout.heapStart() && p.mappedBytes == 0 && processes.size() == 1;
    }

    private void discard(Process p) {
        frames.teardown(p);
        processes.remove(p);
        byPid.remove(p.pid);
        bySpace.set(p.space.id(), null);
        current = null;
        currentDead = false;
    }

    /** exec: {@code pid} starts with a fresh image (an existing live process of that pid is replaced) and runs. */
    public Process exec(int pid) {
        counters.execs.inc();
        syscallCharge();
        if (current != null && current.pid != pid && pristine(current)) {
            discard(current);
        }
        Process p = byPid.get(pid);
        if (p != null && p.alive()) {
            frames.teardown(p); // the old image goes; the process (and its counts) stays
            bySpace.set(p.space.id(), null);
            p.space = newSpace(p.space.stats());
            bySpace.set(p.space.id(), p);
            layOut(p);
        } else {
            p = create(pid, 0);
        }
        switchMmu(p);
        if (log.enabled()) {
            note("exec: pid " + pid + " starts with a fresh address space");
        }
        return p;
    }

    /** The CPU runs {@code pid} from now on; an unknown pid is created as if started. */
    public void switchTo(int pid) {
        if (current != null && current.pid == pid) {
            return; // another thread of the same process: same address space, nothing to flush
        }
        Process p = byPid.get(pid);
        if (p == null) {
            if (current != null && pristine(current)) {
                discard(current);
            }
            counters.implicitProcesses.inc();
            p = create(pid, 0);
        }
        switchMmu(p);
    }

    private void switchMmu(Process p) {
        boolean change = current != null && current != p;
        current = p;
        currentDead = !p.alive();
        if (change) {
            counters.contextSwitches.inc();
            clock.charge(Layer.KERNEL, cost.contextSwitchNs);
            if (log.enabled()) {
                note("context switch to pid " + p.pid + (tlb.present() ? ": the TLB is flushed unless entries carry ASIDs" : ""));
            }
        }
        if (mmu != null) {
            mmu.switchTo(p.space);
        }
    }

    /** {@code pid} exits: its memory is released; if it was running, nothing runs until the next switch. */
    public void exit(int pid, int status) {
        Process p = byPid.get(pid);
        if (p == null || !p.alive()) {
            return;
        }
        counters.exits.inc();
        syscallCharge();
        frames.teardown(p);
        p.state = Process.State.EXITED;
        currentDead |= p == current;
        p.exitStatus = status;
        if (log.enabled()) {
            note("pid " + pid + " exits with status " + status + "; its frames are freed");
        }
    }

    /**
     * fork: {@code child} gets a copy of {@code parent}'s address space. Private writable pages are
     * shared read-only by both until one writes (copy on write); swap entries are shared. Returns
     * false when overcommit accounting refuses the child's private memory (the fork fails with ENOMEM).
     */
    public boolean fork(int parentPid, int childPid) {
        Process parent = byPid.get(parentPid);
        syscallCharge();
        if (parent == null || !parent.alive()) {
            return false;
        }
        if (!overcommit.charge(parent.committedPages)) {
            counters.forkFailures.inc();
            counters.overcommitRefusals.inc();
            if (log.enabled()) {
                note("fork of pid " + parentPid + " refused: overcommit would pass CommitLimit");
            }
            return false;
        }
        Process child = create(childPid, parentPid);
        child.committedPages = parent.committedPages;
        frames.copyAddressSpace(parent, child);
        counters.forks.inc();
        if (log.enabled()) {
            note("fork: pid " + childPid + " shares pid " + parentPid + "'s " + parent.space.residentPages()
                + " resident pages copy-on-write");
        }
        return true;
    }

    /** The physical address {@code vaddr} of {@code pid} maps to, or -1 when the page is not resident. */
    public long translate(int pid, long vaddr) {
        Process p = byPid.get(pid);
        if (p == null) {
            return -1;
        }
        PageTable t = p.space.pageTable();
        long vpn = vaddr >>> pageShift;
        long e = t.lookup(vpn);
        if (e == PageTable.NOT_PRESENT) {
            return -1;
        }
        return (PageTable.frameOf(e, vpn, t.bitsPerLevel()) << pageShift) | (vaddr & (pageSize - 1));
    }

    // ------------------------------------------------------------------ accessors and totals

    public ProcessLayout layout() {
        return layout;
    }

    /** The running process's address space. */
    public AddressSpace addressSpace() {
        return current().space;
    }

    public ReplacementPolicy policy() {
        return policy;
    }

    public PageCache pageCache() {
        return pageCache;
    }

    public SwapDevice swap() {
        return swap;
    }

    public int overcommitMode() {
        return overcommit.mode();
    }

    public long committedBytes() {
        return overcommit.committedPages() << pageShift;
    }

    public long commitLimitBytes() {
        return overcommit.limitPages() << pageShift;
    }

    /** Resident base pages summed over live processes (shared pages count in each, like RSS). */
    public long residentPages() {
        long n = 0;
        for (Process p : processes) {
            if (p.alive()) {
                n += p.space.residentPages();
            }
        }
        return n;
    }

    /** Page-table pages of live processes. */
    public long pageTablePages() {
        long n = 0;
        for (Process p : processes) {
            if (p.alive()) {
                n += p.space.pageTable().tablePages();
            }
        }
        return n;
    }

    private long mappedBytes() {
        long n = 0;
        for (Process p : processes) {
            n += p.alive() ? p.mappedBytes : 0;
        }
        return n;
    }

    private long peakMappedBytes() {
        long n = 0;
        for (Process p : processes) {
            n = Math.max(n, p.peakMappedBytes);
        }
        return n;
    }

    @Override
    public int pageSize() {
        return pageSize;
    }

    /** True when the running process is dead (killed or exited): its events are not simulated. */
    @Override
    public boolean killed() {
        return currentDead;
    }

    /** How the running process died, in the foundation's terms. */
    public enum Death { NONE, SEGFAULT, OOM_KILL }

    /** Why the running process died, if it did (see {@link Process#state()} for every process). */
    public Death death() {
        switch (current().state) {
            case SEGFAULT: case SIGBUS: return Death.SEGFAULT;
            case OOM_KILLED: return Death.OOM_KILL;
            default: return Death.NONE;
        }
    }

    /** What ended the running process (with the address and nearest VMA for a SIGSEGV), or empty. */
    public String deathDetail() {
        return current().detail;
    }

    /** Hands OPT the reference string scanned ahead. */
    public void setFuture(FutureReferences future) {
        this.future = future;
    }

    @Override
    public long now() {
        return now.getAsLong();
    }

    @Override
    public long pageKey(long frame) {
        return reclaim.pageKey(frame);
    }

    @Override
    public FutureReferences future() {
        return future;
    }

    /** The key a page of {@code pid} has in a reference string scanned ahead ({@link FutureReferences}). */
    public static long pageKey(int pid, long vpn) {
        return ((long) pid * 0x9E3779B97F4A7C15L) ^ vpn;
    }

    /** Page-number bits per page-table level: a huge run of level L has 2^(L × this) frames. */
    int addressBits() {
        return tableBits;
    }

    void syscallCharge() {
        clock.charge(Layer.KERNEL, cost.syscallNs);
    }

    void note(String what) {
        if (log.enabled()) {
            log.note(Layer.KERNEL, what);
        }
    }

    // ------------------------------------------------------------------ system calls (MemoryCalls)

    @Override
    public long currentBreak() {
        return current().brk;
    }

    @Override
    public long heapStart() {
        return layout.heapStart();
    }

    @Override
    public long brk(long address) {
        return calls.brk(address);
    }

    @Override
    public long mmap(long address, long length, int prot, int flags, int file, long offset) {
        return calls.mmap(address, length, prot, flags, file, offset);
    }

    @Override
    public int munmap(long address, long length) {
        return calls.munmap(address, length);
    }

    @Override
    public int mprotect(long address, long length, int prot) {
        return calls.mprotect(address, length, prot);
    }

    @Override
    public int madvise(long address, long length, int advice) {
        return calls.madvise(address, length, advice);
    }

    @Override
    public int msync(long address, long length) {
        return calls.msync(address, length);
    }

    // ------------------------------------------------------------------ faults

    @Override
    public int handleFault(AddressSpace as, long address, int accessType) {
        return faults.handle(as, address, accessType);
    }

    /**
     * Checks the kernel's bookkeeping (tests and stress runs): every present entry of a live process
     * maps an allocated frame; each anonymous frame's map count equals the entries mapping it; each
     * huge run's head counts the entries mapping any part of it; every frame in use is mapped, cached
     * or swap-cached; each swap slot's count equals the swap entries plus the swap-cache copy; the
     * replacement policy holds exactly the evictable frames.
     *
     * @throws IllegalStateException naming the first inconsistency
     */
    public void verify() {
        java.util.Map<Long, Integer> counted = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> slotRefs = new java.util.HashMap<>();
        for (Process p : processes) {
            if (!p.alive()) {
                if (p.space.pageTable().present() != 0 || p.space.swappedPages() != 0) {
                    throw new IllegalStateException(p + " is dead but still maps pages");
                }
                continue;
            }
            PageTable t = p.space.pageTable();
            t.forEach((vpn, e) -> {
                long pfn = PageTable.pfn(e);
                if (pfn >= memory.highWater() || memory.kind(pfn) == PhysicalMemory.FREE) {
                    throw new IllegalStateException(p + " maps free frame " + pfn + " at vpn " + Long.toHexString(vpn));
                }
                long key = frames.headOf(pfn);
                counted.merge(key, 1, Integer::sum);
            });
            p.space.forEachSwapped((vpn, slot) -> slotRefs.merge((int) slot, 1, Integer::sum));
        }
        long inUse = 0;
        long evictable = 0;
        for (long pfn = 0; pfn < memory.highWater(); pfn++) {
            byte kind = memory.kind(pfn);
            if (kind == PhysicalMemory.FREE) {
                continue;
            }
            inUse++;
            if (memory.flag(pfn, PhysicalMemory.EVICTABLE)) {
                evictable++;
            }
            int maps = counted.getOrDefault(pfn, 0);
            if ((kind == PhysicalMemory.ANON || kind == PhysicalMemory.HUGE || kind == PhysicalMemory.FILE) && memory.mapCount(pfn) != maps) {
                throw new IllegalStateException("frame " + pfn + " (" + kind + ") has map count " + memory.mapCount(pfn)
                    + " but " + maps + " entries map it");
            }
            if (kind == PhysicalMemory.ANON && maps == 0) {
                throw new IllegalStateException("anonymous frame " + pfn + " is allocated but nobody maps it");
            }
            if (kind == PhysicalMemory.FILE && pageCache.peek(memory.owner(pfn), memory.index(pfn)) != pfn) {
                throw new IllegalStateException("file frame " + pfn + " is not in the page cache");
            }
            int slot = memory.swapSlot(pfn);
            if (kind == PhysicalMemory.ANON && slot >= 0) {
                slotRefs.merge(slot, 1, Integer::sum);
                if (reclaim.swapCached(slot) != pfn) {
                    throw new IllegalStateException("frame " + pfn + " keeps slot " + slot + " but the swap cache says otherwise");
                }
            }
        }
        if (inUse != memory.used()) {
            throw new IllegalStateException(inUse + " frames described as in use, " + memory.used() + " counted");
        }
        if (evictable != policy.size()) {
            throw new IllegalStateException(evictable + " evictable frames but the policy holds " + policy.size());
        }
        long slotsInUse = 0;
        for (java.util.Map.Entry<Integer, Integer> e : slotRefs.entrySet()) {
            if (swap.refs(e.getKey()) != e.getValue()) {
                throw new IllegalStateException("swap slot " + e.getKey() + " has " + swap.refs(e.getKey()) + " references, "
                    + e.getValue() + " found");
            }
            slotsInUse++;
        }
        if (slotsInUse != swap.used()) {
            throw new IllegalStateException(swap.used() + " swap slots in use but " + slotsInUse + " referenced");
        }
    }

    /** Ends {@code p} with a signal or the OOM killer; its memory is released. */
    void kill(Process p, Process.State how, String detail) {
        if (!p.alive()) {
            return;
        }
        p.detail = detail;
        frames.teardown(p);
        p.state = how;
        currentDead |= p == current;
        note(detail);
    }
}
