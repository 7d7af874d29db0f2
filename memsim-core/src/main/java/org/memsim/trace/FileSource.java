package org.memsim.trace;

import java.io.IOException;
import java.nio.file.Path;
import org.memsim.event.EventSink;

/** An {@link EventSource} over a trace file, its format detected or named. */
public final class FileSource implements EventSource {
    private final Path path;
    private final String formatName;
    private OpenTrace open;

    /** @param formatName null to detect */
    public FileSource(Path path, String formatName) {
        this.path = path;
        this.formatName = formatName;
    }

    /** Opens the file now (so format errors surface before any work) and returns the open trace. */
    public OpenTrace open() throws IOException {
        if (open == null) {
            open = Traces.open(path, formatName);
        }
        return open;
    }

    @Override
    public long replay(EventSink sink) throws IOException {
        try (OpenTrace t = open()) {
            return t.reader().replay(sink);
        }
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public String position(long eventIndex) {
        return open == null ? "start" : open.reader().position();
    }

    @Override
    public double progress() {
        OpenTrace t = open;
        if (t == null || t.fileSize() <= 0) {
            return -1;
        }
        return Math.min(1.0, (double) t.fileBytesRead() / t.fileSize());
    }
}
