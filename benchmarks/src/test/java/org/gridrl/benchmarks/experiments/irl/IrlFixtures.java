package org.gridrl.benchmarks.experiments.irl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.knowm.xchart.XYChart;

/**
 * The IRL experiments' charts and tables built from small made-up results of the shape a run
 * produces (its config's methods, feature sets, demonstration counts and seeds), through the
 * code the run calls, without running IRL.
 */
public final class IrlFixtures {

  private IrlFixtures() {
  }

  /**
   * EVD of method index {@code m} at count index {@code k} and seed {@code seed}: two-digit
   * values (the toolkit's scale, where the old table ran its columns together).
   */
  static double evd(int m, int k, long seed, boolean transfer) {
    return 11.34 - 0.5 * k + 0.25 * m + 0.01 * seed + (transfer ? 0.96 : 0);
  }

  /** The sweep's plots ({@link IrlSweep#evdCharts}) from a made-up {@code metrics.csv} in dir. */
  public static Map<String, XYChart> sweepCharts(IrlSweepConfig config, Path dir)
      throws IOException {
    try (MetricsCsv metrics = new MetricsCsv(dir.resolve("metrics.csv"))) {
      for (IrlSweep.SeedResult r : results(config)) {
        for (Map.Entry<Integer, Map<String, Double>> row : r.rows().entrySet()) {
          metrics.row(r.seed(), row.getKey(), row.getValue());
        }
      }
      return IrlSweep.evdCharts(config, metrics);
    }
  }

  /** The sweep's printed table ({@link IrlSweep#evdTable}) of made-up results. */
  public static List<String> sweepTable(IrlSweepConfig config) {
    return IrlSweep.evdTable(config, results(config)).lines();
  }

  /** irl-gridworld's printed table ({@link IrlGridWorld#agreementTable}). */
  public static List<String> gridWorldTable(IrlGridWorldConfig config) {
    Map<String, List<Double>> agreements = new LinkedHashMap<>();
    int m = 0;
    for (String method : config.methods()) {
      List<Double> perSeed = new ArrayList<>();
      for (long seed : config.seeds()) {
        perSeed.add(1.0 - 0.04 * ((m + seed) % 3));
      }
      agreements.put(method, perSeed);
      m++;
    }
    return IrlGridWorld.agreementTable(agreements).lines();
  }

  private static List<IrlSweep.SeedResult> results(IrlSweepConfig config) {
    List<IrlSweep.SeedResult> out = new ArrayList<>();
    for (long seed : config.seeds()) {
      Map<Integer, Map<String, Double>> rows = new LinkedHashMap<>();
      for (int k = 0; k < config.demoCounts().size(); k++) {
        Map<String, Double> row = new LinkedHashMap<>();
        for (String fs : config.featureSets()) {
          for (int m = 0; m < config.methods().size(); m++) {
            String method = config.methods().get(m);
            row.put(IrlSweep.column("evd_train", method, fs), evd(m, k, seed, false));
            row.put(IrlSweep.column("evd_transfer", method, fs), evd(m, k, seed, true));
            row.put(IrlSweep.column("corr", method, fs), 0.3 + 0.1 * m);
          }
        }
        rows.put(config.demoCounts().get(k), row);
      }
      out.add(new IrlSweep.SeedResult(seed, rows, Map.of(), new double[0], Map.of()));
    }
    return out;
  }

