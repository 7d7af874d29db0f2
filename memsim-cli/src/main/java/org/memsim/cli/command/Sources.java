package org.memsim.cli.command;

import java.nio.file.Path;
import org.memsim.trace.EventSource;
import org.memsim.trace.FileSource;
import org.memsim.trace.gen.GeneratorSource;

/** Turns a TRACE argument into an event source: a file (format detected or named), {@code -}, or {@code gen:NAME[:k=v,…]}. */
final class Sources {
    private Sources() {}

    static EventSource of(String trace, String format, long seed) {
        if (GeneratorSource.isGenerator(trace)) {
            return GeneratorSource.parse(trace, seed);
        }
        return new FileSource(Path.of(trace), format);
    }
}
