package org.memsim.layer;

/** The layers of the simulated memory stack, top to bottom, as the design guide draws them. */
public enum Layer {
    WORKLOAD("workload"),
    RUNTIME("runtime"),
    ALLOCATOR("allocator"),
    KERNEL("kernel"),
    ADDRESS_SPACE("address space"),
    MMU("mmu"),
    PHYSICAL("physical memory"),
    CGROUP("cgroup");

    private final String label;

    Layer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