  /** Made-up seed results of a quick irl-adversarial-grid run: two-digit values, every column. */
  static List<IrlAdversarial.SeedResult> adversarialResults(IrlAdversarialConfig config) {
    List<IrlAdversarial.SeedResult> out = new ArrayList<>();
    for (long seed : config.seeds()) {
      Map<String, Double> row = new LinkedHashMap<>();
      int i = 0;
      for (String column : IrlAdversarial.columns(config)) {
        row.put(column, (i++ % 7 - 3) * 3.7 + seed);
      }
      Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();
      Map<String, double[]> references = new LinkedHashMap<>();
      for (String w : config.worlds()) {
        references.put(w, new double[] {12.5, -3.25});
        Map<String, double[]> perMethod = new LinkedHashMap<>();
        int m = 0;
        for (String method : config.methods()) {
          if (IrlAdversarial.stepsPerIteration(config, method) > 0) {
            int n = method.equals("gcl") ? config.gclIterations() : config.adversarialIterations();
            double[] y = new double[n];
            for (int t = 0; t < n; t++) {
              y[t] = -20 + 25 * (1 - Math.exp(-0.05 * (t + 1) * (m + 1)));
            }
            perMethod.put(method, y);
            m++;
          }
        }
        curves.put(w, perMethod);
      }
      out.add(new IrlAdversarial.SeedResult(seed, row, curves, references));
    }
    return out;
  }

  /** The charts a quick irl-adversarial-grid run draws from its first seed. */
  public static Map<String, XYChart> adversarialCharts(IrlAdversarialConfig config) {
    return IrlAdversarial.curveCharts(config, adversarialResults(config).get(0));
  }

  /** The table a quick irl-adversarial-grid run prints. */
  public static List<String> adversarialTable(IrlAdversarialConfig config) {
    return IrlAdversarial.resultsTable(config, adversarialResults(config)).lines();
  }

  /**
   * Made-up seed results of an irl-transfer run of the config's shape: normalised returns in
   * [−0.2, 1] on the grid, two-digit negative returns on the maze, curves of
   * {@code mazeTransferIterations} points rising from −30 towards −4.
   */
  static List<IrlTransfer.SeedResult> transferResults(IrlTransferConfig config) {
    List<IrlTransfer.SeedResult> out = new ArrayList<>();
    for (long seed : config.seeds()) {
      Map<String, Double> row = new LinkedHashMap<>();
      int i = 0;
      for (String column : IrlTransfer.columns(config)) {
        row.put(column, column.startsWith("grid/") ? 1 - 0.15 * (i++ % 9) + 0.01 * seed
            : -4 - 3.7 * (i++ % 9) - seed);
      }
      Map<String, double[]> curves = new LinkedHashMap<>();
      if (config.parts().contains("maze")) {
        int m = 0;
        for (String method : IrlTransfer.MAZE_METHODS) {
          double[] y = new double[config.mazeTransferIterations()];
          for (int t = 0; t < y.length; t++) {
            y[t] = -30 + (26 - 4 * m) * (1 - Math.exp(-0.05 * (t + 1))) - 0.1 * seed;
          }
          curves.put(method, y);
          m++;
        }
      }
      out.add(new IrlTransfer.SeedResult(seed, row, curves));
    }
    return out;
  }

  /** The charts a run of irl-transfer draws, from made-up results (metrics.csv in dir). */
  public static Map<String, XYChart> transferCharts(IrlTransferConfig config, Path dir)
      throws IOException {
    List<IrlTransfer.SeedResult> results = transferResults(config);
    try (MetricsCsv metrics = new MetricsCsv(dir.resolve("metrics.csv"))) {
      for (IrlTransfer.SeedResult r : results) {
        double[] first = r.curves().values().iterator().next();
        for (int t = 0; t < first.length; t++) {
          Map<String, Double> values = new LinkedHashMap<>();
          for (Map.Entry<String, double[]> c : r.curves().entrySet()) {
            values.put(IrlTransfer.column("maze", "curve", c.getKey()), c.getValue()[t]);
          }
          metrics.row(r.seed(), t + 1, values);
        }
      }
      return IrlTransfer.charts(config, results, metrics);
    }
  }

  /** The tables a run of irl-transfer prints (grid, then maze), from made-up results. */
  public static List<List<String>> transferTables(IrlTransferConfig config) {
    List<List<String>> tables = new ArrayList<>();
    for (var t : IrlTransfer.tables(config, transferResults(config))) {
      tables.add(t.lines());
    }
    return tables;
  }
}
