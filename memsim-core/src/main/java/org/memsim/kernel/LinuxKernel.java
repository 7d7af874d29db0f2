package org.memsim.kernel;

import java.util.List;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.Advice;
import org.memsim.event.MapFlags;
import org.memsim.event.Prot;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.Registry;
import org.memsim.vm.AccessType;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.Addresses;
import org.memsim.vm.FaultHandler;
import org.memsim.vm.PageTable;
import org.memsim.vm.PhysicalMemory;
import org.memsim.vm.Vma;
import org.memsim.vm.VmaKind;
import org.memsim.vm.VmaList;

/**
 * A Linux-like kernel for one process: {@code brk}, {@code mmap}/{@code munmap},
 * {@code mprotect}, {@code madvise(MADV_DONTNEED)}, and demand paging — a first touch of an
 * anonymous page takes a minor fault and gets a zero-filled frame. An access outside every VMA is
 * a SIGSEGV, or (with {@code unmapped=map}, for traces that carry no layout such as Lackey's) maps
 * the page on the spot. When no frame is left the process is OOM-killed.
 */
public final class LinuxKernel implements SystemCalls, FaultHandler {

    /** Everything a kernel needs from the layers beneath it and from the stack. */
    public record Context(PhysicalMemory memory, AddressSpace space, CostModel cost, SimClock clock,
                          Metrics metrics, LayerLog log) {}

    /** The registry of kernels: one today, {@code linux}. */
    public static final Registry<LinuxKernel, Context> REGISTRY = new Registry<LinuxKernel, Context>("kernel")
        .register("linux", "Linux-like brk/mmap, demand-zero page faults, OOM kill", List.of(
            Param.choice("unmapped", "map", "an access outside every VMA: map the page (traces without layout) or SIGSEGV",
                "map", "segv"),
            Param.of("heapStart", "0x555555559000", "where the heap (program break) starts"),
            Param.of("mmapBase", "0x7ffff7fff000", "top of the area mmap allocates from, downwards"),
            Param.of("stackLimit", "8m", "RLIMIT_STACK: how far the stack may grow")),
            LinuxKernel::new);

    /** Linux's default {@code vm.mmap_min_addr}: the lowest 64 KiB are never mapped, so NULL dereferences fault. */
    public static final long MMAP_MIN_ADDR = 65536;

    /** Why the process died, if it did. */
    public enum Death { NONE, SEGFAULT, OOM_KILL }

    private final PhysicalMemory memory;
    private final AddressSpace space;
    private final VmaList vmas;
    private final PageTable table;
    private final CostModel cost;
    private final SimClock clock;
    private final LayerLog log;
    private final boolean mapUnmapped;
    private final ProcessLayout layout;
    private final int pageShift;
    private final long pageSize;
    private final Vma heap;
    private Vma stack;
    private long brk;
    private long mappedBytes;
    private long peakMappedBytes;
    private Death death = Death.NONE;
    private String deathDetail = "";

    private final Counter minorFaults;
    private final Counter segfaults;
    private final Counter oomKills;
    private final Counter brkCalls;
    private final Counter mmapCalls;
    private final Counter munmapCalls;
    private final Counter otherCalls;
    private final Counter implicitMaps;

