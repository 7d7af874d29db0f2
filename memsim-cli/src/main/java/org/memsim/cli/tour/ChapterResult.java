package org.memsim.cli.tour;

import java.util.List;
import org.memsim.scenario.ScenarioResult;

/**
 * What one tour chapter showed: its introduction, the scenarios it ran, the findings it draws from
 * their numbers (sentences with the measured values in them), and figures to draw.
 */
record ChapterResult(String id, String title, List<String> intro, List<ScenarioResult> runs, List<String> findings,
                     List<Figure> figures) {}
