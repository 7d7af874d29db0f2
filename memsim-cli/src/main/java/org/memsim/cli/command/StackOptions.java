package org.memsim.cli.command;

import java.util.ArrayList;
import java.util.List;
import org.memsim.cli.Defaults;
import org.memsim.spec.Spec;
import org.memsim.stack.StackSpec;
import picocli.CommandLine.Option;

/** The layer choices shared by commands that build stacks: {@code --allocator} (repeatable), {@code --kernel}, {@code --vm}, {@code --cost}, {@code --tlb}, {@code --policy}. */
public final class StackOptions {
    @Option(names = "--allocator", paramLabel = "SPEC",
        description = "Allocator spec, e.g. freelist:fit=best,coalesce=false, ptmalloc, or real:glibc for the real one. Repeat "
            + "to compare several in one pass (default: ${DEFAULT-VALUE}; see `memsim list allocators`).", defaultValue = Defaults.ALLOCATOR)
    List<String> allocators = new ArrayList<>();

    @Option(names = "--kernel", paramLabel = "SPEC", defaultValue = Defaults.KERNEL,
        description = "Kernel spec (default: ${DEFAULT-VALUE}; e.g. linux:unmapped=segv).")
    String kernel;

    @Option(names = "--vm", paramLabel = "SPEC", defaultValue = Defaults.VM,
        description = "VM hardware spec (default: ${DEFAULT-VALUE}; e.g. flat:ram=1g,page=16k).")
    String vm;

    @Option(names = "--cost", paramLabel = "SPEC", defaultValue = Defaults.COST,
        description = "Cost model spec (default: ${DEFAULT-VALUE}; e.g. cost:ghz=2.5,minorFault=2000).")
    String cost;

    @Option(names = "--tlb", paramLabel = "SPEC", defaultValue = StackSpec.DEFAULT_TLB,
        description = "TLB spec (default: ${DEFAULT-VALUE}: none on flat, Skylake-like on x86-64; e.g. tlb:asid=true).")
    String tlb;

    @Option(names = "--policy", paramLabel = "SPEC", defaultValue = StackSpec.DEFAULT_POLICY,
        description = "Page replacement policy (default: ${DEFAULT-VALUE}; see `memsim list policies`).")
    String policy;

    /** The stack spec for one allocator spec with this command's other layers. */
    public StackSpec spec(String allocator) {
        return new StackSpec(Spec.parse(allocator), Spec.parse(kernel), Spec.parse(vm), Spec.parse(cost), Spec.parse(tlb),
            Spec.parse(policy));
    }

    /** One stack spec per allocator. */
    public List<StackSpec> specs() {
        List<StackSpec> out = new ArrayList<>();
        for (String a : allocators) {
            out.add(new StackSpec(Spec.parse(a), Spec.parse(kernel), Spec.parse(vm), Spec.parse(cost), Spec.parse(tlb), Spec.parse(policy)));
        }
        return out;
    }
}
