package org.memsim.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The registry of one simulated stack's measurements: counters, gauges, histograms, and time
 * series of gauges sampled by event index. Layers register what they measure when they are built;
 * reports iterate the registry in registration order.
 */
public final class Metrics {
    /** Points kept per time series. */
    public static final int SERIES_CAPACITY = 512;

    private final Map<String, Counter> counters = new LinkedHashMap<>();
    private final Map<String, Gauge> gauges = new LinkedHashMap<>();
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();
    private final List<TimeSeries> series = new ArrayList<>();
    private final List<Gauge> sampled = new ArrayList<>();
    private long sampleInterval = 1;
    private long nextDue;

    public Counter counter(String name, String unit, String help) {
        return counters.computeIfAbsent(name, n -> new Counter(n, unit, help));
    }

    /**
     * A counter whose count a layer keeps in a field of its own, read from {@code source} (the MMU
     * counts every access on its own object); the layer never calls {@link Counter#add} on it.
     */
    public Counter counter(String name, String unit, String help, LongSupplier source) {
        Counter c = new Counter(name, unit, help, source);
        if (counters.putIfAbsent(name, c) != null) {
            throw new IllegalStateException("counter " + name + " registered twice");
        }
        return c;
    }

    public Gauge gauge(String name, String unit, String help, LongSupplier source) {
        Gauge g = new Gauge(name, unit, help, source);
        if (gauges.putIfAbsent(name, g) != null) {
            throw new IllegalStateException("gauge " + name + " registered twice");
        }
        return g;
    }

    /** A gauge whose values are also kept as a time series over the replay. */
    public Gauge sampledGauge(String name, String unit, String help, LongSupplier source) {
        Gauge g = gauge(name, unit, help, source);
        sampled.add(g);
        series.add(new TimeSeries(name, unit, SERIES_CAPACITY, sampleInterval));
        return g;
    }

    public Histogram histogram(String name, String unit) {
        return histograms.computeIfAbsent(name, n -> new Histogram(n, unit));
    }

    /** Samples every sampled gauge at this event index; one comparison when nothing is due. */
    public void sample(long eventIndex) {
        if (eventIndex >= nextDue) {
            sampleDue(eventIndex); // out of line: the per-event check inlines as one compare
        }
    }

    private void sampleDue(long eventIndex) {
        long due = Long.MAX_VALUE;
        for (int i = 0; i < sampled.size(); i++) {
            TimeSeries ts = series.get(i);
            if (ts.due(eventIndex)) {
                ts.offer(eventIndex, sampled.get(i).read());
            }
            due = Math.min(due, ts.nextDue());
        }
        nextDue = due;
    }

    /** Records the final point of every series. */
    public void finish(long eventIndex) {
        for (int i = 0; i < sampled.size(); i++) {
            series.get(i).finish(eventIndex, sampled.get(i).read());
        }
    }

    public Counter counterNamed(String name) {
        return counters.get(name);
    }

    public Gauge gaugeNamed(String name) {
        return gauges.get(name);
    }

    public Histogram histogramNamed(String name) {
        return histograms.get(name);
    }

    public TimeSeries seriesNamed(String name) {
        for (TimeSeries t : series) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    public Map<String, Counter> counters() {
        return Collections.unmodifiableMap(counters);
    }

    public Map<String, Gauge> gauges() {
        return Collections.unmodifiableMap(gauges);
    }

    public Map<String, Histogram> histograms() {
        return Collections.unmodifiableMap(histograms);
    }

    public List<TimeSeries> series() {
        return Collections.unmodifiableList(series);
    }
}
