package org.gridrl.benchmarks.experiments.irl;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.gridrl.benchmarks.report.ColourBar;
import org.gridrl.benchmarks.runner.AtomicFiles;

/**
 * State rewards of an N×M grid (s = row·M + col) as heat maps side by side in one PNG: the true
 * reward first, then each learned one. Each panel has its own colour scale (viridis, its min to
 * its max), since IRL recovers a reward only up to shift and scale, and its own colour bar
 * labelled at the min, the middle and the max ({@link #colourBars}).
 */
final class RewardHeatMaps {

  /** The colour bars' ticks: min, middle, max. */
  static final int BAR_INTERVALS = 2;
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final int GAP = 24;
  static final int BAR_GAP = 8;
  static final int TOP = 48;

  private RewardHeatMaps() {
  }

  /** Each panel's colour scale: from its smallest to its largest reward. */
  static List<ColourBar> colourBars(List<double[]> rewards) {
    List<ColourBar> out = new ArrayList<>();
    for (double[] r : rewards) {
      out.add(ColourBar.of(r));
    }
    return out;
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
    BufferedImage img = render(title, rows, cols, labels, rewards);
    AtomicFiles.write(png, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer available for " + png);
      }
    });
  }

  /** The panels as an image (see {@link #write}). */
  static BufferedImage render(String title, int rows, int cols, List<String> labels,
      List<double[]> rewards) {
    if (labels.size() != rewards.size() || rewards.isEmpty()) {
      throw new IllegalArgumentException("need one label per reward, got " + labels.size()
          + " and " + rewards.size());
    }
    for (int p = 0; p < rewards.size(); p++) {
      if (rewards.get(p).length != rows * cols) {
        throw new IllegalArgumentException("panel " + p + " has " + rewards.get(p).length
            + " values, not " + rows * cols);
      }
    }
    List<ColourBar> bars = colourBars(rewards);
    int cell = Math.max(4, Math.min(40, 320 / Math.max(rows, cols)));
    int panelW = cols * cell;
    int panelH = rows * cell;
    int[] x0 = new int[rewards.size()];
    int x = GAP;
    for (int p = 0; p < rewards.size(); p++) {
      x0[p] = x;
      int keyW = BAR_GAP + bars.get(p).width(BAR_INTERVALS);
      x += Math.max(panelW + keyW, ColourBar.textWidth(labels.get(p), CAPTION_FONT)) + GAP;
    }
    int top = TOP;
    int bottom = 36;
    int width = Math.max(x, 2 * GAP + ColourBar.textWidth(title, TITLE_FONT));
    int height = top + panelH + bottom;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(TITLE_FONT);
      g.drawString(title, GAP, 22);
      for (int p = 0; p < rewards.size(); p++) {
        double[] r = rewards.get(p);
        ColourBar bar = bars.get(p);
        for (int row = 0; row < rows; row++) {
          for (int col = 0; col < cols; col++) {
            g.setColor(bar.colour(r[row * cols + col]));
            g.fillRect(x0[p] + col * cell, top + row * cell, cell, cell);
          }
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0[p], top, panelW - 1, panelH - 1);
        bar.draw(g, x0[p] + panelW + BAR_GAP, top, panelH, BAR_INTERVALS, "r(s)");
        g.setColor(Color.BLACK);
        g.setFont(CAPTION_FONT);
        g.drawString(labels.get(p), x0[p], top + panelH + 18);
      }
    } finally {
      g.dispose();
    }
    return img;
  }
}
