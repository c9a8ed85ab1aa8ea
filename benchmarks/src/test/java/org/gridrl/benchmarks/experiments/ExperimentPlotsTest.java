package org.gridrl.benchmarks.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridrl.benchmarks.experiments.irl.IrlAdversarialConfig;
import org.gridrl.benchmarks.experiments.irl.IrlFixtures;
import org.gridrl.benchmarks.experiments.irl.IrlSweepConfig;
import org.gridrl.benchmarks.experiments.irl.IrlTransferConfig;
import org.gridrl.benchmarks.experiments.meta.MamlNavigationConfig;
import org.gridrl.benchmarks.experiments.meta.MamlNavigationFixtures;
import org.gridrl.benchmarks.experiments.meta.MetaHiddenGoalConfig;
import org.gridrl.benchmarks.experiments.meta.MetaHiddenGoalFixtures;
import org.gridrl.benchmarks.experiments.meta.MetaFixtures;
import org.gridrl.benchmarks.experiments.meta.PearlPointConfig;
import org.gridrl.benchmarks.experiments.meta.PearlPointFixtures;
import org.gridrl.benchmarks.experiments.meta.Rl2BanditsConfig;
import org.gridrl.benchmarks.experiments.meta.Rl2MdpsConfig;
import org.gridrl.benchmarks.experiments.multitask.MultitaskConflictConfig;
import org.gridrl.benchmarks.experiments.multitask.MultitaskConflictFixtures;
import org.gridrl.benchmarks.experiments.multitask.MultitaskFixtures;
import org.gridrl.benchmarks.experiments.multitask.MultitaskGridConfig;
import org.gridrl.benchmarks.experiments.pg.PgFixtures;
import org.gridrl.benchmarks.experiments.pg.PgFourRoomsConfig;
import org.gridrl.benchmarks.experiments.pg.PgPointNavigationConfig;
import org.gridrl.benchmarks.runner.ChartModel;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.core.planning.Metrics;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.XYChart;

/**
 * Every registered experiment's line charts, built as its {@code --quick} run builds them (its
 * quick config, through the same methods) from small made-up results of the same shape, read
 * from XChart's chart model: at least three labelled ticks per axis, titles that fit, a legend
 * that covers no data. The heat maps' colour bars are checked in {@code GridHeatMapTest} and
 * {@code RewardHeatMapsTest}, the printed tables in {@link ExperimentTablesTest}.
 */
class ExperimentPlotsTest {

  @TempDir
  Path dir;

