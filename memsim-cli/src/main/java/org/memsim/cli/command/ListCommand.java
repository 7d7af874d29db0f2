package org.memsim.cli.command;

import java.util.concurrent.Callable;
import org.memsim.alloc.Allocators;
import org.memsim.cost.CostModel;
import org.memsim.kernel.LinuxKernel;
import org.memsim.spec.Registry;
import org.memsim.stack.VmModel;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceFormats;
import org.memsim.trace.gen.Generators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code memsim list}: every component a spec can name, with its keys and defaults, and every trace format. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the components specs can name (with keys and defaults) and the trace formats.")
public final class ListCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT",
        description = "One of: allocators, kernels, vm, tlb, policies, cost, generators, collectors, runtimes, formats (default: all).")
    String what;

    @Override
    public Integer call() {
        boolean all = what == null;
        boolean any = false;
        if (all || what.equals("allocators")) {
            print("allocators (--allocator)", Allocators.REGISTRY);
            any = true;
        }
        if (all || what.equals("kernels")) {
            print("kernels (--kernel)", LinuxKernel.REGISTRY);
            any = true;
        }
        if (all || what.equals("vm")) {
            print("vm models (--vm)", VmModel.REGISTRY);
            any = true;
        }
        if (all || what.equals("tlb")) {
            print("TLBs (--tlb)", org.memsim.vm.tlb.Tlbs.REGISTRY);
            any = true;
        }
        if (all || what.equals("policies")) {
            print("page replacement policies (--policy)", org.memsim.vm.replace.ReplacementPolicies.REGISTRY);
            any = true;
        }
        if (all || what.equals("cost")) {
            print("cost models (--cost)", CostModel.REGISTRY);
            any = true;
        }
        if (all || what.equals("generators")) {
            print("generators (memsim generate NAME, or gen:NAME[:k=v,...] as a trace)", Generators.REGISTRY);
            any = true;
        }
        if (all || what.equals("collectors")) {
            print("collectors (memsim gc --collector)", org.memsim.gc.Collectors.REGISTRY);
            any = true;
        }
        if (all || what.equals("runtimes")) {
            print("object models (memsim sizeof --runtime)", org.memsim.gc.model.ObjectModels.REGISTRY);
            any = true;
        }
        if (all || what.equals("formats")) {
            System.out.println("trace formats (--format, --to)");
            for (TraceFormat f : TraceFormats.all()) {
                System.out.printf("  %-12s %-22s %s%s%n", f.name(), String.join(" ", f.extensions()), f.description(),
                    f.expressible().isEmpty() ? " [read-only]" : "");
            }
            System.out.println("  compression: .zst (zstd) and .gz (gzip) around any format, detected on input");
            any = true;
        }
        if (!any) {
            throw new org.memsim.InputException("unknown list '" + what
                + "'; valid: allocators, kernels, vm, tlb, policies, cost, generators, collectors, runtimes, formats");
        }
        return 0;
    }

    private static void print(String title, Registry<?, ?> r) {
        System.out.println(title);
        System.out.print(r.describe());
        System.out.println();
    }
}
