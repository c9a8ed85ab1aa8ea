package org.gridrl.benchmarks.runner;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of a run (XChart; headless): every chart has a title, labelled axes and a legend.
 *
 * <p>{@link #learningCurve} draws, for each curve, the mean across seeds as a line and the spread
 * across seeds as a shaded band (min–max, or mean ± sample std). Seeds are aligned by point index
 * (the x values are those of the longest seed); where a seed has ended, it no longer contributes.
 * With one seed there is no band. On a log y axis, points with mean ≤ 0 are dropped and the band's
 * lower edge is clamped to the smallest positive value.
 */
public final class Plots {

  /** The spread drawn around a mean curve. */
  public enum Band {
    /** No band. */
    NONE,
    /** From the smallest to the largest seed's value. */
    MIN_MAX,
    /** Mean ± the sample standard deviation across seeds. */
    STD
  }

  /**
   * One named curve: one (x, y) series per seed.
   *
   * @param name the legend label
   * @param xs one x array per seed
   * @param ys one y array per seed, each as long as its x array
   */
  public record Curve(String name, List<double[]> xs, List<double[]> ys) {

    /** Checks the shapes. */
    public Curve {
      if (xs.size() != ys.size() || xs.isEmpty()) {
        throw new IllegalArgumentException("curve '" + name + "' needs one x and one y array per"
            + " seed, got " + xs.size() + " and " + ys.size());
      }
      for (int i = 0; i < xs.size(); i++) {
        if (xs.get(i).length != ys.get(i).length) {
          throw new IllegalArgumentException("curve '" + name + "' seed " + i + ": x has "
              + xs.get(i).length + " points, y has " + ys.get(i).length);
        }
      }
      xs = List.copyOf(xs);
      ys = List.copyOf(ys);
    }

    /** A curve from one metric's per-seed series as {@link MetricsCsv#series} gives them. */
    public static Curve of(String name, Map<Long, MetricsCsv.Series> perSeed) {
      List<double[]> xs = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      for (MetricsCsv.Series s : perSeed.values()) {
        xs.add(s.x());
        ys.add(s.y());
      }
      return new Curve(name, xs, ys);
    }

    /** A single-seed curve. */
    public static Curve single(String name, double[] x, double[] y) {
      return new Curve(name, List.of(x), List.of(y));
    }
  }

  private static final Color[] PALETTE = {
      new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
      new Color(227, 119, 194), new Color(127, 127, 127)};

  private Plots() {
  }

  /**
   * Writes a learning-curve plot: mean line and spread band per curve.
   *
   * @param png the file to write (a PNG, 900×560)
   * @param title the chart title
   * @param xLabel the x-axis label
   * @param yLabel the y-axis label
   * @param curves the curves. Not modified.
   * @param band the spread to shade
   * @param logY whether the y axis is logarithmic
   * @throws IOException if the file cannot be written
   */
  public static void learningCurve(Path png, String title, String xLabel, String yLabel,
      List<Curve> curves, Band band, boolean logY) throws IOException {
    learningCurve(png, title, xLabel, yLabel, curves, band, false, logY);
  }

  /**
   * {@link #learningCurve(Path, String, String, String, List, Band, boolean)} with a choice of
   * logarithmic x axis (for x on a doubling grid, such as numbers of demonstrations). The legend
   * names the lines only; the y-axis label says what they and the bands are ("mean, band:
   * min–max over N seeds"). With more than four lines the legend moves outside, to the right, so
   * it never hides a curve.
   *
   * @param logX whether the x axis is logarithmic (non-positive x dropped)
   */
  public static void learningCurve(Path png, String title, String xLabel, String yLabel,
      List<Curve> curves, Band band, boolean logX, boolean logY) throws IOException {
    int maxSeeds = 0;
    for (Curve c : curves) {
      maxSeeds = Math.max(maxSeeds, c.ys().size());
    }
    String yTitle = band == Band.NONE || maxSeeds < 2 ? yLabel : yLabel + " (mean; band: "
        + (band == Band.STD ? "± std" : "min–max") + " over " + maxSeeds + " seeds)";
    XYChart chart = newChart(title, xLabel, yTitle, logY);
    chart.getStyler().setXAxisLogarithmic(logX);
    if (curves.size() > 4) {
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    }
    int colour = 0;
    for (Curve c : curves) {
      Color col = PALETTE[colour++ % PALETTE.length];
      double[][] agg = aggregate(c, band);
      double[][] kept = keep(agg[0], agg[1], agg[2], agg[3], logY);
      if (logX) {
        kept = positiveX(kept);
      }
      if (kept[0].length == 0) {
        continue;
      }
      int seeds = c.ys().size();
      if (band != Band.NONE && seeds > 1) {
        double[][] poly = polygon(kept[0], kept[2], kept[3]);
        XYSeries area = chart.addSeries(c.name() + " band", poly[0], poly[1]);
        area.setShowInLegend(false);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color fill = new Color(col.getRed(), col.getGreen(), col.getBlue(), 60);
        area.setFillColor(fill);
        area.setLineColor(fill);
        area.setMarker(SeriesMarkers.NONE);
      }
      XYSeries line = chart.addSeries(c.name(), kept[0], kept[1]);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setLineColor(col);
      // on a log x axis (a few doubling x values) the points themselves are the data
      line.setMarker(logX ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      line.setMarkerColor(col);
    }
    save(chart, png);
  }

  /**
   * The curve's seeds aligned by index: {x, mean, lo, hi}, x from the longest seed; at each index
   * the seeds that reach it give the mean and the band (min–max, or mean ± sample std with 0 for
   * one seed; lo = hi = mean for {@link Band#NONE}).
   */
  static double[][] aggregate(Curve c, Band band) {
    int longest = 0;
    for (int i = 1; i < c.xs().size(); i++) {
      if (c.xs().get(i).length > c.xs().get(longest).length) {
        longest = i;
      }
    }
    double[] x = c.xs().get(longest);
    int n = x.length;
    double[] mean = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int count = 0;
      for (double[] y : c.ys()) {
        if (i < y.length) {
          sum += y[i];
          min = Math.min(min, y[i]);
          max = Math.max(max, y[i]);
          count++;
        }
      }
      mean[i] = sum / count;
      if (band == Band.STD) {
        double ss = 0;
        for (double[] y : c.ys()) {
          if (i < y.length) {
            ss += (y[i] - mean[i]) * (y[i] - mean[i]);
          }
        }
        double sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
        lo[i] = mean[i] - sd;
        hi[i] = mean[i] + sd;
      } else if (band == Band.MIN_MAX) {
        lo[i] = min;
        hi[i] = max;
      } else {
        lo[i] = mean[i];
        hi[i] = mean[i];
      }
    }
    return new double[][] {x, mean, lo, hi};
  }

  /**
   * Writes a line plot of one or more named (x, y) series.
   *
   * @param png the file to write
   * @param title the chart title
   * @param xLabel the x-axis label
   * @param yLabel the y-axis label
   * @param series name → {x, y}. Not modified.
   * @param logY whether the y axis is logarithmic (non-positive points dropped)
   * @throws IOException if the file cannot be written
   */
  public static void lines(Path png, String title, String xLabel, String yLabel,
      Map<String, double[][]> series, boolean logY) throws IOException {
    List<Curve> curves = new ArrayList<>();
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      curves.add(Curve.single(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }
    learningCurve(png, title, xLabel, yLabel, curves, Band.NONE, logY);
  }

  private static XYChart newChart(String title, String xLabel, String yLabel, boolean logY) {
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE)
        .setChartBackgroundColor(Color.WHITE).setAntiAlias(true);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setPlotGridLinesVisible(true);
    return chart;
  }

  /** Drops points a log axis cannot show; returns {x, mean, lo, hi}. */
  private static double[][] keep(double[] x, double[] mean, double[] lo, double[] hi,
      boolean logY) {
    if (!logY) {
      return new double[][] {x, mean, lo, hi};
    }
    double minPositive = Double.POSITIVE_INFINITY;
    int m = 0;
    for (int i = 0; i < x.length; i++) {
      if (mean[i] > 0) {
        m++;
        minPositive = Math.min(minPositive, lo[i] > 0 ? lo[i] : mean[i]);
      }
    }
    double[][] out = new double[4][m];
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      if (mean[i] > 0) {
        out[0][j] = x[i];
        out[1][j] = mean[i];
        out[2][j] = lo[i] > 0 ? lo[i] : minPositive;
        out[3][j] = hi[i];
        j++;
      }
    }
    return out;
  }

  /** Keeps the points with x &gt; 0 of {x, mean, lo, hi}. */
  private static double[][] positiveX(double[][] a) {
    int m = 0;
    for (double x : a[0]) {
      m += x > 0 ? 1 : 0;
    }
    double[][] out = new double[4][m];
    for (int i = 0, j = 0; i < a[0].length; i++) {
      if (a[0][i] > 0) {
        for (int r = 0; r < 4; r++) {
          out[r][j] = a[r][i];
        }
        j++;
      }
    }
    return out;
  }

  private static double[][] polygon(double[] x, double[] lo, double[] hi) {
    int n = x.length;
    double[] px = new double[2 * n];
    double[] py = new double[2 * n];
    for (int i = 0; i < n; i++) {
      px[i] = x[i];
      py[i] = hi[i];
      px[2 * n - 1 - i] = x[i];
      py[2 * n - 1 - i] = lo[i];
    }
    return new double[][] {px, py};
  }

  private static void save(XYChart chart, Path png) throws IOException {
    AtomicFiles.write(png, os -> BitmapEncoder.saveBitmap(chart, os,
        BitmapEncoder.BitmapFormat.PNG));
  }
}
