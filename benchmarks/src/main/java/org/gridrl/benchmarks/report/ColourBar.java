package org.gridrl.benchmarks.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The colour scale of a heat map, value v ↦ viridis((v − lo) / (hi − lo)), and its key: a
 * vertical bar from lo (bottom, dark purple) to hi (top, yellow) with labelled ticks at lo, hi
 * and evenly between them, and a caption. When lo = hi every value gets the scale's middle
 * colour and the bar has one tick, that value.
 *
 * @param lo the value drawn darkest
 * @param hi the value drawn brightest, ≥ lo
 */
public record ColourBar(double lo, double hi) {

  /** The bar's width in pixels. */
  public static final int BAR_WIDTH = 14;
  private static final int TICK = 4;
  private static final int GAP = 4;
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
  private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
  private static final float[][] VIRIDIS = {
      {0.267f, 0.005f, 0.329f}, {0.229f, 0.322f, 0.545f}, {0.128f, 0.567f, 0.551f},
      {0.369f, 0.789f, 0.383f}, {0.993f, 0.906f, 0.144f}};

  /** Checks lo ≤ hi, both finite. */
  public ColourBar {
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
      throw new IllegalArgumentException("a colour bar needs finite lo <= hi, got " + lo + " and "
          + hi);
    }
  }

  /** The bar over the finite values of {@code values}: from their min to their max. */
  public static ColourBar of(double[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : values) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return new ColourBar(lo, hi);
  }

  /**
   * One labelled tick.
   *
   * @param value the value
   * @param label its text
   * @param fraction where it sits, 0 at lo (the bar's bottom) to 1 at hi
   */
  public record Tick(double value, String label, double fraction) {
  }

  /** The ticks: lo, hi and {@code intervals − 1} values evenly between (one tick if lo = hi). */
  public List<Tick> ticks(int intervals) {
    List<Tick> out = new ArrayList<>();
    if (lo == hi) {
      out.add(new Tick(lo, format(lo), 0.5));
      return out;
    }
    for (int k = 0; k <= intervals; k++) {
      double f = k / (double) intervals;
      double v = k == intervals ? hi : lo + f * (hi - lo);
      out.add(new Tick(v, format(v), f));
    }
    return out;
  }

  /** The colour of value v (clamped to [lo, hi]). */
  public Color colour(double v) {
    return viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5);
  }

  /** The width {@link #draw} takes (the bar, its tick marks and labels, the caption), rounded up. */
  public int width(int intervals) {
    double labels = 0;
    for (Tick t : ticks(intervals)) {
      labels = Math.max(labels, LABEL_FONT.getStringBounds(t.label(), FRC).getWidth());
    }
    return (int) Math.ceil(BAR_WIDTH + TICK + GAP + labels + GAP
        + CAPTION_FONT.getLineMetrics("V", FRC).getHeight()) + 2;
  }

  /** The width of {@code text} in {@code font}, rounded up (for laying out an image). */
  public static int textWidth(String text, Font font) {
    return (int) Math.ceil(font.getStringBounds(text, FRC).getWidth());
  }

  /**
   * Draws the key: the bar at x, from {@code top} down {@code height} pixels, the ticks' labels
   * to its right, and {@code caption} turned upright beside them.
   *
   * @param g where to draw. Modified (font, colour).
   * @param x the bar's left edge
   * @param top the bar's top (hi)
   * @param height the bar's height
   * @param intervals the ticks' intervals (see {@link #ticks})
   * @param caption what the colours are, e.g. "V(s)"
   */
  public void draw(Graphics2D g, int x, int top, int height, int intervals, String caption) {
    for (int i = 0; i < height; i++) {
      g.setColor(viridis(1.0 - i / (double) (height - 1)));
      g.fillRect(x, top + i, BAR_WIDTH, 1);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(x, top, BAR_WIDTH, height - 1);
    g.setFont(LABEL_FONT);
    FontMetrics fm = g.getFontMetrics();
    int labels = 0;
    for (Tick t : ticks(intervals)) {
      int ty = top + (int) Math.round((1 - t.fraction()) * (height - 1));
      g.drawLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + TICK, ty);
      g.drawString(t.label(), x + BAR_WIDTH + TICK + GAP, ty + fm.getAscent() / 2 - 1);
      labels = Math.max(labels, fm.stringWidth(t.label()));
    }
    g.setFont(CAPTION_FONT);
    FontMetrics cm = g.getFontMetrics();
    AffineTransform saved = g.getTransform();
    int cx = x + BAR_WIDTH + TICK + GAP + labels + GAP + cm.getAscent();
    g.rotate(-Math.PI / 2, cx, top + height / 2.0);
    g.drawString(caption, cx - cm.stringWidth(caption) / 2, top + height / 2);
    g.setTransform(saved);
  }

  /** The viridis colour at t in [0, 1] (piecewise-linear through five anchors; t clamped). */
  public static Color viridis(double t) {
    double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(u));
    double f = u - i;
    float[] a = VIRIDIS[i];
    float[] b = VIRIDIS[i + 1];
    return new Color((float) (a[0] + f * (b[0] - a[0])), (float) (a[1] + f * (b[1] - a[1])),
        (float) (a[2] + f * (b[2] - a[2])));
  }

  /** A value as a label: four significant digits without trailing zeros, or %.3g when tiny/huge. */
  public static String format(double x) {
    double ax = Math.abs(x);
    if (ax != 0 && (ax < 1e-3 || ax >= 1e5)) {
      return String.format(Locale.ROOT, "%.3g", x);
    }
    String s = String.format(Locale.ROOT, "%.4g", x);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.equals("-0") ? "0" : s;
  }
}
