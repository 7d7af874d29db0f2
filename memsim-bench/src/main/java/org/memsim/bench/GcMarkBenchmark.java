package org.memsim.bench;

import java.util.concurrent.TimeUnit;
import org.memsim.gc.Marker;
import org.memsim.gc.ObjectTable;
import org.memsim.gc.Roots;
import org.memsim.stack.ManagedStack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full mark of a 10-million-object graph in the simulator against HotSpot's real full collection
 * of the same graph built as Java objects, in one run: a complete binary tree of 10,000,000 nodes
 * with two references each, one root. {@code simulatorFullMark} is {@link Marker#markAll} over the
 * object table (what every tracing plan's collection does first); {@code hotspotFullGc} is
 * {@code System.gc()} with the tree live (a full, compacting collection of the JVM's default
 * collector). The goal: simulator / HotSpot ≤ 2.
 * Run: {@code java -jar memsim-bench.jar GcMarkBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class GcMarkBenchmark {
    /** Nodes in the graph. */
    static final int NODES = 10_000_000;

    /** The graph in the simulator's object table. */
    @State(Scope.Benchmark)
    public static class Simulated {
        ObjectTable table;
        Roots roots;
        final Marker marker = new Marker();

        @Setup(Level.Trial)
        public void build() {
            ManagedStack s = ManagedFootprint.stack();
            ManagedFootprint.grow(s.entry(), NODES, 2);
            table = s.runtime().table();
            roots = s.runtime().roots();
        }
    }

    /** The same graph as Java objects. */
    @State(Scope.Benchmark)
    public static class Real {
        Node root;

        @Setup(Level.Trial)
        public void build() {
            Node[] nodes = new Node[NODES];
            for (int i = 0; i < NODES; i++) {
                nodes[i] = new Node();
                if (i > 0) {
                    Node parent = nodes[(i - 1) / 2];
                    if ((i - 1) % 2 == 0) {
                        parent.left = nodes[i];
                    } else {
                        parent.right = nodes[i];
                    }
                }
            }
            root = nodes[0];
        }
    }

    /** A tree node: two references, as the simulated objects have. */
    static final class Node {
        Node left;
        Node right;
    }

    @Benchmark
    public long simulatorFullMark(Simulated s) {
        s.marker.markAll(s.table, s.roots);
        if (s.marker.marked != NODES) {
            throw new IllegalStateException("marked " + s.marker.marked);
        }
        return s.marker.marked;
    }

    @Benchmark
    public Object hotspotFullGc(Real r) {
        System.gc();
        return r.root;
    }
}
