package org.gridrl.benchmarks.experiments.pg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.MetricsListener;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.Step;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.Metrics;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.PgResult;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sac;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.PointNavigation;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run pg-point-navigation}: PPO and SAC learn to drive the point of
 * {@link PointNavigation} (p_{t+1} = p_t + clip(a_t, −0.1, 0.1), r_t = −‖p_{t+1} − g‖, 100 steps)
 * to ONE fixed goal g, and the learned policy, run deterministically (the mean action: μ(s) for
 * PPO's Gaussian, tanh(μ(s)) for SAC's squashed Gaussian), must earn a return within
 * {@code tolerance} (10%) of the straight-line policy's, R ≥ R_line − 0.1·|R_line| with
 * R_line = {@link PointNavigation#straightLineReturn(Goal)}; {@link PointNavigation#optimalReturn}
 * is reported beside it.
 *
 * <p>Per seed and algorithm, an independent run:
 * <ul>
 *   <li><b>SAC</b> ({@link Sac}): {@code sacSteps} environment steps with one update per step
 *       after {@code sacLearningStarts} random ones; every {@code evalEvery} steps one
 *       deterministic episode on an evaluation environment of its own ({@link Sac.Evaluation})
 *       gives {@code sac/eval/return};</li>
 *   <li><b>PPO</b> ({@link Ppo}, Gaussian policy from {@link Networks#policy}): each iteration
 *       collects {@code ppoEnvs × ppoStepsPerEnv} steps with a {@link Sampler} and updates;
 *       after each iteration one deterministic episode gives {@code ppo/eval/return}.</li>
 * </ul>
 * Rows of {@code metrics.csv} are indexed by environment steps. The final metrics per seed
 * ({@code sac/eval/return}, {@code sac/gap_pct} = 100·(R_line − R)/|R_line|,
 * {@code sac/within_tolerance} ∈ {0, 1}, and the same for PPO) go to {@code summary.json} with
 * mean ± std over seeds. Plots: {@code learning_curves_sac.png} and
 * {@code learning_curves_ppo.png}, the suboptimality R* − R of the deterministic policy on a log
 * axis (mean ± std band over seeds), with the straight-line policy's and the pass threshold's
 * as lines.
 *
 * <p>Runs execute on {@code threads} worker threads; each run is single-threaded and seeded
 * only by its seed, and its metrics are buffered and written in (seed, algorithm) order, so
 * {@code metrics.csv} and {@code summary.json} do not depend on the thread count. If a run
 * fails (for example a NaN loss), the metrics it recorded so far are written before the error
 * is rethrown.
 */
public final class PgPointNavigation implements Experiment<PgPointNavigationConfig> {

  /** The algorithms, in output order. */
  static final List<String> ALGORITHMS = List.of("sac", "ppo");

  @Override
  public String name() {
    return "pg-point-navigation";
  }

  @Override
  public String description() {
    return "PPO and SAC on PointNavigation with one fixed goal reach the straight-line"
        + " policy's return within 10%";
  }

  @Override
  public String reproduces() {
    return "issue 5's claim for continuous actions: PPO with a Gaussian policy and SAC"
        + " (Haarnoja et al. 2018) come within 10% of the straight-line policy's return";
  }

  @Override
  public String resultsPage() {
    return "docs/results/policy-gradient.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run pg-point-navigation' (and --quick) on the 2-core machine with nothing
    // else running, 2026-12-06: 48.7 s full, 18.7 s --quick
    return Duration.ofSeconds(quick ? 19 : 49);
  }

  @Override
  public PgPointNavigationConfig defaultConfig() {
    return PgPointNavigationConfig.defaults();
  }

  @Override
  public PgPointNavigationConfig quickConfig() {
    return PgPointNavigationConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public PgPointNavigationConfig smokeConfig() {
    return PgPointNavigationConfig.quick().with(b -> b.sacSteps(200)
        .sacLearningStarts(100).sacBatchSize(16).sacHiddenWidth(16).evalEvery(100)
        .ppoIterations(2).ppoStepsPerEnv(32).seeds(List.of(7L)));
  }

  /** One finished (or failed) run: its metric stream and its final deterministic return. */
  record RunResult(MetricsRecorder metrics, double finalReturn, RuntimeException failure) {}

  @Override
  public void run(PgPointNavigationConfig config, RunContext ctx) throws Exception {
    Goal goal = config.goal();
    double line = PointNavigation.straightLineReturn(goal);
    double optimal = PointNavigation.optimalReturn(goal);
    double threshold = line - config.tolerance() * Math.abs(line);
    ctx.note("goal", List.of(goal.x(), goal.y()));
    ctx.note("straight_line_return", line);
    ctx.note("optimal_return", optimal);
    ctx.note("pass_threshold", threshold);
    ctx.out().printf("PointNavigation, goal (%s, %s): straight-line return %.4f, optimal %.4f;"
        + " pass if the deterministic return >= %.4f%n", goal.x(), goal.y(), line, optimal,
        threshold);
    for (String a : ALGORITHMS) {
      ctx.metrics().declare(a + "/" + Metrics.EVAL_RETURN);
    }

    List<Long> seeds = config.seeds();
    ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(r, "pg-point-navigation");
      t.setDaemon(true);
      return t;
    });
    Map<Long, Map<String, Double>> finals = new LinkedHashMap<>();
    Map<String, List<Double>> perAlgorithm = new LinkedHashMap<>();
    try (Progress progress = ctx.progress("runs", 2L * seeds.size())) {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (long seed : seeds) {
        if (ctx.kept(seed).isEmpty()) { // a seed finished by the run this one resumes is kept
          futures.add(pool.submit(() -> runSac(config, seed)));
          futures.add(pool.submit(() -> runPpo(config, seed)));
        }
      }
      int k = 0;
      for (long seed : seeds) {
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed);
        if (kept.isPresent()) {
          finals.put(seed, kept.get().finalMetrics());
          for (String algorithm : ALGORITHMS) {
            perAlgorithm.computeIfAbsent(algorithm, a -> new ArrayList<>())
                .add(kept.get().finalMetrics().get(algorithm + "/" + Metrics.EVAL_RETURN));
            progress.step();
          }
          continue;
        }
        Map<String, Double> fin = new LinkedHashMap<>();
        for (String algorithm : ALGORITHMS) {
          RunResult r = get(futures.get(k++));
          try (MetricsListener out = ctx.listener(seed, name -> algorithm + "/" + name)) {
            for (MetricsRecorder.Row row : r.metrics().rows()) {
              for (Map.Entry<String, Double> e : row.values().entrySet()) {
                out.onScalar(row.iteration(), e.getKey(), e.getValue());
              }
            }
          }
          if (r.failure() != null) {
            throw r.failure();
          }
          double ret = r.finalReturn();
          fin.put(algorithm + "/" + Metrics.EVAL_RETURN, ret);
          fin.put(algorithm + "/gap_pct", 100 * (line - ret) / Math.abs(line));
          fin.put(algorithm + "/within_tolerance", ret >= threshold ? 1.0 : 0.0);
          perAlgorithm.computeIfAbsent(algorithm, a -> new ArrayList<>()).add(ret);
          progress.message("seed " + seed + " " + algorithm + " return " + ret);
          progress.step();
        }
        finals.put(seed, fin);
        ctx.seedComplete(seed, fin);
      }
    } finally {
      pool.shutdownNow();
    }

    ctx.out().println();
    resultsTable(perAlgorithm, threshold).print(ctx.out(), "");
    for (Map.Entry<String, XYChart> chart : charts(config, ctx.metrics()).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
    }
    ctx.note("files", List.of("metrics.csv", "summary.json", "learning_curves_sac.png",
        "learning_curves_ppo.png"));
  }

  /**
   * The printed table: per algorithm, the final deterministic return as mean ± std over seeds,
   * how many seeds passed, and each seed's return.
   *
   * @param perAlgorithm algorithm → final return per seed, in seed order. Not modified.
   * @param threshold the pass threshold
   */
  static TextTable resultsTable(Map<String, List<Double>> perAlgorithm, double threshold) {
    TextTable table = new TextTable("alg", "return (mean ± std)", "passed", "per seed");
    for (Map.Entry<String, List<Double>> e : perAlgorithm.entrySet()) {
      List<Double> rs = e.getValue();
      double[] v = rs.stream().mapToDouble(Double::doubleValue).toArray();
      long passed = rs.stream().filter(x -> x >= threshold).count();
      table.row(e.getKey(), Stats.of(v).format(), passed + "/" + v.length, rs.toString());
    }
    return table;
  }

  /**
   * The plots, by file name: {@code learning_curves_ALG.png} per algorithm, the suboptimality
   * R* − R of the deterministic policy's return (mean over seeds, ± std band) against
   * environment steps on a log axis, with the straight-line policy's and the pass threshold's
   * levels.
   *
   * @param config the run's config (goal, tolerance, seeds)
   * @param metrics the run's {@code metrics.csv}, its rows written. Not modified.
   */
  static Map<String, XYChart> charts(PgPointNavigationConfig config, MetricsCsv metrics) {
    Goal goal = config.goal();
    double line = PointNavigation.straightLineReturn(goal);
    double optimal = PointNavigation.optimalReturn(goal);
    double threshold = line - config.tolerance() * Math.abs(line);
    Map<String, XYChart> charts = new LinkedHashMap<>();
    for (String a : ALGORITHMS) {
      // suboptimality R* − R on a log axis: the interesting range is 1e-3 .. 1e-1, the first
      // evaluations are 1e1 .. 1e2 below
      List<double[]> xs = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      double maxX = 0;
      for (var s : metrics.series(a + "/" + Metrics.EVAL_RETURN).values()) {
        double[] y = s.y();
        for (int i = 0; i < y.length; i++) {
          y[i] = Math.max(optimal - y[i], 1e-6);
        }
        xs.add(s.x());
        ys.add(y);
        maxX = Math.max(maxX, s.x()[s.size() - 1]);
      }
      double[] span = {0, maxX};
      charts.put("learning_curves_" + a + ".png", Plots.learningCurveChart(
          "PointNavigation, goal (" + goal.x() + ", " + goal.y() + "): " + a.toUpperCase(),
          "environment steps", "optimal return − return of the mean action (log scale)",
          List.of(new Plots.Curve(a.toUpperCase(), xs, ys),
              Plots.Curve.single("straight-line policy", span,
                  new double[] {optimal - line, optimal - line}),
              Plots.Curve.single("pass threshold (within " + Math.round(100 * config.tolerance())
                  + "% of straight line)", span,
                  new double[] {optimal - threshold, optimal - threshold})),
          Plots.Band.STD, false, true));
    }
    return charts;
  }

  private static RunResult get(Future<RunResult> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException ex) {
      if (ex.getCause() instanceof Exception e) {
        throw e;
      }
      throw ex;
    }
  }

  /**
   * One SAC run ({@link Sac#train}), evaluating the deterministic policy on a fresh environment
   * every {@code evalEvery} steps and after the last.
   */
  static RunResult runSac(PgPointNavigationConfig config, long seed) {
    MetricsRecorder rec = new MetricsRecorder();
    Goal goal = config.goal();
    try {
      PgResult r = Sac.train(PointNavigation.withGoal(goal), config.sacConfig(seed),
          new Sac.Evaluation(PointNavigation.withGoal(goal), config.evalEvery(), 0,
              PointNavigation.HORIZON), rec);
      return new RunResult(rec, r.history().last(Metrics.EVAL_RETURN), null);
    } catch (RuntimeException ex) {
      return new RunResult(rec, rec.history().last(Metrics.EVAL_RETURN), ex);
    }
  }

  /** What a PPO run writes per iteration, in this order, then {@code eval/return}. */
  static final List<String> PPO_COLUMNS = List.of(Metrics.POLICY_LOSS, Metrics.VALUE_LOSS,
      Metrics.ENTROPY, Metrics.APPROX_KL, Metrics.CLIP_FRACTION);

  /**
   * One PPO run ({@link Ppo#train} on the networks it would build from the seed, made here so
   * that the listener can evaluate them), evaluated after every iteration; its rows are indexed
   * by environment steps ({@value Metrics#STEPS}) and hold {@link #PPO_COLUMNS} and the
   * evaluation.
   */
  static RunResult runPpo(PgPointNavigationConfig config, long seed) {
    MetricsRecorder rec = new MetricsRecorder();
    Goal goal = config.goal();
    double[] last = {Double.NaN};
    try {
      PpoConfig pc = config.ppoConfig(seed);
      List<PointNavigation> envs = new ArrayList<>();
      for (int i = 0; i < config.ppoEnvs(); i++) {
        envs.add(PointNavigation.withGoal(goal));
      }
      Sampler<double[], double[]> sampler = Sampler.vector(envs);
      Policy policy = Networks.defaultPolicy(sampler, pc.hidden(), pc.initLogStd(), pc.seed());
      Module value = Networks.defaultValue(sampler, pc.hidden(), pc.seed());
      Tape tape = new Tape();
      TrainingListener byStep = new TrainingListener() {
        private final Map<String, Double> pending = new HashMap<>();
        private long steps;

        @Override
        public void onScalar(long iteration, String name, double v) {
          if (name.equals(Metrics.STEPS)) {
            steps = (long) v;
          } else if (PPO_COLUMNS.contains(name)) {
            pending.put(name, v);
          }
        }

        @Override
        public void onIterationEnd(long iteration, double elapsed) {
          last[0] = evaluateMean(policy, goal, tape);
          for (String k : PPO_COLUMNS) {
            rec.onScalar(steps, k, pending.get(k));
          }
          rec.onScalar(steps, Metrics.EVAL_RETURN, last[0]);
          rec.onIterationEnd(steps, 0);
          pending.clear();
        }
      };
      Ppo.train(sampler, policy, value, pc, byStep);
      return new RunResult(rec, last[0], null);
    } catch (RuntimeException ex) {
      return new RunResult(rec, last[0], ex);
    }
  }

  /** One episode of the Gaussian policy's mean action μ(s) (the environment clips it). */
  static double evaluateMean(Policy policy, Goal goal, Tape tape) {
    PointNavigation env = PointNavigation.withGoal(goal);
    double[] obs = env.reset(0);
    DMatrixRMaj o = new DMatrixRMaj(1, obs.length);
    double ret = 0;
    for (int t = 0; t < PointNavigation.HORIZON; t++) {
      System.arraycopy(obs, 0, o.data, 0, obs.length);
      tape.reset();
      Tensor mu = policy.network().forward(tape, tape.constant(o));
      Step<double[]> s = env.step(mu.value().data.clone());
      ret += s.reward();
      if (s.done()) {
        break;
      }
      obs = s.observation();
    }
    return ret;
  }
}
