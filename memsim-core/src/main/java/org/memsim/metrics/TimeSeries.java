package org.memsim.metrics;

import java.util.Arrays;

/**
 * A value over event index, in constant memory: at most {@code capacity} points; when full, every
 * other point is dropped and the sampling interval doubles, so a trace of any length yields an
 * evenly spaced series. Deterministic for the same sequence of offers.
 */
public final class TimeSeries {
    private final String name;
    private final String unit;
    private final long[] index;
    private final long[] value;
    private int size;
    private long interval;
    private long nextDue;

    public TimeSeries(String name, String unit, int capacity, long initialInterval) {
        if (capacity < 4 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 4");
        }
        this.name = name;
        this.unit = unit;
        this.index = new long[capacity];
        this.value = new long[capacity];
        this.interval = Math.max(1, initialInterval);
        this.nextDue = 0;
    }

    /** Whether a point at this event index would be kept; callers skip the read otherwise. */
    public boolean due(long eventIndex) {
        return eventIndex >= nextDue;
    }

    /** The first event index at which a point will be kept. */
    public long nextDue() {
        return nextDue;
    }

    /** Offers a point; it is kept if due. */
    public void offer(long eventIndex, long v) {
        if (eventIndex < nextDue) {
            return;
        }
        if (size == index.length) {
            decimate();
            if (eventIndex < nextDue) {
                return;
            }
        }
        index[size] = eventIndex;
        value[size] = v;
        size++;
        nextDue = eventIndex + interval;
    }

    /** Keeps the final point even when it is not due, so series end where the trace ends. */
    public void finish(long eventIndex, long v) {
        if (size > 0 && index[size - 1] == eventIndex) {
            value[size - 1] = v;
            return;
        }
        if (size == index.length) {
            decimate();
        }
        index[size] = eventIndex;
        value[size] = v;
        size++;
    }

    private void decimate() {
        int j = 0;
        for (int i = 0; i < size; i += 2) {
            index[j] = index[i];
            value[j] = value[i];
            j++;
        }
        size = j;
        interval *= 2;
        nextDue = index[size - 1] + interval;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public int size() {
        return size;
    }

    public long indexAt(int i) {
        return index[i];
    }

    public long valueAt(int i) {
        return value[i];
    }

    public long[] indexes() {
        return Arrays.copyOf(index, size);
    }

    public long[] values() {
        return Arrays.copyOf(value, size);
    }

    /** Largest value in the series (0 when empty). */
    public long max() {
        long m = 0;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, value[i]);
        }
        return m;
    }
}
