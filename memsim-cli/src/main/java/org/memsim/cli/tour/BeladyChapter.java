package org.memsim.cli.tour;

import java.util.ArrayList;
import java.util.List;
import org.memsim.cli.output.Table;
import org.memsim.vm.replace.ReferenceString;

/** Belady's anomaly: FIFO faults more with more frames; LRU and OPT never do. The textbook reference-string mode. */
final class BeladyChapter implements Chapter {
    static final long[] REFS = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};

    @Override
    public String id() {
        return "belady";
    }

    @Override
    public String title() {
        return "Page replacement: Belady's anomaly with FIFO";
    }

    private static Table steps(ReferenceString.Result r) {
        Table t = new Table("ref", "page", "result", "evicted", "frames");
        int n = 1;
        for (ReferenceString.Step s : r.steps()) {
            StringBuilder frames = new StringBuilder();
            for (long f : s.frames()) {
                frames.append(frames.length() > 0 ? " " : "").append(f == ReferenceString.NONE ? "-" : Long.toString(f));
            }
            t.row(Integer.toString(n++), Long.toString(s.page()), s.hit() ? "HIT" : "MISS",
                s.evicted() == ReferenceString.NONE ? "-" : Long.toString(s.evicted()), "[" + frames + "]");
        }
        return t;
    }

    @Override
    public ChapterResult run() {
        ReferenceString.Result three = ReferenceString.run(REFS, 3, "fifo");
        ReferenceString.Result four = ReferenceString.run(REFS, 4, "fifo");
        String[] policies = {"fifo", "lru", "opt"};
        List<Figure.Line> lines = new ArrayList<>();
        Table sweep = new Table("frames", "FIFO faults", "LRU faults", "OPT faults");
        long[][] faults = new long[policies.length][7];
        long[] x = new long[7];
        for (int frames = 1; frames <= 7; frames++) {
            x[frames - 1] = frames;
            for (int p = 0; p < policies.length; p++) {
                faults[p][frames - 1] = ReferenceString.run(REFS, frames, policies[p]).misses();
            }
            sweep.row(Integer.toString(frames), Long.toString(faults[0][frames - 1]), Long.toString(faults[1][frames - 1]),
                Long.toString(faults[2][frames - 1]));
        }
        for (int p = 0; p < policies.length; p++) {
            lines.add(new Figure.Line(policies[p].toUpperCase(java.util.Locale.ROOT), x, faults[p]));
        }
        List<String> findings = List.of(
            "FIFO with 3 frames: " + three.misses() + " page faults on the 12 references; with 4 frames: " + four.misses()
                + ". One more frame, " + (four.misses() - three.misses()) + " more fault" + (four.misses() - three.misses() == 1 ? "" : "s")
                + " — Belady's anomaly (Belady, Nelson & Shedler, 1969).",
            "FIFO evicts by arrival, not by use: with 4 frames, 5 arrives when 1 and 2 have just been used and evicts 1, then 2, "
                + "and the rest of the string pays for it.",
            "LRU (" + faults[1][2] + " faults with 3 frames, " + faults[1][3] + " with 4) and OPT (" + faults[2][2] + ", " + faults[2][3]
                + ") are stack algorithms: the pages kept with n frames are always a subset of those kept with n + 1, so more memory "
                + "never hurts them. OPT, which reads the string ahead, is the floor every policy is measured against.",
            "`memsim paging --policy fifo --frames 4 --refs 1,2,3,4,1,2,5,1,2,3,4,5` prints the same steps; the kernel uses the same "
                + "policy classes on real traces (`memsim vm --policy fifo`).");
        Figure fig = new Figure("Page faults by number of frames, reference string 1 2 3 4 1 2 5 1 2 3 4 5", "faults", lines, "frames");
        return new ChapterResult(id(), title(), List.of(
            "The reference string 1 2 3 4 1 2 5 1 2 3 4 5 served by FIFO with 3 and then 4 frames, as in every operating-systems "
                + "textbook; then FIFO, LRU and OPT for 1 to 7 frames."),
            List.of(), findings, List.of(fig), List.of(new ChapterResult.ChapterTable("FIFO, 3 frames", steps(three)),
                new ChapterResult.ChapterTable("FIFO, 4 frames", steps(four)),
                new ChapterResult.ChapterTable("Faults by frames", sweep)));
    }
}
