package org.memsim.stack;

import java.util.EnumMap;
import java.util.Map;
import org.memsim.alloc.Allocator;
import org.memsim.alloc.AllocatorContext;
import org.memsim.alloc.Allocators;
import org.memsim.cost.SimClock;
import org.memsim.event.EventClock;
import org.memsim.event.EventSink;
import org.memsim.kernel.LinuxKernel;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.runtime.ManualRuntime;
import org.memsim.runtime.ProcessRuntime;
import org.memsim.vm.AddressSpace;
import org.memsim.vm.Mmu;
import org.memsim.vm.PhysicalMemory;
import org.memsim.vm.replace.FutureReferences;

/**
 * One simulated memory stack, wired bottom-up from a {@link StackSpec}: a {@link Machine} (physical
 * memory, swap, TLB, kernel, MMU) → allocator → runtime. Events enter at {@link #entry()}: the
 * manual runtime (one process, allocator replay), or in {@link Mode#PROCESSES} a process runtime
 * that replays raw accesses, mappings and process events of any number of processes (allocation
 * events of the first process still reach the allocator).
 */
public final class Stack implements ReplayTarget {
    /** What enters the stack. */
    public enum Mode {
        /** One process; allocation events drive the allocator; process events are counted. */
        MANUAL,
        /** Process events create, fork, switch and end processes; brk events of the trace move the break. */
        PROCESSES
    }

    private final StackSpec spec;
    private final Mode mode;
    private final Metrics metrics = new Metrics();
    private final SimClock clock = new SimClock();
    private final EventClock events = new EventClock();
    private final Machine machine;
    private final Allocator allocator;
    private final ManualRuntime runtime;
    private final EventSink entry;
    private String label;

    private Stack(StackSpec spec, LayerLog log, Mode mode) {
        this.spec = spec;
        this.mode = mode;
        machine = new Machine(spec, clock, metrics, events, log);
        LinuxKernel kernel = machine.kernel();
        allocator = Allocators.REGISTRY.create(spec.allocator(), new AllocatorContext(kernel, machine.mmu(), machine.cost(), clock, metrics, log));
        runtime = new ManualRuntime(allocator, kernel, machine.mmu(), metrics, events, log);
        entry = mode == Mode.PROCESSES ? new ProcessRuntime(kernel, machine.mmu(), metrics, events, log, runtime) : runtime;
        label = spec.allocator().toString();
    }

    /** Builds a stack; spec errors (unknown names or keys) surface here. */
    public static Stack build(StackSpec spec) {
        return new Stack(spec, LayerLog.OFF, Mode.MANUAL);
    }

    /** Builds a stack whose layers narrate what they do into {@code log}. */
    public static Stack build(StackSpec spec, LayerLog log) {
        return new Stack(spec, log, Mode.MANUAL);
    }

    /** Builds a stack with the given entry mode. */
    public static Stack build(StackSpec spec, LayerLog log, Mode mode) {
        return new Stack(spec, log, mode);
    }

    /** Where events enter: the manual runtime, or the process runtime. */
    @Override
    public EventSink entry() {
        return entry;
    }

    public Mode mode() {
        return mode;
    }

    public StackSpec spec() {
        return spec;
    }

    /** The name of this stack's row in reports: its allocator spec unless set. */
    public String label() {
        return label;
    }

    public Stack withLabel(String label) {
        this.label = label;
        return this;
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

    public Machine machine() {
        return machine;
    }

    public LinuxKernel kernel() {
        return machine.kernel();
    }

    public Mmu mmu() {
        return machine.mmu();
    }

    public PhysicalMemory memory() {
        return machine.memory();
    }

    /** The running process's address space. */
    public AddressSpace addressSpace() {
        return machine.kernel().addressSpace();
    }

    /** Whether the replacement policy needs the reference string ahead (OPT): call {@link #provideFuture} first. */
    public boolean needsFuture() {
        return machine.kernel().policy().needsFuture();
    }

    /** Whether {@link #provideFuture} was called. */
    public boolean hasFuture() {
        return machine.kernel().future() != null;
    }

    /** Hands OPT the reference string scanned ahead ({@link FutureScan}). */
    public void provideFuture(FutureReferences future) {
        machine.kernel().setFuture(future);
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
        LinuxKernel kernel = machine.kernel();
        return new StackResult(
            label,
            events.count(),
            metrics.counterNamed("runtime.ops").get(),
            metrics.counterNamed("runtime.failedOps").get(),
            peakLive,
            highWater,
            highWater == 0 ? 0 : (double) peakLive / highWater,
            metrics.counterNamed("kernel.minorFaults").get(),
            kernel.residentPages(),
            machine.memory().peakUsed(),
            runtime.liveBytes(),
            runtime.liveBlocks(),
            runtime.internalFragmentation(),
            runtime.externalFragPermille() / 1000.0,
            allocator.freeBlocks(),
            ns,
            runtime.death() != null ? runtime.death() : deathDetail(),
            deathIndex(),
            StackResult.SIMULATED);
    }

    private String deathDetail() {
        LinuxKernel kernel = machine.kernel();
        if (mode == Mode.MANUAL) {
            return kernel.killed() ? kernel.deathDetail() : null;
        }
        for (org.memsim.kernel.Process p : kernel.processes()) {
            if (p.killed()) {
                return "pid " + p.pid() + ": " + p.detail();
            }
        }
        return null;
    }

    private long deathIndex() {
        if (runtime.death() != null || !(entry instanceof ProcessRuntime)) {
            return runtime.deathIndex();
        }
        return ((ProcessRuntime) entry).firstDeathIndex();
    }
}