    private LinuxKernel(Params p, Context c) {
        this.memory = c.memory();
        this.space = c.space();
        this.vmas = space.vmas();
        this.table = space.pageTable();
        this.cost = c.cost();
        this.clock = c.clock();
        this.log = c.log();
        this.mapUnmapped = p.string("unmapped").equals("map");
        ProcessLayout d = ProcessLayout.linuxDefault();
        this.layout = new ProcessLayout(d.textStart(), d.textSize(), d.dataSize(), d.bssSize(),
            p.number("heapStart"), p.number("mmapBase"), d.stackTop(), d.stackInitial(), p.bytes("stackLimit"));
        this.pageSize = space.pageSize();
        this.pageShift = space.pageShift();
        if (layout.heapStart() % pageSize != 0 || layout.mmapBase() % pageSize != 0) {
            throw new org.memsim.spec.SpecException("linux: heapStart and mmapBase must be multiples of the page size " + pageSize);
        }
        Metrics m = c.metrics();
        minorFaults = m.counter("kernel.minorFaults", "faults", "page faults served with a zero-filled frame");
        segfaults = m.counter("kernel.segfaults", "signals", "accesses outside every VMA or against its protection");
        oomKills = m.counter("kernel.oomKills", "kills", "processes killed because no frame was left");
        brkCalls = m.counter("kernel.brk", "calls", "brk system calls");
        mmapCalls = m.counter("kernel.mmap", "calls", "mmap system calls");
        munmapCalls = m.counter("kernel.munmap", "calls", "munmap system calls");
        otherCalls = m.counter("kernel.otherCalls", "calls", "mprotect, madvise and msync system calls");
        implicitMaps = m.counter("kernel.implicitMaps", "pages", "pages mapped on first touch because no VMA covered them");
        vmas.insert(new Vma(layout.textStart(), layout.textStart() + layout.textSize(), Prot.READ | Prot.EXEC, MapFlags.PRIVATE, VmaKind.TEXT, 0, 0));
        vmas.insert(new Vma(layout.dataStart(), layout.dataStart() + layout.dataSize(), Prot.RW, MapFlags.PRIVATE, VmaKind.DATA, 0, 0));
        vmas.insert(new Vma(layout.bssStart(), layout.bssStart() + layout.bssSize(), Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, VmaKind.BSS, 0, 0));
        heap = new Vma(layout.heapStart(), layout.heapStart() + pageSize, Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, VmaKind.HEAP, 0, 0);
        vmas.insert(heap);
        vmas.resize(heap, layout.heapStart()); // an empty heap: the VMA is kept with start == end until brk grows it
        stack = new Vma(layout.stackTop() - layout.stackInitial(), layout.stackTop(), Prot.RW, MapFlags.PRIVATE | MapFlags.ANONYMOUS, VmaKind.STACK, 0, 0);
        vmas.insert(stack);
        brk = layout.heapStart();
        m.sampledGauge("kernel.residentPages", "pages", "pages with a frame behind them", space::residentPages);
        m.gauge("kernel.pageTablePages", "pages", "memory the page table itself takes", table::tablePages);
        m.gauge("kernel.mappedBytes", "bytes", "bytes of anonymous mmap regions", () -> mappedBytes);
        m.gauge("kernel.peakMappedBytes", "bytes", "high-water mark of mmap'd bytes", () -> peakMappedBytes);
    }

    public ProcessLayout layout() {
        return layout;
    }

    public AddressSpace addressSpace() {
        return space;
    }

    @Override
    public int pageSize() {
        return (int) pageSize;
    }

    @Override
    public boolean killed() {
        return death != Death.NONE;
    }

    public Death death() {
        return death;
    }

    /** What killed the process, with the address and nearest VMA for a SIGSEGV. */
    public String deathDetail() {
        return deathDetail;
    }

    private void syscall(Counter c) {
        c.inc();
        clock.charge(Layer.KERNEL, cost.syscallNs);
    }

    // ------------------------------------------------------------------ brk

    @Override
    public long currentBreak() {
        return brk;
    }

    @Override
    public long heapStart() {
        return layout.heapStart();
    }

    @Override
    public long brk(long address) {
        syscall(brkCalls);
        if (killed() || address < layout.heapStart()) {
            return brk;
        }
        long newEnd = Addresses.alignUp(address, pageSize);
        long oldEnd = heap.end();
        if (newEnd > oldEnd) {
            if (vmas.overlaps(oldEnd, newEnd) || newEnd > layout.mmapBase()) {
                if (log.enabled()) {
                    note("brk(" + Addresses.hex(address) + ") refused: would run into another mapping");
                }
                return brk;
            }
            vmas.resize(heap, newEnd);
        } else if (newEnd < oldEnd) {
            dropPages(newEnd, oldEnd);
            vmas.resize(heap, newEnd);
        }
        if (log.enabled()) {
            note("brk " + Addresses.hex(brk) + " → " + Addresses.hex(address) + " (heap " + (address - layout.heapStart()) + " bytes; no frame yet)");
        }
        brk = address;
        return brk;
    }

