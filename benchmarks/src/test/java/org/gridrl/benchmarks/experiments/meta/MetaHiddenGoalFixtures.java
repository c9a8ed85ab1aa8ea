package org.gridrl.benchmarks.experiments.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Inputs for the shared table and plot tests of {@code meta-hidden-goal}. */
public final class MetaHiddenGoalFixtures {

  private MetaHiddenGoalFixtures() {
  }

  /** The printed table over {@link #runs made-up runs} and the exact rows. */
  public static List<String> table(MetaHiddenGoalConfig config) {
    return MetaHiddenGoal.table(MetaHiddenGoal.exactRows(MetaHiddenGoal.SETTING), runs(config))
        .lines();
  }

  /** The charts over {@link #runs made-up runs} and the exact rows. */
  public static Map<String, XYChart> charts(MetaHiddenGoalConfig config) {
    return MetaHiddenGoal.charts(config, MetaHiddenGoal.exactRows(MetaHiddenGoal.SETTING),
        runs(config));
  }

  /**
   * Made-up runs for every seed of the config, shaped as the experiment's: a trial return rising
   * from −6 towards 30, per-episode returns (3, 9, 9.5, 9.8) shifted by 0.1·seed; MAML's
   * pre- and post-update curves rising from −1.5, per-episode returns (0.5, 2 + 0.1·seed, 3,
   * 3.5); PEARL's collection curve rising from −1.5, per-episode returns (1, 4 + 0.1·seed, 6, 7).
   */
  static Map<Long, MetaHiddenGoal.RunResult> runs(MetaHiddenGoalConfig config) {
    Map<Long, MetaHiddenGoal.RunResult> runs = new LinkedHashMap<>();
    int n = config.rl2().iterations();
    for (long seed : config.seeds()) {
      double[] total = new double[n];
      double[] first = new double[n];
      double[] last = new double[n];
      for (int i = 0; i < n; i++) {
        double f = 1 - Math.exp(-4.0 * i / n);
        total[i] = -6 + 36 * f + 0.3 * seed;
        first[i] = -1.5 + 4.5 * f;
        last[i] = -1.5 + 11 * f;
      }
      int m = config.maml().algorithm().iterations();
      double[] pre = new double[m];
      double[] post = new double[m];
      for (int i = 0; i < m; i++) {
        double f = 1 - Math.exp(-4.0 * i / m);
        pre[i] = -1.5 + 2 * f;
        post[i] = -1.5 + 6 * f;
      }
      int p = config.pearl().iterations();
      double[] collect = new double[p];
      for (int i = 0; i < p; i++) {
        collect[i] = -1.5 + 5 * (1 - Math.exp(-4.0 * i / p));
      }
      runs.put(seed, new MetaHiddenGoal.RunResult(seed, total, first, last,
          new double[] {3 + 0.1 * seed, 9, 9.5, 9.8}, 0.3, pre, post,
          new double[] {0.5, 2 + 0.1 * seed, 3, 3.5}, 0.2, collect,
          new double[] {1, 4 + 0.1 * seed, 6, 7}, 0.25));
    }
    return runs;
  }
}
