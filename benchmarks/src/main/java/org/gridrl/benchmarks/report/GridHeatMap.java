package org.gridrl.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.envs.tabular.GridWorld;

/**
 * A grid world's state values as a heat map with policy arrows, drawn with Java2D into a PNG
 * (headless). Each free cell is coloured by V(s) on the viridis scale (a colour bar on the right
 * gives the values: {@link #colourBar}, labelled at its min, quarters and max); each non-terminal cell carries an arrow for its most probable action under
 * π, whose length grows with that action's probability (a near-uniform soft policy has short
 * arrows), or a ring for "stay". Walls are dark grey, start cells are marked S; terminal cells
 * (V = 0 by convention) are light grey, marked G (goal) or T, and kept off the colour scale so
 * they do not flatten it.
 */
public final class GridHeatMap {

  private static final Color WALL = new Color(64, 64, 64);
  private static final Color BACKGROUND = Color.WHITE;
  private static final Color TERMINAL = new Color(235, 235, 235);
  /** The colour bar's ticks: lo, the quarters and hi. */
  static final int BAR_INTERVALS = 4;
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font KEY_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final String KEY = "arrow: most probable action (longer = more probable);"
      + " ring: stay; G goal (terminal, V = 0), S start, dark grey wall";

  private GridHeatMap() {
  }

