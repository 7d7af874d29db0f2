package org.memsim.scenario;

import java.util.ArrayList;
import java.util.List;
import org.memsim.InputException;
import org.memsim.metrics.Counter;
import org.memsim.metrics.Gauge;
import org.memsim.metrics.Histogram;
import org.memsim.metrics.Metrics;
import org.memsim.stack.Stack;
import org.memsim.stack.StackResult;

/**
 * Looks up a metric by name for reports and expectations: the result columns ({@code ops},
 * {@code utilization}, …), any counter or gauge a layer registered ({@code kernel.minorFaults}),
 * histogram statistics ({@code alloc.searchLength.p99}) and simulated time ({@code simulatedNanos}, and per
 * layer {@code nanos.mmu}, {@code nanos.kernel}, {@code nanos.physical}, …).
 */
public final class ResultMetrics {
    /** Names every result has. */
    public static final List<String> RESULT_NAMES = List.of("events", "ops", "failedOps", "peakLiveBytes",
        "heapHighWaterBytes", "utilization", "pageFaults", "residentPages", "peakResidentPages", "liveBytesAtEnd",
        "liveBlocksAtEnd", "internalFragBytes", "externalFragmentation", "freeBlocks", "simulatedNanos");

    private ResultMetrics() {}

    /** The value of {@code name}; an unknown name is an error listing what exists. */
    public static double value(String name, StackResult r, Stack s) {
        return value(name, r, s.metrics());
    }

    /** The value of {@code name} for any replay target's result and metrics (allocator stacks and managed stacks alike). */
    public static double value(String name, StackResult r, Metrics metrics) {
        switch (name) {
            case "events": return r.events();
            case "ops": return r.ops();
            case "failedOps": return r.failedOps();
            case "peakLiveBytes": return r.peakLiveBytes();
            case "heapHighWaterBytes": return r.heapHighWaterBytes();
            case "utilization": return r.utilization();
            case "pageFaults": return r.pageFaults();
            case "residentPages": return r.residentPages();
            case "peakResidentPages": return r.peakResidentPages();
            case "liveBytesAtEnd": return r.liveBytesAtEnd();
            case "liveBlocksAtEnd": return r.liveBlocksAtEnd();
            case "internalFragBytes": return r.internalFragBytesAtEnd();
            case "externalFragmentation": return r.externalFragAtEnd();
            case "freeBlocks": return r.freeBlocksAtEnd();
            case "simulatedNanos": return r.totalNanos();
            default: break;
        }
        if (name.startsWith("nanos.")) {
            for (org.memsim.layer.Layer l : org.memsim.layer.Layer.values()) {
                if (name.equals("nanos." + l.name().toLowerCase(java.util.Locale.ROOT))) {
                    return r.nanosByLayer().get(l);
                }
            }
        }
        Counter c = metrics.counterNamed(name);
        if (c != null) {
            return c.get();
        }
        Gauge g = metrics.gaugeNamed(name);
        if (g != null) {
            return g.read();
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            Histogram h = metrics.histogramNamed(name.substring(0, dot));
            if (h != null) {
                switch (name.substring(dot + 1)) {
                    case "p50": return h.percentile(50);
                    case "p90": return h.percentile(90);
                    case "p99": return h.percentile(99);
                    case "max": return h.max();
                    case "min": return h.min();
                    case "mean": return h.mean();
                    case "count": return h.count();
                    default: break;
                }
            }
        }
        throw new InputException("unknown metric '" + name + "'; valid: " + String.join(", ", names(metrics)));
    }

    /**
     * The value of {@code name}, or NaN when this stack does not have it (a metric of another
     * allocator in a comparison, such as {@code alloc.buddy.splits} on a free list): shown as "-".
     */
    public static double valueIfPresent(String name, StackResult r, Metrics metrics) {
        return known(name, metrics) ? value(name, r, metrics) : Double.NaN;
    }

    /** Whether {@link #value} accepts {@code name} for a stack with these metrics. */
    public static boolean known(String name, Metrics metrics) {
        if (RESULT_NAMES.contains(name) || metrics.counterNamed(name) != null || metrics.gaugeNamed(name) != null) {
            return true;
        }
        if (name.startsWith("nanos.")) {
            for (org.memsim.layer.Layer l : org.memsim.layer.Layer.values()) {
                if (name.equals("nanos." + l.name().toLowerCase(java.util.Locale.ROOT))) {
                    return true;
                }
            }
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && metrics.histogramNamed(name.substring(0, dot)) != null
            && List.of("p50", "p90", "p99", "max", "min", "mean", "count").contains(name.substring(dot + 1));
    }

    /**
     * Checks that every stack of a comparison, or at least one, knows {@code name}; an unknown name
     * is an error listing what the first stack has.
     */
    public static void requireKnown(String name, List<Metrics> stacks) {
        for (Metrics m : stacks) {
            if (known(name, m)) {
                return;
            }
        }
        throw new InputException("unknown metric '" + name + "'; valid: " + String.join(", ", names(stacks.get(0))));
    }

    /** Every name {@link #value} accepts for this stack. */
    public static List<String> names(Stack s) {
        return names(s.metrics());
    }

    /** Every name {@link #value} accepts for a stack with these metrics. */
    public static List<String> names(Metrics metrics) {
        List<String> out = new ArrayList<>(RESULT_NAMES);
        for (org.memsim.layer.Layer l : org.memsim.layer.Layer.values()) {
            out.add("nanos." + l.name().toLowerCase(java.util.Locale.ROOT));
        }
        out.addAll(metrics.counters().keySet());
        out.addAll(metrics.gauges().keySet());
        for (String h : metrics.histograms().keySet()) {
            out.add(h + ".p50|p90|p99|max|min|mean|count");
        }
        return out;
    }
}
