package org.gridrl.benchmarks.experiments.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedPool;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.envs.meta.HiddenGoalGrid;
import org.gridrl.meta.baselines.GoalSearchPlanner;
import org.gridrl.meta.baselines.GoalSearchSetting;
import org.gridrl.meta.baselines.HiddenGoalOracle;
import org.gridrl.meta.rl2.Rl2;
import org.gridrl.meta.rl2.Rl2Evaluation;
import org.gridrl.meta.rl2.Rl2Result;
import org.gridrl.meta.rl2.Rl2Tasks;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run meta-hidden-goal}: RL² (Duan et al. 2016) on VariBAD's hidden-goal grid
 * (Zintgraf et al. 2020; 5×5, 15 steps, 4 episodes a trial) against the exact Bayes-optimal
 * planner, the oracle and the uniformly random policy: E[R_e] for each episode e = 1..4 of a
 * trial and E[Σ_e R_e]; the headline is RL²'s gap to Bayes-optimal, V_Bayes − V_RL², in total and
 * in episode 1.
 *
 * <p>The exact rows: {@link GoalSearchPlanner#bayesOptimal}'s search path scored for every goal
 * (37.2143 = 7815/210), {@link HiddenGoalOracle#episodeReturns} (44.2857 = 930/21) and
 * {@link #randomEpisodeReturns} (the state distribution of the uniform policy propagated exactly).
 *
 * <p>Protocol, per seed s: {@link Rl2#train} on {@link Rl2Tasks#hiddenGoal} with the config's
 * budget and seed s, then {@link Rl2#evaluate} of the trained policy on
 * {@code evaluationTrials} fresh trials drawn from {@link #evaluationSeed}(s) (the mean return
 * of each episode, the total and its standard error). Seeds train in parallel and are written in
 * seed order, so the files do not depend on the thread count. {@code metrics.csv} holds RL²'s
 * learning curve (the mean trial, first- and last-episode return of each iteration's training
 * trials, actions sampled).
 */
public final class MetaHiddenGoal implements Experiment<MetaHiddenGoalConfig> {

  /** VariBAD's setting: 5×5, 15 steps an episode, 4 episodes a trial. */
  public static final GoalSearchSetting SETTING = GoalSearchSetting.varibad();

  /** The exact rows, in table order. */
  public static final List<String> EXACT = List.of("bayes-optimal", "oracle", "random");

  /** The learning-curve columns of {@code metrics.csv}. */
  static final List<String> CURVE = List.of(Rl2.TRIAL_RETURN, Rl2.FIRST_EPISODE_RETURN,
      Rl2.LAST_EPISODE_RETURN);

  @Override
  public String name() {
    return "meta-hidden-goal";
  }

  @Override
  public String description() {
    return "RL² on VariBAD's hidden-goal grid against the exact Bayes-optimal planner and the"
        + " oracle: return per episode of a trial and in total";
  }

  // measured: wall time of 'gridrl run meta-hidden-goal' (and --quick) with the jar on the
  // 2-core machine with nothing else running, 2026-12-06: 105.5 s full, 13.2 s --quick
  @Override
  public Duration expectedRunTime(boolean quick) {
    return Duration.ofSeconds(quick ? 13 : 106);
  }

  @Override
  public MetaHiddenGoalConfig defaultConfig() {
    return MetaHiddenGoalConfig.defaults();
  }

  @Override
  public MetaHiddenGoalConfig quickConfig() {
    return MetaHiddenGoalConfig.quick();
  }

  /** The seed of seed s's evaluation trials: 1000 + s (training draws from Rng(s)'s forks). */
  public static long evaluationSeed(long seed) {
    return 1000L + seed;
  }

  /** RL²'s trials on {@link #SETTING}. */
  public static Rl2Tasks<double[]> tasks() {
    return Rl2Tasks.hiddenGoal(SETTING.size(), SETTING.horizon(), SETTING.episodes());
  }

  /**
   * The exact per-episode expected returns of the reference policies, in {@link #EXACT}'s order:
   * the Bayes-optimal search path, the oracle, the uniformly random policy.
   */
  public static Map<String, double[]> exactRows(GoalSearchSetting setting) {
    Map<String, double[]> rows = new LinkedHashMap<>();
    rows.put("bayes-optimal", GoalSearchPlanner.bayesOptimal(setting).episodeReturns());
    rows.put("oracle", HiddenGoalOracle.episodeReturns(setting));
    rows.put("random", randomEpisodeReturns(setting));
    return rows;
  }

  /**
   * E[R_e] of the policy that picks each of the 5 actions with probability 1/5 at every step:
   * with p_0 = δ_start and p_{t+1}(c') = Σ_c Σ_a p_t(c)/5 [move(c, a) = c'],
   * E[R_e] = (1/K) Σ_{g∈C} Σ_{t=1..H} (1.1 p_t(g) − 0.1), the same every episode (each starts at
   * the start cell and the random policy ignores the history).
   */
  public static double[] randomEpisodeReturns(GoalSearchSetting setting) {
    int n = setting.size();
    double[] p = new double[n * n];
    p[HiddenGoalGrid.START] = 1.0;
    int[] goals = setting.candidates();
    double sum = 0;
    for (int t = 1; t <= setting.horizon(); t++) {
      double[] next = new double[n * n];
      for (int c = 0; c < n * n; c++) {
        for (int a = 0; a < HiddenGoalGrid.NUM_ACTIONS; a++) {
          next[HiddenGoalGrid.move(n, c, a)] += p[c] / HiddenGoalGrid.NUM_ACTIONS;
        }
      }
      p = next;
      for (int g : goals) {
        sum += (HiddenGoalGrid.GOAL_REWARD - HiddenGoalGrid.STEP_REWARD) * p[g]
            + HiddenGoalGrid.STEP_REWARD;
      }
    }
    double[] out = new double[setting.episodes()];
    Arrays.fill(out, sum / goals.length);
    return out;
  }

  /**
   * One seed's RL² run.
   *
   * @param trialReturn the mean trial return of the training trials of iterations 1..I
   * @param firstEpisodeReturn their mean first-episode return per iteration
   * @param lastEpisodeReturn their mean last-episode return per iteration
   * @param episodeReturns the evaluation's mean return of episodes 1..E
   * @param standardError the evaluation's standard error of the mean trial return
   */
  record RunResult(long seed, double[] trialReturn, double[] firstEpisodeReturn,
      double[] lastEpisodeReturn, double[] episodeReturns, double standardError) {

    double total() {
      return Arrays.stream(episodeReturns).sum();
    }
  }

  @Override
  public void run(MetaHiddenGoalConfig config, RunContext ctx) throws Exception {
    Map<String, double[]> exact = exactRows(SETTING);
    double bayes = total(exact.get("bayes-optimal"));
    ctx.out().printf("hidden-goal grid %dx%d, %d steps x %d episodes, %d candidate goals;"
        + " exact: Bayes-optimal %.4f, oracle %.4f, random %.4f%n", SETTING.size(),
        SETTING.size(), SETTING.horizon(), SETTING.episodes(), SETTING.numCandidates(), bayes,
        total(exact.get("oracle")), total(exact.get("random")));
    ctx.out().printf("RL²: %d iterations x %d trials (%d environment steps) per seed, evaluated"
        + " on %d fresh trials%n", config.rl2().iterations(), config.rl2().trialsPerIteration(),
        (long) config.rl2().iterations() * config.rl2().trialsPerIteration()
            * SETTING.horizon() * SETTING.episodes(), config.evaluationTrials());
    ctx.note("setting", SETTING);
    ctx.note("exact", exactSummary(exact));
    ctx.note("seeds", config.seeds());
    ctx.note("evaluation", "per seed s, " + config.evaluationTrials() + " fresh trials drawn"
        + " with Rl2.evaluate(policy, tasks, trials, 1000 + s); actions sampled");
    ctx.metrics().declare(CURVE.toArray(String[]::new));

    Map<Long, RunResult> results = new LinkedHashMap<>();
    int n = config.seeds().size();
    try (SeedPool pool = new SeedPool(config.threads(), n);
        Progress progress = ctx.progress("seeds", n)) {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (long seed : config.seeds()) {
        futures.add(ctx.kept(seed).isPresent() ? null : pool.submit(() -> runOne(config, seed)));
      }
      for (int i = 0; i < n; i++) {
        long seed = config.seeds().get(i);
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed);
        RunResult r = kept.isPresent() ? keptRun(config, kept.get())
            : SeedPool.result(futures.get(i));
        if (kept.isEmpty()) {
          writeSeed(ctx, r, bayes);
        }
        results.put(seed, r);
        progress.step();
      }
    }

    ctx.out().println();
    table(exact, results).print(ctx.out(), "");
    Stats gapTotal = Stats.of(results.values().stream()
        .mapToDouble(r -> bayes - r.total()).toArray());
    Stats gapFirst = Stats.of(results.values().stream()
        .mapToDouble(r -> exact.get("bayes-optimal")[0] - r.episodeReturns()[0]).toArray());
    ctx.out().printf("%nRL²'s gap to Bayes-optimal (mean ± std over %d seeds): total %s,"
        + " episode 1 %s%n", n, gapTotal.format(), gapFirst.format());
    ctx.note("rl2", rl2Summary(results));
    Map<String, Stats> gap = new LinkedHashMap<>();
    gap.put("total", gapTotal);
    gap.put("episode_1", gapFirst);
    ctx.note("gap_to_bayes_optimal", gap);
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json"));
    for (Map.Entry<String, XYChart> chart : charts(config, exact, results).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
      files.add(chart.getKey());
    }
    ctx.note("files", files);
  }

  /** Trains RL² with seed {@code seed} and evaluates it on fresh trials. */
  static RunResult runOne(MetaHiddenGoalConfig config, long seed) {
    Rl2Tasks<double[]> tasks = tasks();
    Rl2Result trained = Rl2.train(tasks, config.rl2().withSeed(seed), null);
    Rl2Evaluation ev = Rl2.evaluate(trained.policy(), tasks, config.evaluationTrials(),
        evaluationSeed(seed));
    int iterations = config.rl2().iterations();
    double[][] curve = new double[CURVE.size()][iterations];
    for (double[] c : curve) {
      Arrays.fill(c, Double.NaN);
    }
    for (MetricsRecorder.Row row : trained.history().rows()) {
      for (int k = 0; k < CURVE.size(); k++) {
        Double v = row.values().get(CURVE.get(k));
        if (v != null && row.iteration() >= 1 && row.iteration() <= iterations) {
          curve[k][(int) row.iteration() - 1] = v;
        }
      }
    }
    double[] episodes = new double[tasks.episodesPerTrial()];
    for (int e = 0; e < episodes.length; e++) {
      episodes[e] = ev.meanEpisodeReturn(e);
    }
    return new RunResult(seed, curve[0], curve[1], curve[2], episodes, ev.standardError());
  }

  /** A seed's learning-curve rows and final metrics (evaluation and gap). */
  private static void writeSeed(RunContext ctx, RunResult r, double bayes) {
    for (int i = 0; i < r.trialReturn().length; i++) {
      Map<String, Double> values = new LinkedHashMap<>();
      values.put(CURVE.get(0), r.trialReturn()[i]);
      values.put(CURVE.get(1), r.firstEpisodeReturn()[i]);
      values.put(CURVE.get(2), r.lastEpisodeReturn()[i]);
      ctx.row(r.seed(), i + 1, values);
    }
    Map<String, Double> fin = new LinkedHashMap<>();
    for (int e = 0; e < r.episodeReturns().length; e++) {
      fin.put("eval/episode_" + (e + 1) + "_return", r.episodeReturns()[e]);
    }
    fin.put("eval/trial_return", r.total());
    fin.put("eval/trial_return_se", r.standardError());
    fin.put("eval/gap_to_bayes_optimal", bayes - r.total());
    ctx.seedComplete(r.seed(), fin);
  }

  /** A seed kept from the run this one resumes, read back from its rows and final metrics. */
  static RunResult keptRun(MetaHiddenGoalConfig config, RunContext.KeptSeed kept) {
    int iterations = config.rl2().iterations();
    double[][] curve = new double[CURVE.size()][iterations];
    for (double[] c : curve) {
      Arrays.fill(c, Double.NaN);
    }
    for (MetricsCsv.Row row : kept.rows()) {
      for (int k = 0; k < CURVE.size(); k++) {
        Double v = row.values().get(CURVE.get(k));
        if (v != null && row.iteration() >= 1 && row.iteration() <= iterations) {
          curve[k][(int) row.iteration() - 1] = v;
        }
      }
    }
    Map<String, Double> fin = kept.finalMetrics();
    double[] episodes = new double[SETTING.episodes()];
    for (int e = 0; e < episodes.length; e++) {
      episodes[e] = fin.get("eval/episode_" + (e + 1) + "_return");
    }
    return new RunResult(kept.seed(), curve[0], curve[1], curve[2], episodes,
        fin.get("eval/trial_return_se"));
  }

  private static double total(double[] x) {
    return Arrays.stream(x).sum();
  }

  /** Per exact row: its per-episode values and total. */
  private static Map<String, Object> exactSummary(Map<String, double[]> exact) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : exact.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("episodes", e.getValue());
      row.put("total", total(e.getValue()));
      out.put(e.getKey(), row);
    }
    return out;
  }

  /** RL²'s evaluation over seeds: each episode's and the total's mean ± std, the s.e.'s. */
  private static Map<String, Object> rl2Summary(Map<Long, RunResult> results) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<RunResult> rs = List.copyOf(results.values());
    for (int e = 0; e < SETTING.episodes(); e++) {
      int ep = e;
      out.put("episode_" + (e + 1), Stats.of(rs.stream()
          .mapToDouble(r -> r.episodeReturns()[ep]).toArray()));
    }
    out.put("total", Stats.of(rs.stream().mapToDouble(RunResult::total).toArray()));
    out.put("evaluation_se", Stats.of(rs.stream().mapToDouble(RunResult::standardError)
        .toArray()));
    return out;
  }

  /**
   * The printed table: per method the return of episodes 1..E, the total and the gap to
   * Bayes-optimal; RL²'s row is mean ± std over seeds, the others are exact.
   *
   * @param exact {@link #exactRows}. Not modified.
   * @param results seed → RL² run. Not modified.
   */
  static TextTable table(Map<String, double[]> exact, Map<Long, RunResult> results) {
    int episodes = exact.get("bayes-optimal").length;
    List<String> header = new ArrayList<>(List.of("method"));
    for (int e = 1; e <= episodes; e++) {
      header.add("episode " + e);
    }
    header.addAll(List.of("total", "gap to Bayes-optimal"));
    TextTable table = new TextTable(header.toArray(String[]::new));
    double bayes = total(exact.get("bayes-optimal"));
    List<RunResult> rs = List.copyOf(results.values());
    List<String> row = new ArrayList<>(List.of("RL² (" + rs.size() + " seeds)"));
    for (int e = 0; e < episodes; e++) {
      int ep = e;
      row.add(Stats.of(rs.stream().mapToDouble(r -> r.episodeReturns()[ep]).toArray())
          .format());
    }
    row.add(Stats.of(rs.stream().mapToDouble(RunResult::total).toArray()).format());
    row.add(Stats.of(rs.stream().mapToDouble(r -> bayes - r.total()).toArray()).format());
    table.row(row.toArray(String[]::new));
    for (Map.Entry<String, double[]> m : exact.entrySet()) {
      List<String> cells = new ArrayList<>(List.of(m.getKey() + " (exact)"));
      for (double v : m.getValue()) {
        cells.add(String.format("%.4f", v));
      }
      cells.add(String.format("%.4f", total(m.getValue())));
      cells.add(String.format("%.4f", bayes - total(m.getValue())));
      table.row(cells.toArray(String[]::new));
    }
    return table;
  }

  /**
   * The plots, by file name: {@code learning_curve.png}, RL²'s mean training trial return per
   * iteration (± std band over seeds) with the exact Bayes-optimal, oracle and random returns as
   * horizontal lines; {@code episode_returns.png}, the return of episodes 1..E per method (RL²'s
   * evaluation, mean ± std band over seeds, and the exact rows).
   *
   * @param exact {@link #exactRows}. Not modified.
   * @param results seed → RL² run. Not modified.
   */
  static Map<String, XYChart> charts(MetaHiddenGoalConfig config, Map<String, double[]> exact,
      Map<Long, RunResult> results) {
    int iterations = config.rl2().iterations();
    double[] it = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      it[i] = i + 1;
    }
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (RunResult r : results.values()) {
      xs.add(it);
      ys.add(r.trialReturn());
    }
    List<Plots.Curve> curves = new ArrayList<>();
    curves.add(new Plots.Curve("RL² (training trials)", xs, ys));
    for (Map.Entry<String, double[]> m : exact.entrySet()) {
      double v = total(m.getValue());
      curves.add(Plots.Curve.single(m.getKey() + " " + String.format("%.2f", v),
          new double[] {1, iterations}, new double[] {v, v}));
    }
    Map<String, XYChart> charts = new LinkedHashMap<>();
    charts.put("learning_curve.png", Plots.learningCurveChart("RL² on the 5x5 hidden-goal grid:"
        + " trial return (4 episodes)", "PPO iteration (" + config.rl2().trialsPerIteration()
        + " trials each)", "return per trial", curves, Plots.Band.STD, false, false));

    int episodes = exact.get("bayes-optimal").length;
    double[] ex = new double[episodes];
    for (int e = 0; e < episodes; e++) {
      ex[e] = e + 1;
    }
    List<Plots.Curve> perEpisode = new ArrayList<>();
    List<double[]> exs = new ArrayList<>();
    List<double[]> eys = new ArrayList<>();
    for (RunResult r : results.values()) {
      exs.add(ex);
      eys.add(r.episodeReturns());
    }
    perEpisode.add(new Plots.Curve("RL² (evaluation)", exs, eys));
    for (Map.Entry<String, double[]> m : exact.entrySet()) {
      perEpisode.add(Plots.Curve.single(m.getKey(), ex, m.getValue()));
    }
    charts.put("episode_returns.png", Plots.learningCurveChart("Return in each episode of a"
        + " trial", "episode of the trial", "return per episode", perEpisode, Plots.Band.STD,
        false, false));
    return charts;
  }
}
