package org.archai4j.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Scatter plots of two objectives as inline SVG, so the report opens from disk with nothing else: every model is
 * a point whose tooltip names its archid and values, the Pareto models of the whole run are highlighted and
 * labelled, and the evolution plot draws the two-objective frontier after each iteration, light to dark.
 */
final class SvgPlot {
    private static final int WIDTH = 600;
    private static final int HEIGHT = 420;
    private static final int LEFT = 78;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 52;

    private final RunData run;
    private final int x;
    private final int y;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    SvgPlot(RunData run, int x, int y) {
        this.run = run;
        this.x = x;
        this.y = y;
        double[] xs = run.models().stream().mapToDouble(m -> m.values()[x]).filter(Double::isFinite).toArray();
        double[] ys = run.models().stream().mapToDouble(m -> m.values()[y]).filter(Double::isFinite).toArray();
        double[] xr = range(xs);
        double[] yr = range(ys);
        xMin = xr[0];
        xMax = xr[1];
        yMin = yr[0];
        yMax = yr[1];
    }

    private static double[] range(double[] values) {
        double lo = Arrays.stream(values).min().orElse(0);
        double hi = Arrays.stream(values).max().orElse(1);
        double pad = hi > lo ? (hi - lo) * 0.06 : Math.max(Math.abs(lo) * 0.1, 1);
        return new double[] {lo - pad, hi + pad};
    }

