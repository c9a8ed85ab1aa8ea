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

  /** rl2-bandits' charts over {@link #banditResults made-up results}. */
  public static Map<String, XYChart> rl2BanditsCharts(Rl2BanditsConfig config) {
    return Rl2Bandits.charts(config, banditResults(config));
  }

  /**
   * Made-up pooled results for every cell and baseline of the config (and the oracle): 1000
   * trials, a mean of 0.7·n + 0.01·(method index), a standard deviation of 0.3·n.
   */
  static Map<String, Map<String, Pooled>> banditResults(Rl2BanditsConfig config) {
    Map<String, Map<String, Pooled>> out = new LinkedHashMap<>();
    for (Rl2Bandits.Cell c : Rl2Bandits.cells(config)) {
      Map<String, Pooled> perMethod = new LinkedHashMap<>();
      List<String> methods = new java.util.ArrayList<>(Rl2Bandits.baselines(config));
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
}
