package org.memsim.cli.tour;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.safety.CheckOptions;
import org.memsim.safety.CheckResult;
import org.memsim.safety.Checker;
import org.memsim.safety.Finding;
import org.memsim.safety.FindingKind;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioResult;
import org.memsim.scenario.ScenarioRunner;
import org.memsim.stack.Replay;
import org.memsim.trace.EventSource;
import org.memsim.trace.gen.GeneratorSource;

/**
 * The seed's C memory errors caught by {@code memsim check} (memcheck / AddressSanitizer on a trace),
 * with glibc 2.36's model placing the blocks: the request loop's leak, a use after free that lands in
 * the next request's buffer, a double free that leaves two live blocks on one chunk, and an overflow
 * that rewrites the next chunk's size field.
 */
final class CheckChapter implements Chapter {
    private static final CheckOptions PTMALLOC = CheckOptions.defaults().withAllocator("ptmalloc");

    @Override
    public String id() {
        return "check";
    }

    @Override
    public String title() {
        return "C's memory errors, caught: leak, use after free, double free, overflow";
    }

    @Override
    public ChapterResult run() throws IOException {
        Scenario withFree = BuiltinExamples.scenario("request-loop.scenario");
        Scenario leak = BuiltinExamples.scenario("request-loop-leak.scenario");
        ScenarioResult a = ScenarioRunner.run(withFree, BuiltinExamples.source(withFree));
        ScenarioResult b = ScenarioRunner.run(leak, BuiltinExamples.source(leak));
        CheckResult clean = check(GeneratorSource.parse(withFree.workload(), withFree.seed()));
        CheckResult leaky = check(GeneratorSource.parse(leak.workload(), leak.seed()));
        CheckResult uaf = check(BuiltinExamples.trace("check-use-after-free.mst"));
        CheckResult df = check(BuiltinExamples.trace("check-double-free.mst"));
        CheckResult overflow = check(BuiltinExamples.trace("check-heap-overflow.mst"));

        List<String> findings = new ArrayList<>();
        long leakedBytes = leaky.leaks().bytes()[4];
        findings.add("The loop with free(): " + (clean.hasFindings() ? clean.findings().size() + " findings" : "no findings")
            + " in " + Numbers.count(clean.events()) + " events. Without it: " + Numbers.count(leaky.leaks().blocks()[4])
            + " blocks never freed, " + Numbers.bytes(leakedBytes) + " in one loss record (one allocation site), while the heap grew to "
            + Numbers.bytes(b.results().get(0).heapHighWaterBytes()) + " against " + Numbers.bytes(a.results().get(0).heapHighWaterBytes())
            + " with free() — " + Numbers.count(b.results().get(0).residentPages()) + " resident pages instead of "
            + Numbers.count(a.results().get(0).residentPages()) + ".");
        Finding u = first(uaf, FindingKind.USE_AFTER_FREE);
        findings.add("Use after free at event " + u.event() + ": block " + u.blockId() + " was freed at event " + u.freeEvent()
            + ", and the next malloc of the same size got its chunk back from the tcache (LIFO): " + u.why() + ".");
        Finding d = first(df, FindingKind.DOUBLE_FREE);
        findings.add("Double free at event " + d.event() + " of block " + d.blockId() + ": with its tcache bin full, glibc 2.36 "
            + "puts the chunk into a fastbin and checks only the chunk on top of the list, so the second free passes. "
            + Numbers.count(df.twoOwners()) + " later malloc returned a chunk a live block still owned ("
            + d.effects().get(1).replaceFirst("^event \\d+: ", "") + "); freeing both owners then trips the tcache check: "
            + df.death() + " at event " + df.deathEvent() + ".");
        Finding o = first(overflow, FindingKind.HEAP_OVERFLOW);
        findings.add("Overflow at event " + o.event() + ": " + o.what() + "; " + o.effects().get(0).replaceFirst("^event \\d+: ", "")
            + ". When that chunk is freed glibc believes the size and aborts: " + overflow.death() + " at event "
            + overflow.deathEvent() + ". memcheck and ASan catch the write itself; without them the crash comes later, elsewhere.");

        List<ChapterResult.ChapterTable> tables = List.of(
            table("memsim check gen:request-loop:requests=2000,size=4096,free=false (the first 3 of "
                + Numbers.count(leaky.findings().size()) + " leak findings)", leaky),
            table("memsim check examples/check-use-after-free.mst", uaf),
            table("memsim check examples/check-double-free.mst --allocator ptmalloc", df),
            table("memsim check examples/check-heap-overflow.mst --allocator ptmalloc", overflow));
        return new ChapterResult(id(), title(), List.of(
            "\"Use-after-free … Double-free … Buffer overflow … Memory leak\": the seed's four C failures, each in a trace that "
                + "memsim check runs the way Valgrind memcheck and AddressSanitizer run a program: a shadow byte per heap byte, "
                + "red zones around blocks, freed blocks kept poisoned in a quarantine, and a leak scan at exit.",
            "Blocks are placed by glibc 2.36's malloc model, fed the program's calls as they come, so each error also shows "
                + "what it does to the real allocator: its free lists, its chunk headers, its abort messages."),
            List.of(a, b), findings, List.of(), tables);
    }

    private static CheckResult check(EventSource source) throws IOException {
        Checker c = new Checker(PTMALLOC);
        Replay.run(source, List.of(), c);
        return c.result();
    }

    private static Finding first(CheckResult r, FindingKind kind) {
        return r.findings().stream().filter(f -> f.kind() == kind).findFirst()
            .orElseThrow(() -> new IllegalStateException("the tour's " + kind.json() + " example found no " + kind.json()));
    }

    private static ChapterResult.ChapterTable table(String title, CheckResult r) {
        Table t = new Table("kind", "event", "address", "block", "what");
        int rows = 0;
        for (Finding f : r.findings()) {
            if (f.kind() == FindingKind.LEAK && rows >= 3) {
                continue;
            }
            t.row(f.kind().json(), Long.toString(f.event()), Numbers.hex(f.address()),
                f.hasBlock() ? f.blockId() + " (" + f.blockSize() + " B)" : "-", f.what());
            rows++;
        }
        return new ChapterResult.ChapterTable(title, t);
    }
}