    private double px(double v) {
        return LEFT + (v - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    private double py(double v) {
        return HEIGHT - BOTTOM - (v - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
    }

    /** Every model, with the run's Pareto models highlighted and their two-objective frontier drawn. */
    String scatter(Set<Integer> pareto) {
        StringBuilder svg = open("scatter");
        List<Integer> all = IntStream.range(0, run.models().size()).boxed().toList();
        List<Integer> front = frontier2d(all);
        svg.append(staircase(front, "#d62728", 2, 1));
        for (int i = 0; i < run.models().size(); i++) {
            if (!pareto.contains(i)) {
                svg.append(point(i, 4, "#9aa4b1", "0.75", "point"));
            }
        }
        for (int i : pareto) {
            svg.append(point(i, 6, "#d62728", "1", "pareto"));
        }
        // The final-stage models: a ring around their search point (their test accuracy is in the table).
        Set<String> finals = new HashSet<>();
        run.finals().forEach(f -> finals.add(f.archid()));
        for (int i = 0; i < run.models().size(); i++) {
            RunData.Model m = run.models().get(i);
            if (finals.remove(m.archid()) && finite(m)) {
                svg.append(String.format(Locale.ROOT, "<circle class='final' data-archid='%s' cx='%.1f' cy='%.1f' "
                        + "r='10' fill='none' stroke='#1f4e99' stroke-width='2.5'/>", m.archid(), px(m.values()[x]),
                        py(m.values()[y])));
            }
        }
        if (!run.finals().isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<circle cx='%d' cy='%d' r='6' fill='none' stroke='#1f4e99' "
                    + "stroke-width='2.5'/><text x='%d' y='%d' class='legend'>final models</text>", LEFT + 14,
                    TOP + 14, LEFT + 26, TOP + 18));
        }
        // Labels only along this pair's frontier, where they do not pile up; every point has a tooltip.
        for (int i : front) {
            RunData.Model m = run.models().get(i);
            if (pareto.contains(i)) {
                svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' class='label'>%s</text>",
                        px(m.values()[x]) + 8, py(m.values()[y]) - 6, m.archid().substring(0, Math.min(8,
                                m.archid().length()))));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** The two-objective frontier of the models evaluated up to each iteration, light (early) to dark (last). */
    String evolution() {
        StringBuilder svg = open("evolution");
        List<Integer> iterations = run.iterations();
        for (int i = 0; i < run.models().size(); i++) {
            svg.append(point(i, 3, "#c7cdd6", "0.6", "point"));
        }
        for (int k = 0; k < iterations.size(); k++) {
            int upTo = iterations.get(k);
            List<Integer> seen = IntStream.range(0, run.models().size())
                    .filter(i -> run.models().get(i).iteration() <= upTo).boxed().toList();
            double shade = iterations.size() == 1 ? 1 : (double) k / (iterations.size() - 1);
            String colour = String.format(Locale.ROOT, "rgb(%d,%d,%d)", (int) (200 - 170 * shade),
                    (int) (220 - 150 * shade), (int) (250 - 70 * shade));
            svg.append(staircase(frontier2d(seen), colour, 2, 1)
                    .replace("<path ", "<path data-iteration='" + upTo + "' "));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='legend'>iterations %d to %d: "
                + "light to dark</text>", LEFT + 8, TOP + 14, iterations.isEmpty() ? 0 : iterations.get(0),
                iterations.isEmpty() ? 0 : iterations.get(iterations.size() - 1)));
        return svg.append("</svg>").toString();
    }

    private StringBuilder open(String kind) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' "
                + "class='%s' width='%d' height='%d' viewBox='0 0 %d %d' role='img' aria-label='%s vs %s'>",
                kind, WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(name(y)), Html.escape(name(x))));
        svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' class='frame'/>", LEFT,
                TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (double t : ticks(xMin, xMax)) {
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' class='grid'/>"
                    + "<text x='%.1f' y='%d' class='tick' text-anchor='middle'>%s</text>", px(t), px(t), TOP,
                    HEIGHT - BOTTOM, px(t), HEIGHT - BOTTOM + 16, format(t)));
        }
        for (double t : ticks(yMin, yMax)) {
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' class='grid'/>"
                    + "<text x='%d' y='%.1f' class='tick' text-anchor='end'>%s</text>", LEFT, WIDTH - RIGHT, py(t),
                    py(t), LEFT - 6, py(t) + 4, format(t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='axis' text-anchor='middle'>%s</text>",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12, Html.escape(name(x) + direction(x))));
        svg.append(String.format(Locale.ROOT, "<text x='16' y='%d' class='axis' text-anchor='middle' "
                + "transform='rotate(-90 16 %d)'>%s</text>", (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2,
                Html.escape(name(y) + direction(y))));
        return svg;
    }

    private String name(int objective) {
        return run.objectives().get(objective);
    }

    private String direction(int objective) {
        return run.higherIsBetter()[objective] ? " (higher is better)" : " (lower is better)";
    }

    private String point(int i, int radius, String colour, String opacity, String kind) {
        RunData.Model m = run.models().get(i);
        if (!finite(m)) {
            return "";
        }
        StringBuilder title = new StringBuilder(m.archid()).append("\niteration ").append(m.iteration());
        for (int k = 0; k < run.objectives().size(); k++) {
            title.append('\n').append(run.objectives().get(k)).append(" = ").append(format(m.values()[k]));
        }
        return String.format(Locale.ROOT, "<circle class='%s' data-archid='%s' cx='%.1f' cy='%.1f' r='%d' "
                + "fill='%s' fill-opacity='%s'><title>%s</title></circle>", kind, m.archid(), px(m.values()[x]),
                py(m.values()[y]), radius, colour, opacity, Html.escape(title.toString()));
    }

    private boolean finite(RunData.Model m) {
        return Double.isFinite(m.values()[x]) && Double.isFinite(m.values()[y]);
    }

    /** The models of {@code subset} that no other beats on both plotted objectives, ordered along x. */
    private List<Integer> frontier2d(List<Integer> subset) {
        List<Integer> drawable = subset.stream().filter(i -> finite(run.models().get(i))).toList();
        List<Integer> out = new ArrayList<>(Arrays.stream(run.frontier(drawable, x, y)).boxed().toList());
        out.sort(Comparator.comparingDouble(i -> run.models().get(i).values()[x]));
        return out;
    }

    private String staircase(List<Integer> front, String colour, int width, double opacity) {
        if (front.isEmpty()) {
            return "";
        }
        StringBuilder d = new StringBuilder();
        for (int k = 0; k < front.size(); k++) {
            RunData.Model m = run.models().get(front.get(k));
            d.append(k == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", px(m.values()[x]),
                    py(m.values()[y])));
        }
        return String.format(Locale.ROOT, "<path class='frontier' d='%s' fill='none' stroke='%s' stroke-width='%d' "
                + "stroke-opacity='%.2f'/>", d.toString().trim(), colour, width, opacity);
    }

    private static List<Double> ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * (raw / magnitude < 1.5 ? 1 : raw / magnitude < 3.5 ? 2 : raw / magnitude < 7.5
                ? 5 : 10);
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    /** Numbers the way a person reads them: 0.8123, 12.5, 48,210, 1.2e+07. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "failed";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
