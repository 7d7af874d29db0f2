package org.memsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * One allocator configuration alone, per CPU-second of the measuring thread: {@link StrategyBenchmark}'s
 * 10-million-op trace and loop, run {@code ROUNDS} times in this JVM, printing the best and median
 * rate. Unlike JMH's {@code -p spec=…} it takes specs with several keys
 * ({@code freelist:fit=best,order=lifo}), so every configuration of a strategy can be measured; one
 * spec per JVM, so that the JIT compiles for that configuration alone. Usage:
 * {@code java -cp memsim-bench.jar org.memsim.bench.StrategyCpuRate ROUNDS SPEC}
 * ({@code scripts/strategy-matrix.sh} runs it over every configuration).
 */
public final class StrategyCpuRate {
    private StrategyCpuRate() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: StrategyCpuRate ROUNDS SPEC");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        StrategyBenchmark b = new StrategyBenchmark();
        b.spec = args[1];
        b.prepare();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rate = new double[rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            sink += b.run();
            rate[r] = StrategyBenchmark.OPS * 1e9 / (threads.getCurrentThreadCpuTime() - cpu0);
        }
        Arrays.sort(rate);
        System.out.printf("%-45s %8.2f %8.2f   (best, median M ops per CPU-second; %d rounds; checksum %x)%n",
            args[1], rate[rounds - 1] / 1e6, rate[rounds / 2] / 1e6, rounds, sink);
    }
}