  /**
   * Writes the heat map of {@code v} with the arrows of {@code pi} to {@code png}.
   *
   * @param world the grid. Not modified.
   * @param v V(s), length S, finite. Not modified.
   * @param pi the policy whose arrows are drawn, S×A. Not modified.
   * @param title the title line
   * @param png the file to write (parent folders created), through a temporary file and an
   *     atomic rename ({@link AtomicFiles}); a directory of that name is refused, not replaced
   * @throws IOException naming the file if it cannot be written
   */
  public static void write(GridWorld world, double[] v, TabularPolicy pi, String title, Path png)
      throws IOException {
    BufferedImage img = render(world, v, pi, title);
    AtomicFiles.write(png, out -> { // never ImageIO.write(File), which deletes an empty folder
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer available for " + png);
      }
    });
  }

  /** The heat map as an image (see {@link #write}). */
  public static BufferedImage render(GridWorld world, double[] v, TabularPolicy pi, String title) {
    int numStates = world.numStates();
    if (v.length != numStates || pi.numStates() != numStates) {
      throw new IllegalArgumentException("v and pi must cover the world's S = " + numStates
          + " states, got " + v.length + " and " + pi.numStates());
    }
    ColourBar bar = colourBar(world, v);
    boolean[] terminal = world.terminals();
    double lo = bar.lo();
    double hi = bar.hi();
    int rows = world.height();
    int cols = world.width();
    int cell = Math.max(12, Math.min(48, 600 / Math.max(rows, cols)));
    int left = 24;
    int top = 56;
    int right = 24 + bar.width(BAR_INTERVALS) + 12;
    int bottom = 44;
    int gridW = cols * cell;
    int gridH = rows * cell;
    String subtitle = String.format(Locale.ROOT,
        "V(s) per cell, %d states; non-terminal V from %s to %s", numStates, fmt(lo), fmt(hi));
    // wide enough for the grid and its colour bar, and for every line of text
    int width = Math.max(left + gridW + right, 2 * left + Math.max(
        ColourBar.textWidth(title, TITLE_FONT), Math.max(ColourBar.textWidth(subtitle,
            SUBTITLE_FONT), ColourBar.textWidth(KEY, KEY_FONT))));
    int height = top + Math.max(gridH, 200) + bottom;

    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);

      g.setColor(Color.BLACK);
      g.setFont(TITLE_FONT);
      g.drawString(title, left, 24);
      g.setFont(SUBTITLE_FONT);
      g.drawString(subtitle, left, 42);

      int numActions = pi.numActions();
      Font letter = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, cell * 3 / 5));
      Font small = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, cell / 3));
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          int x = left + c * cell;
          int y = top + r * cell;
          if (world.isWall(r, c)) {
            g.setColor(WALL);
            g.fillRect(x, y, cell, cell);
            continue;
          }
          int s = world.stateAt(r, c);
          char ch = world.cell(r, c);
          if (terminal[s]) {
            g.setColor(TERMINAL);
            g.fillRect(x, y, cell, cell);
            drawCentered(g, ch == 'G' ? "G" : "T", letter, Color.BLACK, x, y, cell);
            continue;
          }
          Color fill = bar.colour(v[s]);
          g.setColor(fill);
          g.fillRect(x, y, cell, cell);
          Color ink = luminance(fill) > 0.5 ? Color.BLACK : Color.WHITE;
          int a = pi.greedyAction(s);
          double p = pi.probability(s, a);
          drawAction(g, a, numActions, p, ink, x, y, cell);
          if (ch == 'S') {
            g.setFont(small);
            g.setColor(ink);
            g.drawString("S", x + 2, y + g.getFontMetrics().getAscent());
          }
        }
      }
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(left, top, gridW, gridH);

      bar.draw(g, left + gridW + 24, top, Math.max(gridH, 200) - 10, BAR_INTERVALS, "V(s)");

      g.setColor(Color.DARK_GRAY);
      g.setFont(KEY_FONT);
      g.drawString(KEY, left, top + Math.max(gridH, 200) + 24);
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void drawCentered(Graphics2D g, String text, Font font, Color ink, int x, int y,
      int cell) {
    g.setFont(font);
    g.setColor(ink);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(text, x + (cell - fm.stringWidth(text)) / 2,
        y + (cell - fm.getHeight()) / 2 + fm.getAscent());
  }

  /** An arrow from the cell centre in direction a (0 N, 1 E, 2 S, 3 W), or a ring for stay. */
  private static void drawAction(Graphics2D g, int a, int numActions, double p, Color ink, int x,
      int y, int cell) {
    double cx = x + cell / 2.0;
    double cy = y + cell / 2.0;
    float stroke = Math.max(1.2f, cell / 14f);
    g.setColor(ink);
    g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    double uniform = 1.0 / numActions;
    double strength = Math.max(0, Math.min(1, (p - uniform) / (1 - uniform)));
    double half = cell * (0.16 + 0.24 * strength);
    if (a == 4) {
      double rad = cell * 0.12 + cell * 0.08 * strength;
      g.draw(new Ellipse2D.Double(cx - rad, cy - rad, 2 * rad, 2 * rad));
      return;
    }
    double dx = a == 1 ? 1 : a == 3 ? -1 : 0;
    double dy = a == 2 ? 1 : a == 0 ? -1 : 0;
    double tipX = cx + dx * half;
    double tipY = cy + dy * half;
    Path2D.Double line = new Path2D.Double();
    line.moveTo(cx - dx * half, cy - dy * half);
    line.lineTo(tipX, tipY);
    g.draw(line);
    double head = Math.max(3, cell * 0.16);
    Path2D.Double tip = new Path2D.Double();
    tip.moveTo(tipX + dx * head * 0.4, tipY + dy * head * 0.4);
    tip.lineTo(tipX - dx * head + dy * head * 0.7, tipY - dy * head + dx * head * 0.7);
    tip.lineTo(tipX - dx * head - dy * head * 0.7, tipY - dy * head - dx * head * 0.7);
    tip.closePath();
    g.fill(tip);
  }

  /**
   * The colour scale of {@link #render}: from the smallest to the largest V(s) over the
   * non-terminal states (terminals have V = 0 by convention and are kept off the scale, so they
   * do not flatten it); 0 to 0 when every state is terminal.
   *
   * @param world the grid. Not modified.
   * @param v V(s), length S, finite. Not modified.
   * @throws IllegalArgumentException if v has the wrong length or a non-finite value
   */
  public static ColourBar colourBar(GridWorld world, double[] v) {
    if (v.length != world.numStates()) {
      throw new IllegalArgumentException("v must cover the world's S = " + world.numStates()
          + " states, got " + v.length);
    }
    boolean[] terminal = world.terminals();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < v.length; s++) {
      if (!Double.isFinite(v[s])) {
        throw new IllegalArgumentException("v must be finite, got " + v[s] + " at state " + s);
      }
      if (!terminal[s]) {
        lo = Math.min(lo, v[s]);
        hi = Math.max(hi, v[s]);
      }
    }
    return lo > hi ? new ColourBar(0, 0) : new ColourBar(lo, hi);
  }

  private static double luminance(Color c) {
    return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
  }

  private static String fmt(double x) {
    return ColourBar.format(x);
  }
}
