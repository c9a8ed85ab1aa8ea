package org.gridrl.benchmarks.experiments.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedRuns;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.NormalizeAction;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.GaussianPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.SparsePointRobot;
import org.gridrl.meta.maml.Maml;
import org.gridrl.meta.maml.MamlBatch;
import org.gridrl.meta.maml.MamlConfig;
import org.gridrl.meta.maml.MamlTasks;
import org.gridrl.meta.pearl.Pearl;
import org.gridrl.meta.pearl.PearlConfig;
import org.gridrl.meta.pearl.PearlEvaluation;
import org.gridrl.meta.rl2.Rl2;
import org.gridrl.meta.rl2.Rl2BoxTasks;
import org.gridrl.meta.rl2.Rl2Config;
import org.gridrl.meta.rl2.Rl2Evaluation;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run pearl-point}: PEARL's sparse point robot (Rakelly et al. 2019, §6.3 and the
 * sparse-reward panel of their Figure 6; {@link SparsePointRobot}: start at the origin, moves
 * clipped to [−0.1, 0.1]², reward 1 − ‖p − g‖ within 0.2 of the goal and 0 elsewhere, 20 steps,
 * goals on the upper unit half-circle). The 100 reference goals
 * {@code SparsePointRobot.referenceGoals(100)} are split as the authors' code splits them
 * ({@link #TRAIN}, {@link #HELD_OUT}); every method meta-trains on the 80 training goals and is
 * scored on the 20 held-out ones at {@code evaluations} points of its training, against the
 * environment steps it has used so far:
 * <ul>
 *   <li>{@code pearl}: {@link Pearl#train} (critics on the dense reward −‖p − g‖, encoder on the
 *       sparse one, as the authors' {@code sparse_rewards}); scored by {@link Pearl#evaluate}:
 *       per goal, {@code pearlTestTrajectories} deterministic trajectories, z from the prior
 *       for the first {@code explorationTrajectories}, then from q(z|c) of everything so far; the
 *       score is the last trajectory's return (the authors' {@code AverageReturn_all_test_tasks}
 *       from {@code _do_eval}: the mean over test tasks of the final path's sparse return);</li>
 *   <li>{@code maml}: {@link Maml#train} (second order, Adam) of a tanh Gaussian MLP acting in
 *       [−1, 1]² through {@link NormalizeAction}, as in {@code maml-navigation}, with p(T) uniform
 *       over the 80 training goals; scored per held-out goal by {@code testSteps} plain
 *       policy-gradient steps on batches of {@code testEpisodesPerTask} sampled episodes, then
 *       the return of one more such batch (actions sampled);</li>
 *   <li>{@code rl2}: RL² (Duan et al. 2016) with a GRU and a diagonal Gaussian head, PPO on
 *       trials of {@code rl2EpisodesPerTrial} episodes of one training goal
 *       ({@link Rl2BoxTasks#sparsePointRobot}); scored per held-out goal by
 *       {@code rl2TestTrials} trials ({@link Rl2#evaluate}, actions sampled, nothing learned),
 *       the last episode of each trial, scored as training goes through {@link Rl2#train}'s
 *       per-iteration callback.</li>
 * </ul>
 * A trajectory succeeds when it comes within 0.2 of the goal at some step (its sparse return is
 * then &gt; 0, since 1 − d ≥ 0.8 there); the success rate is the fraction of held-out goals whose
 * scored trajectory (PEARL) or scored episodes (MAML, averaged) succeed.
 *
 * <p>The exact rows ({@link #exactRows}): the oracle that knows the goal, the straight line at
 * speed 0.1, the zero action (return 0, success 0) and the uniformly random action
 * (Monte Carlo over {@code randomEpisodes} episodes per goal, seeded; ± its standard error).
 *
 * <p>Per seed s, one job per method, each single-threaded and seeded only by s, run on
 * {@code threads} workers and are written in (seed, method) order, so the files do not depend
 * on the thread count. {@code metrics.csv} holds, per seed and evaluation point k = 1..E (the
 * row's iteration), {@code METHOD/steps}, {@code METHOD/return} and {@code METHOD/success}; each
 * seed's final metrics are the last point's, {@code eval/METHOD/return}, {@code ...success},
 * {@code ...steps}, and the exact rows.
 */
public final class PearlPoint implements Experiment<PearlPointConfig> {

  /** The trained methods, in table order. */
  public static final List<String> METHODS = List.of("pearl", "maml", "rl2");

  /** Legend names of {@link #METHODS}. */
  static final Map<String, String> LABELS = Map.of("pearl", "PEARL (last of the test"
      + " trajectories)", "maml", "MAML (after the test-time step)", "rl2",
      "RL² (last episode of the trial)");

  /** The number of reference goals, {@code n_tasks} of the authors' json. */
  public static final int GOALS = 100;

  /**
   * The authors' split of {@code SparsePointRobot.referenceGoals(100)} (index k is θ = kπ/99):
   * {@code rlkit/envs/point_robot.py} shuffles the goals with {@code np.random.seed(1337);
   * np.random.shuffle(goals)} and {@code launch_experiment.py} trains on the first 80 and tests
   * on the last 20. The indices were computed with NumPy 2.4.6 (legacy {@code RandomState},
   * stream-compatible with the authors'):
   * <pre>
   * np.random.seed(1337); a = np.arange(100); np.random.shuffle(a)
   * a[:80], a[-20:]
   * </pre>
   * (shuffling the (100, 2) goal array itself gives the same order).
   */
  public static final List<Integer> TRAIN = List.of(2, 48, 86, 44, 59, 56, 79, 70, 91, 17, 50, 32,
      36, 87, 15, 11, 63, 81, 30, 43, 10, 73, 76, 53, 52, 31, 25, 94, 5, 80, 37, 16, 40, 21, 55,
      49, 83, 77, 78, 45, 0, 33, 12, 13, 28, 69, 64, 35, 58, 7, 47, 74, 29, 85, 62, 38, 14, 71, 4,
      42, 34, 41, 3, 26, 18, 93, 46, 97, 68, 95, 98, 8, 20, 67, 57, 51, 19, 60, 65, 75);

  /** The held-out goals' indices, the last 20 of the authors' shuffle ({@link #TRAIN}). */
  public static final List<Integer> HELD_OUT = List.of(66, 22, 88, 27, 1, 24, 99, 54, 6, 9, 72,
      84, 82, 90, 96, 89, 39, 92, 61, 23);

  /** The exact rows, in table order. */
  public static final List<String> EXACT = List.of("oracle", "straight-line", "random", "zero");

  @Override
  public String name() {
    return "pearl-point";
  }

  @Override
  public String description() {
    return "PEARL, MAML and RL² on PEARL's sparse point robot: return and success rate on 20"
        + " held-out goals against meta-training environment steps, beside the exact oracle";
  }

  // measured on the 2-core machine, 2026-12-06: './gridrl run pearl-point --quick' 10.5 s wall
  // (18 s of CPU on the 2 threads) at load 0.6-1.1; 88.4 s at load 14-16 while other sessions'
  // builds and training runs shared the cores. The full run with threads = 1 ("threads": 1 in
  // a --config file): 1785 s wall while the load fell from 14 to 1 (seed 1 593 s at load 14,
  // seeds 2-5 267-344 s: PEARL 204-275 s, RL² 46-50 s, MAML 17-20 s); with the default 2
  // threads on an idle machine it should take about half (docs/results/pearl-point.md).
  @Override
  public Duration expectedRunTime(boolean quick) {
    return Duration.ofSeconds(quick ? 11 : 1785);
  }

  @Override
  public String reproduces() {
    return "Rakelly et al. 2019 (PEARL), §6.3 and the sparse-reward panel of Figure 6: return"
        + " and success rate on the 20 held-out goals of the sparse point robot (the authors'"
        + " split) against meta-training steps, for PEARL, MAML and RL², beside the exact oracle"
        + " (the published curve not yet read off the figure)";
  }

  @Override
  public PearlPointConfig defaultConfig() {
    return PearlPointConfig.defaults();
  }

  @Override
  public PearlPointConfig quickConfig() {
    return PearlPointConfig.quick();
  }

  // ------------------------------------------------------------------ the setting

  /** {@code referenceGoals(100)} at {@code indices}, in that order. */
  static List<Goal> goals(List<Integer> indices) {
    List<Goal> all = SparsePointRobot.referenceGoals(GOALS);
    return indices.stream().map(all::get).toList();
  }

  /** The 80 training goals, in the authors' order. */
  public static List<Goal> trainGoals() {
    return goals(TRAIN);
  }

  /** The 20 held-out goals, in the authors' order. */
  public static List<Goal> heldOutGoals() {
    return goals(HELD_OUT);
  }

  private static List<SparsePointRobot> robots(List<Goal> goals) {
    return goals.stream().map(SparsePointRobot::new).toList();
  }

  /** MAML's tasks: p(T) uniform over the training goals, the robot behind NormalizeAction. */
  static MamlTasks<Goal, double[], double[]> mamlTasks() {
    List<Goal> train = trainGoals();
    TaskDistribution<Goal> uniform = rng -> train.get(rng.nextInt(train.size()));
    return MamlTasks.vector(uniform, g -> new NormalizeAction<>(new SparsePointRobot(g)),
        train.get(0));
  }

  /** rng ↦ a tanh Gaussian MLP 2 → hidden → 2 with log σ₀ = {@code mamlInitLogStd}. */
  static Function<Rng, Policy> mamlPolicy(PearlPointConfig config) {
    int[] hidden = config.mamlHiddenWidths();
    double logStd = config.mamlInitLogStd();
    return rng -> GaussianPolicy.mlp(2, hidden, 2, logStd, rng);
  }

  /** The seed of seed s's test streams, shared by its methods: 1000 + s. */
  public static long evaluationSeed(long seed) {
    return 1000L + seed;
  }

  /**
   * The iterations after which a method of {@code iterations} iterations is evaluated:
   * ⌈k·I/E⌉ for k = 1..E, so the last is I.
   */
  static int[] evaluationIterations(int iterations, int evaluations) {
    int[] out = new int[evaluations];
    for (int k = 1; k <= evaluations; k++) {
      out[k - 1] = (int) ((k * (long) iterations + evaluations - 1) / evaluations);
    }
    return out;
  }

  // ------------------------------------------------------------------ the exact rows

  /**
   * The best return on goal g, the oracle's (it knows g). In exact arithmetic
   * R* = Σ_{t=1}^{20} r(‖g − clamp(g, −0.1t, 0.1t)‖), r(d) = 1 − d for d ≤ 0.2, else 0: after t
   * steps every reachable position lies in the box [−0.1t, 0.1t]², whose nearest point to g is
   * the coordinate-wise clamp; the clamp sequence is itself reachable (each coordinate moves by
   * at most 0.1 a step: the greedy action clip(g − p)), and r is non-increasing in d, so every
   * term is at its maximum at once. This is not the straight line: off the axes the diagonal box
   * corner gets closer sooner (14.84 at θ = π/4 against 12.7).
   *
   * <p>Computed in the robot's own floating-point arithmetic, p_t = p_{t−1} + clip(g − p_{t−1})
   * (as {@link SparsePointRobot#step} adds), so it is what the greedy policy is paid there. The
   * two differ only where a step lands on the radius: on the goals θ = 0, π/2, π, 0.1 added
   * eight times is 0.7999999999999999, so d = 0.2 + 1e−16 at t = 8 is not paid (11.9 instead of
   * 12.7); the authors' NumPy robot adds the same way.
   */
  public static double optimalReturn(Goal g) {
    double x = 0;
    double y = 0;
    double r = 0;
    for (int t = 1; t <= SparsePointRobot.HORIZON; t++) {
      x += clip(g.x() - x);
      y += clip(g.y() - y);
      r += SparsePointRobot.sparseReward(g.distanceTo(x, y));
    }
    return r;
  }

  /**
   * The return of driving straight at g at speed 0.1 a step (a = 0.1 (g − p)/‖g − p‖ until the
   * last step lands on g), in the robot's arithmetic as {@link #optimalReturn}: for a goal at
   * distance 1, d_t = 1 − 0.1t is paid from t = 8 (d = 0.2) on, 0.8 + 0.9 + 11·1 = 12.7 in exact
   * arithmetic, 11.9 where d_8 rounds above 0.2.
   */
  public static double straightLineReturn(Goal g) {
    double x = 0;
    double y = 0;
    double r = 0;
    for (int t = 1; t <= SparsePointRobot.HORIZON; t++) {
      double dx = g.x() - x;
      double dy = g.y() - y;
      double f = Math.min(1.0, SparsePointRobot.MAX_SPEED / Math.max(Math.hypot(dx, dy), 1e-300));
      x += clip(f * dx);
      y += clip(f * dy);
      r += SparsePointRobot.sparseReward(g.distanceTo(x, y));
    }
    return r;
  }

  /** The robot's clip to [−0.1, 0.1]. */
  private static double clip(double v) {
    double b = SparsePointRobot.MAX_SPEED;
    return v > b ? b : (v < -b ? -b : v);
  }

  /**
   * The uniformly random policy (a ~ U[−0.1, 0.1]² each step) by Monte Carlo: {@code episodes}
   * episodes per goal, goal i's from {@code new Rng(seed).fork(i)}.
   *
   * @return {mean return, success rate, standard error of the mean return} over all episodes
   */
  public static double[] randomPolicy(List<Goal> goals, int episodes, long seed) {
    Rng root = new Rng(seed);
    double sum = 0;
    double sumSq = 0;
    int successes = 0;
    double[] a = new double[2];
    for (int i = 0; i < goals.size(); i++) {
      Rng rng = root.fork(i);
      SparsePointRobot env = new SparsePointRobot(goals.get(i));
      for (int e = 0; e < episodes; e++) {
        env.reset(0);
        double ret = 0;
        for (int t = 0; t < SparsePointRobot.HORIZON; t++) {
          a[0] = rng.nextDouble(-SparsePointRobot.MAX_SPEED, SparsePointRobot.MAX_SPEED);
          a[1] = rng.nextDouble(-SparsePointRobot.MAX_SPEED, SparsePointRobot.MAX_SPEED);
          Step<double[]> step = env.step(a);
          ret += step.reward();
        }
        sum += ret;
        sumSq += ret * ret;
        successes += ret > 0 ? 1 : 0;
      }
    }
    int n = goals.size() * episodes;
    double mean = sum / n;
    double var = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
    return new double[] {mean, (double) successes / n, Math.sqrt(var / n)};
  }

  /**
   * The exact rows on the held-out goals, in {@link #EXACT}'s order: {mean return, success
   * rate, standard error (0 when exact)}.
   */
  static Map<String, double[]> exactRows(PearlPointConfig config) {
    List<Goal> goals = heldOutGoals();
    Map<String, double[]> rows = new LinkedHashMap<>();
    rows.put("oracle", new double[] {
        goals.stream().mapToDouble(PearlPoint::optimalReturn).average().orElseThrow(), 1, 0});
    rows.put("straight-line", new double[] {
        goals.stream().mapToDouble(PearlPoint::straightLineReturn).average().orElseThrow(), 1,
        0});
    rows.put("random", randomPolicy(goals, config.randomEpisodes(), RANDOM_SEED));
    rows.put("zero", new double[] {0, 0, 0});
    return rows;
  }

  /** The random policy's stream, one for every seed. */
  static final long RANDOM_SEED = 7L;

  // ------------------------------------------------------------------ one job

  /**
   * One method's run for one seed: at evaluation point k, the environment steps used so far
   * and the held-out return and success rate.
   */
  record MethodRun(String method, double[] steps, double[] returns, double[] success) {}

  /** Trains {@code method} with seed s and scores it at the evaluation points. */
  static MethodRun runMethod(PearlPointConfig config, String method, long seed) {
    return switch (method) {
      case "pearl" -> runPearl(config, seed);
      case "maml" -> runMaml(config, seed);
      case "rl2" -> runRl2(config, seed);
      default -> throw new IllegalArgumentException("unknown method " + method);
    };
  }

  /** Records the last value of one metric key. */
  private static final class LastValue implements TrainingListener {
    final String key;
    double value = Double.NaN;

    LastValue(String key) {
      this.key = key;
    }

    @Override
    public void onScalar(long iteration, String name, double v) {
      if (name.equals(key)) {
        value = v;
      }
    }
  }

  static MethodRun runPearl(PearlPointConfig config, long seed) {
    PearlConfig p = config.pearl().withSeed(seed);
    int[] at = evaluationIterations(p.iterations(), config.evaluations());
    int e = at.length;
    MethodRun run = new MethodRun("pearl", new double[e], new double[e], new double[e]);
    LastValue steps = new LastValue(Pearl.STEPS);
    List<SparsePointRobot> heldOut = robots(heldOutGoals());
    int[] next = {0};
    Pearl.train(robots(trainGoals()), (env, step) -> -env.lastDistance(), p, steps,
        (agent, it) -> {
          if (next[0] < e && at[next[0]] == it) {
            PearlEvaluation ev = Pearl.evaluate(agent, heldOut, config.pearlTestTrajectories(),
                SparsePointRobot.HORIZON, p.explorationTrajectories(),
                new Rng(evaluationSeed(seed)).fork(0).seed());
            record(run, next[0]++, steps.value, ev);
          }
        });
    return run;
  }

  private static void record(MethodRun run, int k, double steps, PearlEvaluation ev) {
    double[][] r = ev.returns();
    double ret = 0;
    double success = 0;
    for (double[] task : r) {
      double last = task[task.length - 1];
      ret += last / r.length;
      success += (last > 0 ? 1.0 : 0.0) / r.length;
    }
    run.steps()[k] = steps;
    run.returns()[k] = ret;
    run.success()[k] = success;
  }

  static MethodRun runMaml(PearlPointConfig config, long seed) {
    MamlConfig m = config.maml().withSeed(seed).withThreads(1);
    int[] at = evaluationIterations(m.iterations(), config.evaluations());
    int e = at.length;
    MethodRun run = new MethodRun("maml", new double[e], new double[e], new double[e]);
    LastValue steps = new LastValue(Maml.STEPS);
    MamlTasks<Goal, double[], double[]> tasks = mamlTasks();
    List<Goal> heldOut = heldOutGoals();
    int[] next = {0};
    Maml.train(tasks, mamlPolicy(config), m, steps, (policy, it) -> {
      if (next[0] < e && at[next[0]] == it) {
        Rng root = new Rng(evaluationSeed(seed)).fork(1);
        double ret = 0;
        double success = 0;
        for (int i = 0; i < heldOut.size(); i++) {
          double[] r = mamlTest(policy, tasks, heldOut.get(i), m, root.fork(i).seed());
          for (double x : r) {
            ret += x / r.length / heldOut.size();
            success += (x > 0 ? 1.0 : 0.0) / r.length / heldOut.size();
          }
        }
        int k = next[0]++;
        run.steps()[k] = steps.value;
        run.returns()[k] = ret;
        run.success()[k] = success;
      }
    });
    return run;
  }

  /**
   * MAML at test time on goal g: {@code testSteps} plain steps θ ← θ + α_j ∇J(θ), each on
   * {@code testEpisodesPerTask} episodes sampled with the current θ ({@link Maml#adapt}'s
   * loop), then one more batch with the adapted θ, whose episode returns are returned. The
   * policy's parameters are restored.
   */
  static double[] mamlTest(Policy policy, MamlTasks<Goal, double[], double[]> tasks, Goal g,
      MamlConfig c, long seed) {
    Sampler<double[], double[]> sampler = tasks.sampler(g, seed);
    List<DMatrixRMaj> values = policy.parameterValues();
    List<DMatrixRMaj> saved = values.stream().map(DMatrixRMaj::copy).toList();
    Tape tape = new Tape();
    try {
      for (int j = 0; j < c.testSteps(); j++) {
        Batch b = sampler.collectEpisodes(policy, c.testEpisodesPerTask());
        MamlBatch mb = MamlBatch.of(b, c.gamma(), c.linearBaseline(), c.normalizeAdvantages());
        Maml.innerStep(policy, values, mb, c.testStepSize(j + 1), tape, values);
      }
      return sampler.collectEpisodes(policy, c.testEpisodesPerTask()).episodeReturns().clone();
    } finally {
      for (int j = 0; j < values.size(); j++) {
        values.get(j).setTo(saved.get(j));
      }
    }
  }

  static MethodRun runRl2(PearlPointConfig config, long seed) {
    Rl2Config c = config.rl2().withSeed(seed);
    int[] at = evaluationIterations(c.iterations(), config.evaluations());
    int e = at.length;
    MethodRun run = new MethodRun("rl2", new double[e], new double[e], new double[e]);
    int episodes = config.rl2EpisodesPerTrial();
    List<Goal> heldOut = heldOutGoals();
    int[] next = {0};
    LastValue steps = new LastValue(Rl2.STEPS);
    Rl2.train(Rl2BoxTasks.sparsePointRobot(trainGoals(), episodes), c, steps, (policy, it) -> {
      if (next[0] < e && at[next[0]] == it) {
        Rng root = new Rng(evaluationSeed(seed)).fork(2);
        double ret = 0;
        double success = 0;
        int trials = config.rl2TestTrials();
        for (int i = 0; i < heldOut.size(); i++) {
          Rl2Evaluation ev = Rl2.evaluate(policy, Rl2BoxTasks.sparsePointRobot(
              List.of(heldOut.get(i)), episodes), trials, root.fork(i).seed());
          for (double[] trial : ev.episodeReturns()) {
            double last = trial[episodes - 1];
            ret += last / trials / heldOut.size();
            success += (last > 0 ? 1.0 : 0.0) / trials / heldOut.size();
          }
        }
        int k = next[0]++;
        run.steps()[k] = steps.value;
        run.returns()[k] = ret;
        run.success()[k] = success;
      }
    });
    return run;
  }

  // ------------------------------------------------------------------ the run

  /** One seed: every method's run, in {@link #METHODS} order. */
  record SeedResult(long seed, Map<String, MethodRun> runs) {}

  /** The {@code metrics.csv} columns of one method. */
  static List<String> columns(String method) {
    return List.of(method + "/steps", method + "/return", method + "/success");
  }

  @Override
  public void run(PearlPointConfig config, RunContext ctx) throws Exception {
    Map<String, double[]> exact = exactRows(config);
    PearlConfig p = config.pearl();
    MamlConfig m = config.maml();
    ctx.out().printf("sparse point robot: %d reference goals, %d for training, %d held out"
        + " (the authors' split); %d evaluation points per method%n", GOALS, TRAIN.size(),
        HELD_OUT.size(), config.evaluations());
    ctx.out().printf("PEARL: %d iterations x %d gradient steps, meta-batch %d, nets %dx%d,"
        + " encoder %dx%d, beta %s, reward scale %s; test: %d trajectories per goal, z from the"
        + " prior for %d%n", p.iterations(), p.trainStepsPerIteration(), p.metaBatch(),
        p.netLayers(), p.netWidth(), p.encoderLayers(), p.encoderWidth(), p.klLambda(),
        p.rewardScale(), config.pearlTestTrajectories(), p.explorationTrajectories());
    ctx.out().printf("MAML: %d meta-updates x %d goals x %d episodes, policy tanh %s; test: %d"
        + " step(s) on %d episodes, then %d more scored%n", m.iterations(), m.metaBatchSize(),
        m.episodesPerTask(), config.mamlHidden(), m.testSteps(), m.testEpisodesPerTask(),
        m.testEpisodesPerTask());
    Rl2Config r2 = config.rl2();
    ctx.out().printf("RL²: %d iterations x %d trials of %d episodes, GRU %d, Gaussian head;"
        + " test: %d trials per goal, the last episode scored%n", r2.iterations(),
        r2.trialsPerIteration(), config.rl2EpisodesPerTrial(), r2.hidden(),
        config.rl2TestTrials());
    ctx.note("held_out_goals", heldOutGoals().stream().map(g -> List.of(g.x(), g.y())).toList());
    ctx.note("split", Map.of("train", TRAIN, "held_out", HELD_OUT, "how", "indices into"
        + " SparsePointRobot.referenceGoals(100); np.random.seed(1337); np.random.shuffle;"
        + " first 80 train, last 20 test (katerakelly/oyster point_robot.py,"
        + " launch_experiment.py)"));
    ctx.note("exact", exactSummary(exact));
    ctx.note("seeds", config.seeds());
    List<String> declared = new ArrayList<>();
    for (String method : METHODS) {
      declared.addAll(columns(method));
    }
    ctx.metrics().declare(declared.toArray(String[]::new));

    int n = config.seeds().size();
    Map<String, Map<Long, MethodRun>> runs = SeedRuns.run(ctx, config.threads(), config.seeds(),
        List.of(""), METHODS, (g, method, seed) -> runMethod(config, method, seed),
        (g, method, kept) -> keptSeed(config, kept).runs().get(method),
        (c, seed, fresh) -> writeSeed(c,
            new SeedResult(seed, SeedRuns.byMethod(METHODS, fresh)), exact),
        (seed, g, method, run) -> String.format("seed %d %s: return %.3f, success %.2f after"
            + " %.0f steps", seed, method, run.returns()[run.returns().length - 1],
            run.success()[run.success().length - 1], run.steps()[run.steps().length - 1]))
        .get("");
    Map<Long, SeedResult> results = new LinkedHashMap<>();
    for (long seed : config.seeds()) {
      results.put(seed, new SeedResult(seed, SeedRuns.atSeed(runs, METHODS, seed)));
    }

    ctx.out().println();
    table(results, exact).print(ctx.out(), "");
    ctx.out().printf("%n(learners: mean ± std over %d seeds at the end of training; random:"
        + " Monte Carlo ± s.e.; the others exact)%n", n);
    ctx.note("final", summary(results));
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json"));
    for (Map.Entry<String, XYChart> chart : charts(config, results, exact).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
      files.add(chart.getKey());
    }
    ctx.note("files", files);
  }

  /** A seed's rows (one per evaluation point), then its final metrics. */
  private static void writeSeed(RunContext ctx, SeedResult r, Map<String, double[]> exact) {
    int points = r.runs().values().iterator().next().returns().length;
    for (int k = 0; k < points; k++) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (MethodRun run : r.runs().values()) {
        List<String> c = columns(run.method());
        values.put(c.get(0), run.steps()[k]);
        values.put(c.get(1), run.returns()[k]);
        values.put(c.get(2), run.success()[k]);
      }
      ctx.row(r.seed(), k + 1, values);
    }
    Map<String, Double> fin = new LinkedHashMap<>();
    for (MethodRun run : r.runs().values()) {
      int last = run.returns().length - 1;
      fin.put(finalKey(run.method(), "return"), run.returns()[last]);
      fin.put(finalKey(run.method(), "success"), run.success()[last]);
      fin.put(finalKey(run.method(), "steps"), run.steps()[last]);
    }
    for (Map.Entry<String, double[]> x : exact.entrySet()) {
      fin.put(finalKey(x.getKey(), "return"), x.getValue()[0]);
      fin.put(finalKey(x.getKey(), "success"), x.getValue()[1]);
    }
    ctx.seedComplete(r.seed(), fin);
  }

  /** {@code eval/METHOD/WHAT}. */
  static String finalKey(String method, String what) {
    return "eval/" + method + "/" + what;
  }

  /** A seed kept from the run this one resumes, read back from its rows. */
  static SeedResult keptSeed(PearlPointConfig config, RunContext.KeptSeed kept) {
    int e = config.evaluations();
    Map<String, MethodRun> runs = new LinkedHashMap<>();
    for (String method : METHODS) {
      MethodRun run = new MethodRun(method, new double[e], new double[e], new double[e]);
      List<String> c = columns(method);
      for (MetricsCsv.Row row : kept.rows()) {
        int k = (int) row.iteration() - 1;
        if (k >= 0 && k < e) {
          run.steps()[k] = row.values().getOrDefault(c.get(0), Double.NaN);
          run.returns()[k] = row.values().getOrDefault(c.get(1), Double.NaN);
          run.success()[k] = row.values().getOrDefault(c.get(2), Double.NaN);
        }
      }
      runs.put(method, run);
    }
    return new SeedResult(kept.seed(), runs);
  }

  private static Map<String, Object> exactSummary(Map<String, double[]> exact) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, String> how = Map.of(
        "oracle", "knows the goal: mean over the held-out goals of PearlPoint.optimalReturn(g),"
            + " the clamp path in the robot's floating-point arithmetic (the best any policy can"
            + " do; deterministic)",
        "straight-line", "drives straight at g at speed 0.1 a step (deterministic; 12.7 or"
            + " 11.9 a goal as d = 0.2 at t = 8 rounds)",
        "random", "a ~ U[-0.1, 0.1]^2 each step, Monte Carlo (seeded), with its s.e.",
        "zero", "a = 0: never leaves the origin, at distance 1 (exact)");
    for (Map.Entry<String, double[]> x : exact.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("return", x.getValue()[0]);
      row.put("success", x.getValue()[1]);
      row.put("se", x.getValue()[2]);
      row.put("how", how.get(x.getKey()));
      out.put(x.getKey(), row);
    }
    return out;
  }

  /** Per method, the last point's return, success and steps: mean ± std over seeds. */
  private static Map<String, Object> summary(Map<Long, SeedResult> results) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String method : METHODS) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("return", last(results, method, MethodRun::returns));
      m.put("success", last(results, method, MethodRun::success));
      m.put("steps", last(results, method, MethodRun::steps));
      out.put(method, m);
    }
    return out;
  }

  private static Stats last(Map<Long, SeedResult> results, String method,
      Function<MethodRun, double[]> what) {
    return Stats.of(results.values().stream().mapToDouble(r -> {
      double[] x = what.apply(r.runs().get(method));
      return x[x.length - 1];
    }).toArray());
  }

  /**
   * The printed table: per learner the environment steps, return and success rate at the end
   * of training (mean ± std over seeds) and the return's gap to the oracle; then the exact rows.
   *
   * @param results seed → its runs. Not modified.
   * @param exact {@link #exactRows}. Not modified.
   */
  static TextTable table(Map<Long, SeedResult> results, Map<String, double[]> exact) {
    TextTable table = new TextTable("method", "meta-training steps", "held-out return",
        "success rate", "gap to oracle");
    double oracle = exact.get("oracle")[0];
    for (String method : METHODS) {
      Stats ret = last(results, method, MethodRun::returns);
      table.row(LABELS.get(method) + " (" + results.size() + " seeds)",
          String.format("%.0f", last(results, method, MethodRun::steps).mean()), ret.format(),
          last(results, method, MethodRun::success).format(),
          String.format("%.4f", oracle - ret.mean()));
    }
    Map<String, String> names = Map.of("oracle", "oracle (knows the goal, exact)",
        "straight-line", "straight line at speed 0.1 (exact)",
        "random", "uniform random action (Monte Carlo)", "zero", "zero action (exact)");
    for (Map.Entry<String, double[]> x : exact.entrySet()) {
      double[] v = x.getValue();
      String ret = x.getKey().equals("random") ? String.format("%.4f ± %.4f", v[0], v[2])
          : String.format("%.4f", v[0]);
      table.row(names.get(x.getKey()), "-", ret, String.format("%.4f", v[1]),
          String.format("%.4f", oracle - v[0]));
    }
    return table;
  }

  /**
   * The plots, by file name: {@code return.png} and {@code success.png}, the held-out return
   * and success rate of each learner against its meta-training environment steps (mean line,
   * ± std band over seeds) with the oracle's and the random policy's values as horizontal lines.
   *
   * @param results seed → its runs. Not modified.
   * @param exact {@link #exactRows}. Not modified.
   */
  static Map<String, XYChart> charts(PearlPointConfig config, Map<Long, SeedResult> results,
      Map<String, double[]> exact) {
    Map<String, XYChart> charts = new LinkedHashMap<>();
    double maxSteps = 1;
    for (SeedResult r : results.values()) {
      for (MethodRun run : r.runs().values()) {
        for (double s : run.steps()) {
          maxSteps = Math.max(maxSteps, s);
        }
      }
    }
    for (int which = 0; which < 2; which++) {
      int w = which;
      List<Plots.Curve> curves = new ArrayList<>();
      for (String method : METHODS) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (SeedResult r : results.values()) {
          MethodRun run = r.runs().get(method);
          xs.add(run.steps());
          ys.add(w == 0 ? run.returns() : run.success());
        }
        curves.add(new Plots.Curve(LABELS.get(method), xs, ys));
      }
      for (String x : List.of("oracle", "random")) {
        double v = exact.get(x)[w];
        curves.add(Plots.Curve.single(String.format("%s %.3f", x.equals("oracle")
            ? "oracle (knows the goal)" : "uniform random action", v),
            new double[] {0, maxSteps}, new double[] {v, v}));
      }
      String what = w == 0 ? "return" : "success rate";
      charts.put(w == 0 ? "return.png" : "success.png", Plots.learningCurveChart(
          "Sparse point robot: " + what + " on the " + HELD_OUT.size() + " held-out goals",
          "meta-training environment steps", w == 0 ? "sparse return per episode (20 steps)"
              : "fraction of goals reached (within 0.2)", curves, Plots.Band.STD, false, false));
    }
    return charts;
  }
}
