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
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.A2c;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.Metrics;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.PgResult;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.Reinforce;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.envs.tabular.GridWorld;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run pg-fourrooms}: REINFORCE (with baseline), A2C and PPO on FourRooms from
 * one-hot state observations, each scored by the exact expected discounted return of its
 * learned (stochastic) policy against value iteration's optimum.
 *
 * <p>Protocol, per seed and algorithm:
 * <ol>
 *   <li>the MDP: {@code GridWorld.bundled(map, options)} (slip, step cost, goal reward, γ);
 *       J* = Σ_s d0(s) V*(s) from {@link ValueIteration}; J_unif the same for the uniform
 *       random policy ({@link PolicyEvaluation});
 *   <li>training: {@code numEnvs} {@link TabularEnv}s in a {@link TimeLimit}, one-hot
 *       observations ({@link Sampler#oneHot}), the algorithm's {@code train} with the run seed;
 *   <li>evaluation every {@code evalEvery} iterations and at the end: the policy network's
 *       softmax π(a|s) on every state as a {@link TabularPolicy} (the stochastic policy as it
 *       acts; the greedy policy is reported beside it), its exact J(π) = Σ_s d0(s) V^π(s), and the
 *       normalised score (J(π) − J_unif) / (J* − J_unif): 0 for the uniform policy, 1 for an
 *       optimal one. Success: final score ≥ {@code target}.
 * </ol>
 * Seeds run in parallel on {@code threads} workers; each (seed, algorithm) run is independent and
 * its results are written in seed order, so the numbers do not depend on the thread count.
 */
public final class PgFourRooms implements Experiment<PgFourRoomsConfig> {

  /** The algorithms in run order, as the metric prefixes name them. */
  public static final List<String> ALGORITHMS = List.of("reinforce", "a2c", "ppo");

  @Override
  public String name() {
    return "pg-fourrooms";
  }

  @Override
  public String description() {
    return "REINFORCE, A2C and PPO on FourRooms (one-hot states) vs value iteration's optimum";
  }

  @Override
  public String reproduces() {
    return "issue 5's claim: REINFORCE with baseline, A2C and PPO-clip (Schulman et al. 2017)"
        + " reach >= 95% of the optimal expected return that value iteration computes on the"
        + " same MDP";
  }

  @Override
  public String resultsPage() {
    return "docs/results/policy-gradient.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run pg-fourrooms' (and --quick) on the 2-core machine with nothing
    // else running, 2026-12-06: 15.9 s full, 10.4 s --quick
    return Duration.ofSeconds(quick ? 10 : 16);
  }

  @Override
  public PgFourRoomsConfig defaultConfig() {
    return PgFourRoomsConfig.defaults();
  }

  @Override
  public PgFourRoomsConfig quickConfig() {
    return PgFourRoomsConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public PgFourRoomsConfig smokeConfig() {
    PgFourRoomsConfig q = PgFourRoomsConfig.quick();
    return q.with(b -> b.numEnvs(2).evalEvery(2).reinforce(q.reinforce().withIterations(3))
        .a2c(q.a2c().withIterations(3)).ppo(q.ppo().withIterations(2)).threads(1)
        .seeds(List.of(q.seeds().get(0))));
  }

  /**
   * One (seed, algorithm) run's history (the algorithm's rows, with the evaluations added to the
   * iterations that had them) and final numbers.
   */
  record RunResult(String algorithm, long seed, List<MetricsRecorder.Row> rows, double score,
      double greedyScore, double expectedReturn, long steps, double seconds) {
  }

  @Override
  public void run(PgFourRoomsConfig config, RunContext ctx) throws Exception {
    GridWorld world = GridWorld.bundled(config.map(), config.gridOptions());
    TabularMdp mdp = world.mdp();
    Solution opt = ValueIteration.solve(mdp);
    double jStar = opt.expectedValue(mdp.initialDistribution());
    double jUnif = expectedReturn(mdp, TabularPolicy.uniform(mdp.numStates(), mdp.numActions()));
    ctx.note("world", world.toString());
    ctx.note("optimal_return", jStar);
    ctx.note("uniform_return", jUnif);
    ctx.note("score", "(J(pi) - J_uniform) / (J* - J_uniform), J = sum_s d0(s) V^pi(s), pi the"
        + " stochastic softmax policy of the network");
    ctx.out().println(world + ", slip " + config.slip() + ", step " + config.stepReward()
        + ", goal " + config.goalReward() + ", gamma " + config.gamma() + ", time limit "
        + config.timeLimit());
    ctx.out().printf("J* = %.4f (value iteration), J_uniform = %.4f%n", jStar, jUnif);
    List<String> columns = new ArrayList<>();
    for (String alg : ALGORITHMS) {
      for (String m : List.of(Metrics.STEPS, Metrics.EPISODIC_RETURN, Metrics.ENTROPY,
          Metrics.POLICY_LOSS, Metrics.VALUE_LOSS, "eval/score", "eval/greedy_score",
          Metrics.EVAL_RETURN)) {
        columns.add(alg + "/" + m);
      }
      columns.add("ppo/" + Metrics.APPROX_KL);
      columns.add("ppo/" + Metrics.CLIP_FRACTION);
    }
    ctx.metrics().declare(columns.stream().distinct().toArray(String[]::new));

    ExecutorService pool = Executors.newFixedThreadPool(config.threads());
    Map<String, Map<Long, RunResult>> results = new LinkedHashMap<>();
    try (Progress progress = ctx.progress("runs", (long) config.seeds().size()
        * ALGORITHMS.size())) {
      List<List<Future<RunResult>>> futures = new ArrayList<>();
      for (long seed : config.seeds()) {
        List<Future<RunResult>> perSeed = new ArrayList<>();
        if (ctx.kept(seed).isEmpty()) { // a seed finished by the run this one resumes is kept
          for (String alg : ALGORITHMS) {
            perSeed.add(pool.submit(() -> runOne(alg, seed, config, mdp, jStar, jUnif)));
          }
        }
        futures.add(perSeed);
      }
      for (int i = 0; i < config.seeds().size(); i++) {
        long seed = config.seeds().get(i);
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed);
        if (kept.isPresent()) {
          for (String alg : ALGORITHMS) {
            results.computeIfAbsent(alg, k -> new LinkedHashMap<>()).put(seed,
                keptRun(alg, kept.get()));
            progress.step();
          }
          continue;
        }
        Map<String, Double> fin = new LinkedHashMap<>();
        for (Future<RunResult> f : futures.get(i)) {
          RunResult r = get(f);
          results.computeIfAbsent(r.algorithm(), k -> new LinkedHashMap<>()).put(seed, r);
          for (MetricsRecorder.Row row : r.rows()) {
            Map<String, Double> values = new LinkedHashMap<>();
            row.values().forEach((k, v) -> values.put(r.algorithm() + "/" + k, v));
            ctx.row(seed, row.iteration(), values);
          }
          fin.put(r.algorithm() + "/score", r.score());
          fin.put(r.algorithm() + "/greedy_score", r.greedyScore());
          fin.put(r.algorithm() + "/return", r.expectedReturn());
          fin.put(r.algorithm() + "/steps", (double) r.steps());
          fin.put(r.algorithm() + "/seconds", r.seconds());
          progress.step();
        }
        ctx.seedComplete(seed, fin);
      }
    } finally {
      pool.shutdownNow();
    }

    ctx.out().println();
    resultsTable(config, results).print(ctx.out(), "");
    Map<String, Object> table = new LinkedHashMap<>();
    for (String alg : ALGORITHMS) {
      Map<Long, RunResult> rs = results.get(alg);
      double[] s = rs.values().stream().mapToDouble(RunResult::score).toArray();
      double[] g = rs.values().stream().mapToDouble(RunResult::greedyScore).toArray();
      double[] j = rs.values().stream().mapToDouble(RunResult::expectedReturn).toArray();
      Stats ss = Stats.of(s);
      long reached = rs.values().stream().filter(r -> r.score() >= config.target()).count();
      table.put(alg, Map.of("score", ss, "greedy_score", Stats.of(g), "return", Stats.of(j),
          "seeds_reaching_target", reached));
    }
    ctx.note("results", table);

    for (Map.Entry<String, XYChart> chart : charts(config, results).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
    }
    ctx.note("files", List.of("metrics.csv", "summary.json", "score.png",
        "episodic_return.png"));
  }

  /**
   * The printed table: per algorithm, the stochastic and greedy scores and J(π) as mean ± std
   * over seeds, and how many seeds reached the target.
   *
   * @param results algorithm → seed → run, every algorithm of {@link #ALGORITHMS}. Not modified.
   */
  static TextTable resultsTable(PgFourRoomsConfig config,
      Map<String, Map<Long, RunResult>> results) {
    TextTable table = new TextTable("algorithm", "score (stochastic)", "score (greedy)", "J(pi)",
        "reached " + config.target());
    for (String alg : ALGORITHMS) {
      Map<Long, RunResult> rs = results.get(alg);
      double[] s = rs.values().stream().mapToDouble(RunResult::score).toArray();
      double[] g = rs.values().stream().mapToDouble(RunResult::greedyScore).toArray();
      double[] j = rs.values().stream().mapToDouble(RunResult::expectedReturn).toArray();
      long reached = rs.values().stream().filter(r -> r.score() >= config.target()).count();
      table.row(alg, Stats.of(s).format(), Stats.of(g).format(), Stats.of(j).format(),
          reached + "/" + rs.size());
    }
    return table;
  }

  /**
   * The plots, by file name: {@code score.png}, the normalised exact return against environment
   * steps, and {@code episodic_return.png}, the training episodes' return; per algorithm the
   * mean over seeds with a ± std band.
   *
   * @param results algorithm → seed → run, every algorithm of {@link #ALGORITHMS}. Not modified.
   */
  static Map<String, XYChart> charts(PgFourRoomsConfig config,
      Map<String, Map<Long, RunResult>> results) {
    List<Plots.Curve> score = new ArrayList<>();
    List<Plots.Curve> returns = new ArrayList<>();
    for (String alg : ALGORITHMS) {
      score.add(curve(alg, results.get(alg), "eval/score"));
      returns.add(curve(alg, results.get(alg), Metrics.EPISODIC_RETURN));
    }
    Map<String, XYChart> charts = new LinkedHashMap<>();
    charts.put("score.png", Plots.learningCurveChart(config.map() + ": normalised exact return"
        + " of the learned policy", "environment steps", "(J(π) − J_unif) / (J* − J_unif)",
        score, Plots.Band.STD, false, false));
    charts.put("episodic_return.png", Plots.learningCurveChart(config.map()
        + ": undiscounted training episode return", "environment steps", "Σ r per episode",
        returns, Plots.Band.STD, false, false));
    return charts;
  }

  private static RunResult get(Future<RunResult> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  /**
   * One algorithm's run of a seed kept from the run this one resumes: its rows as read back from
   * metrics.csv (the columns {@code ALG/...}, unprefixed) and its final numbers.
   */
  static RunResult keptRun(String alg, RunContext.KeptSeed kept) {
    String prefix = alg + "/";
    List<MetricsRecorder.Row> rows = new ArrayList<>();
    for (MetricsCsv.Row row : kept.rows()) {
      Map<String, Double> values = new LinkedHashMap<>();
      row.values().forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          values.put(k.substring(prefix.length()), v);
        }
      });
      if (!values.isEmpty()) {
        rows.add(new MetricsRecorder.Row(row.iteration(), values, 0.0));
      }
    }
    Map<String, Double> fin = kept.finalMetrics();
    return new RunResult(alg, kept.seed(), rows, fin.get(prefix + "score"),
        fin.get(prefix + "greedy_score"), fin.get(prefix + "return"),
        fin.get(prefix + "steps").longValue(), fin.get(prefix + "seconds"));
  }

  /** A curve of {@code metric} against the environment steps at which it was recorded. */
  private static Plots.Curve curve(String alg, Map<Long, RunResult> runs, String metric) {
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (RunResult r : runs.values()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (MetricsRecorder.Row row : r.rows()) {
        Double v = row.values().get(metric);
        if (v != null) {
          x.add(row.values().get(Metrics.STEPS));
          y.add(v);
        }
      }
      xs.add(x.stream().mapToDouble(Double::doubleValue).toArray());
      ys.add(y.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return new Plots.Curve(alg, xs, ys);
  }

  /** Trains one algorithm with one seed and evaluates it exactly. */
  static RunResult runOne(String alg, long seed, PgFourRoomsConfig config, TabularMdp mdp,
      double jStar, double jUnif) {
    int s = mdp.numStates();
    List<Env<Integer, Integer>> envs = new ArrayList<>();
    for (int i = 0; i < config.numEnvs(); i++) {
      envs.add(new TimeLimit<>(new TabularEnv(mdp), config.timeLimit()));
    }
    Sampler<Integer, Integer> sampler = Sampler.oneHot(envs, s);
    List<Integer> hidden = switch (alg) {
      case "reinforce" -> config.reinforce().hidden();
      case "a2c" -> config.a2c().hidden();
      default -> config.ppo().hidden();
    };
    int iterations = switch (alg) {
      case "reinforce" -> config.reinforce().iterations();
      case "a2c" -> config.a2c().iterations();
      default -> config.ppo().iterations();
    };
    // the networks train builds from the seed, made here so that the listener can evaluate them
    Policy policy = Networks.defaultPolicy(sampler, hidden, 0.0, seed);
    Module value = Networks.defaultValue(sampler, hidden, seed);
    Evaluator eval = new Evaluator(mdp, (CategoricalPolicy) policy, jStar, jUnif);
    Map<Long, double[]> evaluations = new HashMap<>();
    TrainingListener evaluate = new TrainingListener() {
      @Override
      public void onScalar(long iteration, String name, double v) {
      }

      @Override
      public void onIterationEnd(long iteration, double elapsed) {
        if (iteration % config.evalEvery() == 0 || iteration == iterations) {
          evaluations.put(iteration, eval.evaluate());
        }
      }
    };
    long t0 = System.nanoTime();
    PgResult result = switch (alg) {
      case "reinforce" -> Reinforce.train(sampler, policy, value,
          config.reinforce().withSeed(seed), evaluate);
      case "a2c" -> A2c.train(sampler, policy, value, config.a2c().withSeed(seed), evaluate);
      case "ppo" -> Ppo.train(sampler, policy, value, config.ppo().withSeed(seed), evaluate);
      default -> throw new IllegalArgumentException("unknown algorithm " + alg);
    };
    double seconds = (System.nanoTime() - t0) * 1e-9;
    List<MetricsRecorder.Row> rows = new ArrayList<>();
    for (MetricsRecorder.Row row : result.history().rows()) {
      Map<String, Double> values = new LinkedHashMap<>(row.values());
      double[] e = evaluations.get(row.iteration());
      if (e != null) {
        values.put("eval/score", e[0]);
        values.put("eval/greedy_score", e[1]);
        values.put(Metrics.EVAL_RETURN, e[2]);
      }
      rows.add(new MetricsRecorder.Row(row.iteration(), values, row.elapsedSeconds()));
    }
    double[] e = eval.evaluate();
    return new RunResult(alg, seed, rows, e[0], e[1], e[2], result.environmentSteps(), seconds);
  }

  /** Exact evaluation of a categorical policy network on every state of a tabular MDP. */
  static final class Evaluator {
    private final TabularMdp mdp;
    private final CategoricalPolicy policy;
    private final double jStar;
    private final double jUnif;
    private final DMatrixRMaj identity;
    private final Tape tape = new Tape();

    Evaluator(TabularMdp mdp, CategoricalPolicy policy, double jStar, double jUnif) {
      this.mdp = mdp;
      this.policy = policy;
      this.jStar = jStar;
      this.jUnif = jUnif;
      int s = mdp.numStates();
      identity = new DMatrixRMaj(s, s);
      for (int i = 0; i < s; i++) {
        identity.set(i, i, 1.0);
      }
    }

    /** {stochastic score, greedy score, stochastic J(π)}. */
    double[] evaluate() {
      tape.reset();
      DMatrixRMaj p = policy.probabilities(tape, identity, null);
      tape.reset();
      TabularPolicy pi = TabularPolicy.of(mdp.numStates(), mdp.numActions(), p.data);
      int[] greedy = new int[mdp.numStates()];
      for (int s = 0; s < greedy.length; s++) {
        greedy[s] = pi.greedyAction(s);
      }
      double j = expectedReturn(mdp, pi);
      double jg = expectedReturn(mdp, TabularPolicy.deterministic(greedy, mdp.numActions()));
      return new double[] {score(j), score(jg), j};
    }

    private double score(double j) {
      return (j - jUnif) / (jStar - jUnif);
    }
  }

  /** Σ_s d0(s) V^π(s) by an exact policy evaluation. */
  static double expectedReturn(TabularMdp mdp, TabularPolicy pi) {
    double[] v = PolicyEvaluation.evaluate(mdp, pi);
    double[] d0 = mdp.initialDistribution();
    double acc = 0;
    for (int s = 0; s < v.length; s++) {
      acc += d0[s] * v[s];
    }
    return acc;
  }
}
