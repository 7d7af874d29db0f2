package org.memsim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.memsim.event.EventKind;

/**
 * One trace format memsim reads (and perhaps writes): its name for {@code --format}/{@code --to},
 * file extensions, content sniffing for automatic detection, and reader/writer factories.
 * Compression (zstd, gzip) is handled around formats by {@link Traces}, not inside them.
 */
public interface TraceFormat {

    /** Short name used by {@code --format} and {@code --to}, for example {@code lackey}. */
    String name();

    /** One line for listings. */
    String description();

    /** Extensions including the dot, most typical first, for example {@code .rep}. */
    List<String> extensions();

    /**
     * How sure this format is that a file starting with {@code head} is its own: 0 = not this
     * format, 1–99 = plausible (content looks right), 100 = certain (magic number). The file name
     * is a hint; content decides.
     */
    int sniff(byte[] head, int length, String fileName);

    /** A reader over already-decompressed bytes; {@code source} names the input in messages. */
    TraceReader reader(InputStream in, String source) throws IOException;

    /** Event kinds a writer of this format can express; empty when the format is read-only. */
    Set<EventKind> expressible();

    /** A writer onto {@code out}; only called when {@link #expressible()} is not empty. */
    TraceWriter writer(OutputStream out, String target) throws IOException;
}
