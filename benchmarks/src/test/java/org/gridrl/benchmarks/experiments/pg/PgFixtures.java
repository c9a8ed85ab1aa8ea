package org.gridrl.benchmarks.experiments.pg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.core.pg.Metrics;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.envs.continuous.PointNavigation;
import org.knowm.xchart.XYChart;

/**
 * The policy-gradient experiments' charts and tables built from small made-up results of the
 * shape a run produces (its config's algorithms, iterations, evaluation steps and seeds),
 * through the code the run calls, without training.
 */
public final class PgFixtures {

  private PgFixtures() {
  }

  /** pg-fourrooms' plots ({@link PgFourRooms#charts}). */
  public static Map<String, XYChart> fourRoomsCharts(PgFourRoomsConfig config) {
    return PgFourRooms.charts(config, fourRoomsResults(config));
  }

  /** pg-fourrooms' printed table ({@link PgFourRooms#resultsTable}). */
  public static List<String> fourRoomsTable(PgFourRoomsConfig config) {
    return PgFourRooms.resultsTable(config, fourRoomsResults(config)).lines();
  }

  /** pg-point-navigation's plots ({@link PgPointNavigation#charts}), metrics.csv in dir. */
  public static Map<String, XYChart> pointNavigationCharts(PgPointNavigationConfig config,
      Path dir) throws IOException {
    double optimal = PointNavigation.optimalReturn(config.goal());
    try (MetricsCsv metrics = new MetricsCsv(dir.resolve("metrics.csv"))) {
      for (long seed : config.seeds()) {
        // SAC evaluated every 250 steps, PPO after each 1024-step iteration: suboptimality from
        // about 50 down to about 0.005
        for (int k = 1; k <= 16; k++) {
          metrics.row(seed, 250L * k, Map.of("sac/" + Metrics.EVAL_RETURN,
              optimal - 50 * Math.pow(0.55, k) - 0.06 - 0.001 * seed));
        }
        for (int k = 1; k <= 15; k++) {
          metrics.row(seed, 1024L * k, Map.of("ppo/" + Metrics.EVAL_RETURN,
              optimal - 80 * Math.pow(0.5, k) - 0.003 * seed));
        }
      }
      return PgPointNavigation.charts(config, metrics);
    }
  }

  /** pg-point-navigation's printed table ({@link PgPointNavigation#resultsTable}). */
  public static List<String> pointNavigationTable(PgPointNavigationConfig config) {
    Map<String, List<Double>> perAlgorithm = new LinkedHashMap<>();
    for (String a : PgPointNavigation.ALGORITHMS) {
      List<Double> rs = new ArrayList<>();
      for (long seed : config.seeds()) {
        rs.add(a.equals("sac") ? -0.7116 - 0.001 * seed : -10.64 - 0.01 * seed);
      }
      perAlgorithm.put(a, rs);
    }
    return PgPointNavigation.resultsTable(perAlgorithm, -0.78).lines();
  }

  /** Made-up runs: per algorithm and seed, a rising score and return, evaluated as the run does. */
  static Map<String, Map<Long, PgFourRooms.RunResult>> fourRoomsResults(
      PgFourRoomsConfig config) {
    Map<String, Map<Long, PgFourRooms.RunResult>> out = new LinkedHashMap<>();
    int a = 0;
    for (String alg : PgFourRooms.ALGORITHMS) {
      int iterations = switch (alg) {
        case "reinforce" -> config.reinforce().iterations();
        case "a2c" -> config.a2c().iterations();
        default -> config.ppo().iterations();
      };
      for (long seed : config.seeds()) {
        List<MetricsRecorder.Row> rows = new ArrayList<>();
        double score = 0;
        for (int it = 1; it <= iterations; it++) {
          double progress = it / (double) iterations;
          Map<String, Double> values = new LinkedHashMap<>();
          values.put(Metrics.STEPS, (double) it * 128 * (a + 1));
          values.put(Metrics.EPISODIC_RETURN, -200 + 275 * progress + seed);
          if (it % config.evalEvery() == 0 || it == iterations) {
            score = 0.99 * progress - 0.01 * seed;
            values.put("eval/score", score);
          }
          rows.add(new MetricsRecorder.Row(it, values, 0));
        }
        out.computeIfAbsent(alg, k -> new LinkedHashMap<>()).put(seed,
            new PgFourRooms.RunResult(alg, seed, rows, score, score + 0.004, 19.6 + 0.1 * seed,
                (long) (iterations * 128L * (a + 1)), 10));
      }
      a++;
    }
    return out;
  }
}
