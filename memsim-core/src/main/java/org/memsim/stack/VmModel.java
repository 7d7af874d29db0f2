package org.memsim.stack;

import java.util.List;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.Registry;
import org.memsim.spec.SpecException;
import org.memsim.vm.Addresses;

/**
 * The virtual-memory hardware a stack simulates: RAM size and page size, and the page-table shape.
 * The foundation has one model, {@code flat}: a single-level page table and no TLB.
 */
public record VmModel(String name, long ramBytes, int pageSize) {
    /** {@code --vm NAME[:k=v,…]}. */
    public static final Registry<VmModel, Void> REGISTRY = new Registry<VmModel, Void>("vm model")
        .register("flat", "single-level page table, no TLB, demand-zero frames", List.of(
            Param.of("ram", "8g", "physical memory"),
            Param.choice("page", "4k", "page and frame size (4 KiB x86-64, 16 KiB Apple Silicon)", "4k", "16k")),
            VmModel::create);

    private static VmModel create(Params p, Void unused) {
        long ram = p.bytes("ram");
        int page = (int) p.bytes("page");
        if (ram < page || ram > (1L << 50)) {
            throw new SpecException("flat: ram=" + ram + " must be from one page to 1 PiB");
        }
        if (!Addresses.isPowerOfTwo(page)) {
            throw new SpecException("flat: page must be a power of two");
        }
        return new VmModel("flat", ram, page);
    }

    public long frames() {
        return ramBytes / pageSize;
    }
}
