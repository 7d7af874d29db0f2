package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.stack.Stack;
import org.memsim.stack.VmSummary;

/** Memory-mapped files: one page cache shared by two processes, shared writes, msync, a private copy. */
final class MmapFileChapter implements Chapter {
    static final long P1 = 0x7f0000000000L;
    static final long P2 = 0x7e0000000000L;
    static final long PRIVATE = 0x7d0000000000L;

    @Override
    public String id() {
        return "mmap-file";
    }

    @Override
    public String title() {
        return "Memory-mapped files: one page cache for two processes";
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario sc = BuiltinExamples.scenario("mmap-file.scenario");
        ScenarioResult r = BuiltinExamples.run(sc);
        Stack s = r.stacks().get(0);
        VmSummary sum = VmSummary.of(s);
        VmSummary.ProcessRow p1 = sum.processes().get(0);
        VmSummary.ProcessRow p2 = sum.processes().get(1);
        Table t = new Table("pid", "major faults (disk reads)", "minor faults", "copy-on-write faults", "resident pages");
        for (VmSummary.ProcessRow p : sum.processes()) {
            t.row(Integer.toString(p.pid()), Numbers.count(p.majorFaults()), Numbers.count(p.minorFaults()), Numbers.count(p.cowFaults()),
                Numbers.count(p.residentPages()));
        }
        long header1 = s.kernel().translate(1, P1) >>> 12;
        long header2 = s.kernel().translate(2, P2) >>> 12;
        long cached = s.kernel().translate(1, P1 + 4096) >>> 12;
        long copy = s.kernel().translate(2, PRIVATE + 4096) >>> 12;
        List<String> findings = List.of(
            "Pid 1 read the file through its mapping: " + Numbers.count(p1.majorFaults()) + " major faults, each a page read from disk "
                + "into the page cache (" + Numbers.nanos(s.machine().cost().majorFaultNs) + " each).",
            "Pid 2 mapped the same file: " + Numbers.count(p2.majorFaults()) + " major faults — every page was already cached; its "
                + Numbers.count(p2.minorFaults()) + " minor faults only mapped the cached frames.",
            "The header lives in one frame for both: pid 1's " + Numbers.hex(P1) + " and pid 2's " + Numbers.hex(P2) + " map frame "
                + Numbers.count(header1) + (header1 == header2 ? "" : " / " + Numbers.count(header2))
                + ", so pid 1 read back the NEW! pid 2 wrote; msync wrote the dirty page back ("
                + s.metrics().counterNamed("kernel.writeBacks").get() + " page).",
            "Pid 2's MAP_PRIVATE mapping read the cached frame " + Numbers.count(cached) + " until it wrote: the write copied it to frame "
                + Numbers.count(copy) + " (" + Numbers.count(p2.cowFaults()) + " copy-on-write fault); the file and pid 1 still see the original.");
        return new ChapterResult(id(), title(), List.of(sc.about(),
            "mmap delegates caching to the kernel: pages come in on first access, are shared through the page cache, and are "
                + "written back by msync or when memory is needed."),
            List.of(r), findings, List.of(), List.of(new ChapterResult.ChapterTable("Faults per process", t)));
    }
}
