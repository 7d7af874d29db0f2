package org.memsim.real;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.memsim.InputException;

/**
 * Builds and runs the native replay driver {@code memsim-replay.c} (shipped as a classpath
 * resource, the same file as {@code native/memsim-replay.c}): compiled with gcc on first use by
 * {@link NativeBuild}, cached under a name keyed by the source's SHA-256, so an edited source
 * rebuilds. The driver's input and output formats are described in
 * the C file's header comment and in {@code docs/native.md}.
 */
public final class NativeReplayer {
    /** The classpath resource holding the C source. */
    public static final String SOURCE_RESOURCE = "/org/memsim/real/memsim-replay.c";
    /** Bytes of one op record in the driver's input. */
    public static final int OP_BYTES = 16;
    /** Bytes of the input header. */
    public static final int HEADER_BYTES = 32;
    /** Bytes of the output trailer (12 little-endian u64). */
    public static final int TRAILER_BYTES = 96;
    /** Input op codes (see the C file). */
    public static final int OP_MALLOC = 1, OP_CALLOC = 2, OP_REALLOC = 3, OP_FREE = 4, OP_MEMALIGN = 5;
    /** Driver flag: read glibc chunk headers to size mmapped chunks. */
    public static final int FLAG_GLIBC_HEADERS = 1;
    /** Driver flag: size blocks outside the brk heap with malloc_usable_size. */
    public static final int FLAG_USABLE_SIZE = 2;

    /** How the driver is built (an executable, {@code -O2 -std=gnu11}). */
    public static final NativeBuild.Recipe RECIPE = new NativeBuild.Recipe(NativeReplayer.class, SOURCE_RESOURCE, "memsim-replay",
        "replaying on a real allocator", List.of("-O2", "-std=gnu11", "-w"), List.of());

    private NativeReplayer() {}

    /** What one driver run measured (the output trailer); the per-op pointers stay in {@code results}. */
    public record Run(Path results, long ops, long initialBreak, long finalBreak, long brkHighWater, long peakFootprint,
                      long peakOutsideBytes, long rssBeforeKib, long rssPeakKib, long minorFaults, long loopNanos, long failedOps) {}

    /** The C source as shipped in the jar. */
    public static byte[] source() {
        return NativeBuild.source(RECIPE);
    }

    /** The C compiler memsim uses: {@code $CC} if set, else {@code gcc}, else {@code cc} on the PATH; null if none. */
    public static Path compiler() {
        return NativeBuild.compiler();
    }

    /** Where compiled drivers are kept. */
    public static Path cacheDirectory() {
        return NativeBuild.cacheDirectory();
    }

    /** The compiled driver, building it first if the cache lacks this source's build. */
    public static Path driver() {
        return NativeBuild.build(RECIPE);
    }

    /**
     * Runs the driver on {@code input} with {@code preload} (a shared library for LD_PRELOAD, or
     * null for glibc's malloc), writing per-op pointers to {@code results}. Environment variables
     * that tune glibc's malloc ({@code MALLOC_*}, {@code GLIBC_TUNABLES}) are removed so the run
     * sees the defaults the model assumes.
     */
    public static Run run(Path input, Path results, int flags, Path preload) {
        Path exe = driver();
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), input.toString(), results.toString(), Integer.toString(flags)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("MALLOC_") || k.equals("GLIBC_TUNABLES") || k.equals("LD_PRELOAD")
            || k.startsWith("JE_MALLOC") || k.equals("MALLOC_CONF") || k.startsWith("TCMALLOC_") || k.startsWith("MIMALLOC_"));
        if (preload != null) {
            env.put("LD_PRELOAD", preload.toString());
        }
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                byte[] b = new byte[4096];
                int n;
                while ((n = in.read(b)) > 0) {
                    if (err.size() < 65536) {
                        err.write(b, 0, n);
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                throw new InputException("the native replay driver failed (exit " + rc + (rc > 128 ? ", signal " + (rc - 128) : "")
                    + "): " + err.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
            }
            return readTrailer(results);
        } catch (IOException e) {
            throw new InputException("cannot run the native replay driver " + exe + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while replaying natively", e);
        }
    }

    private static Run readTrailer(Path results) throws IOException {
        try (FileChannel ch = FileChannel.open(results, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < TRAILER_BYTES || (size - TRAILER_BYTES) % 8 != 0) {
                throw new InputException("the native replay driver wrote a truncated result file (" + size + " bytes)");
            }
            ByteBuffer b = ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, size - TRAILER_BYTES);
            b.flip();
            byte[] magic = new byte[8];
            b.get(magic);
            if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("MSIMRES1")) {
                throw new InputException("the native replay driver's result file has no trailer");
            }
            long ops = b.getLong();
            if (ops != (size - TRAILER_BYTES) / 8) {
                throw new InputException("the native replay driver reported " + ops + " ops but wrote " + (size - TRAILER_BYTES) / 8);
            }
            return new Run(results, ops, b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                b.getLong(), b.getLong(), b.getLong(), b.getLong());
        }
    }
}
