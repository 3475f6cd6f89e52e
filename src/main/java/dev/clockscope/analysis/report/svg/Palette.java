package dev.clockscope.analysis.report.svg;

/** Tableau 10: distinct, colour-blind-friendlier colours; beyond ten, lines repeat them dashed. */
public final class Palette {
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private Palette() {
    }

    public static String color(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }

    /** Extra stroke attributes that tell apart series whose colours repeat. */
    public static String dash(int i) {
        int round = Math.floorMod(i, 40) / COLORS.length;
        return switch (round) {
            case 0 -> "";
            case 1 -> " stroke-dasharray=\"6 3\"";
            case 2 -> " stroke-dasharray=\"2 2\"";
            default -> " stroke-dasharray=\"8 3 2 3\"";
        };
    }
}
