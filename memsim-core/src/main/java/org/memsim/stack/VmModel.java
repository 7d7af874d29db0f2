package org.memsim.stack;

import java.util.List;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.Registry;
import org.memsim.spec.SpecException;
import org.memsim.vm.Addresses;
import org.memsim.vm.HashedPageTable;
import org.memsim.vm.PageTable;
import org.memsim.vm.RadixPageTable;

/**
 * The virtual-memory hardware a stack simulates: RAM, the swap device, the page size and the
 * page-table shape. {@code flat} is the foundation's single-level hashed table (no TLB by default,
 * any address); {@code x86-64} is a 4- or 5-level radix table with huge pages, whose user half of
 * the address space ends at 2^47 (4 levels, 4 KiB) or 2^56 (5 levels).
 */
public record VmModel(String name, long ramBytes, int pageSize, long swapBytes, int levels) {
    private static final Param RAM = Param.of("ram", "8g", "physical memory");
    private static final Param PAGE = Param.choice("page", "4k", "page and frame size (4 KiB x86-64, 16 KiB Apple Silicon)", "4k", "16k");
    private static final Param SWAP = Param.of("swap", "0", "swap device size (0: no swap; anonymous pages are never evicted)");

    /** {@code --vm NAME[:k=v,…]}. */
    public static final Registry<VmModel, Void> REGISTRY = new Registry<VmModel, Void>("vm model")
        .register("flat", "single-level hashed page table, no TLB unless --tlb names one, demand-zero frames",
            List.of(RAM, PAGE, SWAP), (p, c) -> create("flat", p, 1))
        .register("x86-64", "x86-64 radix page tables (4 or 5 levels), 2 MiB and 1 GiB pages, Skylake-like TLBs",
            List.of(RAM, PAGE, SWAP, Param.choice("levels", "4", "page-table levels: 4 (48-bit addresses) or 5 (57-bit)", "4", "5")),
            (p, c) -> create("x86-64", p, Integer.parseInt(p.string("levels"))));

    private static VmModel create(String name, Params p, int levels) {
        long ram = p.bytes("ram");
        int page = (int) p.bytes("page");
        long swap = p.bytes("swap");
        if (ram < page || ram > (1L << 50)) {
            throw new SpecException(name + ": ram=" + ram + " must be from one page to 1 PiB");
        }
        if (swap < 0 || swap > (1L << 50)) {
            throw new SpecException(name + ": swap=" + swap + " must be from 0 to 1 PiB");
        }
        if (!Addresses.isPowerOfTwo(page)) {
            throw new SpecException(name + ": page must be a power of two");
        }
        return new VmModel(name, ram, page, swap, levels);
    }

    /** Whether page tables are x86-64 radix trees (with huge pages and a TLB by default). */
    public boolean radix() {
        return levels > 1;
    }

    public long frames() {
        return ramBytes / pageSize;
    }

    public long swapSlots() {
        return swapBytes / pageSize;
    }

    /** Page-number bits each table level translates: page shift − 3 (eight-byte entries filling a page). */
    public int bitsPerLevel() {
        return radix() ? Addresses.shift(pageSize) - 3 : 9;
    }

    /** A fresh, empty page table of this model's shape. */
    public PageTable newPageTable() {
        return radix() ? new RadixPageTable(levels, bitsPerLevel()) : new HashedPageTable();
    }

    /** Virtual-address bits the tables translate (64 for flat: any address). */
    public int virtualBits() {
        return radix() ? Math.min(64, Addresses.shift(pageSize) + levels * bitsPerLevel()) : 64;
    }

    /** First address above user space (unsigned); -1 (2^64 − 1) for flat. */
    public long userTop() {
        int bits = virtualBits();
        return bits >= 64 ? -1L : 1L << (bits - 1);
    }
}
