package org.gridrl.benchmarks.experiments.irl;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.gridrl.benchmarks.report.ColourBar;
import org.junit.jupiter.api.Test;

class RewardHeatMapsTest {

  // irl-gridworld's true reward: 0 on the open 5x5 grid, 1 in the goal cell
  private static final double[] TRUE = new double[25];

  static {
    TRUE[24] = 1;
  }

  private static final double[] LEARNED = new double[25];

  static {
    for (int s = 0; s < 25; s++) {
      LEARNED[s] = -2.56 + (6.07 + 2.56) * s / 24.0;
    }
  }

  @Test
  void colourBars_eachPanelLabelsItsMinMiddleAndMax() {
    List<ColourBar> bars = RewardHeatMaps.colourBars(List.of(TRUE, LEARNED));
    assertThat(bars.get(0).ticks(RewardHeatMaps.BAR_INTERVALS).stream()
        .map(ColourBar.Tick::label)).containsExactly("0", "0.5", "1");
    assertThat(bars.get(1).ticks(RewardHeatMaps.BAR_INTERVALS).stream()
        .map(ColourBar.Tick::label)).containsExactly("-2.56", "1.755", "6.07");
  }

  @Test
  void render_drawsEachPanelsBarBesideIt() {
    BufferedImage img = RewardHeatMaps.render("t", 5, 5, List.of("true reward", "maxent"),
        List.of(TRUE, LEARNED));
    int cell = 40; // 5x5 cells of 40 px
    int barX = RewardHeatMaps.GAP + 5 * cell + RewardHeatMaps.BAR_GAP;
    int h = 5 * cell;
    // the bar runs from hi (top) to lo (bottom) beside the first panel; before: no bar at all
    assertThat(img.getRGB(barX + 4, RewardHeatMaps.TOP + 1))
        .isEqualTo(ColourBar.viridis(1 - 1.0 / (h - 1)).getRGB());
    assertThat(img.getRGB(barX + 4, RewardHeatMaps.TOP + h - 2))
        .isEqualTo(ColourBar.viridis(1 - (h - 2.0) / (h - 1)).getRGB());
    // the goal cell (bottom right) is the brightest of its panel
    assertThat(img.getRGB(RewardHeatMaps.GAP + 4 * cell + 20, RewardHeatMaps.TOP + 4 * cell + 20))
        .isEqualTo(ColourBar.viridis(1).getRGB());
  }
}
