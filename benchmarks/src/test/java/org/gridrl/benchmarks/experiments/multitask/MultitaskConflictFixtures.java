package org.gridrl.benchmarks.experiments.multitask;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Inputs for the shared table and plot tests of {@code multitask-conflict}. */
public final class MultitaskConflictFixtures {

  private MultitaskConflictFixtures() {
  }

  /** The printed results table over {@link #runs made-up runs}. */
  public static List<String> resultsTable(MultitaskConflictConfig config) {
    Map<String, Double> bounds = new LinkedHashMap<>();
    for (String w : config.worlds()) {
      bounds.put(w, 0.8 - 0.01 * bounds.size());
    }
    return MultitaskConflict.resultsTable(config, runs(config), bounds).lines();
  }

  /** The printed cosine table over {@link #runs made-up runs}. */
  public static List<String> cosineTable(MultitaskConflictConfig config) {
    return MultitaskConflict.cosineTable(config, runs(config)).lines();
  }

  /** The cosine charts over {@link #runs made-up runs}. */
  public static Map<String, XYChart> charts(MultitaskConflictConfig config) {
    return MultitaskConflict.charts(config, runs(config));
  }

  /**
   * Made-up runs of every world, run and seed of the config, shaped as the experiment's: the
   * cosine runs' cosines drifting from −0.3 towards 0.1 (NaN in the first iteration for one seed),
   * the others' all NaN; two-digit per-task scores.
   */
  static Map<String, Map<String, Map<Long, MultitaskConflict.RunResult>>> runs(
      MultitaskConflictConfig config) {
    Map<String, Map<String, Map<Long, MultitaskConflict.RunResult>>> runs = new LinkedHashMap<>();
    int n = config.methodsConfig().iterations();
    List<String> names = MultitaskConflict.runNames(config);
    for (String w : config.worlds()) {
      for (int mi = 0; mi < names.size(); mi++) {
        String m = names.get(mi);
        for (long seed : config.seeds()) {
          double[] cos = new double[n];
          double[] conflict = new double[n];
          for (int i = 0; i < n; i++) {
            boolean logged = MultitaskConflict.logsCosine(m) && !(i == 0 && seed == 1);
            cos[i] = logged ? 0.1 - 0.4 * Math.exp(-3.0 * i / n) + 0.02 * mi + 0.01 * seed
                : Double.NaN;
            conflict[i] = logged ? (cos[i] < 0 ? 1 : 0) : Double.NaN;
          }
          runs.computeIfAbsent(w, k -> new LinkedHashMap<>())
              .computeIfAbsent(m, k -> new LinkedHashMap<>())
              .put(seed, new MultitaskConflict.RunResult(w, m, seed, cos, conflict,
                  new double[] {0.9 - 0.1 * mi, 0.1 * mi + 0.01 * seed},
                  new double[] {0.95 - 0.1 * mi, 0.12 * mi}, new double[] {1, mi % 2}));
        }
      }
    }
    return runs;
  }
}
