package org.gridrl.benchmarks.experiments.multitask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.experiments.multitask.ConflictingToy.Variant;
import org.knowm.xchart.XYChart;

/** Inputs for the shared table and plot tests of the multi-task experiments. */
public final class MultitaskFixtures {

  private MultitaskFixtures() {
  }

  /**
   * pcgrad-toy's printed table ({@link PcGradToy#resultsTable}) over real runs of the config's
   * starts, shortened to 2000 steps per variant so the test takes milliseconds.
   */
  public static List<String> pcgradToyTable(PcGradToyConfig config) {
    PcGradToyConfig shortRun = config.withLog10Steps(2000).withGatedSteps(2000);
    Map<Long, List<PcGradToy.Run>> runs = new LinkedHashMap<>();
    for (long seed : shortRun.seeds()) {
      List<PcGradToy.Run> perSeed = new ArrayList<>();
      for (Variant v : Variant.values()) {
        for (String m : PcGradToy.METHODS) {
          perSeed.add(PcGradToy.simulate(v, m, seed, PcGradToy.start(shortRun, seed), shortRun));
        }
      }
      runs.put(seed, perSeed);
    }
    return PcGradToy.resultsTable(shortRun, runs).lines();
  }

  /** multitask-grid's printed table over {@link #multitaskGridRuns made-up runs}. */
  public static List<String> multitaskGridTable(MultitaskGridConfig config) {
    return MultitaskGrid.resultsTable(config, multitaskGridRuns(config)).lines();
  }

  /** multitask-grid's learning-curve charts over {@link #multitaskGridRuns made-up runs}. */
  public static Map<String, XYChart> multitaskGridCharts(MultitaskGridConfig config) {
    return MultitaskGrid.charts(config, multitaskGridRuns(config));
  }

  /**
   * Made-up runs of every set, method and seed of the config, shaped as the experiment's: the
   * config's iterations, T · stepsPerEnv steps each, a return rising from −0.3 towards 0.9 (NaN
   * in the first iteration, where no episode ended), two-digit scores.
   */
  static Map<String, Map<String, Map<Long, MultitaskGrid.RunResult>>> multitaskGridRuns(
      MultitaskGridConfig config) {
    Map<String, Map<String, Map<Long, MultitaskGrid.RunResult>>> runs = new LinkedHashMap<>();
    for (String set : config.taskSets()) {
      MultitaskMethodsConfig mc = config.methodsConfig(set);
      int tasks = MultitaskGrid.family(set).numTasks();
      int n = mc.iterations();
      for (int mi = 0; mi < config.methods().size(); mi++) {
        String m = config.methods().get(mi);
        for (long seed : config.seeds()) {
          double[] steps = new double[n];
          double[] ret = new double[n];
          for (int i = 0; i < n; i++) {
            steps[i] = (double) (i + 1) * tasks * mc.ppo().stepsPerEnv();
            ret[i] = i == 0 ? Double.NaN
                : 0.9 - 1.2 * Math.exp(-3.0 * i / n) - 0.05 * mi + 0.01 * seed;
          }
          runs.computeIfAbsent(set, k -> new LinkedHashMap<>())
              .computeIfAbsent(m, k -> new LinkedHashMap<>())
              .put(seed, new MultitaskGrid.RunResult(set, m, seed, steps, ret,
                  0.1 * mi + 0.01 * seed, 0.11 * mi + 0.02 * seed, 0.12 * mi - 0.01 * seed));
        }
      }
    }
    return runs;
  }
}
