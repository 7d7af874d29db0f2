package org.memsim.stack;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.EventClock;
import org.memsim.event.EventSink;
import org.memsim.gc.CollectionKind;
import org.memsim.gc.GcResult;
import org.memsim.gc.GcStats;
import org.memsim.gc.ManagedRuntime;
import org.memsim.kernel.LinuxKernel;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.spec.Spec;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.Mmu;
import org.memsim.vm.PhysicalMemory;

/**
 * A simulated stack for a garbage-collected program: the same {@link Machine} (physical memory,
 * address space, TLB, MMU and kernel) as {@link Stack}, with a {@link ManagedRuntime} and its
 * collector on top instead of the C runtime and an allocator. The heap is reserved with {@code mmap} and touched through
 * the MMU, so page faults and resident memory are the simulated machine's.
 */
public final class ManagedStack implements ReplayTarget {
    /** Address space the managed heap reserves: every plan carves its spaces from it. */
    public static final long RESERVE = 20L << 30;

    private final StackSpec spec;
    private final Spec collector;
    private final Metrics metrics = new Metrics();
    private final SimClock clock = new SimClock();
    private final EventClock events = new EventClock();
    private final PhysicalMemory memory;
    private final AddressSpace space;
    private final LinuxKernel kernel;
    private final Mmu mmu;
    private final ManagedRuntime runtime;

    private ManagedStack(StackSpec spec, Spec collector, LayerLog log) {
        this.spec = spec;
        this.collector = collector;
        Machine machine = new Machine(spec, clock, metrics, events, log); // registers memory.peakFrames
        CostModel cost = machine.cost();
        memory = machine.memory();
        kernel = machine.kernel();
        space = kernel.addressSpace();
        mmu = machine.mmu();
        runtime = new ManagedRuntime(collector, RESERVE, kernel, mmu, cost, clock, metrics, events, log);
    }

    /** Builds a managed stack; spec errors (unknown collector or keys) surface here. */
    public static ManagedStack build(StackSpec spec, String collector) {
        return new ManagedStack(spec, Spec.parse(collector), LayerLog.OFF);
    }

    public static ManagedStack build(StackSpec spec, String collector, LayerLog log) {
        return new ManagedStack(spec, Spec.parse(collector), log);
    }

    @Override
    public EventSink entry() {
        return runtime;
    }

    public ManagedRuntime runtime() {
        return runtime;
    }

    public Metrics metrics() {
        return metrics;
    }

    public SimClock clock() {
        return clock;
    }

    public EventClock events() {
        return events;
    }

    public LinuxKernel kernel() {
        return kernel;
    }

    public AddressSpace addressSpace() {
        return space;
    }

    /** The collector spec as given. */
    public String collector() {
        return collector.toString();
    }

    /** The replay's result in the allocator-stack shape (for code that handles any {@link ReplayTarget}). */
    @Override
    public StackResult result() {
        Map<Layer, Double> ns = new EnumMap<>(Layer.class);
        for (Layer l : Layer.values()) {
            ns.put(l, clock.nanos(l));
        }
        GcStats s = runtime.context().stats;
        return new StackResult(collector(), events.count(), s.objectsAllocated.get(), s.outOfMemory.get(), s.peakHeapBytes(),
            metrics.seriesNamed("gc.heapFootprint").max(), 0, metrics.counterNamed("kernel.minorFaults").get(), space.residentPages(),
            memory.peakUsed(), runtime.table().liveBytes(), runtime.table().live(), 0, 0, 0, ns, runtime.death(),
            runtime.deathIndex(), StackResult.SIMULATED);
    }

    /** What the collector did (final after {@link EventSink#end()}). */
    public GcResult gcResult() {
        GcStats s = runtime.context().stats;
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (CollectionKind k : CollectionKind.values()) {
            if (s.collections(k) > 0) {
                kinds.put(k.label(), s.collections(k));
            }
        }
        double total = clock.totalNanos();
        double stopped = s.pauseNs() + s.assistNs();
        long page = space.pageSize();
        return new GcResult(runtime.plan().spec(), events.count(), s.collections.get(), kinds, s.objectsAllocated.get(),
            s.bytesAllocated.get(), s.objectsFreed.get(), runtime.objectsLeaked(), s.peakHeapBytes(), s.pauses.percentile(50),
            s.pauses.percentile(99), s.pauses.max(), s.pauseNs(), s.gcWorkNs(), total == 0 ? 1 : 1 - stopped / total,
            s.objectsCopied.get(), s.bytesCopied.get(), metrics.counterNamed("kernel.minorFaults").get(),
            memory.peakUsed() * page, space.residentPages() * page, total, runtime.death(), runtime.deathIndex());
    }
}
