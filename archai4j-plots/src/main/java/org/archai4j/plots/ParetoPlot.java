package org.archai4j.plots;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.archai4j.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the evolution of a 2-D Pareto frontier with XChart: every model, and one step line per iteration. */
final class ParetoPlot {
    private static final int MAX_FRONTIERS = 12;

    private ParetoPlot() {
    }

    /**
     * Saves the plot as PNG.
     *
     * @param frontiers per iteration, the frontier so far as interleaved x, y pairs in ascending x
     */
    static void save(String xName, String yName, List<Double> xs, List<Double> ys, List<double[]> frontiers,
                     Path file) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(1000).height(500)
                .title("Evolution of Pareto Frontier (2D projection)").xAxisTitle(xName).yAxisTitle(yName).build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(5);

        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            if (Double.isFinite(xs.get(i)) && Double.isFinite(ys.get(i))) {
                px.add(xs.get(i));
                py.add(ys.get(i));
            }
        }
        if (!px.isEmpty()) {
            XYSeries all = chart.addSeries("evaluated models", px, py);
            all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            all.setMarker(SeriesMarkers.CIRCLE);
            all.setMarkerColor(new Color(150, 150, 150, 120));
        }
        int n = frontiers.size();
        int step = Math.max(1, (int) Math.ceil(n / (double) MAX_FRONTIERS));
        for (int s = 0; s < n; s++) {
            if (s % step != 0 && s != n - 1) {
                continue; // long searches: a dozen evenly spaced frontiers, and the last
            }
            double[] front = frontiers.get(s);
            List<Double> fx = new ArrayList<>();
            List<Double> fy = new ArrayList<>();
            for (int k = 0; k < front.length / 2; k++) {
                double x = front[2 * k];
                double y = front[2 * k + 1];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                if (!fx.isEmpty()) { // a step drawn "post": hold the previous y until the next x
                    fx.add(x);
                    fy.add(fy.get(fy.size() - 1));
                }
                fx.add(x);
                fy.add(y);
            }
            if (fx.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries("iteration " + (s + 1), fx, fy);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.CIRCLE);
            Color c = plasma(n == 1 ? 1.0 : (double) s / (n - 1));
            series.setLineColor(c);
            series.setMarkerColor(c);
            series.setShowInLegend(true);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no finite values", new double[] {0}, new double[] {0}).setShowInLegend(true);
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + file + ": " + e.getMessage(), e);
        }
    }

    /** A few stops of matplotlib's plasma colour map, interpolated: dark purple (first) to yellow (last). */
    private static Color plasma(double t) {
        int[][] stops = {{13, 8, 135}, {126, 3, 168}, {204, 71, 120}, {248, 149, 64}, {240, 249, 33}};
        double pos = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) pos, stops.length - 2);
        double f = pos - i;
        return new Color((int) Math.round(stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) Math.round(stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) Math.round(stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }
}
