package org.memsim.cli.tour;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.stack.Stack;
import org.memsim.vm.RadixPageTable;

/** The seed's opening: two processes, the same virtual address, two physical frames — isolation by page tables. */
final class IsolationChapter implements Chapter {
    static final long ADDRESS = 0x7ffffffde2f0L;

    @Override
    public String id() {
        return "isolation";
    }

    @Override
    public String title() {
        return "Two programs, same address: virtual memory";
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario sc = BuiltinExamples.scenario("isolation.scenario");
        ScenarioResult r = BuiltinExamples.run(sc);
        Stack s = r.stacks().get(0);
        RadixPageTable table = RadixPageTable.forPageSize(4096, 4);
        long vpn = ADDRESS >>> 12;
        String walk = "PML4 " + table.index(vpn, 4) + ", PDPT " + table.index(vpn, 3) + ", PD " + table.index(vpn, 2) + ", PT "
            + table.index(vpn, 1) + ", offset 0x" + Long.toHexString(ADDRESS & 0xfff);
        Table t = new Table("pid", "virtual address", "page-table walk", "frame", "physical address");
        long[] physical = new long[3];
        for (int pid = 1; pid <= 2; pid++) {
            physical[pid] = s.kernel().translate(pid, ADDRESS);
            t.row(Integer.toString(pid), Numbers.hex(ADDRESS), walk, Numbers.count(physical[pid] >>> 12), Numbers.hex(physical[pid]));
        }
        List<String> findings = new ArrayList<>();
        findings.add("Both processes wrote to " + Numbers.hex(ADDRESS) + ". Pid 1's page tables send it to frame "
            + Numbers.count(physical[1] >>> 12) + " (physical " + Numbers.hex(physical[1]) + "), pid 2's to frame "
            + Numbers.count(physical[2] >>> 12) + " (" + Numbers.hex(physical[2]) + "): the same coordinates in two universes.");
        findings.add("The walk is the same in both — " + walk + " — but it starts from each process's own root table (CR3), "
            + "so the leaves differ.");
        findings.add("Each first write found no page: " + r.results().get(0).pageFaults() + " page faults, "
            + s.memory().zeroFills() + " zero-filled frames. Pid 2's frame was zeroed for it, so it could not see pid 1's "
            + "value, and each process read back its own after the other ran.");
        findings.add("Switching between them cost " + s.metrics().counterNamed("kernel.contextSwitches").get()
            + " context switches, each flushing the TLB (" + s.metrics().gaugeNamed("tlb.flushes").read()
            + " flushes): without ASIDs, one process's translations must never answer for another's.");
        return new ChapterResult(id(), title(), List.of(sc.about(),
            "Every process runs in its own virtual address space; the MMU translates each access through the running "
                + "process's page tables, and the kernel fills them on first touch."),
            List.of(r), findings, List.of(), List.of(new ChapterResult.ChapterTable("Where " + Numbers.hex(ADDRESS) + " lands", t)));
    }
}