    // ------------------------------------------------------------------ mmap family

    @Override
    public long mmap(long address, long length, int prot, int flags, int file, long offset) {
        syscall(mmapCalls);
        if (killed() || length <= 0 || length > (1L << 47)) {
            return MAP_FAILED;
        }
        long len = Addresses.alignUp(length, pageSize);
        long at;
        if ((flags & MapFlags.FIXED) != 0) {
            if (address % pageSize != 0) {
                return MAP_FAILED;
            }
            at = address;
            munmapRange(at, at + len);
        } else if (address != 0 && address % pageSize == 0 && address > 0 && !vmas.overlaps(address, address + len)) {
            at = address;
        } else {
            at = vmas.findGapBelow(layout.mmapBase(), Math.max(heap.end(), layout.heapStart()) + (1L << 30), len);
            if (at < 0) {
                return MAP_FAILED;
            }
        }
        VmaKind kind = (flags & MapFlags.ANONYMOUS) != 0 || file == 0 ? VmaKind.ANON : VmaKind.FILE;
        vmas.insert(new Vma(at, at + len, prot, flags, kind, file, offset));
        mappedBytes += len;
        peakMappedBytes = Math.max(peakMappedBytes, mappedBytes);
        if (log.enabled()) {
            note("mmap " + len + " bytes " + Prot.format(prot) + " at " + Addresses.hex(at) + " (no frame yet)");
        }
        if ((flags & MapFlags.POPULATE) != 0) {
            for (long a = at; a < at + len; a += pageSize) {
                if (handleFault(space, a, AccessType.READ) != RESOLVED) {
                    break;
                }
            }
        }
        return at;
    }

    @Override
    public int munmap(long address, long length) {
        syscall(munmapCalls);
        if (address % pageSize != 0 || length <= 0) {
            return -1;
        }
        long end = Addresses.alignUp(address + length, pageSize);
        munmapRange(address, end);
        return 0;
    }

    private void munmapRange(long start, long end) {
        for (Vma v : vmas.all()) {
            if (v.end() > start && v.start() < end && (v.kind() == VmaKind.ANON || v.kind() == VmaKind.FILE)) {
                mappedBytes -= Math.min(v.end(), end) - Math.max(v.start(), start);
            }
        }
        dropPages(start, end);
        boolean heapTouched = heap.end() > start && heap.start() < end;
        if (heapTouched) {
            return; // the heap shrinks only through brk
        }
        vmas.remove(start, end);
    }

    /** Unmaps every present page in {@code [start, end)} and returns its frame. */
    private void dropPages(long start, long end) {
        long first = start >>> pageShift;
        long last = (end - 1) >>> pageShift;
        if (last - first > table.present()) {
            long[] victims = new long[(int) Math.min(table.present(), Integer.MAX_VALUE - 8)];
            int[] n = {0};
            table.forEach((vpn, e) -> {
                if (vpn >= first && vpn <= last && n[0] < victims.length) {
                    victims[n[0]++] = vpn;
                }
            });
            for (int i = 0; i < n[0]; i++) {
                memory.free(PageTable.pfn(table.unmap(victims[i])));
            }
            return;
        }
        for (long vpn = first; vpn <= last; vpn++) {
            long e = table.unmap(vpn);
            if (e != PageTable.NOT_PRESENT) {
                memory.free(PageTable.pfn(e));
            }
        }
    }

    @Override
    public int mprotect(long address, long length, int prot) {
        syscall(otherCalls);
        if (address % pageSize != 0 || length <= 0) {
            return -1;
        }
        long end = Addresses.alignUp(address + length, pageSize);
        vmas.protect(address, end, prot);
        for (long a = address; a < end; a += pageSize) {
            long vpn = a >>> pageShift;
            long e = table.lookup(vpn);
            if (e != PageTable.NOT_PRESENT) {
                table.map(vpn, (e & ~7L) | prot);
            }
            if (end - address > (table.present() << pageShift)) {
                break; // a huge range with few resident pages: the VMA change is what matters
            }
        }
        return 0;
    }

