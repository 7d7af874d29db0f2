package org.memsim.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.memsim.InputException;

/**
 * Opens trace files: undoes zstd/gzip compression, detects the format from content (or takes the
 * one the user names) and creates readers; creates writers by output extension.
 */
public final class Traces {
    /** How much of a file detection looks at. */
    public static final int SNIFF_BYTES = 1 << 16;

    private Traces() {}

    /** Opens {@code path} ({@code -} for standard input); {@code formatName} null means detect. */
    public static OpenTrace open(Path path, String formatName) throws IOException {
        String source = path.toString();
        InputStream raw;
        long size;
        if (source.equals("-")) {
            raw = System.in;
            size = -1;
            source = "<stdin>";
        } else {
            if (Files.isDirectory(path)) {
                throw new InputException(source + ": is a directory, expected a trace file");
            }
            try {
                raw = Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                throw new InputException(source + ": no such file");
            }
            size = Files.size(path);
        }
        return open(raw, source, size, formatName);
    }

    /** Opens a stream; {@code size} may be -1. */
    public static OpenTrace open(InputStream raw, String source, long size, String formatName) throws IOException {
        CountingInputStream counted = new CountingInputStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(counted, SNIFF_BYTES);
        byte[] head = peek(buffered);
        Compression compression = Compression.detect(head, head.length);
        InputStream plain = buffered;
        if (compression != Compression.NONE) {
            try {
                String codec = compression.name().toLowerCase(java.util.Locale.ROOT);
                plain = new BufferedInputStream(new CorruptInputGuard(compression.decompress(buffered), source, codec, counted), SNIFF_BYTES);
                head = peek(plain);
            } catch (IOException e) {
                throw new TraceFormatException(source, "byte 0", "looks " + compression.name().toLowerCase(java.util.Locale.ROOT)
                    + "-compressed but cannot be decompressed: " + e.getMessage());
            }
        }
        String nameHint = Compression.strip(source);
        TraceFormat format = formatName != null ? TraceFormats.byName(formatName) : detect(head, nameHint, source);
        return new OpenTrace(source, format, compression, format.reader(plain, source), counted, size);
    }

    private static byte[] peek(InputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        return head;
    }

    /** The highest score {@link #detect} gives: a certain sniff (100, a magic number) plus the extension bonus. */
    private static final int CERTAIN_BY_NAME = 105;

    /** The format whose sniffer is surest; ties go to the one whose extension matches. */
    public static TraceFormat detect(byte[] head, String fileName, String source) {
        TraceFormat best = null;
        int bestScore = 0;
        for (TraceFormat f : TraceFormats.all()) {
            int s = f.sniff(head, head.length, fileName);
            if (s > 0 && f.extensions().stream().anyMatch(fileName::endsWith)) {
                s += 5;
            }
            if (s > bestScore) {
                best = f;
                bestScore = s;
                if (s >= CERTAIN_BY_NAME) {
                    break; // no later sniffer can score higher, and a tie keeps the first: skip them (text sniffers cost milliseconds)
                }
            }
        }
        if (best == null) {
            String what = head.length == 0 ? "it is empty" : "its first bytes match no known format";
            throw new InputException(source + ": cannot tell the trace format (" + what
                + "); name it with --format, one of " + TraceFormats.names(TraceFormats.all()));
        }
        return best;
    }

    /** Formats whose sniffers accept this head, for diagnostics. */
    public static List<String> candidates(byte[] head, String fileName) {
        List<String> out = new ArrayList<>();
        for (TraceFormat f : TraceFormats.all()) {
            int s = f.sniff(head, head.length, fileName);
            if (s > 0) {
                out.add(f.name() + "=" + s);
            }
        }
        return out;
    }

    /**
     * The format to write {@code target} in: {@code formatName} if given, else by extension
     * (after {@code .zst}/{@code .gz}).
     */
    public static TraceFormat outputFormat(String target, String formatName) {
        TraceFormat f = formatName != null ? TraceFormats.byName(formatName) : TraceFormats.byExtension(target);
        if (f == null) {
            throw new InputException(target + ": cannot tell the output format from the extension; use --to, one of "
                + TraceFormats.names(writable()));
        }
        if (f.expressible().isEmpty()) {
            throw new InputException("format " + f.name() + " is read-only; writable formats: " + TraceFormats.names(writable()));
        }
        return f;
    }

    /** Formats that can be written. */
    public static List<TraceFormat> writable() {
        List<TraceFormat> out = new ArrayList<>();
        for (TraceFormat f : TraceFormats.all()) {
            if (!f.expressible().isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    /** A writer in {@code format} onto {@code out}, compressed as {@code target}'s extension says. */
    public static TraceWriter writer(TraceFormat format, OutputStream out, String target) throws IOException {
        return format.writer(Compression.ofName(target).compress(out), target);
    }
}
