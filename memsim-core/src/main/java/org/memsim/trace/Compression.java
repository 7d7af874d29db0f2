package org.memsim.trace;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Whole-file compression around any trace format: zstd ({@code .zst}, RFC 8878 frames, so the
 * {@code zstd} tool reads memsim's files) and gzip ({@code .gz}). Detected by magic number on input,
 * chosen by extension on output.
 */
public enum Compression {
    NONE(""), ZSTD(".zst"), GZIP(".gz");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** By magic number: zstd {@code 28 B5 2F FD}, gzip {@code 1F 8B}. */
    public static Compression detect(byte[] head, int length) {
        if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xB5 && (head[2] & 0xff) == 0x2F && (head[3] & 0xff) == 0xFD) {
            return ZSTD;
        }
        if (length >= 2 && (head[0] & 0xff) == 0x1F && (head[1] & 0xff) == 0x8B) {
            return GZIP;
        }
        return NONE;
    }

    /** By the file name's last extension. */
    public static Compression ofName(String fileName) {
        if (fileName.endsWith(".zst")) {
            return ZSTD;
        }
        if (fileName.endsWith(".gz")) {
            return GZIP;
        }
        return NONE;
    }

    /** The name without a compression extension. */
    public static String strip(String fileName) {
        Compression c = ofName(fileName);
        return c == NONE ? fileName : fileName.substring(0, fileName.length() - c.extension.length());
    }

    public InputStream decompress(InputStream in) throws IOException {
        switch (this) {
            case ZSTD: return new ZstdInputStream(in);
            case GZIP: return new GZIPInputStream(in, 1 << 16);
            default: return in;
        }
    }

    public OutputStream compress(OutputStream out) throws IOException {
        switch (this) {
            case ZSTD: return new ZstdOutputStream(out, 3);
            case GZIP: return new GZIPOutputStream(out, 1 << 16);
            default: return out;
        }
    }
}