    @Override
    public int madvise(long address, long length, int advice) {
        syscall(otherCalls);
        if (address % pageSize != 0 || length <= 0) {
            return -1;
        }
        if (advice == Advice.DONTNEED || advice == Advice.FREE) {
            dropPages(address, Addresses.alignUp(address + length, pageSize));
            if (log.enabled()) {
                note("madvise(" + Advice.format(advice) + ") released the frames of " + length + " bytes");
            }
        }
        return 0;
    }

    @Override
    public int msync(long address, long length) {
        syscall(otherCalls);
        return 0;
    }

    // ------------------------------------------------------------------ faults

    @Override
    public int handleFault(AddressSpace as, long address, int accessType) {
        if (killed()) {
            return SEGFAULT;
        }
        Vma v = vmas.find(address);
        if (v == null && stack != null && address < stack.start() && address >= layout.stackFloor()
            && !vmas.overlaps(Addresses.alignDown(address, pageSize), stack.start())) {
            growStack(address);
            v = stack;
        }
        if (v == null) {
            if (!mapUnmapped || Long.compareUnsigned(address, MMAP_MIN_ADDR) < 0) {
                return segfault(address, accessType, "no mapping");
            }
            v = mapImplicit(address);
        }
        if ((v.prot() & accessType) != accessType) {
            return segfault(address, accessType, "the mapping is " + Prot.format(v.prot()));
        }
        long vpn = address >>> pageShift;
        long e = table.lookup(vpn);
        if (e != PageTable.NOT_PRESENT) {
            // present but the PTE lacks a permission the VMA grants (after mprotect): refresh it
            table.map(vpn, (e & ~7L) | v.prot());
            return RESOLVED;
        }
        long pfn = memory.allocateZeroed();
        if (pfn == PhysicalMemory.NO_FRAME) {
            oomKills.inc();
            death = Death.OOM_KILL;
            deathDetail = "out of memory: all " + memory.frames() + " frames in use when touching " + Addresses.hex(address);
            if (log.enabled()) {
                note("no free frame: the OOM killer kills the process");
            }
            return OUT_OF_MEMORY;
        }
        table.map(vpn, PageTable.entry(pfn, v.prot()));
        minorFaults.inc();
        clock.charge(Layer.KERNEL, cost.minorFaultNs);
        clock.charge(Layer.PHYSICAL, cost.zeroPageNs * (pageSize / 4096.0));
        if (log.enabled()) {
            note("minor fault at " + Addresses.hex(address) + " in " + v.kind().label() + ": frame " + pfn
                + " zero-filled and mapped " + Prot.format(v.prot()));
        }
        return RESOLVED;
    }

    private void growStack(long address) {
        long newStart = Addresses.alignDown(address, pageSize);
        Vma grown = new Vma(newStart, stack.end(), stack.prot(), stack.flags(), VmaKind.STACK, 0, 0);
        vmas.remove(stack.start(), stack.end());
        vmas.insert(grown);
        stack = grown;
    }

    private Vma mapImplicit(long address) {
        long start = Addresses.alignDown(address, pageSize);
        implicitMaps.inc();
        Vma v = new Vma(start, start + pageSize, Prot.READ | Prot.WRITE | Prot.EXEC, MapFlags.PRIVATE | MapFlags.ANONYMOUS,
            VmaKind.IMPLICIT, 0, 0);
        Vma below = vmas.find(start - 1);
        if (below != null && below.kind() == VmaKind.IMPLICIT && below.end() == start && !vmas.overlaps(start, start + pageSize)) {
            vmas.resize(below, start + pageSize);
            return below;
        }
        vmas.insert(v);
        return v;
    }

    private int segfault(long address, int accessType, String why) {
        segfaults.inc();
        death = Death.SEGFAULT;
        Vma near = vmas.nearest(address);
        deathDetail = "SIGSEGV: " + AccessType.name(accessType) + " at " + Addresses.hex(address) + " (" + why + ")"
            + (near == null ? "" : "; nearest mapping " + near);
        if (log.enabled()) {
            note(deathDetail);
        }
        return SEGFAULT;
    }

    private void note(String what) {
        if (log.enabled()) {
            log.note(Layer.KERNEL, what);
        }
    }
}
