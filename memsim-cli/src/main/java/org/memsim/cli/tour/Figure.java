package org.memsim.cli.tour;

import java.util.List;
import org.memsim.metrics.TimeSeries;

/** A chart a chapter wants drawn: lines over event index (or another x named by {@code xLabel}), one unit on the y axis. */
record Figure(String title, String unit, List<Line> lines, String xLabel) {

    /** Lines over event index. */
    Figure(String title, String unit, List<Line> lines) {
        this(title, unit, lines, "events");
    }

    /** One line: a label and its points. */
    record Line(String label, long[] x, long[] y) {
        static Line of(String label, TimeSeries ts) {
            return new Line(label, ts.indexes(), ts.values());
        }
    }
}
