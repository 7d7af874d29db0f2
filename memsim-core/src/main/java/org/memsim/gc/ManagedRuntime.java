package org.memsim.gc;

import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.event.EventClock;
import org.memsim.event.EventSink;
import org.memsim.gc.space.HeapReservation;
import org.memsim.kernel.SystemCalls;
import org.memsim.layer.Layer;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Metrics;
import org.memsim.runtime.BadEventException;
import org.memsim.spec.Spec;
import org.memsim.vm.MemoryPort;

/**
 * The runtime of a garbage-collected program: consumes the managed events ({@code newObject},
 * {@code refWrite}, {@code rootAdd}/{@code rootRemove}, {@code safepoint}), keeps the object
 * graph in an {@link ObjectTable}, and hands allocation, barriers and collection to the chosen
 * {@link Plan}. The heap is one reservation from the kernel; objects are written through the MMU,
 * so page faults and resident memory are the simulated machine's. At the end of the trace the
 * plan runs one final full collection and the objects still allocated but unreachable are the leak.
 */
public final class ManagedRuntime implements EventSink {
    private final ObjectTable table = new ObjectTable(1024);
    private final Roots roots = new Roots();
    private final GcContext ctx;
    private final Plan plan;
    private final Constraints constraints;
    private final EventClock clock;
    private final Metrics metrics;
    private final SystemCalls kernel;
    private final SimClock time;
    private final double mutatorNs;
    private final double allocNs;
    private final Counter ignored;
    private final Counter afterDeath;
    private String death;
    private long deathIndex = -1;
    private long leaked = -1;
    private boolean ended;

    public ManagedRuntime(Spec collector, long reserveBytes, SystemCalls kernel, MemoryPort memory, CostModel cost, SimClock time,
                          Metrics metrics, EventClock clock, LayerLog log) {
        this.clock = clock;
        this.metrics = metrics;
        this.kernel = kernel;
        this.time = time;
        HeapReservation heap = new HeapReservation(kernel, reserveBytes);
        ctx = new GcContext(table, roots, heap, kernel, memory, cost, time, metrics, clock, log);
        plan = Collectors.REGISTRY.create(collector, ctx);
        constraints = plan.constraints();
        ctx.setConstraints(constraints);
        ctx.setSpaceCheck(plan::verify);
        mutatorNs = cost.mutatorEventNs;
        allocNs = cost.gcAllocNs;
        ignored = metrics.counter("gc.unmanagedIgnored", "events", "events a managed runtime does not simulate (malloc, loads, …)");
        afterDeath = metrics.counter("gc.eventsAfterDeath", "events", "events after an out-of-memory death, not simulated");
        metrics.sampledGauge("gc.heapBytes", "bytes", "object bytes allocated and not yet freed", table::liveBytes);
        metrics.sampledGauge("gc.heapFootprint", "bytes", "bytes the collector's spaces hold", plan::heapBytes);
        metrics.sampledGauge("gc.heapLimit", "bytes", "heap size the collector allows itself now", plan::heapLimitBytes);
        metrics.gauge("gc.liveObjects", "objects", "objects allocated and not yet freed", table::live);
        metrics.gauge("gc.objectsLeaked", "objects", "unreachable objects still allocated after the final collection (-1 before the end)",
            () -> leaked);
    }

    public Plan plan() {
        return plan;
    }

    public GcContext context() {
        return ctx;
    }

    public ObjectTable table() {
        return table;
    }

    public Roots roots() {
        return roots;
    }

    /** Runs the correctness oracle after every collection. */
    public void setCheck(boolean check) {
        ctx.setCheck(check);
    }

    /** Unreachable objects still allocated after the final collection (-1 before the end). */
    public long objectsLeaked() {
        return leaked;
    }

    /** Why the program died (out of memory), or null. */
    public String death() {
        return death;
    }

    public long deathIndex() {
        return deathIndex;
    }

    private boolean begin() {
        long i = clock.tick();
        metrics.sample(i);
        if (death != null || kernel.killed()) {
            if (death == null) {
                death = "killed by the kernel";
                deathIndex = i;
            }
            afterDeath.inc();
            return false;
        }
        time.charge(Layer.WORKLOAD, mutatorNs);
        return true;
    }

    private int object(long id, String what) {
        int i = table.find(id);
        if (i == ObjectTable.NONE) {
            throw new BadEventException(what + " names object " + id + ", which is not live (never allocated, or freed: "
                + "a program can only reach objects it still references)");
        }
        return i;
    }

    // ------------------------------------------------------------------ managed events

