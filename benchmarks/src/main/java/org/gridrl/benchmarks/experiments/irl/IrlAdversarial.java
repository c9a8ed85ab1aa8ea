package org.gridrl.benchmarks.experiments.irl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedPool;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.PolicyTables;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.envs.tabular.ObjectWorld;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.IrlResult;
import org.gridrl.irl.MaxEntIrl;
import org.gridrl.irl.MaxEntIrlConfig;
import org.gridrl.irl.metrics.IrlMetrics;
import org.gridrl.irl.sampled.Airl;
import org.gridrl.irl.sampled.AirlConfig;
import org.gridrl.irl.sampled.BehaviourCloning;
import org.gridrl.irl.sampled.BehaviourCloningConfig;
import org.gridrl.irl.sampled.Gail;
import org.gridrl.irl.sampled.GailConfig;
import org.gridrl.irl.sampled.GuidedCostLearning;
import org.gridrl.irl.sampled.GuidedCostLearningConfig;
import org.gridrl.irl.sampled.Metrics;
import org.gridrl.irl.sampled.SampledIrlResult;
import org.gridrl.irl.sampled.TabularEvaluation;
import org.gridrl.irl.sampled.Transitions;
import org.knowm.xchart.XYChart;

/**
 * {@code irl-adversarial-grid}: imitation and reward learning from 32 expert demonstrations on
 * two tabular worlds, judged by exact answers the learners never see. Behaviour cloning, guided
 * cost learning, GAIL and AIRL learn from transitions only (one-hot observations on the grid,
 * ObjectWorld's continuous features there); MaxEnt IRL, which knows the dynamics, is the
 * reference line. Per seed, world and method: the normalised return (J^π − J^unif)/(J* −
 * J^unif) of the method's own policy by exact policy evaluation, and for the reward learners the
 * EVD of the reward re-optimised by value iteration and its Pearson r with the true reward over
 * (s, a). The expert is the optimal policy of the true reward (value iteration), whose
 * normalised return is 1, or with {@code expertTemperature} τ &gt; 0 its soft-optimal policy.
 */
public final class IrlAdversarial implements Experiment<IrlAdversarialConfig> {

  /** The worlds, in run order. */
  public static final List<String> WORLDS = List.of("grid", "objectworld");
  /** The methods, in table order: the sampled ones, then MaxEnt (known dynamics). */
  public static final List<String> METHODS = List.of("bc", "gcl", "gail", "airl", "maxent");

  /**
   * The 8×8 grid: walls ({@code #}), lava ({@code x}, −1 while in it), goal {@code G} (+1 while in
   * it, not terminal), uniform start, slip 0, γ 0.9, 4 moves.
   */
  static final String GRID_MAP = String.join("\n",
      "....x...",
      ".##.....",
      "..#..x..",
      "..#..##.",
      ".....#..",
      ".##..x..",
      "....#...",
      "..x....G") + "\n";

  /** Rows and columns of an ObjectWorld (16×16). */
  static final int OBJECTWORLD_SIZE = 16;

  @Override
  public String name() {
    return "irl-adversarial-grid";
  }

  @Override
  public String description() {
    return "BC, GCL, GAIL and AIRL from 32 demos (MaxEnt with known dynamics as reference) on an"
        + " 8x8 grid with walls and ObjectWorld 16x16: normalised return, EVD, reward correlation"
        + " by exact evaluation";
  }

  @Override
  public String reproduces() {
    return "the sample-based IRL methods (Ho & Ermon 2016 GAIL, Finn et al. 2016 GCL, Fu, Luo"
        + " & Levine 2018 AIRL, behaviour cloning) against MaxEnt with known dynamics, scored"
        + " exactly by the expected value difference of Levine et al. 2011";
  }

  @Override
  public String resultsPage() {
    return "docs/results/irl-adversarial.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run irl-adversarial-grid' (and --quick) on the 2-core
    // machine with nothing else running, 2026-12-06: 228.0 s full, 20.7 s --quick
    return Duration.ofSeconds(quick ? 21 : 228);
  }

  @Override
  public IrlAdversarialConfig defaultConfig() {
    return IrlAdversarialConfig.defaults();
  }

