package org.gridrl.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.gridrl.benchmarks.experiments.QuickstartConfig;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.Solution;
import org.gridrl.envs.tabular.GridWorld;
import org.junit.jupiter.api.Test;

class GridHeatMapTest {

  @Test
  void colourBar_quickstartSoftValues_labelsTheNonTerminalMinQuartersAndMax() {
    QuickstartConfig config = QuickstartConfig.quick();
    GridWorld world = GridWorld.bundled(config.map(), config.gridOptions());
    Solution soft = SoftValueIteration.solve(world.mdp(), config.planning());
    // the labels of heatmap_soft.png's bar (before and after issue 11: V from 26.27 to 98.2)
    assertThat(GridHeatMap.colourBar(world, soft.v()).ticks(GridHeatMap.BAR_INTERVALS).stream()
        .map(ColourBar.Tick::label)).containsExactly("26.27", "44.25", "62.24", "80.22", "98.2");
  }

  @Test
  void render_smallMap_isWideEnoughForItsKeyLine() {
    GridWorld world = GridWorld.bundled("open5", GridWorld.Options.defaults());
    Solution soft = SoftValueIteration.solve(world.mdp());
    BufferedImage img = GridHeatMap.render(world, soft.v(), soft.policy(), "open5");
    // before: 520 pixels wide, the key line cut at the right edge
    assertThat(img.getWidth()).isGreaterThanOrEqualTo(
        2 * 24 + ColourBar.textWidth(GridHeatMap.KEY, GridHeatMap.KEY_FONT));
  }
}
