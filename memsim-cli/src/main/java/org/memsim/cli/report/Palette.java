package org.memsim.cli.report;

/** The fixed colour-blind-safe series colours (Okabe and Ito), with dash patterns once the colours run out. */
final class Palette {
    private static final String[] COLORS = {
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442",
    };
    private static final String[] DASHES = {null, "6 3", "2 2", "8 3 2 3"};

    private Palette() {
    }

    /** How many distinct colours there are before they repeat. */
    static int size() {
        return COLORS.length;
    }

    /** The colour of series {@code i} (cycling). */
    static String color(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }

    /** The stroke-dasharray of series {@code i}, or {@code null} for solid (the first round of colours). */
    static String dash(int i) {
        return DASHES[Math.floorMod(i / COLORS.length, DASHES.length)];
    }
}
