package org.gridrl.benchmarks.experiments.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Inputs for the shared table and plot tests of {@code pearl-point}. */
public final class PearlPointFixtures {

  private PearlPointFixtures() {
  }

  /** The printed table over {@link #results made-up results}. */
  public static List<String> table(PearlPointConfig config) {
    return PearlPoint.table(results(config), exact()).lines();
  }

  /** The charts over {@link #results made-up results}. */
  public static Map<String, XYChart> charts(PearlPointConfig config) {
    return PearlPoint.charts(config, results(config), exact());
  }

  /** Exact rows of the shape {@link PearlPoint#exactRows} gives, without the Monte Carlo. */
  static Map<String, double[]> exact() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("oracle", new double[] {13.4177, 1, 0});
    m.put("straight-line", new double[] {12.7, 1, 0});
    m.put("random", new double[] {0.012, 0.002, 0.004});
    m.put("zero", new double[] {0, 0, 0});
    return m;
  }

  /**
   * Made-up results for every seed: method j's return after evaluation point k of E rises to
   * (6 − 2j)·k/E + 0.1·seed, its success to (0.6 − 0.2j)·k/E, over 10 000·(j + 1)·k steps.
   */
  static Map<Long, PearlPoint.SeedResult> results(PearlPointConfig config) {
    int e = config.evaluations();
    Map<Long, PearlPoint.SeedResult> out = new LinkedHashMap<>();
    for (long seed : config.seeds()) {
      Map<String, PearlPoint.MethodRun> runs = new LinkedHashMap<>();
      for (int j = 0; j < PearlPoint.METHODS.size(); j++) {
        String method = PearlPoint.METHODS.get(j);
        PearlPoint.MethodRun run = new PearlPoint.MethodRun(method, new double[e],
            new double[e], new double[e]);
        for (int k = 1; k <= e; k++) {
          run.steps()[k - 1] = 10_000.0 * (j + 1) * k;
          run.returns()[k - 1] = (6 - 2 * j) * (double) k / e + 0.1 * seed;
          run.success()[k - 1] = (0.6 - 0.2 * j) * k / e;
        }
        runs.put(method, run);
      }
      out.put(seed, new PearlPoint.SeedResult(seed, runs));
    }
    return out;
  }
}
