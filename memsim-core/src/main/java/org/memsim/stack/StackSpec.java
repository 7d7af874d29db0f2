package org.memsim.stack;

import org.memsim.spec.Spec;

/**
 * Which policy sits in each layer of a stack, as spec strings: the same syntax on the command line
 * ({@code --allocator freelist:fit=best}), in scenario files and in code. {@code tlb} and
 * {@code policy} (page replacement) default to {@code auto} and {@code clock}.
 */
public record StackSpec(Spec allocator, Spec kernel, Spec vm, Spec cost, Spec tlb, Spec policy) {
    /** The default of each layer. */
    public static final String DEFAULT_ALLOCATOR = "freelist";
    public static final String DEFAULT_KERNEL = "linux";
    public static final String DEFAULT_VM = "flat";
    public static final String DEFAULT_COST = "cost";
    public static final String DEFAULT_TLB = "auto";
    public static final String DEFAULT_POLICY = "clock";

    /** A spec with the default TLB and replacement policy. */
    public StackSpec(Spec allocator, Spec kernel, Spec vm, Spec cost) {
        this(allocator, kernel, vm, cost, Spec.parse(DEFAULT_TLB), Spec.parse(DEFAULT_POLICY));
    }

    public static StackSpec defaults() {
        return new StackSpec(Spec.parse(DEFAULT_ALLOCATOR), Spec.parse(DEFAULT_KERNEL), Spec.parse(DEFAULT_VM), Spec.parse(DEFAULT_COST));
    }

    public StackSpec withAllocator(String spec) {
        return new StackSpec(Spec.parse(spec), kernel, vm, cost, tlb, policy);
    }

    public StackSpec withKernel(String spec) {
        return new StackSpec(allocator, Spec.parse(spec), vm, cost, tlb, policy);
    }

    public StackSpec withVm(String spec) {
        return new StackSpec(allocator, kernel, Spec.parse(spec), cost, tlb, policy);
    }

    public StackSpec withCost(String spec) {
        return new StackSpec(allocator, kernel, vm, Spec.parse(spec), tlb, policy);
    }

    public StackSpec withTlb(String spec) {
        return new StackSpec(allocator, kernel, vm, cost, Spec.parse(spec), policy);
    }

    public StackSpec withPolicy(String spec) {
        return new StackSpec(allocator, kernel, vm, cost, tlb, Spec.parse(spec));
    }

    @Override
    public String toString() {
        return "allocator=" + allocator + " kernel=" + kernel + " vm=" + vm + " cost=" + cost + " tlb=" + tlb + " policy=" + policy;
    }
}
