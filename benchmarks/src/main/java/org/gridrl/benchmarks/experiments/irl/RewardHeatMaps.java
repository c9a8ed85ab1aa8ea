package org.gridrl.benchmarks.experiments.irl;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gridrl.benchmarks.runner.AtomicFiles;

/**
 * State rewards of an N×M grid (s = row·M + col) as heat maps side by side in one PNG: the true
 * reward first, then each learned one. Each panel has its own colour scale (viridis, its min to
 * its max, printed under it), since IRL recovers a reward only up to shift and scale.
 */
final class RewardHeatMaps {

  private static final float[][] VIRIDIS = {
      {0.267f, 0.005f, 0.329f}, {0.229f, 0.322f, 0.545f}, {0.128f, 0.567f, 0.551f},
      {0.369f, 0.789f, 0.383f}, {0.993f, 0.906f, 0.144f}};

  private RewardHeatMaps() {
  }

  /**
   * Writes the panels.
   *
   * @param png the file (parent folders created)
   * @param title the title line
   * @param rows N
   * @param cols M
   * @param labels one caption per panel
   * @param rewards one r(s) per panel, each of length N·M, finite. Not modified.
   */
  static void write(Path png, String title, int rows, int cols, List<String> labels,
      List<double[]> rewards) throws IOException {
    if (labels.size() != rewards.size() || rewards.isEmpty()) {
      throw new IllegalArgumentException("need one label per reward, got " + labels.size()
          + " and " + rewards.size());
    }
    int cell = Math.max(4, Math.min(40, 320 / Math.max(rows, cols)));
    int panelW = cols * cell;
    int panelH = rows * cell;
    int gap = 24;
    int top = 48;
    int bottom = 52;
    int width = gap + rewards.size() * (panelW + gap);
    int height = top + panelH + bottom;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, gap, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int p = 0; p < rewards.size(); p++) {
      double[] r = rewards.get(p);
      if (r.length != rows * cols) {
        throw new IllegalArgumentException("panel " + p + " has " + r.length + " values, not "
            + rows * cols);
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double x : r) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
      int x0 = gap + p * (panelW + gap);
      for (int row = 0; row < rows; row++) {
        for (int col = 0; col < cols; col++) {
          double t = hi > lo ? (r[row * cols + col] - lo) / (hi - lo) : 0.5;
          g.setColor(viridis(t));
          g.fillRect(x0 + col * cell, top + row * cell, cell, cell);
        }
      }
      g.setColor(Color.BLACK);
      g.drawRect(x0, top, panelW - 1, panelH - 1);
      g.drawString(labels.get(p), x0, top + panelH + 18);
      g.drawString(String.format("%.3g .. %.3g", lo, hi), x0, top + panelH + 36);
    }
    g.dispose();
    AtomicFiles.write(png, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer available for " + png);
      }
    });
  }

  private static Color viridis(double t) {
    double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int i = Math.min((int) x, VIRIDIS.length - 2);
    double f = x - i;
    float[] a = VIRIDIS[i];
    float[] b = VIRIDIS[i + 1];
    return new Color((float) (a[0] + f * (b[0] - a[0])), (float) (a[1] + f * (b[1] - a[1])),
        (float) (a[2] + f * (b[2] - a[2])));
  }
}