  @Override
  public IrlAdversarialConfig quickConfig() {
    return IrlAdversarialConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public IrlAdversarialConfig smokeConfig() {
    return IrlAdversarialConfig.quick().with(b -> b.numDemos(4).demoLength(6).numEnvs(2)
        .bcEpochs(2).gclIterations(2).gclEpisodes(1).adversarialIterations(2)
        .maxEntIterations(3).threads(1).seeds(List.of(1L)));
  }

  /**
   * One world of one seed: the MDP with its true reward, the features the learners observe, and
   * the grid (for ASCII maps) when it is the grid.
   */
  record World(String name, TabularMdp mdp, StateFeatures features, GridWorld grid) {

    /**
     * State → observation: one-hot on the grid; on ObjectWorld the one-hot state followed by its
     * feature row (the distances alone do not say which way to move, so a policy of them alone
     * cannot imitate; a reward of them generalises across states).
     */
    ObservationEncoder<Integer> encoder() {
      int n = mdp.numStates();
      if (grid != null) {
        return ObservationEncoder.oneHot(n);
      }
      double[] phi = features.data();
      int k = features.numFeatures();
      return (s, out, offset) -> {
        Arrays.fill(out, offset, offset + n, 0.0);
        out[offset + s] = 1.0;
        System.arraycopy(phi, s * k, out, offset + n, k);
      };
    }

    /** The observation length. */
    int observationDim() {
      return grid != null ? mdp.numStates() : mdp.numStates() + features.numFeatures();
    }
  }

  /** The named world for a seed (the grid is fixed; ObjectWorld is drawn with the seed). */
  static World world(String name, long seed) {
    if (name.equals("grid")) {
      GridWorld g = GridWorld.parse(GRID_MAP, "irl-adversarial-grid", GridWorld.Options.defaults()
          .with(b -> b.gamma(0.9).goalTerminal(false).rewardTiming(GridWorld.RewardTiming.IN_STATE)));
      double[] uniform = new double[g.numStates()];
      Arrays.fill(uniform, 1.0 / g.numStates());
      return new World(name, g.mdp().withInitialDistribution(uniform), g.features(), g);
    }
    ObjectWorld w = new ObjectWorld(ObjectWorld.Config.defaults(seed).withSize(OBJECTWORLD_SIZE));
    return new World(name, w.mdp(), w.continuousFeatures(), null);
  }

  /** The metrics.csv column of a quantity, a world and a method: {@code grid/return/airl}. */
  static String column(String world, String quantity, String method) {
    return world + "/" + quantity + "/" + method;
  }

  /** Whether a method learns a reward (all but behaviour cloning). */
  static boolean learnsReward(String method) {
    return !method.equals("bc");
  }

  /** The columns of a config, world by world, then quantity, then method. */
  static List<String> columns(IrlAdversarialConfig config) {
    List<String> columns = new ArrayList<>();
    for (String w : config.worlds()) {
      for (String q : List.of("return", "evd", "corr")) {
        for (String m : config.methods()) {
          if (q.equals("return") || learnsReward(m)) {
            columns.add(column(w, q, m));
          }
        }
      }
    }
    return columns;
  }

  /**
   * What one seed gives: its metrics row and, per world, the true-return learning curve
   * ({@code policy/return} per iteration) of each method that samples and the exact expected
   * episode returns of the expert and of the uniform policy ({@code references}: world →
   * {expert, uniform}), for the plots.
   */
  record SeedResult(long seed, Map<String, Double> row,
      Map<String, Map<String, double[]>> curves, Map<String, double[]> references) {
  }

  /** Runs one seed over every world and method (pure: depends only on the config and seed). */
  static SeedResult runSeed(IrlAdversarialConfig config, long seed) {
    Map<String, Double> row = new LinkedHashMap<>();
    Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();
    Map<String, double[]> references = new LinkedHashMap<>();
    for (String worldName : config.worlds()) {
      World world = world(worldName, seed);
      TabularMdp mdp = world.mdp();
      Solution optimal = ValueIteration.solve(mdp);
      TabularPolicy expert = config.expertTemperature() == 0 ? optimal.policy()
          : SoftValueIteration.solve(mdp, SoftViConfig.defaults().withTemperature(
              config.expertTemperature())).policy();
      Demonstrations demos = Demonstrations.sample(mdp, expert, config.numDemos(),
          config.demoLength(), seed);
      references.put(worldName, new double[] {
          PolicyTables.episodeReturn(mdp, expert, config.demoLength()),
          PolicyTables.episodeReturn(mdp, TabularPolicy.uniform(mdp.numStates(),
              mdp.numActions()), config.demoLength())});
      ObservationEncoder<Integer> encoder = world.encoder();
      Transitions expertData = Transitions.fromDemonstrations(demos, mdp, encoder,
          world.observationDim());
      Map<String, double[]> worldCurves = new LinkedHashMap<>();
      for (String method : config.methods()) {
        if (method.equals("maxent")) {
          IrlResult<?> fit = MaxEntIrl.train(IrlProblem.of(mdp, world.features(), demos,
              config.demoLength(), IrlProblem.Start.INIT), MaxEntIrlConfig.defaults().with(b -> b
              .l2(0.01).learningRate(0.1).maxIterations(config.maxEntIterations())));
          double[] lifted = liftStateReward(fit.stateReward(), mdp.numActions());
          row.put(column(worldName, "return", method),
              PolicyTables.normalisedReturn(mdp, optimal, fit.policy()));
          row.put(column(worldName, "evd", method),
              IrlMetrics.expectedValueDifference(mdp, optimal, fit.stateReward()));
          row.put(column(worldName, "corr", method),
              IrlMetrics.rewardCorrelation(lifted, mdp.rewards()));
          continue;
        }
        SampledIrlResult<?> fit = fitSampled(method, config, world, expertData, seed);
        TabularPolicy pi = PolicyTables.policy(fit.policy(), mdp.numStates(), encoder);
        row.put(column(worldName, "return", method),
            PolicyTables.normalisedReturn(mdp, optimal, pi));
        if (fit.reward() != null) {
          row.put(column(worldName, "evd", method), IrlMetrics.expectedValueDifference(mdp,
              optimal, TabularEvaluation.optimalPolicy(mdp, fit.reward(), encoder)));
          row.put(column(worldName, "corr", method),
              TabularEvaluation.rewardCorrelation(mdp, fit.reward(), encoder));
        }
        double[] curve = fit.history().series(Metrics.POLICY_RETURN);
        if (curve.length > 0) {
          worldCurves.put(method, curve);
        }
      }
      curves.put(worldName, worldCurves);
    }
    return new SeedResult(seed, row, curves, references);
  }

  /** A state reward as r(s, a) = r(s) for every action. */
  static double[] liftStateReward(double[] r, int numActions) {
    double[] out = new double[r.length * numActions];
    for (int s = 0; s < r.length; s++) {
      Arrays.fill(out, s * numActions, (s + 1) * numActions, r[s]);
    }
    return out;
  }

  /** Environment steps per iteration of a sampling method under the config. */
  static int stepsPerIteration(IrlAdversarialConfig config, String method) {
    return switch (method) {
      case "gcl" -> config.numEnvs() * config.gclEpisodes() * config.demoLength();
      case "gail", "airl" -> config.numEnvs() * GailConfig.defaults().ppo().stepsPerEnv();
      default -> 0;
    };
  }

  /** Trains one sample-based method with the config's budget, seeded with the run's seed. */
  static SampledIrlResult<?> fitSampled(String method, IrlAdversarialConfig config, World world,
      Transitions expert, long seed) {
    if (method.equals("bc")) {
      return BehaviourCloning.train(expert, BehaviourCloningConfig.defaults().with(b -> b
          .epochs(config.bcEpochs()).hidden(config.policyHidden()).seed(seed)), null);
    }
    List<Env<Integer, Integer>> envs = new ArrayList<>();
    for (int i = 0; i < config.numEnvs(); i++) {
      envs.add(new TimeLimit<>(new TabularEnv(world.mdp()), config.demoLength()));
    }
    Sampler<Integer, Integer> sampler = new Sampler<>(envs, world.encoder(),
        world.observationDim());
    return switch (method) {
      case "gcl" -> GuidedCostLearning.train(sampler, expert, GuidedCostLearningConfig.defaults()
          .with(b -> b.iterations(config.gclIterations()).episodesPerIteration(
              config.gclEpisodes()).lcrWeight(config.gclLcrWeight()).seed(seed).ppo(
              GuidedCostLearningConfig.defaultPpo().withHidden(config.policyHidden()))), null);
      case "gail" -> Gail.train(sampler, expert, GailConfig.defaults().with(b -> b
          .iterations(config.adversarialIterations()).seed(seed).ppo(GailConfig.defaults().ppo()
              .withHidden(config.policyHidden()))), null);
      case "airl" -> Airl.train(sampler, expert, AirlConfig.defaults().with(b -> b
          .iterations(config.adversarialIterations()).seed(seed).ppo(AirlConfig.defaults().ppo()
              .withHidden(config.policyHidden()))), null);
      default -> throw new IllegalArgumentException("unknown method '" + method + "'");
    };
  }

  @Override
  public void run(IrlAdversarialConfig config, RunContext ctx) throws Exception {
    ctx.metrics().declare(columns(config).toArray(new String[0]));
    ctx.note("protocol", "expert: " + (config.expertTemperature() == 0
        ? "optimal (value iteration) policy" : "soft-optimal policy at tau "
        + config.expertTemperature()) + " of the true reward; " + config.numDemos()
        + " demos of " + config.demoLength() + " steps from the uniform start;"
        + " return = (J - J_unif)/(J* - J_unif) of the method's own policy by exact policy"
        + " evaluation; evd of the reward re-optimised by value iteration; corr over (s, a)");
    ctx.out().println(name() + ": worlds " + config.worlds() + ", methods " + config.methods()
        + ", " + config.numDemos() + " demos x " + config.demoLength() + " steps, seeds "
        + config.seeds() + " on " + config.threads() + " threads");
    List<SeedResult> results = new ArrayList<>();
    try (SeedPool pool = new SeedPool(config.threads(), config.seeds().size());
        Progress progress = ctx.progress("seeds", config.seeds().size())) {
      List<Future<SeedResult>> futures = new ArrayList<>();
      for (long seed : config.seeds()) {
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed); // finished by a resumed run
        boolean first = seed == config.seeds().get(0);
        futures.add(kept.isEmpty() || first ? pool.submit(() -> runSeed(config, seed))
            : CompletableFuture.completedFuture(new SeedResult(seed,
                kept.get().finalMetrics(), Map.of(), Map.of())));
      }
      for (Future<SeedResult> f : futures) {
        SeedResult r = SeedPool.result(f);
        Optional<RunContext.KeptSeed> kept = ctx.kept(r.seed());
        if (kept.isEmpty()) {
          ctx.row(r.seed(), 1, r.row());
          ctx.seedComplete(r.seed(), r.row());
        } else { // a kept first seed was rerun for its curves: its row is the kept one
          r = new SeedResult(r.seed(), kept.get().finalMetrics(), r.curves(), r.references());
        }
        results.add(r);
        progress.step();
      }
    }
    for (Map.Entry<String, XYChart> chart : curveCharts(config, results.get(0)).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
    }
    resultsTable(config, results).print(ctx.out(), "");
  }

