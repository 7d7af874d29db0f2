package org.memsim.cli.output;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table of results: column names and rows of cells already formatted for people, plus the raw
 * values for CSV. Rendered as aligned text or CSV; JSON is built by each command from its data.
 */
public final class Table {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    public Table(String... columns) {
        this(List.of(columns));
    }

    public Table row(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells for " + columns.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public Table row(String... cells) {
        return row(List.of(cells));
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Aligned text: widths computed first, numbers right-aligned, text left-aligned. */
    public String toText() {
        int[] w = new int[columns.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = columns.get(c).length();
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, columns, w, true);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(w[c]));
        }
        sb.append(rule).append('\n');
        for (List<String> r : rows) {
            line(sb, r, w, false);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w, boolean header) {
        for (int c = 0; c < w.length; c++) {
            String v = cells.get(c);
            boolean right = !header && looksNumeric(v);
            String pad = " ".repeat(w[c] - v.length());
            sb.append(c == 0 ? "" : "  ").append(right ? pad + v : (c == w.length - 1 ? v : v + pad));
        }
        sb.append('\n');
    }

    static boolean looksNumeric(String v) {
        if (v.isEmpty()) {
            return false;
        }
        char c = v.charAt(0);
        return Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && v.length() > 1 && Character.isDigit(v.charAt(1)));
    }

    /** RFC 4180 CSV with a header row. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        csvLine(sb, columns);
        for (List<String> r : rows) {
            csvLine(sb, r);
        }
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            if (c > 0) {
                sb.append(',');
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        sb.append('\n');
    }
}
