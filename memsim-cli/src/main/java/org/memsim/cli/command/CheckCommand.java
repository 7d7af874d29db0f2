package org.memsim.cli.command;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.memsim.InputException;
import org.memsim.cli.Defaults;
import org.memsim.safety.CheckOptions;
import org.memsim.safety.CheckResult;
import org.memsim.safety.Checker;
import org.memsim.safety.StackOverflowWatch;
import org.memsim.spec.Values;
import org.memsim.stack.Replay;
import org.memsim.stack.StackSpec;
import org.memsim.trace.EventSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memsim check}: the memory-safety checker (memcheck / AddressSanitizer on a trace) — use
 * after free, double and invalid frees, heap overflows and underflows, uninitialised reads, leaks
 * and, with {@code --vm}, stack overflows. Exit status 1 when it finds anything.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check a trace for C memory errors, as Valgrind memcheck and AddressSanitizer would: use after free, "
        + "double free, invalid free, heap overflow/underflow, reads of never-written heap memory, leaks at exit "
        + "(classified from the trace's pointer snapshots), and stack overflow when --vm adds the virtual-memory layer. "
        + "Exit status: 0 clean, 1 findings (still-reachable blocks are not findings), 2 bad input.")
public final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRACE",
        description = "Trace file (format detected; .zst/.gz undone), '-' for standard input, or gen:NAME[:k=v,...].")
    String trace;

    @Option(names = "--allocator", paramLabel = "SPEC",
        description = "Place blocks with this simulated allocator (default for traces without recorded addresses: "
            + Defaults.CHECK_ALLOCATOR + "). Given for a captured trace, blocks are re-placed and each access follows its "
            + "block, so the same findings appear plus what they do to that allocator (ptmalloc: glibc's chunks and lists).")
    String allocator;

    @Option(names = "--redzone", paramLabel = "BYTES", defaultValue = Defaults.CHECK_REDZONE,
        description = "Red-zone bytes checked on each side of a block (default: ${DEFAULT-VALUE}, memcheck's).")
    String redzone;

    @Option(names = "--quarantine", paramLabel = "BYTES", defaultValue = Defaults.CHECK_QUARANTINE,
        description = "Freed bytes kept poisoned, oldest forgotten first (default: ${DEFAULT-VALUE}, memcheck's --freelist-vol).")
    String quarantine;

    @Option(names = "--max-findings", paramLabel = "N", defaultValue = Defaults.CHECK_MAX_FINDINGS,
        description = "Distinct findings recorded; more are only counted (default: ${DEFAULT-VALUE}). Repeats of one "
            + "finding (same kind, block, site and access) are always folded into it with a count.")
    int maxFindings;

    @Option(names = "--vm", paramLabel = "SPEC",
        description = "Also replay the trace's raw accesses, brk, mappings and processes on this virtual-memory layer "
            + "(e.g. x86-64) and report the process's death by stack overflow.")
    String vm;

    @Option(names = "--kernel", paramLabel = "SPEC", defaultValue = Defaults.KERNEL,
        description = "Kernel spec for --vm (default: ${DEFAULT-VALUE}; e.g. linux:unmapped=segv,stackLimit=8m).")
    String kernel;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Input format instead of detecting it (see `memsim list formats`).")
    String format;

    @Option(names = "--seed", defaultValue = "" + Defaults.SEED, description = "Seed for gen: workloads (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON for scripts (schema: docs/json.md).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CheckOptions options = options();
        EventSource source = Sources.of(trace, format, seed);
        Checker checker = new Checker(options);
        StackOverflowWatch watch = vm == null ? null : new StackOverflowWatch(StackSpec.defaults().withVm(vm).withKernel(kernel));
        Replay.run(source, watch == null ? List.of() : List.of(watchTarget(watch)), checker);
        if (watch != null) {
            watch.report(checker);
        }
        CheckResult r = checker.result();
        System.out.print(json ? CheckJson.render(source.name(), r) + "\n" : CheckText.render(source.name(), r));
        return r.hasFindings() ? 1 : 0;
    }

    private CheckOptions options() {
        if (maxFindings < 0) {
            throw new InputException("--max-findings " + maxFindings + ": expected a count >= 0");
        }
        CheckOptions o = CheckOptions.defaults()
            .withRedzone(bytes("--redzone", redzone))
            .withQuarantine(bytes("--quarantine", quarantine))
            .withMaxFindings(maxFindings);
        if (allocator != null) {
            o = o.withAllocator(allocator);
            org.memsim.stack.Stack.build(o.stack()); // unknown names and keys fail here, before the replay
        }
        return o;
    }

    private static long bytes(String option, String value) {
        long b;
        try {
            b = Values.parseBytes(value);
        } catch (RuntimeException e) {
            throw new InputException(option + " " + value + ": expected a byte count such as 16, 4k or 20m");
        }
        if (b < 0) {
            throw new InputException(option + " " + value + ": expected a byte count >= 0");
        }
        return b;
    }

    private static org.memsim.stack.ReplayTarget watchTarget(StackOverflowWatch watch) {
        return new org.memsim.stack.ReplayTarget() {
            @Override
            public org.memsim.event.EventSink entry() {
                return watch.entry();
            }

            @Override
            public org.memsim.stack.StackResult result() {
                return watch.stack().result();
            }
        };
    }
}
