package org.gridrl.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import javax.imageio.ImageIO;
import org.gridrl.benchmarks.runner.AtomicFiles;

/**
 * A function of two variables as a filled heat map with iso-lines, and paths drawn over it, in
 * one or more panels side by side, drawn with Java2D into a PNG (headless). The colours are
 * viridis over the 2nd–98th percentile of f on the grid (values outside are drawn at the ends,
 * so a log singularity does not flatten the scale; a colour bar gives the values); iso-lines
 * (marching squares) are drawn in white at the colour bar's ticks and between them. Each panel
 * has labelled axes with ticks, a title, its paths (a polyline each, a dot at the start) and,
 * below the panels, a legend naming each path's label once with its colour.
 */
public final class ContourPlot {

  /** A polyline over the map: its label in the legend, its colour, its points. */
  public record Curve(String label, Color colour, double[] x, double[] y) {
  }

  /** One panel: a title and the curves drawn over the map. */
  public record Panel(String title, List<Curve> curves) {
  }

  private static final int GRID = 200;
  private static final int SIZE = 360;
  private static final int LEFT = 52;
  private static final int TOP = 56;
  private static final int GAP = 40;
  private static final int BOTTOM = 70;
  private static final int LEVELS = 16;
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font PANEL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private ContourPlot() {
  }

