package org.memsim.trace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns a decompressor's complaint about corrupt or truncated data (zstd, gzip) into a
 * {@link TraceFormatException} naming the file and how far into it the problem was found.
 */
final class CorruptInputGuard extends FilterInputStream {
    private final String source;
    private final String codec;
    private final CountingInputStream compressedBytes;

    CorruptInputGuard(InputStream decompressed, String source, String codec, CountingInputStream compressedBytes) {
        super(decompressed);
        this.source = source;
        this.codec = codec;
        this.compressedBytes = compressedBytes;
    }

    private TraceFormatException corrupt(IOException e) {
        return new TraceFormatException(source, "byte " + compressedBytes.count() + " (compressed)",
            "corrupt or truncated " + codec + " data: " + e.getMessage());
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw corrupt(e);
        }
    }
}
