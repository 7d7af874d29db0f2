package org.memsim.cli.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsim.cli.CliRun;

/**
 * The tour's numbers are deterministic and pinned by a golden file; the report is written.
 * Regenerate deliberately with {@code -Dmemsim.updateGolden=true} (that run fails so the diff is reviewed).
 */
class TourTest {
    private static final Path GOLDEN = Path.of("src/test/resources/org/memsim/cli/tour/tour-golden.json");

    @Test
    void tourNumbersMatchTheGoldenFile() throws Exception {
        CliRun r = CliRun.of("tour", "--json", "--no-html");
        assertEquals(0, r.status(), r.err());
        String actual = r.out().strip().replace(",\"", ",\n\"") + "\n";
        if (Boolean.getBoolean("memsim.updateGolden")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
            throw new AssertionError("golden file rewritten: review the diff and run again");
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual);
    }

    @Test
    void tourWritesTheHtmlReport(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("tour", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("One malloc, all the way down"));
        assertTrue(html.contains("<svg"));
        assertTrue(r.out().contains("report: " + dir.resolve("index.html")), r.out());
    }

    @Test
    void unknownChapterIsBadInput() {
        CliRun r = CliRun.of("tour", "--chapter", "nope", "--no-html");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("valid: request-loop, one-malloc"), r.err());
    }
}
