package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What an XChart chart drew, read from its model after painting it once, not from pixels: the
 * labelled ticks of each axis, the axes', plot's and legend's bounds, and every drawn series as
 * screen-space segments. XChart keeps its axes and legend package-private, so they are read by
 * reflection (XChart 3.8.8's field and method names).
 *
 * @param title the chart title
 * @param titleFont the title's font
 * @param width the chart's width in pixels
 * @param x the x axis
 * @param y the y axis
 * @param plot the plot area's bounds
 * @param legend where the legend was drawn
 * @param segments every visible series (lines, band outlines, markers as points) in pixels
 */
public record ChartModel(String title, Font titleFont, int width, AxisModel x, AxisModel y,
    Rectangle2D plot, Rectangle2D legend, List<Line2D> segments) {

  /**
   * One axis.
   *
   * @param title the axis title
   * @param titleFont its font
   * @param labels the tick labels drawn, in order (non-null, strictly inside the axis)
   * @param bounds the axis's bounds (its length: width for x, height for y)
   */
  public record AxisModel(String title, Font titleFont, List<String> labels,
      Rectangle2D bounds) {
  }

  /** Paints {@code chart} into an image (which lays it out) and reads the model. */
  public static ChartModel of(XYChart chart) {
    BitmapEncoder.getBufferedImage(chart);
    try {
      AxisPair<?, ?> pair = (AxisPair<?, ?>) field(Chart.class, "axisPair").get(chart);
      Axis<?, ?> xAxis = pair.getXAxis();
      Method getY = AxisPair.class.getDeclaredMethod("getYAxis");
      getY.setAccessible(true);
      Axis<?, ?> yAxis = (Axis<?, ?>) getY.invoke(pair);
      Object plot = field(Chart.class, "plot").get(chart);
      Rectangle2D plotBounds = (Rectangle2D) plot.getClass().getMethod("getBounds").invoke(plot);
      Object legend = field(Chart.class, "legend").get(chart);
      Class<?> legendClass = Class.forName("org.knowm.xchart.internal.chartpart.Legend_");
      Rectangle2D size = (Rectangle2D) legendClass.getMethod("getBounds").invoke(legend);
      Rectangle2D legendBounds = new Rectangle2D.Double(
          (double) field(legendClass, "xOffset").get(legend),
          (double) field(legendClass, "yOffset").get(legend), size.getWidth(), size.getHeight());
      Font axisFont = chart.getStyler().getAxisTitleFont();
      return new ChartModel(chart.getTitle(), chart.getStyler().getChartTitleFont(),
          chart.getWidth(),
          new AxisModel(chart.getXAxisTitle(), axisFont,
              labels(xAxis.getAxisTickCalculator(), xAxis.getBounds().getWidth()),
              xAxis.getBounds()),
          new AxisModel(chart.getYAxisTitle(), axisFont,
              labels(yAxis.getAxisTickCalculator(), yAxis.getBounds().getHeight()),
              yAxis.getBounds()),
          plotBounds, legendBounds, segments(chart));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("XChart's internals changed: " + e, e);
    }
  }

  /**
   * Asserts what makes a chart read at a glance: a title; each axis titled, with at least three
   * distinct labelled ticks and a title that fits its axis; a title that fits the chart; a legend
   * outside the plot or clear of every drawn segment.
   */
  public void assertReadable() {
    FontRenderContext frc = new FontRenderContext(null, true, false);
    assertThat(title).as("chart title").isNotBlank();
    assertThat(titleFont.getStringBounds(title, frc).getWidth()).as("width of title '%s'", title)
        .isLessThanOrEqualTo(width);
    for (AxisModel a : List.of(x, y)) {
      assertThat(a.title()).as("axis title").isNotBlank();
      assertThat(new LinkedHashSet<>(a.labels())).as("tick labels of axis '%s'", a.title())
          .hasSizeGreaterThanOrEqualTo(3);
    }
    assertThat(x.titleFont().getStringBounds(x.title(), frc).getWidth())
        .as("width of x title '%s'", x.title()).isLessThanOrEqualTo(x.bounds().getWidth());
    assertThat(y.titleFont().getStringBounds(y.title(), frc).getWidth())
        .as("length of y title '%s'", y.title()).isLessThanOrEqualTo(y.bounds().getHeight());
    if (legend.intersects(plot)) {
      for (Line2D s : segments) {
        assertThat(s.intersects(legend)).as("legend %s covers the segment %s-%s", legend,
            s.getP1(), s.getP2()).isFalse();
      }
    }
  }

  /** The labels XChart draws: non-null, at a location strictly inside the axis. */
  private static List<String> labels(AxisTickCalculator calc, double length) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < calc.getTickLabels().size(); i++) {
      String label = calc.getTickLabels().get(i);
      double at = calc.getTickLocations().get(i);
      if (label != null && at > 0 && at < length) {
        out.add(label);
      }
    }
    return out;
  }

  /** Every series that draws something, as screen segments (a marker is a zero-length one). */
  private static List<Line2D> segments(XYChart chart) {
    List<Line2D> out = new ArrayList<>();
    for (Map.Entry<String, XYSeries> e : chart.getSeriesMap().entrySet()) {
      XYSeries s = e.getValue();
      boolean line = s.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.Scatter;
      boolean markers = s.getMarker() != null && s.getMarker() != SeriesMarkers.NONE;
      double[] xs = s.getXData();
      double[] ys = s.getYData();
      for (int i = 0; i < xs.length; i++) {
        double x0 = chart.getScreenXFromChart(xs[i]);
        double y0 = chart.getScreenYFromChart(ys[i]);
        if (markers) {
          out.add(new Line2D.Double(x0, y0, x0, y0));
        }
        if (line && i + 1 < xs.length) {
          out.add(new Line2D.Double(x0, y0, chart.getScreenXFromChart(xs[i + 1]),
              chart.getScreenYFromChart(ys[i + 1])));
        }
      }
    }
    return out;
  }

  private static Field field(Class<?> c, String name) throws NoSuchFieldException {
    Field f = c.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  /** The distinct labels of an axis, for messages. */
  static Set<String> distinct(List<String> labels) {
    return new LinkedHashSet<>(labels);
  }
}
