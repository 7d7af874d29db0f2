package org.memsim.stack;

import java.util.Map;
import org.memsim.layer.Layer;

/**
 * What one replay through one stack (or one real allocator) measured, the row of
 * {@code memsim replay}'s table and the element of its JSON {@code results} array. Utilization =
 * peak live payload / heap high-water (mdriver's definition); internal fragmentation = granted −
 * requested bytes of live blocks; external fragmentation = 1 − largest free block / free bytes.
 * {@code realNanos} is the measured wall time of a real allocator's run, or {@link #SIMULATED}.
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
    long internalFragBytesAtEnd,
    double externalFragAtEnd,
    long freeBlocksAtEnd,
    Map<Layer, Double> nanosByLayer,
    String death,
    long deathEvent,
    double realNanos) {

    /** {@link #realNanos} of a simulated stack: it has only simulated time. */
    public static final double SIMULATED = -1;

    /** Simulated time over every layer. */
    public double totalNanos() {
        double t = 0;
        for (double v : nanosByLayer.values()) {
            t += v;
        }
        return t;
    }
}
