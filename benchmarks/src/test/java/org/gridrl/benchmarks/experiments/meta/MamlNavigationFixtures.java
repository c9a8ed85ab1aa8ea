package org.gridrl.benchmarks.experiments.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Inputs for the shared table and plot tests of {@code maml-navigation}. */
public final class MamlNavigationFixtures {

  private MamlNavigationFixtures() {
  }

  /** The printed table over {@link #results made-up results}. */
  public static List<String> table(MamlNavigationConfig config) {
    return MamlNavigation.table(config, results(config), -0.51).lines();
  }

  /** The charts over {@link #results made-up results}. */
  public static Map<String, XYChart> charts(MamlNavigationConfig config) {
    return MamlNavigation.charts(config, results(config), -0.51);
  }

  /**
   * Made-up results for every seed of the config, shaped as the experiment's: method m (index
   * j) starts at −40 − 10 j and gains (30 − 8 j)·(1 − 2^−k) after k steps, shifted by 0.5·seed;
   * training curves rising from −70 to −20 − 10 j.
   */
  static Map<Long, MamlNavigation.SeedResult> results(MamlNavigationConfig config) {
    int steps = config.maml().testSteps();
    int iterations = config.maml().iterations();
    Map<Long, MamlNavigation.SeedResult> out = new LinkedHashMap<>();
    for (long seed : config.seeds()) {
      Map<String, MamlNavigation.MethodRun> runs = new LinkedHashMap<>();
      for (int j = 0; j < MamlNavigation.METHODS.size(); j++) {
        String method = MamlNavigation.METHODS.get(j);
        double[] mean = new double[steps + 1];
        double[] se = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
          mean[k] = -40 - 10 * j + (30 - 8 * j) * (1 - Math.pow(2, -k)) + 0.5 * seed;
          se[k] = 1.5;
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (String col : MamlNavigation.curveColumns().get(method)) {
          double[] c = new double[iterations];
          for (int i = 0; i < iterations; i++) {
            c[i] = -70 + (50 - 10 * j) * i / Math.max(1.0, iterations - 1) + 0.3 * seed;
          }
          curves.put(col, c);
        }
        runs.put(method, new MamlNavigation.MethodRun(method, curves, mean, se));
      }
      out.put(seed, new MamlNavigation.SeedResult(seed, runs));
    }
    return out;
  }
}