  /**
   * Per world, the first seed's learning curves: the true undiscounted return of the episodes
   * each sampling method's policy ended in each iteration, against environment steps, with the
   * expert's and the uniform policy's exact expected episode returns as flat lines.
   */
  static Map<String, XYChart> curveCharts(IrlAdversarialConfig config, SeedResult first) {
    Map<String, XYChart> charts = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, double[]>> w : first.curves().entrySet()) {
      List<Plots.Curve> curves = new ArrayList<>();
      double maxX = 0;
      for (Map.Entry<String, double[]> c : w.getValue().entrySet()) {
        double[] y = c.getValue();
        double[] x = new double[y.length];
        int per = stepsPerIteration(config, c.getKey());
        for (int i = 0; i < y.length; i++) {
          x[i] = (double) (i + 1) * per;
        }
        curves.add(Plots.Curve.single(c.getKey(), x, y));
        maxX = Math.max(maxX, x[x.length - 1]);
      }
      double[] ref = first.references().get(w.getKey());
      if (ref != null && !curves.isEmpty()) {
        curves.add(Plots.Curve.single("expert (exact)", new double[] {0, maxX},
            new double[] {ref[0], ref[0]}));
        curves.add(Plots.Curve.single("uniform policy (exact)", new double[] {0, maxX},
            new double[] {ref[1], ref[1]}));
      }
      if (!curves.isEmpty()) {
        charts.put("curves_" + w.getKey() + ".png", Plots.learningCurveChart(w.getKey()
            + " (seed " + first.seed() + "): true return of the learner's episodes",
            "environment steps", "undiscounted return per episode (" + config.demoLength()
            + " steps)", curves, Plots.Band.NONE, false, false));
      }
    }
    return charts;
  }

  /** The printed table: per world and method, mean ± std over seeds of each quantity. */
  static TextTable resultsTable(IrlAdversarialConfig config, List<SeedResult> results) {
    TextTable table = new TextTable("world", "method", "return (norm.)", "EVD", "corr");
    for (String w : config.worlds()) {
      for (String m : config.methods()) {
        table.row(w, m, meanStd(results, column(w, "return", m)),
            learnsReward(m) ? meanStd(results, column(w, "evd", m)) : "-",
            learnsReward(m) ? meanStd(results, column(w, "corr", m)) : "-");
      }
    }
    return table;
  }

  private static String meanStd(List<SeedResult> results, String column) {
    double[] v = results.stream().mapToDouble(r -> r.row().getOrDefault(column, Double.NaN))
        .toArray();
    double mean = Arrays.stream(v).average().orElse(Double.NaN);
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    return String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
  }
}
