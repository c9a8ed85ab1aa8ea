package org.gridrl.benchmarks.runner;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of a run (XChart; headless): every chart has a title, labelled axes with at least
 * three labelled ticks each, and a legend outside the plot (see {@link #learningCurveChart}).
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

  /** The size of every chart, in pixels. */
  static final int WIDTH = 900;
  static final int HEIGHT = 560;
  /** The smallest font a title is shrunk to. */
  static final float MIN_FONT = 9f;
  /** The name of the hidden series that fixes an axis's ticks. */
  static final String TICKS = " ticks";
  private static final Color BAND_KEY = new Color(127, 127, 127, 60);

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
   * logarithmic x axis (for x on a doubling grid, such as numbers of demonstrations).
   *
   * @param logX whether the x axis is logarithmic (non-positive x dropped)
   */
  public static void learningCurve(Path png, String title, String xLabel, String yLabel,
      List<Curve> curves, Band band, boolean logX, boolean logY) throws IOException {
    save(learningCurveChart(title, xLabel, yLabel, curves, band, logX, logY), png);
  }

  /**
   * The chart {@link #learningCurve(Path, String, String, String, List, Band, boolean, boolean)}
   * writes, built but not drawn, so that a test can read its axes and legend.
   *
   * <p>How it stays readable: the legend sits outside the plot (below it when its entries fit on
   * one line, else to the right), so it never covers a line; it names the lines, and a grey
   * entry says what the bands are ("band: min–max over N seeds; line: mean"). Every axis gets at
   * least three labelled ticks: a linear axis keeps XChart's ticks, widened around a constant
   * and given a middle value when only two values are plotted; a logarithmic y axis spans whole
   * decades, labelled at each decade when it spans two or more, else at 1, 2, …, 9 × 10^k; a
   * logarithmic x axis is labelled at the data's x values (the demonstration counts), with the
   * doubling steps between two values filled in. The title and axis titles are set in a smaller
   * font where the default one would be cut at the chart's edge.
   */
  public static XYChart learningCurveChart(String title, String xLabel, String yLabel,
      List<Curve> curves, Band band, boolean logX, boolean logY) {
    int maxSeeds = 0;
    for (Curve c : curves) {
      maxSeeds = Math.max(maxSeeds, c.ys().size());
    }
    boolean bands = band != Band.NONE && maxSeeds > 1;
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE).setAntiAlias(true);
    chart.getStyler().setPlotGridLinesVisible(true);

    List<double[][]> kept = new ArrayList<>();
    for (Curve c : curves) {
      double[][] agg = aggregate(c, band);
      double[][] k = keep(agg[0], agg[1], agg[2], agg[3], logY);
      kept.add(logX ? positiveX(k) : k);
    }
    Range xs = Range.of(kept, 0, 0);
    Range ys = Range.of(kept, 1, bands ? 3 : 1);
    if (xs.isEmpty()) { // nothing to draw: an empty frame with the titles
      XYSeries empty = chart.addSeries(TICKS, new double[] {0, 0.5, 1},
          new double[] {0, 0.5, 1});
      empty.setShowInLegend(false);
      empty.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      empty.setMarker(SeriesMarkers.NONE);
      fitTitles(chart);
      return chart;
    }

    // the hidden series that fixes the ticks goes first: XChart checks the x values for equal
    // spacing in the order the series give them
    double[] tickX = logX ? logTicks(xs.distinct()) : linearTicks(xs.distinct());
    if (tickX == null && !logX && xs.distinct().length > MANY_X) {
      // on many equally spaced x values XChart labels every k-th data value, and labels of
      // three or more digits run into each other ("101106111..."); a first series of round
      // values makes it lay out a numeric axis with round, spaced labels (0, 10, ..., 150)
      tickX = roundTicks(xs.min(), xs.max());
      // XChart would write 140000 as "1.4E5"
      chart.getStyler().setxAxisTickLabelsFormattingFunction(Plots::grouped);
    }
    double[] tickY = logY ? null : linearTicks(ys.distinct());
    if (tickX != null || tickY != null) {
      double[] hx = tickX != null ? tickX : new double[] {xs.min()};
      double[] hy = tickY != null ? tickY : new double[] {ys.min()};
      int n = Math.max(hx.length, hy.length);
      XYSeries ticks = chart.addSeries(TICKS, map(pad(hx, n), logX), pad(hy, n));
      ticks.setShowInLegend(false);
      ticks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      ticks.setMarker(SeriesMarkers.NONE);
    }
    if (logX) {
      chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> number(Math.pow(10, v)));
    }
    if (logY) {
      int lo = (int) Math.floor(Math.log10(ys.min()) + 1e-12);
      int hi = (int) Math.ceil(Math.log10(ys.max()) - 1e-12);
      hi = Math.max(hi, lo + 1);
      chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(hi - lo >= 2)
          .setYAxisMin(Math.pow(10, lo)).setYAxisMax(Math.pow(10, hi));
    }

    int colour = 0;
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      double[][] k = kept.get(i);
      Color col = PALETTE[colour++ % PALETTE.length];
      if (k[0].length == 0) {
        continue;
      }
      if (bands && c.ys().size() > 1) {
        double[][] poly = polygon(k[0], k[2], k[3]);
        XYSeries area = chart.addSeries(c.name() + " band", map(poly[0], logX), poly[1]);
        area.setShowInLegend(false);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color fill = new Color(col.getRed(), col.getGreen(), col.getBlue(), 60);
        area.setFillColor(fill);
        area.setLineColor(fill);
        area.setMarker(SeriesMarkers.NONE);
      }
      XYSeries line = chart.addSeries(c.name(), map(k[0], logX), k[1]);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setLineColor(col);
      // on a log x axis (a few doubling x values) the points themselves are the data
      line.setMarker(logX ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      line.setMarkerColor(col);
    }
    if (bands) {
      // a legend entry for the bands: an empty polygon on a data point, drawn as a grey box
      XYSeries key = chart.addSeries("band: " + (band == Band.STD ? "± std" : "min–max")
          + " over " + maxSeeds + " seeds; line: mean", map(new double[] {xs.min(), xs.min()},
          logX), new double[] {ys.min(), ys.min()});
      key.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      key.setFillColor(BAND_KEY);
      key.setLineColor(BAND_KEY);
      key.setMarker(SeriesMarkers.NONE);
    }
    placeLegend(chart);
    fitTitles(chart);
    return chart;
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

  /** Sets the legend outside the plot: below it on one line if that fits, else to its right. */
  private static void placeLegend(XYChart chart) {
    Styler st = chart.getStyler();
    FontRenderContext frc = new FontRenderContext(null, true, false);
    int pad = st.getLegendPadding();
    double row = pad;
    for (XYSeries s : chart.getSeriesMap().values()) {
      if (s.isShowInLegend()) {
        double text = st.getLegendFont().getStringBounds(s.getName(), frc).getWidth();
        row += st.getLegendSeriesLineLength() + pad + text + pad;
      }
    }
    if (row <= WIDTH - 2 * st.getChartPadding() - 60) {
      st.setLegendPosition(Styler.LegendPosition.OutsideS);
      st.setLegendLayout(Styler.LegendLayout.Horizontal);
    } else {
      st.setLegendPosition(Styler.LegendPosition.OutsideE);
      st.setLegendLayout(Styler.LegendLayout.Vertical);
    }
  }

  /**
   * Shrinks the title's and the axis titles' fonts (down to {@value #MIN_FONT} pt) where the
   * default would not fit: the title in the chart's width, the x title in the plot's width and
   * the y title in the plot's height (conservative estimates of the plot's size).
   */
  private static void fitTitles(XYChart chart) {
    XYStyler st = chart.getStyler();
    FontRenderContext frc = new FontRenderContext(null, true, false);
    double titleRoom = WIDTH - 2 * st.getChartPadding() - 10;
    Font title = st.getChartTitleFont();
    while (title.getSize2D() > MIN_FONT
        && title.getStringBounds(chart.getTitle(), frc).getWidth() > titleRoom) {
      title = title.deriveFont(title.getSize2D() - 1);
    }
    st.setChartTitleFont(title);
    double legendRight = st.getLegendPosition() == Styler.LegendPosition.OutsideE ? 300 : 0;
    double xRoom = WIDTH - 140 - legendRight;
    double yRoom = HEIGHT - 160;
    Font axis = st.getAxisTitleFont();
    while (axis.getSize2D() > MIN_FONT
        && (axis.getStringBounds(chart.getXAxisTitle(), frc).getWidth() > xRoom
        || axis.getStringBounds(chart.getYAxisTitle(), frc).getWidth() > yRoom)) {
      axis = axis.deriveFont(axis.getSize2D() - 1);
    }
    st.setAxisTitleFont(axis);
  }

  /**
   * Tick values for a linear axis whose plotted values are {@code distinct} (ascending): none
   * (XChart's own) for three or more values; the two values and their middle for two; the value
   * ± 10% of its size (± 1 for 0) for one, or for values that agree to 9 digits.
   */
  static double[] linearTicks(double[] distinct) {
    int n = distinct.length;
    double lo = distinct[0];
    double hi = distinct[n - 1];
    double size = Math.max(Math.abs(lo), Math.abs(hi));
    if (hi - lo <= 1e-9 * size || n == 1) {
      double mid = 0.5 * (lo + hi);
      double d = mid == 0 ? 1 : 0.1 * Math.abs(mid);
      return new double[] {mid - d, mid, mid + d};
    }
    return n == 2 ? new double[] {lo, 0.5 * (lo + hi), hi} : null;
  }

  /** Above this many distinct x values the x ticks are {@link #roundTicks}. */
  static final int MANY_X = 12;

  /**
   * About eight ticks at the multiples of a round step (1, 2 or 5 × 10^k) inside [lo, hi],
   * lo &lt; hi: 1..150 gives 20, 40, ..., 140.
   */
  static double[] roundTicks(double lo, double hi) {
    double raw = (hi - lo) / 8;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = 10 * magnitude;
    for (double m : new double[] {1, 2, 5}) {
      if (m * magnitude >= raw) {
        step = m * magnitude;
        break;
      }
    }
    long first = (long) Math.ceil(lo / step - 1e-9);
    long last = (long) Math.floor(hi / step + 1e-9);
    double[] t = new double[(int) (last - first + 1)];
    for (int i = 0; i < t.length; i++) {
      t[i] = (first + i) * step;
    }
    return t;
  }

  /**
   * Tick values (data units) for a logarithmic x axis whose positive values are {@code distinct}
   * (ascending): the values themselves when they are equally spaced in log x and three or more;
   * for two values a factor 2^k apart (2 ≤ k ≤ 8), the doubling steps between them, else their
   * geometric mean between them; for one value x, x/2, x and 2x; none (XChart's ticks in log x)
   * for unequally spaced values.
   */
  static double[] logTicks(double[] distinct) {
    int n = distinct.length;
    if (n == 1) {
      return new double[] {distinct[0] / 2, distinct[0], 2 * distinct[0]};
    }
    if (n == 2) {
      double octaves = Math.log(distinct[1] / distinct[0]) / Math.log(2);
      long k = Math.round(octaves);
      if (Math.abs(octaves - k) < 1e-9 && k >= 2 && k <= 8) {
        double[] t = new double[(int) k + 1];
        for (int i = 0; i <= k; i++) {
          t[i] = distinct[0] * Math.pow(2, i);
        }
        t[(int) k] = distinct[1];
        return t;
      }
      return new double[] {distinct[0], Math.sqrt(distinct[0] * distinct[1]), distinct[1]};
    }
    double step = Math.log10(distinct[1]) - Math.log10(distinct[0]);
    for (int i = 2; i < n; i++) {
      if (Math.abs(Math.log10(distinct[i]) - Math.log10(distinct[i - 1]) - step) > 1e-9) {
        return null;
      }
    }
    return distinct.clone();
  }

  /**
   * A tick label with thousands grouped when it is a whole number ("140,000"), else
   * {@link #number}.
   */
  static String grouped(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(java.util.Locale.ROOT, "%,d", (long) v);
    }
    return number(v);
  }

  /** A tick label: at most four significant digits, no trailing zeros ("8", "22.63"). */
  static String number(double v) {
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** x as plotted: log10 x on a logarithmic x axis (drawn by XChart as a linear one). */
  private static double[] map(double[] x, boolean log) {
    if (!log) {
      return x;
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.log10(x[i]);
    }
    return out;
  }

  /** a, its last value repeated up to length n. */
  private static double[] pad(double[] a, int n) {
    double[] out = Arrays.copyOf(a, n);
    Arrays.fill(out, a.length, n, a[a.length - 1]);
    return out;
  }

  /** The plotted values of some rows of {x, mean, lo, hi} arrays. */
  private record Range(double[] values) {

    static Range of(List<double[][]> arrays, int fromRow, int toRow) {
      TreeSet<Double> set = new TreeSet<>();
      for (double[][] a : arrays) {
        for (int r = fromRow; r <= toRow; r++) {
          for (double v : a[r]) {
            set.add(v);
          }
        }
      }
      return new Range(set.stream().mapToDouble(Double::doubleValue).toArray());
    }

    boolean isEmpty() {
      return values.length == 0;
    }

    double min() {
      return values[0];
    }

    double max() {
      return values[values.length - 1];
    }

    double[] distinct() {
      return values;
    }
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

  /**
   * Writes a chart as a PNG through a temporary file and an atomic rename (parent folders
   * created).
   *
   * @throws IOException if the file cannot be written
   */
  public static void save(XYChart chart, Path png) throws IOException {
    AtomicFiles.write(png, os -> BitmapEncoder.saveBitmap(chart, os,
        BitmapEncoder.BitmapFormat.PNG));
  }
}
