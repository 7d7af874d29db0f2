package org.memsim.cli.tour;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes the tour's HTML report (placeholder until the report package lands). */
final class TourReport {
    private TourReport() {}

    static Path write(List<ChapterResult> results, Path dir) throws IOException {
        return null;
    }
}
