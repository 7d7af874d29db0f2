package org.memsim.stack;

import java.util.EnumMap;
import java.util.Map;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.Allocators;
import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.EventClock;
import org.memsim.event.EventSink;
import org.memsim.kernel.LinuxKernel;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.runtime.ManualRuntime;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.HashedPageTable;
import org.memsim.vm.Mmu;
import org.memsim.vm.PhysicalMemory;

/**
 * One simulated memory stack, wired bottom-up from a {@link StackSpec}: physical memory → address
 * space and page table → MMU → kernel → allocator → runtime. Events enter at {@link #entry()}.
 */
public final class Stack implements ReplayTarget {
    private final StackSpec spec;
    private final Metrics metrics = new Metrics();
    private final SimClock clock = new SimClock();
    private final EventClock events = new EventClock();
    private final PhysicalMemory memory;
    private final AddressSpace space;
    private final Mmu mmu;
    private final LinuxKernel kernel;
    private final Allocator allocator;
    private final ManualRuntime runtime;

    private Stack(StackSpec spec, LayerLog log) {
        this.spec = spec;
        CostModel cost = CostModel.REGISTRY.create(spec.cost(), null);
        VmModel vm = VmModel.REGISTRY.create(spec.vm(), null);
        memory = new PhysicalMemory(vm.frames(), vm.pageSize());
        space = new AddressSpace(new HashedPageTable(), vm.pageSize());
        kernel = LinuxKernel.REGISTRY.create(spec.kernel(), new LinuxKernel.Context(memory, space, cost, clock, metrics, log));
        mmu = new Mmu(kernel, cost, clock, metrics, log);
        mmu.setAddressSpace(space);
        allocator = Allocators.REGISTRY.create(spec.allocator(), new AllocatorContext(kernel, mmu, cost, clock, metrics, log));
        runtime = new ManualRuntime(allocator, kernel, mmu, metrics, events, log);
        metrics.gauge("memory.peakFrames", "frames", "most frames in use at once", memory::peakUsed);
        metrics.gauge("memory.zeroFills", "frames", "frames zero-filled on first touch", memory::zeroFills);
    }

    /** Builds a stack; spec errors (unknown names or keys) surface here. */
    public static Stack build(StackSpec spec) {
        return new Stack(spec, LayerLog.OFF);
    }

    /** Builds a stack whose layers narrate what they do into {@code log}. */
    public static Stack build(StackSpec spec, LayerLog log) {
        return new Stack(spec, log);
    }

    /** Where events enter: the runtime. */
    @Override
    public EventSink entry() {
        return runtime;
    }

    public StackSpec spec() {
        return spec;
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

    public ManualRuntime runtime() {
        return runtime;
    }

    public Allocator allocator() {
        return allocator;
    }

    public LinuxKernel kernel() {
        return kernel;
    }

    public Mmu mmu() {
        return mmu;
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public AddressSpace addressSpace() {
        return space;
    }

    /** The measurements so far (final after {@link EventSink#end()}). */
    @Override
    public StackResult result() {
        long peakLive = runtime.peakLiveBytes();
        long highWater = runtime.footprintHighWater();
        Map<Layer, Double> ns = new EnumMap<>(Layer.class);
        for (Layer l : Layer.values()) {
            ns.put(l, clock.nanos(l));
        }
        return new StackResult(
            spec.allocator().toString(),
            events.count(),
            metrics.counterNamed("runtime.ops").get(),
            metrics.counterNamed("runtime.failedOps").get(),
            peakLive,
            highWater,
            highWater == 0 ? 0 : (double) peakLive / highWater,
            metrics.counterNamed("kernel.minorFaults").get(),
            space.residentPages(),
            memory.peakUsed(),
            runtime.liveBytes(),
            runtime.liveBlocks(),
            runtime.internalFragmentation(),
            runtime.externalFragPermille() / 1000.0,
            allocator.freeBlocks(),
            ns,
            runtime.death() != null ? runtime.death() : kernel.killed() ? kernel.deathDetail() : null,
            runtime.deathIndex(),
            StackResult.SIMULATED);
    }
}
