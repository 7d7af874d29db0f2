package org.memsim.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.memsim.event.EventSink;
import org.memsim.trace.Compression;
import org.memsim.trace.msb.MsbReader;
import org.memsim.trace.msb.MsbWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Replay speed of the binary trace format ({@code .msb}, plain and zstd-wrapped) on a Lackey-like
 * access stream into a sink that only folds its arguments into a checksum. Scores are events per second.
 *
 * <p>Run: {@code java -jar memsim-bench/target/memsim-bench.jar BinaryRead -f 1 -wi 3 -i 5 -w 2s -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BinaryReadBenchmark {
    static final int EVENTS = 10_000_000;

    private byte[] msb;
    private byte[] msbZstd;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        msb = write(null);
        msbZstd = write(Compression.ZSTD);
        System.out.printf("%n%d events: msb %d bytes (%.2f bytes/event), msb.zst %d bytes (%.2f bytes/event)%n",
            EVENTS, msb.length, (double) msb.length / EVENTS, msbZstd.length, (double) msbZstd.length / EVENTS);
    }

    private static byte[] write(Compression compression) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(EVENTS * 3);
        OutputStream out = compression == null ? bytes : compression.compress(bytes);
        try (MsbWriter w = new MsbWriter(out)) {
            lackeyLike(w, EVENTS, 42);
        }
        return bytes.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long readMsb() throws IOException {
        return replay(new ByteArrayInputStream(msb));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long readMsbZstd() throws IOException {
        return replay(Compression.ZSTD.decompress(new ByteArrayInputStream(msbZstd)));
    }

    private static long replay(java.io.InputStream in) throws IOException {
        ChecksumSink sink = new ChecksumSink();
        try (MsbReader r = new MsbReader(in, "bench")) {
            long n = r.replay(sink);
            if (n != EVENTS) {
                throw new IllegalStateException("read " + n + " events, wrote " + EVENTS);
            }
        }
        return sink.checksum;
    }

    /** Folds every access into a field so the JIT cannot drop the decoding; returned to JMH, which consumes it. */
    static final class ChecksumSink implements EventSink {
        long checksum;

        @Override public void load(long address, int size) { checksum += address ^ size; }
        @Override public void store(long address, int size) { checksum += address + size; }
        @Override public void modify(long address, int size) { checksum ^= address + size; }
        @Override public void ifetch(long address, int size) { checksum += address - size; }
    }

    /**
     * A Lackey-like stream ({@code valgrind --tool=lackey --trace-mem=yes}): about 60% instruction
     * fetches (mostly falling through, sizes 1–8, a jump every ~8), 25% loads, 10% stores, 5% modifies
     * near a stack and a heap pointer, in random order (harder on branch prediction than real code).
     */
    static void lackeyLike(EventSink sink, int events, long seed) {
        Random r = new Random(seed);
        long pc = 0x401ab70L;
        long sp = 0x1fff000778L;
        long heap = 0x4033e00L;
        int[] isizes = {1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8};
        int[] dsizes = {8, 8, 8, 8, 4, 4, 1, 1, 2, 16};
        for (int i = 0; i < events; i++) {
            int k = r.nextInt(100);
            if (k < 60) {
                if (r.nextInt(8) == 0) {
                    pc += r.nextInt(1024) - 512;
                }
                int s = isizes[r.nextInt(isizes.length)];
                sink.ifetch(pc, s);
                pc += s;
            } else {
                long a;
                if (r.nextInt(3) == 0) {
                    heap += (r.nextInt(64) - 24) * 8L;
                    a = heap;
                } else {
                    sp += (r.nextInt(16) - 8) * 8L;
                    a = sp;
                }
                int s = dsizes[r.nextInt(dsizes.length)];
                if (k < 85) {
                    sink.load(a, s);
                } else if (k < 95) {
                    sink.store(a, s);
                } else {
                    sink.modify(a, s);
                }
            }
        }
    }
}
