package org.gridrl.benchmarks.experiments.multitask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.envs.tabular.MultiGoalGrid;
import org.gridrl.multitask.TaskConditionedActorCritic;
import org.gridrl.multitask.TaskConditionedConfig;
import org.gridrl.multitask.TaskConditionedConfig.Combiner;
import org.gridrl.multitask.TaskConditionedConfig.Mode;
import org.gridrl.multitask.TaskConditionedMetrics;
import org.gridrl.multitask.TaskConditionedResult;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run multitask-conflict}: two tasks whose optimal actions are opposite in the
 * state they share, the cosine cos(g_0, g_1) = g_0·g_1/(‖g_0‖‖g_1‖) between their PPO policy
 * gradients over training (Yu et al. 2020 call a negative cosine a conflict), and each of the
 * eight {@link MultitaskMethods}' exact per-task normalised return and success.
 *
 * <p>Worlds ({@link #world}): {@code corridor}, {@link MultiGoalGrid#conflictPair()} (1×7, both
 * start in the middle, goals at the two ends); {@code rooms}, a 3×7 map of two 3×3 rooms joined
 * by a door, both tasks starting in the door, goals in opposite far corners (four steps each).
 *
 * <p>Protocol, per seed and world: every method of the config trains on the two base
 * environments with the same budget; π_k is tabulated and scored exactly
 * ({@link MultitaskMethods#score}): per task the normalised return (J − J_unif)/(J* − J_unif) of
 * the stochastic policy and of its argmax, and success (the argmax reaches the goal). The cosine
 * is logged by the methods with per-task gradients — {@code shared-id}, {@code pcgrad},
 * {@code mgda}, {@code cagrad} (the raw task gradients of the shared actor before combining, mean
 * over the iteration's minibatch steps) — and by the diagnostic {@link #NO_ID_SUM}: the network
 * without the id, trained on the mean of the two task losses (per-task path, {@link Combiner#SUM}),
 * since plain {@code shared-no-id} takes one pass over the mixed batch and has no per-task
 * gradients. The mean normalised return of any policy without the id is bounded by
 * {@link SharedPolicyBound}, printed beside the table. Runs are independent and written in seed
 * order, so the files do not depend on the thread count.
 */
public final class MultitaskConflict implements Experiment<MultitaskConflictConfig> {

  /** The worlds in run order. */
  public static final List<String> WORLDS = List.of("corridor", "rooms");

  /** The diagnostic run: shared without the id, per-task gradients summed. */
  public static final String NO_ID_SUM = "shared-no-id+sum";

  /** The methods that log the cosine, in plot order. */
  static final List<String> COSINE_METHODS = List.of(NO_ID_SUM, "shared-id", "pcgrad", "mgda",
      "cagrad");

  /** The 3×7 two-room map of {@code rooms}: the door is (1, 3). */
  public static final String ROOMS_MAP = String.join("\n", "...#...", ".......", "...#...");

  @Override
  public String name() {
    return "multitask-conflict";
  }

  @Override
  public String description() {
    return "two tasks that conflict in shared states: gradient cosine over training and each"
        + " method's per-task return";
  }

  @Override
  public String reproduces() {
    return "the premise of gradient surgery (Yu et al. 2020): per-task gradients conflict"
        + " (negative cosine) where two tasks want opposite actions, and one shared policy is"
        + " bounded by the exact per-state optimum";
  }

  @Override
  public String resultsPage() {
    return "docs/results/multitask-conflict.md";
  }

  // measured: wall time of 'gridrl run multitask-conflict' (and --quick) with the jar on the
  // 2-core machine with nothing else running, 2026-12-06: 17.0 s full, 7.3 s --quick
  @Override
  public Duration expectedRunTime(boolean quick) {
    return Duration.ofSeconds(quick ? 7 : 17);
  }

  @Override
  public MultitaskConflictConfig defaultConfig() {
    return MultitaskConflictConfig.defaults();
  }

  @Override
  public MultitaskConflictConfig quickConfig() {
    return MultitaskConflictConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public MultitaskConflictConfig smokeConfig() {
    return MultitaskConflictConfig.quick().with(b -> b
        .methodsConfig(MultitaskGridConfig.methods(4, 8, 8)).threads(1).seeds(List.of(1L)));
  }

  /** The task pair of a world (a new family each call). */
  public static MultiGoalGrid world(String name) {
    return switch (name) {
      case "corridor" -> MultiGoalGrid.conflictPair();
      case "rooms" -> MultiGoalGrid.of(ROOMS_MAP, "rooms", List.of(
          MultiGoalGrid.Task.of("west", 1, 3, 0, 0),
          MultiGoalGrid.Task.of("east", 1, 3, 2, 6)));
      default -> throw new IllegalArgumentException("unknown world " + name + ", expected one of "
          + WORLDS);
    };
  }

  /** The runs of one (seed, world): the config's methods, then the diagnostic. */
  static List<String> runNames(MultitaskConflictConfig config) {
    List<String> names = new ArrayList<>(config.methods());
    names.add(NO_ID_SUM);
    return names;
  }

  /** Whether a run logs the gradient cosine. */
  static boolean logsCosine(String method) {
    return COSINE_METHODS.contains(method);
  }

  /**
   * One (seed, world, method) run.
   *
   * @param cosine the cosine per iteration 1..I (NaN where not logged, all NaN for methods
   *     without per-task gradients)
   * @param conflict the share of conflicting task pairs per iteration (for two tasks 0 or 1 per
   *     minibatch step, so the share of the iteration's steps with a negative cosine)
   * @param normalisedReturn per task, of the stochastic policy
   * @param greedyNormalisedReturn per task, of its argmax
   * @param success per task, 1 if the argmax reaches the goal else 0
   */
  record RunResult(String world, String method, long seed, double[] cosine, double[] conflict,
      double[] normalisedReturn, double[] greedyNormalisedReturn, double[] success) {

    String prefix() {
      return world + "/" + method + "/";
    }

    double meanNormalisedReturn() {
      return Arrays.stream(normalisedReturn).average().orElseThrow();
    }
  }

  @Override
  public void run(MultitaskConflictConfig config, RunContext ctx) throws Exception {
    Map<String, MultiGoalGrid> worlds = new LinkedHashMap<>();
    Map<String, Double> bounds = new LinkedHashMap<>();
    MultitaskMethodsConfig mc = config.methodsConfig();
    for (String w : config.worlds()) {
      MultiGoalGrid f = world(w);
      worlds.put(w, f);
      for (int k = 0; k < f.numTasks(); k++) {
        f.optimal(k); // solved once here, not by the first workers at the same time
      }
      double b = SharedPolicyBound.meanNormalisedReturn(f);
      bounds.put(w, b);
      ctx.out().printf("%s: %d states, tasks %s, conflict state %d, horizon %d; bound on the"
          + " mean normalised return without the id %.4f%n", w, f.numStates(),
          f.tasks().stream().map(t -> t.name() + " " + t.start() + "->" + t.goal()).toList(),
          f.conflictState(0, 1), f.horizon(), b);
      ctx.note(w + "/family", f.toString());
      ctx.note(w + "/no_id_bound", b);
    }
    ctx.out().printf("%d steps per task (%d iterations x %d) for every method%n",
        mc.stepsPerTask(), mc.iterations(), mc.ppo().stepsPerEnv());
    ctx.note("steps_per_task", mc.stepsPerTask());
    ctx.note("cosine", "mean over the iteration's minibatch steps of the cosine between the two"
        + " tasks' policy gradients (shared actor parameters, before combining)");
    ctx.note("normalised_return", "(J(pi_k) - J_unif,k) / (J*_k - J_unif,k), pi_k stochastic;"
        + " greedy_normalised_return the same for its argmax; success 1 if the argmax reaches"
        + " the goal");
    ctx.note("no_id_bound", "exact max over policies without the task id (even history-dependent"
        + " ones) of the mean normalised return: hard VI on the averaged task (SharedPolicyBound)");
    ctx.note("seeds", config.seeds());
    List<String> runNames = runNames(config);
    List<String> columns = new ArrayList<>();
    for (String w : config.worlds()) {
      for (String m : runNames) {
        if (logsCosine(m)) {
          columns.add(w + "/" + m + "/cosine");
          columns.add(w + "/" + m + "/conflict_fraction");
        }
      }
    }
    ctx.metrics().declare(columns.toArray(String[]::new));

    Map<String, Map<String, Map<Long, RunResult>>> results = SeedRuns.run(ctx, config.threads(),
        config.seeds(), config.worlds(), runNames,
        (w, m, seed) -> runOne(worlds.get(w), w, m, seed, mc),
        (w, m, kept) -> keptRun(w, m, worlds.get(w).numTasks(), mc.iterations(), kept),
        (c, seed, runs) -> writeSeed(c, seed, runs, mc.iterations()));

    ctx.out().println();
    resultsTable(config, results, bounds).print(ctx.out(), "");
    ctx.out().println();
    cosineTable(config, results).print(ctx.out(), "");
    ctx.note("results", summary(config, results));
    ctx.note("cosine_summary", cosineSummary(config, results));
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json"));
    for (Map.Entry<String, XYChart> chart : charts(config, results).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
      files.add(chart.getKey());
    }
    ctx.note("files", files);
  }

  /** Trains one method (or the diagnostic) on one world with one seed and scores it exactly. */
  static RunResult runOne(MultiGoalGrid family, String world, String method, long seed,
      MultitaskMethodsConfig config) {
    TaskPoliciesAndHistory t;
    if (method.equals(NO_ID_SUM)) {
      TaskConditionedResult r = TaskConditionedActorCritic.train(family.envs(false),
          new TaskConditionedConfig(config.withSeed(seed).ppo(), Mode.SHARED_NO_ID, Combiner.SUM),
          null);
      t = new TaskPoliciesAndHistory(MultitaskMethods.score(family, r), r.history());
    } else {
      MultitaskMethods.Trained r = MultitaskMethods.train(method, family.envs(false), config,
          seed);
      t = new TaskPoliciesAndHistory(MultitaskMethods.score(family, r.policies()), r.history());
    }
    int n = config.iterations();
    double[] cos = series(t.history(), TaskConditionedMetrics.GRADIENT_COSINE, n);
    double[] conflict = series(t.history(), TaskConditionedMetrics.CONFLICT_FRACTION, n);
    MultitaskMethods.Scores s = t.scores();
    double[] success = new double[s.success().length];
    for (int k = 0; k < success.length; k++) {
      success[k] = s.success()[k] ? 1 : 0;
    }
    return new RunResult(world, method, seed, cos, conflict, s.normalisedReturn(),
        s.greedyNormalisedReturn(), success);
  }

  private record TaskPoliciesAndHistory(MultitaskMethods.Scores scores, MetricsHistory history) {
  }

  /** A metric per iteration 1..n, NaN where absent. */
  static double[] series(MetricsHistory history, String key, int n) {
    double[] y = new double[n];
    Arrays.fill(y, Double.NaN);
    for (MetricsRecorder.Row row : history.rows()) {
      Double v = row.values().get(key);
      if (v != null && row.iteration() >= 1 && row.iteration() <= n) {
        y[(int) row.iteration() - 1] = v;
      }
    }
    return y;
  }

  /** A finished seed's rows (the cosine runs' curves) and final per-task scores. */
  private static void writeSeed(RunContext ctx, long seed, List<RunResult> runs, int iterations) {
    for (int n = 0; n < iterations; n++) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (RunResult r : runs) {
        if (logsCosine(r.method()) && !Double.isNaN(r.cosine()[n])) {
          values.put(r.prefix() + "cosine", r.cosine()[n]);
          values.put(r.prefix() + "conflict_fraction", r.conflict()[n]);
        }
      }
      ctx.row(seed, n + 1, values);
    }
    Map<String, Double> fin = new LinkedHashMap<>();
    for (RunResult r : runs) {
      for (int k = 0; k < r.normalisedReturn().length; k++) {
        String p = r.prefix() + "task_" + k + "/";
        fin.put(p + "normalised_return", r.normalisedReturn()[k]);
        fin.put(p + "greedy_normalised_return", r.greedyNormalisedReturn()[k]);
        fin.put(p + "success", r.success()[k]);
      }
    }
    ctx.seedComplete(seed, fin);
  }

  /** A run of a seed kept from the run this one resumes, read back from its rows and finals. */
  static RunResult keptRun(String world, String method, int numTasks, int iterations,
      RunContext.KeptSeed kept) {
    String prefix = world + "/" + method + "/";
    double[] cos = new double[iterations];
    double[] conflict = new double[iterations];
    Arrays.fill(cos, Double.NaN);
    Arrays.fill(conflict, Double.NaN);
    for (MetricsCsv.Row row : kept.rows()) {
      Double c = row.values().get(prefix + "cosine");
      if (c != null && row.iteration() >= 1 && row.iteration() <= iterations) {
        cos[(int) row.iteration() - 1] = c;
        conflict[(int) row.iteration() - 1] = row.values().get(prefix + "conflict_fraction");
      }
    }
    Map<String, Double> fin = kept.finalMetrics();
    double[] nr = new double[numTasks];
    double[] gnr = new double[numTasks];
    double[] success = new double[numTasks];
    for (int k = 0; k < numTasks; k++) {
      String p = prefix + "task_" + k + "/";
      nr[k] = fin.get(p + "normalised_return");
      gnr[k] = fin.get(p + "greedy_normalised_return");
      success[k] = fin.get(p + "success");
    }
    return new RunResult(world, method, kept.seed(), cos, conflict, nr, gnr, success);
  }

  /** Per world, method and task: mean ± std over seeds of the final scores. */
  private static Map<String, Object> summary(MultitaskConflictConfig config,
      Map<String, Map<String, Map<Long, RunResult>>> results) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String w : config.worlds()) {
      MultiGoalGrid f = world(w);
      Map<String, Object> perMethod = new LinkedHashMap<>();
      for (String m : runNames(config)) {
        List<RunResult> rs = List.copyOf(results.get(w).get(m).values());
        Map<String, Object> perTask = new LinkedHashMap<>();
        for (int k = 0; k < f.numTasks(); k++) {
          int task = k;
          perTask.put(f.taskName(k), Map.of(
              "normalised_return", Stats.of(rs.stream()
                  .mapToDouble(r -> r.normalisedReturn()[task]).toArray()),
              "greedy_normalised_return", Stats.of(rs.stream()
                  .mapToDouble(r -> r.greedyNormalisedReturn()[task]).toArray()),
              "success", Stats.of(rs.stream().mapToDouble(r -> r.success()[task]).toArray())));
        }
        perTask.put("mean_normalised_return", Stats.of(rs.stream()
            .mapToDouble(RunResult::meanNormalisedReturn).toArray()));
        perMethod.put(m, perTask);
      }
      out.put(w, perMethod);
    }
    return out;
  }

  /**
   * Per world and cosine method, over seeds: the cosine of the first iteration, its mean over all
   * iterations and over the last fifth, and the share of iterations whose mean cosine is negative.
   */
  static Map<String, Object> cosineSummary(MultitaskConflictConfig config,
      Map<String, Map<String, Map<Long, RunResult>>> results) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String w : config.worlds()) {
      Map<String, Object> perMethod = new LinkedHashMap<>();
      for (String m : runNames(config)) {
        if (!logsCosine(m)) {
          continue;
        }
        List<RunResult> rs = List.copyOf(results.get(w).get(m).values());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("first", Stats.of(rs.stream().mapToDouble(r -> firstFinite(r.cosine())).toArray()));
        s.put("mean", Stats.of(rs.stream().mapToDouble(r -> mean(r.cosine(), 0)).toArray()));
        s.put("last_fifth", Stats.of(rs.stream()
            .mapToDouble(r -> mean(r.cosine(), r.cosine().length * 4 / 5)).toArray()));
        s.put("negative_share", Stats.of(rs.stream()
            .mapToDouble(r -> negativeShare(r.cosine())).toArray()));
        perMethod.put(m, s);
      }
      out.put(w, perMethod);
    }
    return out;
  }

  private static double firstFinite(double[] x) {
    for (double v : x) {
      if (!Double.isNaN(v)) {
        return v;
      }
    }
    return Double.NaN;
  }

  /** The mean of the non-NaN x[from..]. */
  private static double mean(double[] x, int from) {
    double s = 0;
    int n = 0;
    for (int i = from; i < x.length; i++) {
      if (!Double.isNaN(x[i])) {
        s += x[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  private static double negativeShare(double[] x) {
    int neg = 0;
    int n = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        n++;
        neg += v < 0 ? 1 : 0;
      }
    }
    return n == 0 ? Double.NaN : (double) neg / n;
  }

  /**
   * The printed table: per world and method, each task's normalised return, their mean and the
   * success over tasks, each mean ± std over seeds; then the bound without the id.
   *
   * @param results world → method → seed → run, every world and run of the config. Not modified.
   * @param bounds world → {@link SharedPolicyBound#meanNormalisedReturn}
   */
  static TextTable resultsTable(MultitaskConflictConfig config,
      Map<String, Map<String, Map<Long, RunResult>>> results, Map<String, Double> bounds) {
    TextTable table = new TextTable("world", "method", "west: norm. return", "east: norm. return",
        "mean norm. return", "success (both tasks)");
    for (String w : config.worlds()) {
      for (String m : runNames(config)) {
        List<RunResult> rs = List.copyOf(results.get(w).get(m).values());
        table.row(w, m,
            Stats.of(rs.stream().mapToDouble(r -> r.normalisedReturn()[0]).toArray()).format(),
            Stats.of(rs.stream().mapToDouble(r -> r.normalisedReturn()[1]).toArray()).format(),
            Stats.of(rs.stream().mapToDouble(RunResult::meanNormalisedReturn).toArray())
                .format(),
            Stats.of(rs.stream().mapToDouble(r -> (r.success()[0] + r.success()[1]) / 2)
                .toArray()).format());
      }
      table.row(w, "bound without id", "-", "-", String.format("%.4f", bounds.get(w)), "-");
    }
    return table;
  }

  /** The printed cosine table: per world and cosine method, {@link #cosineSummary}'s numbers. */
  static TextTable cosineTable(MultitaskConflictConfig config,
      Map<String, Map<String, Map<Long, RunResult>>> results) {
    TextTable table = new TextTable("world", "method", "cosine, iteration 1", "cosine, mean",
        "cosine, last fifth", "iterations with cosine < 0");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Map<String, Stats>>> s =
        (Map<String, Map<String, Map<String, Stats>>>) (Map<?, ?>) cosineSummary(config, results);
    for (String w : config.worlds()) {
      for (Map.Entry<String, Map<String, Stats>> e : s.get(w).entrySet()) {
        Map<String, Stats> v = e.getValue();
        table.row(w, e.getKey(), v.get("first").format(), v.get("mean").format(),
            v.get("last_fifth").format(), v.get("negative_share").format());
      }
    }
    return table;
  }

  /**
   * The plots, by file name {@code cosine_WORLD.png}: per cosine method the mean over seeds
   * (± std band) of the cosine between the two tasks' policy gradients against the iteration.
   *
   * @param results world → method → seed → run. Not modified.
   */
  static Map<String, XYChart> charts(MultitaskConflictConfig config,
      Map<String, Map<String, Map<Long, RunResult>>> results) {
    Map<String, XYChart> charts = new LinkedHashMap<>();
    for (String w : config.worlds()) {
      List<Plots.Curve> curves = new ArrayList<>();
      for (String m : runNames(config)) {
        if (!logsCosine(m)) {
          continue;
        }
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (RunResult r : results.get(w).get(m).values()) {
          List<double[]> xy = MultitaskChecks.finite(iterationNumbers(r.cosine().length),
              r.cosine());
          xs.add(xy.get(0));
          ys.add(xy.get(1));
        }
        curves.add(new Plots.Curve(m, xs, ys));
      }
      charts.put("cosine_" + w + ".png", Plots.learningCurveChart(w + ": cosine between the two"
          + " tasks' policy gradients", "PPO iteration", "cos(g_west, g_east)", curves,
          Plots.Band.STD, false, false));
    }
    return charts;
  }

  /** 1, 2, …, n. */
  private static double[] iterationNumbers(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
    }
    return x;
  }
}
