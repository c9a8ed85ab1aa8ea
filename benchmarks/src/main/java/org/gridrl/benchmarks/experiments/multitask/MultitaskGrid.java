package org.gridrl.benchmarks.experiments.multitask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedRuns;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.envs.tabular.MultiGoalGrid;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run multitask-grid}: the eight {@link MultitaskMethods} on the MT10-style and
 * MT50-style task sets of {@link MultiGoalGrid}, each scored exactly against every task's optimum.
 *
 * <p>Protocol, per seed, task set and method: train on the set's base environments
 * ({@link MultiGoalGrid#envs(boolean) envs(false)}) with the set's budget (the same steps per task
 * for every method); tabulate π_k on every state of task k; score it by
 * <ul>
 *   <li>success: the share of tasks whose greedy policy reaches the goal within the horizon
 *       ({@link MultiGoalGrid#reachesGoal});</li>
 *   <li>the mean over tasks of the normalised return (J^π_k − J^unif_k)/(J*_k − J^unif_k)
 *       ({@link MultiGoalGrid#normalisedReturn}): of the stochastic policy as it acts, and of its
 *       greedy policy. 1 is optimal on every task, 0 the uniform policy.</li>
 * </ul>
 * Learning curves: the mean over tasks of the training episodes' undiscounted return against
 * environment steps (all tasks together). Every (seed, set, method) run is independent and written
 * in seed order, so the files do not depend on the thread count.
 */
public final class MultitaskGrid implements Experiment<MultitaskGridConfig> {

  /** The task sets in run order. */
  public static final List<String> TASK_SETS = List.of("mt10", "mt50");

  /** The final metrics of each (set, method), as {@code SET/METHOD/KEY}. */
  static final List<String> FINAL_KEYS = List.of("success", "normalised_return",
      "greedy_normalised_return");

  @Override
  public String name() {
    return "multitask-grid";
  }

  @Override
  public String description() {
    return "eight multi-task methods on MT10/MT50-style grid task sets, scored exactly";
  }

  @Override
  public String reproduces() {
    return "the multi-task comparisons of Meta-World (Yu et al. 2019), PCGrad (Yu et al. 2020),"
        + " CAGrad (Liu et al. 2021), Distral (Teh et al. 2017) and divide-and-conquer (Ghosh"
        + " et al. 2018) on MT10/MT50-style grid task sets scored exactly";
  }

  @Override
  public String resultsPage() {
    return "docs/results/multitask.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run multitask-grid' (and --quick) with the jar on the
    // 2-core machine with nothing else running, 2026-12-06: 518 s full (150 iterations on both
    // sets), 19.5 s --quick
    return Duration.ofSeconds(quick ? 20 : 518);
  }

  @Override
  public MultitaskGridConfig defaultConfig() {
    return MultitaskGridConfig.defaults();
  }

  @Override
  public MultitaskGridConfig quickConfig() {
    return MultitaskGridConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public MultitaskGridConfig smokeConfig() {
    return MultitaskGridConfig.quick().with(b -> b.taskSets(List.of("mt10"))
        .mt10(MultitaskGridConfig.methods(3, 8, 64)).threads(1).seeds(List.of(1L)));
  }

  /** The family of a task set. */
  public static MultiGoalGrid family(String taskSet) {
    return switch (taskSet) {
      case "mt10" -> MultiGoalGrid.mt10();
      case "mt50" -> MultiGoalGrid.mt50();
      default -> throw new IllegalArgumentException("unknown task set " + taskSet);
    };
  }

  /**
   * One (seed, set, method) run: its learning curve (environment steps, mean training return,
   * NaN where no episode ended) and final scores.
   */
  record RunResult(String taskSet, String method, long seed, double[] steps, double[] meanReturn,
      double success, double normalisedReturn, double greedyNormalisedReturn) {

    String prefix() {
      return taskSet + "/" + method + "/";
    }
  }

  @Override
  public void run(MultitaskGridConfig config, RunContext ctx) throws Exception {
    Map<String, MultiGoalGrid> families = new LinkedHashMap<>();
    for (String set : config.taskSets()) {
      MultiGoalGrid f = family(set);
      families.put(set, f);
      MultitaskMethodsConfig m = config.methodsConfig(set);
      ctx.out().printf("%s: %d tasks, %d states, horizon %d, %d conflicting pairs; %d steps per"
          + " task (%d iterations x %d) for every method%n", set, f.numTasks(), f.numStates(),
          f.horizon(), f.conflictingPairs().size(), m.stepsPerTask(), m.iterations(),
          m.ppo().stepsPerEnv());
      ctx.note(set + "/steps_per_task", m.stepsPerTask());
      ctx.note(set + "/family", f.toString());
      for (int k = 0; k < f.numTasks(); k++) {
        f.optimal(k); // solved once here, not by the first workers at the same time
      }
    }
    ctx.note("success", "share of tasks whose greedy policy reaches the goal within the horizon");
    ctx.note("normalised_return", "mean over tasks of (J(pi_k) - J_unif,k) / (J*_k - J_unif,k),"
        + " pi_k the stochastic policy; greedy_normalised_return the same for its argmax");
    ctx.note("seeds", config.seeds());
    List<String> columns = new ArrayList<>();
    for (String set : config.taskSets()) {
      for (String m : config.methods()) {
        columns.add(set + "/" + m + "/return");
        columns.add(set + "/" + m + "/steps");
      }
    }
    ctx.metrics().declare(columns.toArray(String[]::new));

    Map<String, Map<String, Map<Long, RunResult>>> results = SeedRuns.run(ctx, config.threads(),
        config.seeds(), config.taskSets(), config.methods(),
        (set, m, seed) -> runOne(families.get(set), set, m, seed, config), MultitaskGrid::keptRun,
        MultitaskGrid::writeSeed);

    ctx.out().println();
    resultsTable(config, results).print(ctx.out(), "");
    Map<String, Object> table = new LinkedHashMap<>();
    for (String set : config.taskSets()) {
      Map<String, Object> perMethod = new LinkedHashMap<>();
      for (String m : config.methods()) {
        Map<Long, RunResult> rs = results.get(set).get(m);
        perMethod.put(m, Map.of(
            "success", Stats.of(rs.values().stream().mapToDouble(RunResult::success).toArray()),
            "normalised_return", Stats.of(rs.values().stream()
                .mapToDouble(RunResult::normalisedReturn).toArray()),
            "greedy_normalised_return", Stats.of(rs.values().stream()
                .mapToDouble(RunResult::greedyNormalisedReturn).toArray())));
      }
      table.put(set, perMethod);
    }
    ctx.note("results", table);
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json"));
    for (Map.Entry<String, XYChart> chart : charts(config, results).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
      files.add(chart.getKey());
    }
    ctx.note("files", files);
  }

  /** A finished seed's rows (one per iteration, every set and method) and final metrics. */
  private static void writeSeed(RunContext ctx, long seed, List<RunResult> runs) {
    int iterations = 0;
    for (RunResult r : runs) {
      iterations = Math.max(iterations, r.steps().length);
    }
    for (int n = 0; n < iterations; n++) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (RunResult r : runs) {
        if (n < r.steps().length) {
          values.put(r.prefix() + "steps", r.steps()[n]);
          if (!Double.isNaN(r.meanReturn()[n])) {
            values.put(r.prefix() + "return", r.meanReturn()[n]);
          }
        }
      }
      ctx.row(seed, n + 1, values);
    }
    Map<String, Double> fin = new LinkedHashMap<>();
    for (RunResult r : runs) {
      fin.put(r.prefix() + "success", r.success());
      fin.put(r.prefix() + "normalised_return", r.normalisedReturn());
      fin.put(r.prefix() + "greedy_normalised_return", r.greedyNormalisedReturn());
    }
    ctx.seedComplete(seed, fin);
  }

  /** Trains one method on one task set with one seed and scores it exactly. */
  static RunResult runOne(MultiGoalGrid family, String set, String method, long seed,
      MultitaskGridConfig config) {
    MultitaskMethods.Trained t = MultitaskMethods.train(method, family.envs(false),
        config.methodsConfig(set), seed);
    MultitaskMethods.Scores s = MultitaskMethods.score(family, t.policies());
    return new RunResult(set, method, seed, t.steps(), t.meanReturn(), s.successRate(),
        s.meanNormalisedReturn(), s.meanGreedyNormalisedReturn());
  }

  /** A run of a seed kept from the run this one resumes, read back from its rows and finals. */
  static RunResult keptRun(String set, String method, RunContext.KeptSeed kept) {
    String prefix = set + "/" + method + "/";
    List<Double> steps = new ArrayList<>();
    List<Double> ret = new ArrayList<>();
    for (MetricsCsv.Row row : kept.rows()) {
      Double x = row.values().get(prefix + "steps");
      if (x != null) {
        steps.add(x);
        Double y = row.values().get(prefix + "return");
        ret.add(y == null ? Double.NaN : y);
      }
    }
    Map<String, Double> fin = kept.finalMetrics();
    return new RunResult(set, method, kept.seed(),
        steps.stream().mapToDouble(Double::doubleValue).toArray(),
        ret.stream().mapToDouble(Double::doubleValue).toArray(), fin.get(prefix + "success"),
        fin.get(prefix + "normalised_return"), fin.get(prefix + "greedy_normalised_return"));
  }

  /**
   * The printed table: per set and method, the success rate and the mean normalised returns,
   * each mean ± std over seeds.
   *
   * @param results set → method → seed → run, every set and method of the config. Not modified.
   */
  static TextTable resultsTable(MultitaskGridConfig config,
      Map<String, Map<String, Map<Long, RunResult>>> results) {
    TextTable table = new TextTable("set", "method", "success", "normalised return",
        "greedy normalised return");
    for (String set : config.taskSets()) {
      for (String m : config.methods()) {
        Map<Long, RunResult> rs = results.get(set).get(m);
        table.row(set, m,
            Stats.of(rs.values().stream().mapToDouble(RunResult::success).toArray()).format(),
            Stats.of(rs.values().stream().mapToDouble(RunResult::normalisedReturn).toArray())
                .format(),
            Stats.of(rs.values().stream().mapToDouble(RunResult::greedyNormalisedReturn)
                .toArray()).format());
      }
    }
    return table;
  }

  /**
   * The plots, by file name {@code curves_SET.png}: per method the mean over seeds (± std band)
   * of the mean training return over tasks against environment steps over all tasks.
   *
   * @param results set → method → seed → run. Not modified.
   */
  static Map<String, XYChart> charts(MultitaskGridConfig config,
      Map<String, Map<String, Map<Long, RunResult>>> results) {
    Map<String, XYChart> charts = new LinkedHashMap<>();
    for (String set : config.taskSets()) {
      List<Plots.Curve> curves = new ArrayList<>();
      for (String m : config.methods()) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (RunResult r : results.get(set).get(m).values()) {
          List<double[]> xy = MultitaskChecks.finite(r.steps(), r.meanReturn());
          xs.add(xy.get(0));
          ys.add(xy.get(1));
        }
        curves.add(new Plots.Curve(m, xs, ys));
      }
      MultitaskMethodsConfig mc = config.methodsConfig(set);
      charts.put("curves_" + set + ".png", Plots.learningCurveChart(set + ": mean training"
          + " return over tasks (" + mc.stepsPerTask() + " steps per task)",
          "environment steps (all tasks)", "mean undiscounted episode return", curves,
          Plots.Band.STD, false, false));
    }
    return charts;
  }
}
