package org.memsim.gc;

import java.util.Map;

/**
 * What one replay through one managed stack measured: the row of {@code memsim gc}'s table and
 * the element of its JSON {@code collectors} array. Times are simulated nanoseconds under the
 * cost model; mutator utilization = 1 − (pauses + assists) / total simulated time.
 */
public record GcResult(
    String spec,
    long events,
    long collections,
    Map<String, Long> collectionsByKind,
    long objectsAllocated,
    long bytesAllocated,
    long objectsFreed,
    long objectsLeaked,
    long peakHeapBytes,
    long pauseP50Ns,
    long pauseP99Ns,
    long pauseMaxNs,
    double pauseTotalNs,
    double gcWorkNs,
    double mutatorUtilization,
    long objectsCopied,
    long bytesCopied,
    long pageFaults,
    long peakResidentBytes,
    long residentBytesAtEnd,
    double simulatedNanos,
    String death,
    long deathEvent) {
}
