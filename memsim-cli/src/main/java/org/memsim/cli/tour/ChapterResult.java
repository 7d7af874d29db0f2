package org.memsim.cli.tour;

import java.util.List;
import org.memsim.scenario.ScenarioResult;

/**
 * What one tour chapter showed: its introduction, the scenarios it ran, the findings it draws from
 * their numbers (sentences with the measured values in them), figures to draw, and tables of its
 * own (for experiments that are not allocator scenarios: paging, collectors, …).
 */
record ChapterResult(String id, String title, List<String> intro, List<ScenarioResult> runs, List<String> findings,
                     List<Figure> figures, List<ChapterTable> tables) {

    ChapterResult(String id, String title, List<String> intro, List<ScenarioResult> runs, List<String> findings,
                  List<Figure> figures) {
        this(id, title, intro, runs, findings, figures, List.of());
    }

    /** A titled table of already-formatted cells. */
    record ChapterTable(String title, org.memsim.cli.output.Table table) {}
}
