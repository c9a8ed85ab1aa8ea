package org.gridrl.benchmarks.experiments.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.experiments.meta.TrialMethods.Pooled;
import org.knowm.xchart.XYChart;

/** Inputs for the shared table and plot tests of the meta-RL experiments. */
public final class MetaFixtures {

  private MetaFixtures() {
  }

  /** rl2-bandits' printed tables over {@link #banditResults made-up results}. */
  public static List<String> rl2BanditsTable(Rl2BanditsConfig config) {
    return Rl2Bandits.paperTable(config, banditResults(config)).lines();
  }

  /** rl2-bandits' charts over {@link #banditResults made-up results} and training curves. */
  public static Map<String, XYChart> rl2BanditsCharts(Rl2BanditsConfig config) {
    Map<String, XYChart> out = new LinkedHashMap<>(Rl2Bandits.charts(config,
        banditResults(config)));
    Map<String, PublishedTable.TrainedRl2> rl2 = new LinkedHashMap<>();
    for (Rl2Bandits.Cell c : Rl2Bandits.cells(config)) {
      rl2.put(c.key(), trained(config.rl2Iterations(c.pulls()), 0.6 * c.pulls(),
          0.75 * c.pulls()));
    }
    out.putAll(Rl2Bandits.trainingCharts(config, rl2));
    return out;
  }

  /**
   * A made-up trained RL² with a learning curve rising linearly from {@code from} to {@code to}
   * over its iterations (no network: only the chart reads it).
   */
  static PublishedTable.TrainedRl2 trained(int iterations, double from, double to) {
    double[] curve = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      curve[i] = from + (to - from) * i / Math.max(1, iterations - 1);
    }
    return new PublishedTable.TrainedRl2(null, iterations, 100L * iterations, 1.0, curve, "");
  }

  /**
   * Made-up pooled results for every cell and method of the config (RL² included) (and the oracle): 1000
   * trials, a mean of 0.7·n + 0.01·(method index), a standard deviation of 0.3·n.
   */
  static Map<String, Map<String, Pooled>> banditResults(Rl2BanditsConfig config) {
    Map<String, Map<String, Pooled>> out = new LinkedHashMap<>();
    for (Rl2Bandits.Cell c : Rl2Bandits.cells(config)) {
      Map<String, Pooled> perMethod = new LinkedHashMap<>();
      List<String> methods = new java.util.ArrayList<>(config.methods());
      methods.add("oracle");
      for (int i = 0; i < methods.size(); i++) {
        double mean = 0.7 * c.pulls() + 0.01 * i;
        double sd = 0.3 * c.pulls();
        double m = 1000;
        perMethod.put(methods.get(i), new Pooled(m, m * mean, (m - 1) * sd * sd + m * mean * mean));
      }
      out.put(c.key(), perMethod);
    }
    return out;
  }

  /** rl2-mdps' printed table over {@link #mdpResults made-up results}. */
  public static List<String> rl2MdpsTable(Rl2MdpsConfig config) {
    return Rl2Mdps.paperTable(config, mdpResults(config)).lines();
  }

  /** rl2-mdps' charts over {@link #mdpResults made-up results} and training curves. */
  public static Map<String, XYChart> rl2MdpsCharts(Rl2MdpsConfig config) {
    Map<String, XYChart> out = new LinkedHashMap<>(Rl2Mdps.charts(config, mdpResults(config)));
    Map<String, PublishedTable.TrainedRl2> rl2 = new LinkedHashMap<>();
    for (Rl2Mdps.Cell c : Rl2Mdps.cells(config)) {
      rl2.put(c.key(), trained(config.rl2Iterations(c.episodes()), 10.0 * c.episodes(),
          15.0 * c.episodes()));
    }
    out.putAll(Rl2Mdps.trainingCharts(config, rl2));
    return out;
  }

  /**
   * Made-up pooled results for every cell and method, RL² included (and the oracle): 400 trials, a mean of
   * 15·n + 0.5·(method index), a standard deviation of 3·n.
   */
  static Map<String, Map<String, Pooled>> mdpResults(Rl2MdpsConfig config) {
    Map<String, Map<String, Pooled>> out = new LinkedHashMap<>();
    for (Rl2Mdps.Cell c : Rl2Mdps.cells(config)) {
      Map<String, Pooled> perMethod = new LinkedHashMap<>();
      List<String> methods = new java.util.ArrayList<>(config.methods());
      methods.add("oracle");
      for (int i = 0; i < methods.size(); i++) {
        double mean = 15.0 * c.episodes() + 0.5 * i;
        double sd = 3.0 * c.episodes();
        double m = 400;
        perMethod.put(methods.get(i), new Pooled(m, m * mean, (m - 1) * sd * sd + m * mean * mean));
      }
      out.put(c.key(), perMethod);
    }
    return out;
  }
}