    @Override
    public void newObject(long id, long size, int refSlots, int type, int site) {
        if (!begin()) {
            return;
        }
        if (id < 0) {
            throw new BadEventException("new object id " + id + " is negative");
        }
        if (size < 0 || size > Integer.MAX_VALUE - 7) {
            throw new BadEventException("new object " + id + " of " + size + " bytes (expected 0 to 2^31 - 8)");
        }
        if (refSlots < 0 || refSlots > (1 << 24)) {
            throw new BadEventException("new object " + id + " with " + refSlots + " reference slots (expected 0 to 2^24)");
        }
        if (table.find(id) != ObjectTable.NONE) {
            throw new BadEventException("new object " + id + ", which is already live (expected a fresh id)");
        }
        long bytes = Plan.granuleBytes(size);
        long offset = plan.allocate(bytes);
        if (offset < 0) {
            ctx.stats.outOfMemory.inc();
            death = "out of memory: no room for a " + bytes + "-byte object after a full collection (" + plan.spec() + ")";
            deathIndex = clock.index();
            return;
        }
        time.charge(Layer.RUNTIME, allocNs);
        int i = table.add(id, (int) (offset >>> 3), (int) bytes, refSlots);
        ctx.stats.objectsAllocated.inc();
        ctx.stats.bytesAllocated.add(bytes);
        plan.postAlloc(i);
        ctx.memory.write(ctx.heap.address(offset), bytes);
        ctx.stats.heapNow(table.liveBytes());
        int previous = roots.setRegister(i);
        if (previous != ObjectTable.NONE && constraints.needsRootEvents()) {
            plan.registerReleased(previous);
        }
    }

    @Override
    public void refWrite(long object, int slot, long target) {
        if (!begin()) {
            return;
        }
        int src = object(object, "ref write");
        if (slot < 0 || slot >= table.slotCount(src)) {
            throw new BadEventException("ref write to slot " + slot + " of object " + object + ", which has "
                + table.slotCount(src) + " reference slot(s)");
        }
        int t = target == NULL_ID ? ObjectTable.NONE : object(target, "ref write target");
        int old = table.setSlot(src, slot, t);
        if (constraints.needsWriteBarrier()) {
            plan.writeBarrier(src, slot, old, t);
        }
    }

    @Override
    public void rootAdd(long object) {
        if (!begin()) {
            return;
        }
        int i = object(object, "root");
        roots.add(i);
        if (constraints.needsRootEvents()) {
            plan.rootAdded(i);
        }
    }

    @Override
    public void rootRemove(long object) {
        if (!begin()) {
            return;
        }
        int i = object(object, "unroot");
        long left = roots.remove(i);
        if (left < 0) {
            throw new BadEventException("unroot of object " + object + ", which is not a root");
        }
        if (constraints.needsRootEvents()) {
            plan.rootRemoved(i, left);
        }
    }

    @Override
    public void safepoint() {
        if (begin()) {
            plan.safepoint();
        }
    }

    // ------------------------------------------------------------------ everything else

    @Override public void alloc(long id, long size, long align, long address, int site) { skip(); }
    @Override public void calloc(long id, long count, long size, long address, int site) { skip(); }
    @Override public void realloc(long id, long size, long address, int site) { skip(); }
    @Override public void free(long id, int site) { skip(); }
    @Override public void freePointer(long address, int site) { skip(); }
    @Override public void load(long address, int size) { skip(); }
    @Override public void store(long address, int size) { skip(); }
    @Override public void modify(long address, int size) { skip(); }
    @Override public void ifetch(long address, int size) { skip(); }
    @Override public void blockLoad(long id, long offset, long size) { skip(); }
    @Override public void blockStore(long id, long offset, long size) { skip(); }
    @Override public void brk(long address) { skip(); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { skip(); }
    @Override public void munmap(long address, long length) { skip(); }
    @Override public void mprotect(long address, long length, int prot) { skip(); }
    @Override public void madvise(long address, long length, int advice) { skip(); }
    @Override public void msync(long address, long length) { skip(); }
    @Override public void processStart(int pid) { skip(); }
    @Override public void processExit(int pid, int status) { skip(); }
    @Override public void fork(int parentPid, int childPid) { skip(); }
    @Override public void contextSwitch(int pid, int tid) { skip(); }
    @Override public void word(long address, long value) { skip(); }

    private void skip() {
        if (begin()) {
            ignored.inc();
        }
    }

    /** The trace ended: release the register, run the plan's final full collection, count the leak. */
    @Override
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (death == null && !kernel.killed()) {
            int last = roots.setRegister(ObjectTable.NONE);
            if (last != ObjectTable.NONE && constraints.needsRootEvents()) {
                plan.registerReleased(last);
            }
            plan.finalCollection();
        }
        leaked = Oracle.unreachable(table, roots);
        metrics.finish(clock.index());
    }
}
