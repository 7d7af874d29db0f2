package org.memsim.gc;

import java.util.EnumMap;
import java.util.Map;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Histogram;
import org.memsim.metrics.Metrics;

/**
 * A managed run's measurements, registered in the stack's {@link Metrics} as {@code gc.*}:
 * collections by kind, the pause distribution (HdrHistogram, simulated ns), GC work, freed,
 * copied and promoted objects, the heap's peak and the pause timeline.
 */
public final class GcStats {
    public final Counter collections;
    public final Counter objectsAllocated;
    public final Counter bytesAllocated;
    public final Counter objectsFreed;
    public final Counter bytesFreed;
    public final Counter objectsMarked;
    public final Counter objectsCopied;
    public final Counter bytesCopied;
    public final Counter objectsPromoted;
    public final Counter cardsScanned;
    public final Counter rcUpdates;
    public final Counter outOfMemory;
    public final Histogram pauses;
    public final PauseLog pauseLog = new PauseLog(2048);
    private final Map<CollectionKind, Counter> byKind = new EnumMap<>(CollectionKind.class);
    private double gcWorkNs;
    private double pauseNs;
    private double assistNs;
    private long peakHeapBytes;

    public GcStats(Metrics m) {
        collections = m.counter("gc.collections", "collections", "collections of any kind");
        for (CollectionKind k : CollectionKind.values()) {
            byKind.put(k, m.counter("gc.collections." + k.label(), "collections", k.label() + " collections"));
        }
        objectsAllocated = m.counter("gc.objectsAllocated", "objects", "objects allocated");
        bytesAllocated = m.counter("gc.bytesAllocated", "bytes", "object bytes allocated");
        objectsFreed = m.counter("gc.objectsFreed", "objects", "objects freed by the collector");
        bytesFreed = m.counter("gc.bytesFreed", "bytes", "object bytes freed by the collector");
        objectsMarked = m.counter("gc.objectsMarked", "objects", "objects marked (or counted live) by traces");
        objectsCopied = m.counter("gc.objectsCopied", "objects", "objects copied or slid");
        bytesCopied = m.counter("gc.bytesCopied", "bytes", "bytes copied or slid");
        objectsPromoted = m.counter("gc.objectsPromoted", "objects", "objects promoted to an old generation");
        cardsScanned = m.counter("gc.cardsScanned", "cards", "dirty cards scanned");
        rcUpdates = m.counter("gc.rcUpdates", "updates", "reference-count increments and decrements");
        outOfMemory = m.counter("gc.outOfMemory", "allocations", "allocations that failed after a full collection");
        pauses = m.histogram("gc.pause", "ns");
        m.gauge("gc.peakHeapBytes", "bytes", "most object bytes allocated and not yet freed at once", () -> peakHeapBytes);
    }

    /** Records one stop-the-world pause. */
    void pause(CollectionKind kind, double ns, double work, long eventIndex) {
        collections.inc();
        byKind.get(kind).inc();
        pauses.record(Math.round(ns));
        pauseLog.add(eventIndex, Math.round(ns), kind.ordinal());
        pauseNs += ns;
        gcWorkNs += work;
    }

    void work(double ns) {
        gcWorkNs += ns;
    }

    void assist(double ns) {
        assistNs += ns;
        gcWorkNs += ns;
    }

    void heapNow(long bytes) {
        if (bytes > peakHeapBytes) {
            peakHeapBytes = bytes;
        }
    }

    public long collections(CollectionKind k) {
        return byKind.get(k).get();
    }

    /** Simulated ns of collector work: pauses' work, concurrent marking and assists. */
    public double gcWorkNs() {
        return gcWorkNs;
    }

    /** Simulated ns the mutator was stopped (pauses). */
    public double pauseNs() {
        return pauseNs;
    }

    /** Simulated ns the mutator spent assisting the collector. */
    public double assistNs() {
        return assistNs;
    }

    public long peakHeapBytes() {
        return peakHeapBytes;
    }
}
