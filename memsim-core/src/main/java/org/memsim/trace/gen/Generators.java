package org.memsim.trace.gen;

import java.util.List;
import org.memsim.spec.Param;
import org.memsim.spec.Registry;

/** Every built-in generator by spec name; the context is the seed. */
public final class Generators {
    /** {@code memsim generate NAME --param k=v}, or {@code gen:NAME:k=v,…} wherever a trace is expected. */
    public static final Registry<Generator, Long> REGISTRY = new Registry<Generator, Long>("generator")
        .register("request-loop", "the seed's loop: malloc(size), fill it, free it (or forget to)", List.of(
            Param.of("requests", "1000", "iterations of the loop"),
            Param.of("size", "4096", "bytes per request buffer"),
            Param.of("touch", "size", "bytes handle_request writes into the buffer"),
            Param.of("free", "true", "false forgets the free: a leak of size bytes per request")),
            (p, seed) -> new RequestLoop(p))
        .register("fragmentation", "large free memory in small holes: pinned blocks between freed ones", List.of(
            Param.of("blocks", "1000", "pairs of (hole, pinned) blocks"),
            Param.of("hole", "256", "bytes of each block later freed"),
            Param.of("pin", "32", "bytes of each block kept"),
            Param.of("large", "4096", "bytes of each later request, bigger than a hole"),
            Param.of("larges", "16", "number of large requests")),
            (p, seed) -> new Fragmentation(p))
        .register("sizes", "random alloc/free around a live-set target, uniform or lognormal sizes", List.of(
            Param.choice("dist", "lognormal", "size distribution", "uniform", "lognormal"),
            Param.of("ops", "100000", "allocations plus frees"),
            Param.of("min", "1", "smallest size"),
            Param.of("max", "65536", "largest size"),
            Param.of("median", "64", "median size (lognormal)"),
            Param.of("sigma", "1.2", "spread of the lognormal (its sigma)"),
            Param.of("live", "1000", "target number of live blocks"),
            Param.of("touch", "false", "write each block once after allocating it"),
            Param.of("freeAll", "false", "free every live block at the end")),
            SizeMix::new)
        .register("access", "load/store patterns over one mmap'd region: stride, random, working set", List.of(
            Param.choice("pattern", "stride", "access pattern", "stride", "random", "working-set"),
            Param.of("base", "0x7f0000000000", "start of the mapping"),
            Param.of("span", "64m", "bytes mapped and addressed"),
            Param.of("count", "1000000", "accesses"),
            Param.of("stride", "64", "step of the stride pattern"),
            Param.of("size", "8", "bytes per access"),
            Param.of("writes", "0.3", "fraction of accesses that are stores"),
            Param.of("wss", "1m", "working-set window (working-set pattern)"),
            Param.of("phase", "100000", "accesses before the window moves (working-set pattern)")),
            AccessPattern::new)
        .register("isolation", "the same program in several processes, writing then reading one virtual address",
            List.of(Param.of("processes", "2", "processes"), Param.of("address", "0x7ffffffde2f0", "the shared virtual address (a stack slot)")),
            (p, seed) -> new Isolation(p))
        .register("reserve", "reserve a large anonymous mapping (overcommit), touch part of it", List.of(
            Param.of("reserve", "16g", "bytes mapped"),
            Param.of("chunks", "1", "mmap calls the reservation is split into"),
            Param.of("touch", "64m", "bytes written, one byte per page, from the start"),
            Param.of("page", "4k", "distance between writes")),
            (p, seed) -> new Reserve(p))
        .register("switches", "processes taking turns, each sweeping its own working set at the same address", List.of(
            Param.of("processes", "2", "processes"),
            Param.of("wss", "64k", "working-set bytes per process"),
            Param.of("stride", "4k", "bytes between accesses"),
            Param.of("quantum", "64", "accesses per turn"),
            Param.of("switches", "1000", "turns")),
            (p, seed) -> new Switches(p))
        .register("stack-heap", "brk grows the heap up while calls push frames down the stack, until they meet", List.of(
            Param.of("heap", "0x555555559000", "heap start (the kernel's heapStart)"),
            Param.of("stack", "0x7ffffffff000", "stack top (the kernel's stackTop)"),
            Param.of("heapStep", "64k", "bytes the break moves per step"),
            Param.of("frame", "64k", "bytes of stack per step"),
            Param.of("steps", "100000", "steps (the process may die first)")),
            (p, seed) -> new StackHeap(p))
        .register("shared-file", "two processes mmap one file: shared reads and writes, msync, a private copy", List.of(
            Param.of("pages", "64", "pages of the file mapped"),
            Param.of("page", "4k", "page size the accesses step by")),
            (p, seed) -> new SharedFile(p))
        .register("node-cycle", "the seed's Node cycle: N pairs a.partner = b, b.partner = a, then both unrooted", List.of(
            Param.of("pairs", "1000", "two-object cycles"),
            Param.of("size", "56", "bytes per Node (56: a CPython 3.11 instance)"),
            Param.of("safepointEvery", "0", "a safepoint after every this many pairs (0: none)")),
            (p, seed) -> new NodeCycle(p))
        .register("request-scoped", "requests whose temporaries die young; a few survive into a session table", List.of(
            Param.of("requests", "10000", "requests"),
            Param.of("objects", "20", "temporaries per request"),
            Param.of("size", "48", "bytes per temporary"),
            Param.of("survive", "0.02", "fraction of temporaries kept in the session table"),
            Param.of("keep", "1000", "slots of the session table (overwritten round-robin)")),
            RequestScoped::new)
        .register("cache", "a long-lived cache with churn: constant live set, old entries replaced", List.of(
            Param.of("entries", "10000", "cache slots, filled at start"),
            Param.of("ops", "100000", "operations"),
            Param.of("size", "256", "bytes per entry"),
            Param.of("churn", "0.1", "probability an operation replaces an entry"),
            Param.of("temps", "4", "short-lived 32-byte objects per operation")),
            CacheChurn::new)
        .register("leak", "a growing leak: every request appends objects to a list nobody trims", List.of(
            Param.of("requests", "10000", "requests"),
            Param.of("objects", "10", "temporaries per request (they die)"),
            Param.of("leak", "1", "objects per request appended to the global list"),
            Param.of("size", "64", "bytes per object")),
            (p, seed) -> new GrowingLeak(p));

    private Generators() {}
}