  static Stream<String> names() {
    return Experiments.registry().names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void quickRunCharts_haveThreeTicksPerAxisFittingTitlesAndAFreeLegend(String name)
      throws Exception {
    Experiment<?> e = Experiments.registry().find(name).orElseThrow();
    Object quick = e.quickConfig();
    Map<String, XYChart> charts = switch (name) {
      case "quickstart" -> Map.of("convergence.png", convergence((QuickstartConfig) quick));
      case "irl-gridworld" -> Map.of(); // its one picture is the reward heat map
      case "irl-adversarial-grid" -> IrlFixtures.adversarialCharts((IrlAdversarialConfig) quick);
      case "irl-transfer" -> IrlFixtures.transferCharts((IrlTransferConfig) quick, dir);
      case "irl-objectworld", "irl-objectworld-toolkit", "irl-binaryworld" ->
          IrlFixtures.sweepCharts((IrlSweepConfig) quick, dir);
      case "pg-fourrooms" -> PgFixtures.fourRoomsCharts((PgFourRoomsConfig) quick);
      case "pg-point-navigation" ->
          PgFixtures.pointNavigationCharts((PgPointNavigationConfig) quick, dir);
      case "pcgrad-toy" -> Map.of(); // its pictures are contour plots (report.ContourPlot)
      case "multitask-grid" -> MultitaskFixtures.multitaskGridCharts((MultitaskGridConfig) quick);
      case "multitask-conflict" ->
          MultitaskConflictFixtures.charts((MultitaskConflictConfig) quick);
      case "rl2-bandits" -> MetaFixtures.rl2BanditsCharts((Rl2BanditsConfig) quick);
      case "rl2-mdps" -> MetaFixtures.rl2MdpsCharts((Rl2MdpsConfig) quick);
      case "meta-hidden-goal" -> MetaHiddenGoalFixtures.charts((MetaHiddenGoalConfig) quick);
      case "maml-navigation" -> MamlNavigationFixtures.charts((MamlNavigationConfig) quick);
      case "pearl-point" -> PearlPointFixtures.charts((PearlPointConfig) quick);
      default -> fail("no chart fixture for experiment " + name + ": add one here");
    };
    assertThat(charts.keySet()).containsExactlyInAnyOrderElementsOf(expectedFiles(name, quick));
    for (Map.Entry<String, XYChart> c : charts.entrySet()) {
      ChartModel m = ChartModel.of(c.getValue());
      m.assertReadable();
      assertThat(m.legend().intersects(m.plot())).as(c.getKey() + " legend").isFalse();
      if (quick instanceof IrlSweepConfig) { // the quick sweep's counts 8 and 64 and doublings
        assertThat(m.x().labels()).as(c.getKey()).containsExactly("8", "16", "32", "64");
      }
    }
  }

  private static List<String> expectedFiles(String name, Object quick) {
    List<String> files = new ArrayList<>();
    switch (name) {
      case "quickstart" -> files.add("convergence.png");
      case "pg-fourrooms" -> files.addAll(List.of("score.png", "episodic_return.png"));
      case "irl-adversarial-grid" -> {
        for (String w : ((IrlAdversarialConfig) quick).worlds()) {
          files.add("curves_" + w + ".png");
        }
      }
      case "pg-point-navigation" ->
          files.addAll(List.of("learning_curves_sac.png", "learning_curves_ppo.png"));
      case "irl-transfer" -> files.addAll(List.of("transfer_grid.png", "transfer_maze.png"));
      case "multitask-grid" -> {
        for (String set : ((MultitaskGridConfig) quick).taskSets()) {
          files.add("curves_" + set + ".png");
        }
      }
      case "multitask-conflict" -> {
        for (String w : ((MultitaskConflictConfig) quick).worlds()) {
          files.add("cosine_" + w + ".png");
        }
      }
      case "rl2-bandits" -> {
        for (int n : ((Rl2BanditsConfig) quick).pulls()) {
          files.addAll(List.of("z_n" + n + ".png", "rl2_training_n" + n + ".png"));
        }
      }
      case "rl2-mdps" -> files.addAll(List.of("z.png", "rl2_training.png"));
      case "meta-hidden-goal" ->
          files.addAll(List.of("learning_curve.png", "episode_returns.png",
              "maml_learning_curve.png"));
      case "maml-navigation" -> files.addAll(List.of("adaptation.png", "training.png"));
      case "pearl-point" -> files.addAll(List.of("return.png", "success.png"));
      default -> {
        if (quick instanceof IrlSweepConfig c) {
          for (String fs : c.featureSets()) {
            files.addAll(List.of("evd_" + fs + ".png", "evd_transfer_" + fs + ".png"));
          }
        }
      }
    }
    return files;
  }

  /** Residuals falling geometrically from 90 to 1e-10 over 62 sweeps (soft) and 55 (hard). */
  private XYChart convergence(QuickstartConfig config) throws Exception {
    try (MetricsCsv metrics = new MetricsCsv(dir.resolve("metrics.csv"))) {
      for (long seed : config.seeds()) {
        for (int k = 1; k <= 62; k++) {
          metrics.row(seed, k, Map.of(Metrics.RESIDUAL, 90 * Math.pow(1e-12 / 9, (k - 1) / 61.0)));
        }
      }
      double[] hard = new double[55];
      for (int k = 0; k < hard.length; k++) {
        hard[k] = 90 * Math.pow(1e-12 / 9, k / 54.0);
      }
      return Quickstart.convergenceChart(config, metrics.series(Metrics.RESIDUAL), hard);
    }
  }
}
