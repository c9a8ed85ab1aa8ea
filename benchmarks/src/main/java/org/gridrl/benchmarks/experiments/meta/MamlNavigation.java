package org.gridrl.benchmarks.experiments.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedRuns;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.core.env.NormalizeAction;
import org.gridrl.core.pg.GaussianPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.meta.maml.Maml;
import org.gridrl.meta.maml.MamlConfig;
import org.gridrl.meta.maml.MamlResult;
import org.gridrl.meta.maml.MamlTasks;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run maml-navigation}: MAML's 2-D navigation experiment (Finn, Abbeel &amp;
 * Levine 2017, §5.2 and the point-robot panel of their Figure 5): the mean return R_k after
 * k = 0, 1, 2, 3 test-time gradient steps on the same held-out goals for
 * <ul>
 *   <li>{@code maml}: {@link Maml#train} with the exact second-order meta-gradient and the
 *       outer step of the config ({@code maml.outer}: Adam by default, or the reference's TRPO
 *       step with {@code "maml": {"outer": "TRPO"}} in a {@code --config} file);</li>
 *   <li>{@code maml-first-order}: the same with {@code firstOrder = true};</li>
 *   <li>{@code pretrained}: one policy trained on all tasks, the reference's "pretrained" curve
 *       ({@code test_maml_point.py} loads {@code maml0_fbs20_mbs20_...}: the output of
 *       {@code maml_trpo_point.py} with {@code use_maml = False}, where {@code MAMLNPO} drops the
 *       inner step and takes one full-batch {@code FirstOrderOptimizer} (Adam 1e−3) step per
 *       iteration on the mean over the meta-batch of the pre-update surrogates, i.e. joint
 *       policy-gradient training on random goals with the same sampler); see
 *       {@link Maml#pretrain};</li>
 *   <li>{@code random}: the untrained initialisation (the θ MAML starts from with the same
 *       seed);</li>
 *   <li>{@code oracle}: the policy that knows the goal and drives the straight line to it at top
 *       speed, {@link PointNavigation#straightLineReturn} averaged over the goals (deterministic,
 *       so exact: the segment from the origin to g is covered in n = ⌈‖g‖_∞ / 0.1⌉ steps of
 *       length s = 0.1‖g‖₂/‖g‖_∞ and R = −Σ_{t=1}^{n} max(0, ‖g‖₂ − t s); the rollout through
 *       the environment's own dynamics gives it). The reference's oracle is instead a TRPO
 *       policy trained with the goal in its observation ({@code trpo_point.py},
 *       {@code PointEnvRandGoalOracle}), which still pays for its exploration noise.</li>
 * </ul>
 * The environment is {@link PointNavigation} behind {@link NormalizeAction} (the reference's
 * {@code TfEnv(normalize(PointEnvRandGoal()))}): the Gaussian policy acts in [−1, 1]², mapped to
 * the ±0.1 speed box and clipped.
 *
 * <p>Every method is tested the same way, as the reference's {@code test_maml_point.py}: per
 * held-out goal, {@link Maml#adapt} samples a batch of {@code testEpisodesPerTask} episodes, takes
 * a plain policy-gradient step of α, samples again, then steps of α/2; R_k is the mean episode
 * return of batch k, averaged over the goals. The goals are one fixed set drawn from
 * {@code goalSeed}; goal i's sampler is seeded with {@code new Rng(evaluationSeed(s)).fork(i)} for
 * every method of seed s (common random numbers across methods).
 *
 * <p>Per seed s, four independent jobs (MAML, first-order MAML, pre-training, random), each
 * single-threaded and seeded only by s, run on {@code threads} workers and are written in (seed,
 * method) order, so the files do not depend on the thread count. {@code metrics.csv} holds the
 * training curves per meta-iteration ({@code maml/pre_update_return},
 * {@code maml/post_update_return}, the same for {@code maml-first-order}, and
 * {@code pretrained/return}); each seed's final metrics are {@code eval/METHOD/step_k} (R_k) and
 * {@code eval/METHOD/step_k_se} (its standard error over goals). The authors' own numbers are
 * printed and noted beside ours ({@link #PUBLISHED}).
 */
public final class MamlNavigation implements Experiment<MamlNavigationConfig> {

  /** The trained or untrained methods, in table order. */
  public static final List<String> METHODS =
      List.of("maml", "maml-first-order", "pretrained", "random");

  /** Legend names of {@link #METHODS}. */
  static final Map<String, String> LABELS = Map.of("maml", "MAML (second order)",
      "maml-first-order", "MAML (first order)", "pretrained", "pretrained on all goals",
      "random", "random initialisation");

  /**
   * The authors' mean returns after 0, 1, 2, 3 steps, from the pickles behind their Figure 5
   * (cbfinn/maml_rl at 9c8e2eb, {@code icml/icml_point_results_maml.pkl},
   * {@code icml_point_results_random.pkl}, {@code icml_point_results_oracle.pkl}: key
   * {@code task_avg_returns}, 40 goals, mean over goals; read with
   * {@code pickle.load(f, encoding='latin1')}): MAML −40.41 ± 2.04, −11.68 ± 1.10, −3.33 ± 0.28,
   * −3.23 ± 0.29; random −82.66, −57.96, −53.84, −46.81; oracle −2.29 ± 0.07 (0 steps, s.e. over
   * goals). The "pretrained" curve's pickle ({@code icml_point_results_maml0.pkl}, which
   * {@code make_point_plots.py} reads) is not in the repository.
   */
  public static final Map<String, double[]> PUBLISHED = publishedRows();

  private static Map<String, double[]> publishedRows() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("maml", new double[] {-40.41, -11.68, -3.33, -3.23});
    m.put("random", new double[] {-82.66, -57.96, -53.84, -46.81});
    m.put("oracle", new double[] {-2.29});
    return m;
  }

  /** The source of {@link #PUBLISHED}, as noted in {@code summary.json}. */
  static final String PUBLISHED_SOURCE = "cbfinn/maml_rl@9c8e2eb icml/icml_point_results_"
      + "{maml,random,oracle}.pkl, key task_avg_returns: mean over 40 goals after 0..3 steps";

  /** The training-curve column(s) of each method in {@code metrics.csv}. */
  static Map<String, List<String>> curveColumns() {
    Map<String, List<String>> c = new LinkedHashMap<>();
    for (String m : List.of("maml", "maml-first-order")) {
      c.put(m, List.of(m + "/pre_update_return", m + "/post_update_return"));
    }
    c.put("pretrained", List.of("pretrained/return"));
    c.put("random", List.of());
    return c;
  }

  @Override
  public String name() {
    return "maml-navigation";
  }

  @Override
  public String description() {
    return "MAML (second and first order), a pre-trained policy, a random initialisation and"
        + " the oracle on 2-D point navigation: return after 0..3 test-time gradient steps";
  }

  @Override
  public String reproduces() {
    return "Finn, Abbeel & Levine 2017 (MAML), §5.2 and the point-robot panel of Figure 5:"
        + " return on new goals after 0..3 test-time gradient steps, beside the authors'"
        + " numbers from the pickles the figure was drawn from";
  }

  @Override
  public String resultsPage() {
    return "docs/results/maml.md";
  }

  // measured: wall time of 'java -jar gridrl.jar run maml-navigation' (and --quick) on the 2-core
  // machine, 2026-12-06, NOT idle: another session's training run kept both cores busy (load
  // average 5 to 8): 1921 s full (32 min, 2 threads), 38.0 s --quick; on an idle machine both
  // should be shorter (docs/results/maml.md)
  @Override
  public Duration expectedRunTime(boolean quick) {
    return Duration.ofSeconds(quick ? 38 : 1921);
  }

  @Override
  public MamlNavigationConfig defaultConfig() {
    return MamlNavigationConfig.defaults();
  }

  @Override
  public MamlNavigationConfig quickConfig() {
    return MamlNavigationConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public MamlNavigationConfig smokeConfig() {
    return MamlNavigationConfig.quick().with(b -> b
        .maml(MamlNavigationConfig.fullMaml().withIterations(2).withMetaBatchSize(2)
            .withEpisodesPerTask(1).withTestEpisodesPerTask(1))
        .hidden(List.of(4)).testGoals(2).threads(1).seeds(List.of(1L)));
  }

  // ------------------------------------------------------------------ the setting

  /** Goals on {@link PointNavigation} behind {@link NormalizeAction}, 100 steps an episode. */
  public static MamlTasks<Goal, double[], double[]> tasks() {
    return MamlTasks.vector(PointNavigation.goals(),
        g -> new NormalizeAction<>(PointNavigation.withGoal(g)), new Goal(0, 0));
  }

  /** rng ↦ a tanh Gaussian MLP 2 → hidden → 2 with log σ₀ = {@code initLogStd}. */
  static Function<Rng, Policy> newPolicy(MamlNavigationConfig config) {
    int[] hidden = config.hiddenWidths();
    double logStd = config.initLogStd();
    return rng -> GaussianPolicy.mlp(2, hidden, 2, logStd, rng);
  }

  /** The held-out goals: {@code testGoals} draws of p(g) from {@code new Rng(goalSeed)}. */
  public static List<Goal> testGoals(MamlNavigationConfig config) {
    return Maml.heldOutTasks(PointNavigation.goals(), config.testGoals(), config.goalSeed());
  }

  /** The seed of seed s's test samplers, shared by its methods: 1000 + s. */
  public static long evaluationSeed(long seed) {
    return 1000L + seed;
  }

  /**
   * The oracle's return on each goal, {@link PointNavigation#straightLineReturn} (undiscounted,
   * the straight line at top speed; exact).
   */
  public static double[] oracleReturns(List<Goal> goals) {
    return goals.stream().mapToDouble(PointNavigation::straightLineReturn).toArray();
  }

  /** "Adam 0.01", or "TRPO (mean KL <= 0.01)": MAML's outer optimiser, as printed. */
  static String outerStep(MamlConfig m) {
    return m.outer() == MamlConfig.Outer.ADAM ? "Adam " + m.outerLearningRate()
        : "TRPO (mean KL <= " + m.trustRegion().maxKl() + ")";
  }

  /** MAML's config for a run: the experiment's, with seed s, the order, and one thread. */
  static MamlConfig mamlConfig(MamlNavigationConfig config, long seed, boolean firstOrder) {
    return config.maml().withSeed(seed).withFirstOrder(firstOrder).withThreads(1);
  }

  // ------------------------------------------------------------------ one job

  /**
   * One method's run for one seed.
   *
   * @param curves training-curve column → value per meta-iteration (none for {@code random})
   * @param mean R_k, k = 0..K, the mean over goals
   * @param se the standard error over goals of R_k (sample std / √goals; 0 for one goal)
   */
  record MethodRun(String method, Map<String, double[]> curves, double[] mean, double[] se) {}

  /** Trains {@code method} with seed s (unless it is {@code random}) and tests it. */
  static MethodRun runMethod(MamlNavigationConfig config, String method, long seed) {
    MamlTasks<Goal, double[], double[]> tasks = tasks();
    Function<Rng, Policy> newPolicy = newPolicy(config);
    MamlConfig maml = mamlConfig(config, seed, method.equals("maml-first-order"));
    Map<String, double[]> curves = new LinkedHashMap<>();
    Policy policy;
    switch (method) {
      case "maml", "maml-first-order" -> {
        MamlResult r = Maml.train(tasks, newPolicy, maml, null);
        List<String> cols = curveColumns().get(method);
        curves.put(cols.get(0), r.history().series(Maml.PRE_UPDATE_RETURN));
        curves.put(cols.get(1), r.history().series(Maml.POST_UPDATE_RETURN));
        policy = r.policy();
      }
      case "pretrained" -> {
        Maml.Pretrained p = Maml.pretrain(tasks, newPolicy, maml, config.pretrainLearningRate());
        curves.put("pretrained/return", p.curve());
        policy = p.policy();
      }
      case "random" -> policy = newPolicy.apply(new Rng(seed).fork(0));
      default -> throw new IllegalArgumentException("unknown method " + method);
    }
    double[][] perGoal = testReturns(policy, config, maml, seed);
    return new MethodRun(method, curves, meanOverGoals(perGoal), seOverGoals(perGoal));
  }

  /**
   * R_k on every held-out goal: [goal][k], k = 0..testSteps, by {@link Maml#adapt} with goal i's
   * sampler seeded from {@code new Rng(evaluationSeed(seed)).fork(i)}.
   */
  static double[][] testReturns(Policy policy, MamlNavigationConfig config, MamlConfig maml,
      long seed) {
    List<Goal> goals = testGoals(config);
    MamlTasks<Goal, double[], double[]> tasks = tasks();
    Rng root = new Rng(evaluationSeed(seed));
    double[][] out = new double[goals.size()][];
    for (int i = 0; i < goals.size(); i++) {
      out[i] = Maml.adapt(policy, tasks, goals.get(i), maml, maml.testSteps(),
          root.fork(i).seed()).returns();
    }
    return out;
  }

  static double[] meanOverGoals(double[][] perGoal) {
    int k = perGoal[0].length;
    double[] m = new double[k];
    for (double[] r : perGoal) {
      for (int j = 0; j < k; j++) {
        m[j] += r[j] / perGoal.length;
      }
    }
    return m;
  }

  static double[] seOverGoals(double[][] perGoal) {
    int n = perGoal.length;
    double[] mean = meanOverGoals(perGoal);
    double[] se = new double[mean.length];
    if (n < 2) {
      return se;
    }
    for (int j = 0; j < mean.length; j++) {
      double ss = 0;
      for (double[] r : perGoal) {
        ss += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
      se[j] = Math.sqrt(ss / (n - 1) / n);
    }
    return se;
  }

  // ------------------------------------------------------------------ the run

  /** One seed: every method's run, in {@link #METHODS} order. */
  record SeedResult(long seed, Map<String, MethodRun> runs) {}

  @Override
  public void run(MamlNavigationConfig config, RunContext ctx) throws Exception {
    List<Goal> goals = testGoals(config);
    double[] oracle = oracleReturns(goals);
    double oracleMean = mean(oracle);
    double optimalMean = goals.stream().mapToDouble(PointNavigation::optimalReturn).average()
        .orElseThrow();
    MamlConfig m = config.maml();
    int steps = m.testSteps();
    ctx.out().printf("2-D navigation (PointNavigation behind NormalizeAction), %d held-out goals"
        + " (seed %d); test: %d steps (alpha %s, then %s) on %d episodes each%n", goals.size(),
        config.goalSeed(), steps, m.innerStepSize(), m.innerStepSize() * m.laterTestStepScale(),
        m.testEpisodesPerTask());
    ctx.out().printf("training: %d iterations x %d tasks x %d episodes per method and seed,"
        + " policy tanh %s, log sigma0 %s, MAML's outer step %s; oracle (straight line at top"
        + " speed, exact) %.4f%n", m.iterations(), m.metaBatchSize(), m.episodesPerTask(),
        config.hidden(), config.initLogStd(), outerStep(m), oracleMean);
    ctx.note("goals", goals.stream().map(g -> List.of(g.x(), g.y())).toList());
    Map<String, Object> oracleNote = new LinkedHashMap<>();
    oracleNote.put("how", "mean over the goals of PointNavigation.straightLineReturn(g): the"
        + " straight line from the origin to g at the largest speed the 0.1 box allows in that"
        + " direction, rolled out through the environment's dynamics (deterministic, exact)");
    oracleNote.put("straight_line_return", oracleMean);
    oracleNote.put("optimal_return", optimalMean);
    ctx.note("oracle", oracleNote);
    Map<String, Object> published = new LinkedHashMap<>();
    published.put("source", PUBLISHED_SOURCE);
    published.putAll(PUBLISHED);
    ctx.note("published", published);
    ctx.note("seeds", config.seeds());
    List<String> columns = new ArrayList<>();
    for (List<String> c : curveColumns().values()) {
      columns.addAll(c);
    }
    ctx.metrics().declare(columns.toArray(String[]::new));

    int n = config.seeds().size();
    Map<String, Map<Long, MethodRun>> runs = SeedRuns.run(ctx, config.threads(), config.seeds(),
        List.of(""), METHODS, (g, method, seed) -> runMethod(config, method, seed),
        (g, method, kept) -> keptSeed(config, kept).runs().get(method),
        (c, seed, fresh) -> writeSeed(c, config,
            new SeedResult(seed, SeedRuns.byMethod(METHODS, fresh)), oracleMean),
        (seed, g, method, run) -> "seed " + seed + " " + method + " R_0.." + steps + " "
            + formatRow(run.mean())).get("");
    Map<Long, SeedResult> results = new LinkedHashMap<>();
    for (long seed : config.seeds()) {
      results.put(seed, new SeedResult(seed, SeedRuns.atSeed(runs, METHODS, seed)));
    }

    ctx.out().println();
    table(config, results, oracleMean).print(ctx.out(), "");
    ctx.out().printf("%n(mean ± std over %d seeds of the mean return over %d goals; the"
        + " authors' rows from %s)%n", n, goals.size(), PUBLISHED_SOURCE);
    ctx.note("returns", summary(results, steps));
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json"));
    for (Map.Entry<String, XYChart> chart : charts(config, results, oracleMean).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
      files.add(chart.getKey());
    }
    ctx.note("files", files);
  }

  /** A seed's training-curve rows, then its final metrics. */
  private static void writeSeed(RunContext ctx, MamlNavigationConfig config, SeedResult r,
      double oracleMean) {
    int iterations = config.maml().iterations();
    for (int it = 0; it < iterations; it++) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (MethodRun run : r.runs().values()) {
        for (Map.Entry<String, double[]> c : run.curves().entrySet()) {
          values.put(c.getKey(), c.getValue()[it]);
        }
      }
      ctx.row(r.seed(), it + 1, values);
    }
    Map<String, Double> fin = new LinkedHashMap<>();
    for (MethodRun run : r.runs().values()) {
      for (int k = 0; k < run.mean().length; k++) {
        fin.put(finalKey(run.method(), k), run.mean()[k]);
        fin.put(finalKey(run.method(), k) + "_se", run.se()[k]);
      }
    }
    fin.put("eval/oracle", oracleMean);
    ctx.seedComplete(r.seed(), fin);
  }

  /** {@code eval/METHOD/step_k}. */
  static String finalKey(String method, int k) {
    return "eval/" + method + "/step_" + k;
  }

  /** A seed kept from the run this one resumes, read back from its rows and final metrics. */
  static SeedResult keptSeed(MamlNavigationConfig config, RunContext.KeptSeed kept) {
    int iterations = config.maml().iterations();
    int k = config.maml().testSteps() + 1;
    Map<String, MethodRun> runs = new LinkedHashMap<>();
    for (String method : METHODS) {
      Map<String, double[]> curves = new LinkedHashMap<>();
      for (String col : curveColumns().get(method)) {
        double[] c = new double[iterations];
        for (MetricsCsv.Row row : kept.rows()) {
          Double v = row.values().get(col);
          if (v != null && row.iteration() >= 1 && row.iteration() <= iterations) {
            c[(int) row.iteration() - 1] = v;
          }
        }
        curves.put(col, c);
      }
      double[] mean = new double[k];
      double[] se = new double[k];
      for (int j = 0; j < k; j++) {
        mean[j] = kept.finalMetrics().get(finalKey(method, j));
        se[j] = kept.finalMetrics().get(finalKey(method, j) + "_se");
      }
      runs.put(method, new MethodRun(method, curves, mean, se));
    }
    return new SeedResult(kept.seed(), runs);
  }

  /** Per method and step k: R_k's mean ± std over seeds, and the mean s.e. over goals. */
  private static Map<String, Object> summary(Map<Long, SeedResult> results, int steps) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String method : METHODS) {
      Map<String, Object> perStep = new LinkedHashMap<>();
      for (int k = 0; k <= steps; k++) {
        perStep.put("step_" + k, stats(results, method, k));
      }
      out.put(method, perStep);
    }
    return out;
  }

  private static Stats stats(Map<Long, SeedResult> results, String method, int k) {
    return Stats.of(results.values().stream()
        .mapToDouble(r -> r.runs().get(method).mean()[k]).toArray());
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static String formatRow(double[] x) {
    List<String> s = new ArrayList<>();
    for (double v : x) {
      s.add(String.format("%.2f", v));
    }
    return String.join(" ", s);
  }

  /**
   * The printed table: per method R_0..R_K as mean ± std over seeds, then the oracle's exact
   * value, then the authors' rows where they exist ("-" where they have none).
   *
   * @param results seed → its runs. Not modified.
   */
  static TextTable table(MamlNavigationConfig config, Map<Long, SeedResult> results,
      double oracleMean) {
    int steps = config.maml().testSteps();
    List<String> header = new ArrayList<>(List.of("method"));
    for (int k = 0; k <= steps; k++) {
      header.add(k + (k == 1 ? " step" : " steps"));
    }
    TextTable table = new TextTable(header.toArray(String[]::new));
    for (String method : METHODS) {
      List<String> row = new ArrayList<>(List.of(LABELS.get(method) + " (" + results.size()
          + " seeds)"));
      for (int k = 0; k <= steps; k++) {
        Stats s = stats(results, method, k);
        row.add(s.std() == null ? String.format("%.2f", s.mean())
            : String.format("%.2f ± %.2f", s.mean(), s.std()));
      }
      table.row(row.toArray(String[]::new));
    }
    List<String> oracleRow = new ArrayList<>(List.of("oracle (straight line, exact)"));
    for (int k = 0; k <= steps; k++) {
      oracleRow.add(String.format("%.2f", oracleMean));
    }
    table.row(oracleRow.toArray(String[]::new));
    for (Map.Entry<String, double[]> p : PUBLISHED.entrySet()) {
      List<String> row = new ArrayList<>(List.of(p.getKey() + " (Finn et al. 2017, pickle)"));
      for (int k = 0; k <= steps; k++) {
        double[] v = p.getValue();
        row.add(k < v.length ? String.format("%.2f", v[k]) : "-");
      }
      table.row(row.toArray(String[]::new));
    }
    return table;
  }

  /**
   * The plots, by file name: {@code adaptation.png}, R_k against k per method (mean line, ± std
   * band over seeds), the oracle's exact value and the authors' MAML and random curves;
   * {@code training.png}, the training curves per meta-iteration (MAML's post-update return,
   * first-order MAML's, the pre-trained policy's batch return; ± std bands).
   *
   * @param results seed → its runs. Not modified.
   */
  static Map<String, XYChart> charts(MamlNavigationConfig config, Map<Long, SeedResult> results,
      double oracleMean) {
    int steps = config.maml().testSteps();
    double[] ks = new double[steps + 1];
    for (int k = 0; k <= steps; k++) {
      ks[k] = k;
    }
    List<Plots.Curve> curves = new ArrayList<>();
    for (String method : METHODS) {
      List<double[]> xs = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      for (SeedResult r : results.values()) {
        xs.add(ks);
        ys.add(r.runs().get(method).mean());
      }
      curves.add(new Plots.Curve(LABELS.get(method), xs, ys));
    }
    curves.add(Plots.Curve.single(String.format("oracle (straight line) %.2f", oracleMean),
        new double[] {0, steps}, new double[] {oracleMean, oracleMean}));
    for (String p : List.of("maml", "random")) {
      double[] v = PUBLISHED.get(p);
      int len = Math.min(v.length, steps + 1);
      double[] x = new double[len];
      double[] y = new double[len];
      for (int k = 0; k < len; k++) {
        x[k] = k;
        y[k] = v[k];
      }
      curves.add(Plots.Curve.single(LABELS.get(p).replace(" (second order)", "")
          + ", Finn et al. 2017", x, y));
    }
    Map<String, XYChart> charts = new LinkedHashMap<>();
    charts.put("adaptation.png", Plots.learningCurveChart("2-D navigation: return on "
        + config.testGoals() + " new goals after k test-time gradient steps",
        "test-time gradient steps k (alpha, then alpha/2)", "mean return per episode",
        curves, Plots.Band.STD, false, false));

    int iterations = config.maml().iterations();
    double[] it = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      it[i] = i + 1;
    }
    List<Plots.Curve> training = new ArrayList<>();
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("maml/post_update_return", "MAML (second order), after the inner step");
    shown.put("maml-first-order/post_update_return", "MAML (first order), after the inner step");
    shown.put("pretrained/return", "pretrained on all goals");
    for (Map.Entry<String, String> c : shown.entrySet()) {
      String method = c.getKey().substring(0, c.getKey().indexOf('/'));
      List<double[]> xs = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      for (SeedResult r : results.values()) {
        xs.add(it);
        ys.add(r.runs().get(method).curves().get(c.getKey()));
      }
      training.add(new Plots.Curve(c.getValue(), xs, ys));
    }
    charts.put("training.png", Plots.learningCurveChart("2-D navigation: training return"
        + " per meta-iteration", "meta-iteration (" + config.maml().metaBatchSize() + " goals x "
        + config.maml().episodesPerTask() + " episodes)", "mean return per episode", training,
        Plots.Band.STD, false, false));
    return charts;
  }
}
