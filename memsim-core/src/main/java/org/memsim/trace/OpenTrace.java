package org.memsim.trace;

import java.io.Closeable;
import java.io.IOException;

/**
 * A trace file opened for reading: its detected format and compression, a reader, and the file
 * bytes consumed against the file size for progress bars.
 */
public final class OpenTrace implements Closeable {
    private final String source;
    private final TraceFormat format;
    private final Compression compression;
    private final TraceReader reader;
    private final CountingInputStream fileBytes;
    private final long fileSize;

    OpenTrace(String source, TraceFormat format, Compression compression, TraceReader reader,
              CountingInputStream fileBytes, long fileSize) {
        this.source = source;
        this.format = format;
        this.compression = compression;
        this.reader = reader;
        this.fileBytes = fileBytes;
        this.fileSize = fileSize;
    }

    public String source() {
        return source;
    }

    public TraceFormat format() {
        return format;
    }

    public Compression compression() {
        return compression;
    }

    public TraceReader reader() {
        return reader;
    }

    /** Bytes of the file read so far. */
    public long fileBytesRead() {
        return fileBytes.count();
    }

    /** Size of the file, or -1 for a stream of unknown length. */
    public long fileSize() {
        return fileSize;
    }

    /** {@code lackey} or {@code msb+zstd}. */
    public String describeFormat() {
        return compression == Compression.NONE ? format.name() : format.name() + "+" + compression.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