  /**
   * Writes the plot to {@code png} (see the class comment).
   *
   * @param title the title line
   * @param f the function, f(x, y)
   * @param range {xMin, xMax, yMin, yMax}, each pair increasing
   * @param xLabel the x axis's label
   * @param yLabel the y axis's label
   * @param caption what the colours are
   * @param panels one or more panels. Not modified.
   * @param png the file, written through a temporary file and an atomic rename
   * @throws IOException naming the file if it cannot be written
   */
  public static void write(String title, DoubleBinaryOperator f, double[] range, String xLabel,
      String yLabel, String caption, List<Panel> panels, Path png) throws IOException {
    BufferedImage img = render(title, f, range, xLabel, yLabel, caption, panels);
    AtomicFiles.write(png, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer available for " + png);
      }
    });
  }

  /** The plot as an image (see {@link #write}). */
  public static BufferedImage render(String title, DoubleBinaryOperator f, double[] range,
      String xLabel, String yLabel, String caption, List<Panel> panels) {
    if (range.length != 4 || !(range[0] < range[1]) || !(range[2] < range[3])) {
      throw new IllegalArgumentException("range must be {xMin, xMax, yMin, yMax} increasing, got "
          + Arrays.toString(range));
    }
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("panels must not be empty");
    }
    double[] z = new double[(GRID + 1) * (GRID + 1)];
    for (int j = 0; j <= GRID; j++) {
      for (int i = 0; i <= GRID; i++) {
        z[j * (GRID + 1) + i] = f.applyAsDouble(x(range, i / (double) GRID),
            y(range, j / (double) GRID));
      }
    }
    double[] sorted = Arrays.stream(z).filter(Double::isFinite).sorted().toArray();
    ColourBar bar = new ColourBar(sorted[(int) (0.02 * (sorted.length - 1))],
        sorted[(int) (0.98 * (sorted.length - 1))]);
    int n = panels.size();
    int barSpace = 90;
    int width = LEFT + n * SIZE + (n - 1) * GAP + 30 + barSpace;
    int height = TOP + SIZE + BOTTOM;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(TITLE_FONT);
    g.drawString(title, LEFT, 22);
    BufferedImage map = heatMap(z, bar);
    for (int p = 0; p < n; p++) {
      int x0 = LEFT + p * (SIZE + GAP);
      g.drawImage(map, x0, TOP, SIZE, SIZE, null);
      isoLines(g, z, bar, x0);
      drawCurves(g, panels.get(p), range, x0);
      axes(g, range, x0, xLabel, p == 0 ? yLabel : null);
      g.setColor(Color.BLACK);
      g.setFont(PANEL_FONT);
      g.drawString(panels.get(p).title(), x0, TOP - 8);
    }
    bar.draw(g, LEFT + n * SIZE + (n - 1) * GAP + 20, TOP, SIZE, 4, caption);
    legend(g, panels, height - 18);
    g.dispose();
    return img;
  }

  private static double x(double[] range, double t) {
    return range[0] + t * (range[1] - range[0]);
  }

  private static double y(double[] range, double t) {
    return range[2] + t * (range[3] - range[2]);
  }

  // row 0 of the image is the top (y max)
  private static BufferedImage heatMap(double[] z, ColourBar bar) {
    BufferedImage img = new BufferedImage(GRID + 1, GRID + 1, BufferedImage.TYPE_INT_RGB);
    double span = bar.hi() - bar.lo();
    for (int j = 0; j <= GRID; j++) {
      for (int i = 0; i <= GRID; i++) {
        double v = z[j * (GRID + 1) + i];
        double t = span == 0 ? 0.5 : (v - bar.lo()) / span;
        img.setRGB(i, GRID - j, ColourBar.viridis(t).getRGB());
      }
    }
    return img;
  }

  private static void isoLines(Graphics2D g, double[] z, ColourBar bar, int x0) {
    g.setColor(new Color(255, 255, 255, 150));
    g.setStroke(new BasicStroke(0.8f));
    double cell = SIZE / (double) GRID;
    for (int k = 0; k <= LEVELS; k++) {
      double level = bar.lo() + k * (bar.hi() - bar.lo()) / LEVELS;
      for (int j = 0; j < GRID; j++) {
        for (int i = 0; i < GRID; i++) {
          // corners counter-clockwise from bottom-left; marching squares, one or two segments
          double[] c = {z[j * (GRID + 1) + i], z[j * (GRID + 1) + i + 1],
              z[(j + 1) * (GRID + 1) + i + 1], z[(j + 1) * (GRID + 1) + i]};
          double[] cx = {i, i + 1, i + 1, i};
          double[] cy = {j, j, j + 1, j + 1};
          double[] px = new double[4];
          double[] py = new double[4];
          int m = 0;
          for (int e = 0; e < 4; e++) {
            double a = c[e];
            double b = c[(e + 1) % 4];
            if ((a < level) != (b < level) && Double.isFinite(a) && Double.isFinite(b)) {
              double t = (level - a) / (b - a);
              px[m] = cx[e] + t * (cx[(e + 1) % 4] - cx[e]);
              py[m] = cy[e] + t * (cy[(e + 1) % 4] - cy[e]);
              m++;
            }
          }
          for (int s = 0; s + 1 < m; s += 2) {
            g.drawLine(x0 + (int) Math.round(px[s] * cell),
                TOP + SIZE - (int) Math.round(py[s] * cell),
                x0 + (int) Math.round(px[s + 1] * cell),
                TOP + SIZE - (int) Math.round(py[s + 1] * cell));
          }
        }
      }
    }
  }

  private static void drawCurves(Graphics2D g, Panel panel, double[] range, int x0) {
    java.awt.Shape clip = g.getClip();
    g.setClip(x0, TOP, SIZE, SIZE);
    for (Curve c : panel.curves()) {
      Path2D.Double path = new Path2D.Double();
      for (int k = 0; k < c.x().length; k++) {
        double px = x0 + (c.x()[k] - range[0]) / (range[1] - range[0]) * SIZE;
        double py = TOP + SIZE - (c.y()[k] - range[2]) / (range[3] - range[2]) * SIZE;
        if (k == 0) {
          path.moveTo(px, py);
        } else {
          path.lineTo(px, py);
        }
      }
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(path);
      g.setColor(c.colour());
      g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(path);
      if (c.x().length > 0) {
        double sx = x0 + (c.x()[0] - range[0]) / (range[1] - range[0]) * SIZE;
        double sy = TOP + SIZE - (c.y()[0] - range[2]) / (range[3] - range[2]) * SIZE;
        g.setColor(Color.BLACK);
        g.fillOval((int) sx - 4, (int) sy - 4, 9, 9);
        double ex = x0 + (c.x()[c.x().length - 1] - range[0]) / (range[1] - range[0]) * SIZE;
        double ey = TOP + SIZE - (c.y()[c.y().length - 1] - range[2]) / (range[3] - range[2])
            * SIZE;
        g.setColor(Color.WHITE);
        g.fillOval((int) ex - 3, (int) ey - 3, 7, 7);
        g.setColor(Color.BLACK);
        g.drawOval((int) ex - 3, (int) ey - 3, 7, 7);
      }
    }
    g.setClip(clip);
  }

  private static void axes(Graphics2D g, double[] range, int x0, String xLabel, String yLabel) {
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x0, TOP, SIZE, SIZE);
    g.setFont(LABEL_FONT);
    FontMetrics fm = g.getFontMetrics();
    for (int k = 0; k <= 4; k++) {
      double t = k / 4.0;
      String xs = ColourBar.format(x(range, t));
      int px = x0 + (int) Math.round(t * SIZE);
      g.drawLine(px, TOP + SIZE, px, TOP + SIZE + 4);
      g.drawString(xs, px - fm.stringWidth(xs) / 2, TOP + SIZE + 16);
      String ys = ColourBar.format(y(range, t));
      int py = TOP + SIZE - (int) Math.round(t * SIZE);
      g.drawLine(x0 - 4, py, x0, py);
      g.drawString(ys, x0 - 6 - fm.stringWidth(ys), py + fm.getAscent() / 2 - 1);
    }
    g.drawString(xLabel, x0 + SIZE / 2 - fm.stringWidth(xLabel) / 2, TOP + SIZE + 32);
    if (yLabel != null) {
      AffineTransform saved = g.getTransform();
      g.rotate(-Math.PI / 2, 14, TOP + SIZE / 2.0);
      g.drawString(yLabel, 14 - fm.stringWidth(yLabel) / 2, TOP + SIZE / 2);
      g.setTransform(saved);
    }
  }

  private static void legend(Graphics2D g, List<Panel> panels, int baseline) {
    g.setFont(LABEL_FONT);
    FontMetrics fm = g.getFontMetrics();
    java.util.Map<String, Color> seen = new java.util.LinkedHashMap<>();
    for (Panel p : panels) {
      for (Curve c : p.curves()) {
        seen.putIfAbsent(c.label(), c.colour());
      }
    }
    int x = LEFT;
    for (var e : seen.entrySet()) {
      g.setColor(e.getValue());
      g.setStroke(new BasicStroke(3f));
      g.drawLine(x, baseline - 4, x + 22, baseline - 4);
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), x + 28, baseline);
      x += 28 + fm.stringWidth(e.getKey()) + 20;
    }
    g.drawString("black dot: start, white dot: end", x + 10, baseline);
  }
}
