package org.memsim.cli.tour;

import java.util.List;

/** The tour's chapters in reading order; each later capability adds its own. */
final class Tour {
    private Tour() {}

    static List<Chapter> chapters() {
        return List.of(new RequestLoopChapter(), new OneMallocChapter(), new NodeCycleChapter(), new MarkSweepPauseChapter(),
            new GenerationalChapter(), new RegionalChapter(), new GoLimitChapter(), new PyObjectTaxChapter(),
            new IsolationChapter(), new OvercommitChapter(), new SwapChapter(), new TlbReachChapter(),
            new ContextSwitchChapter(), new StackHeapChapter(), new MmapFileChapter(), new BeladyChapter(),
            new CheckChapter());
    }
}
