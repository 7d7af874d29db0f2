package org.memsim.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.memsim.event.EventSink;
import org.memsim.trace.TraceReader;
import org.memsim.trace.lackey.LackeyReader;
import org.memsim.trace.lackey.LackeyWriter;
import org.memsim.trace.mst.MstReader;
import org.memsim.trace.mst.MstWriter;
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
 * Text trace parsing speed in lines per second (one operation = one line): a ~5M-line in-memory
 * Valgrind Lackey trace and the same accesses as memsim {@code .mst} text, parsed into a sink that
 * only checksums the arguments. The target is at least 20 million lines per second on one thread.
 *
 * <p>Run: {@code java -jar memsim-bench/target/memsim-bench.jar TextParse -f 1 -wi 3 -i 5 -w 2s -r 3s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TextParseBenchmark {
    /** Access lines in each input (the .mst text has one header comment line more). */
    public static final int LINES = 5_000_000;

    private byte[] lackeyText;
    private byte[] mstText;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        ByteArrayOutputStream lackey = new ByteArrayOutputStream(LINES * 16);
        ByteArrayOutputStream mst = new ByteArrayOutputStream(LINES * 20);
        try (LackeyWriter lw = new LackeyWriter(lackey); MstWriter mw = new MstWriter(mst)) {
            replayAccesses(new Random(20240601), new org.memsim.event.TeeSink(lw, mw));
        }
        lackeyText = lackey.toByteArray();
        mstText = mst.toByteArray();
    }

    /**
     * A Lackey-shaped stream: about 70% instruction fetches walking code in 0x04xxxxxx with sizes
     * 1–7, the rest loads, stores and modifies on a 10-hex-digit stack or an 8-digit heap, sized
     * 1, 2, 4, 8 or 16 (the mix of Valgrind's own sample trace).
     */
    static void replayAccesses(Random rnd, EventSink sink) {
        long pc = 0x0401ab70L;
        int[] dataSizes = {1, 2, 4, 8, 8, 8, 16};
        for (int i = 0; i < LINES; i++) {
            int r = rnd.nextInt(100);
            if (r < 70) {
                int size = 1 + rnd.nextInt(7);
                sink.ifetch(pc, size);
                pc += size;
                if (rnd.nextInt(16) == 0) {
                    pc = 0x04000000L + rnd.nextInt(1 << 24);
                }
            } else {
                long address = rnd.nextBoolean() ? 0x1fff000000L + rnd.nextInt(1 << 12) : 0x04a00000L + rnd.nextInt(1 << 20);
                int size = dataSizes[rnd.nextInt(dataSizes.length)];
                if (r < 85) {
                    sink.load(address, size);
                } else if (r < 97) {
                    sink.store(address, size);
                } else {
                    sink.modify(address, size);
                }
            }
        }
    }

    private static long parse(TraceReader reader) throws IOException {
        ChecksumSink sink = new ChecksumSink();
        long events = reader.replay(sink);
        if (events != LINES) {
            throw new IllegalStateException("parsed " + events + " events, expected " + LINES);
        }
        return sink.sum();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long lackey() throws IOException {
        return parse(new LackeyReader(new ByteArrayInputStream(lackeyText), "bench.lackey"));
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long mst() throws IOException {
        return parse(new MstReader(new ByteArrayInputStream(mstText), "bench.mst"));
    }
}
