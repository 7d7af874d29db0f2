package org.memsim.cli.tour;

import java.io.IOException;

/** One chapter of the tour: a seed topic shown by running built-in scenarios and reading their numbers. */
interface Chapter {
    /** Short id for {@code --chapter}. */
    String id();

    String title();

    ChapterResult run() throws IOException;
}
