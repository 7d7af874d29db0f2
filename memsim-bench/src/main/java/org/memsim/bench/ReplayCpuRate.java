package org.memsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import org.memsim.stack.Replay;
import org.memsim.stack.Stack;
import org.memsim.stack.StackSpec;
import org.memsim.trace.FileSource;

/**
 * Whole-stack replay speed per CPU-second of the replaying thread, which a shared, loaded machine
 * disturbs far less than wall-clock throughput: replays one trace file through each allocator spec
 * {@code ROUNDS} times (round-robin, so every spec sees the same load) and prints the best and
 * median ops per CPU-second and per wall-clock second. Usage:
 * {@code java -cp memsim-bench.jar org.memsim.bench.ReplayCpuRate TRACE ROUNDS SPEC...}.
 */
public final class ReplayCpuRate {
    private ReplayCpuRate() {}

    public static void main(String[] args) throws Exception {
        Path trace = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<String> specs = List.of(args).subList(2, args.length);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] cpuRate = new double[specs.size()][rounds];
        double[][] wallRate = new double[specs.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < specs.size(); s++) {
                Stack stack = Stack.build(StackSpec.defaults().withAllocator(specs.get(s)));
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                long ops = Replay.run(new FileSource(trace, null), List.of(stack)).get(0).ops();
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long wall = System.nanoTime() - wall0;
                cpuRate[s][r] = ops * 1e9 / cpu;
                wallRate[s][r] = ops * 1e9 / wall;
            }
        }
        System.out.printf("%-30s %14s %14s %14s %14s%n", "spec", "best M/cpu-s", "median M/cpu-s", "best M/s", "median M/s");
        for (int s = 0; s < specs.size(); s++) {
            double[] c = cpuRate[s].clone();
            double[] w = wallRate[s].clone();
            java.util.Arrays.sort(c);
            java.util.Arrays.sort(w);
            System.out.printf("%-30s %14.2f %14.2f %14.2f %14.2f%n", specs.get(s), c[rounds - 1] / 1e6, c[rounds / 2] / 1e6,
                w[rounds - 1] / 1e6, w[rounds / 2] / 1e6);
        }
    }
}
