package org.memsim.stack;

import java.util.Map;
import org.memsim.layer.Layer;

/**
 * What one replay through one stack measured, the row of {@code memsim replay}'s table and the
 * element of its JSON {@code results} array. Utilization = peak live payload / heap high-water.
 */
public record StackResult(
    String allocator,
    long events,
    long ops,
    long failedOps,
    long peakLiveBytes,
    long heapHighWaterBytes,
    double utilization,
    long pageFaults,
    long residentPages,
    long peakResidentPages,
    long liveBytesAtEnd,
    long liveBlocksAtEnd,
    Map<Layer, Double> nanosByLayer,
    String death,
    long deathEvent) {

    /** Simulated time over every layer. */
    public double totalNanos() {
        double t = 0;
        for (double v : nanosByLayer.values()) {
            t += v;
        }
        return t;
    }
}
