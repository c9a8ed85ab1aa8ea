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
import org.ejml.data.DMatrixRMaj;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedPool;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.PolicyTables;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.PointMaze;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.IrlResult;
import org.gridrl.irl.MaxEntIrl;
import org.gridrl.irl.MaxEntIrlConfig;
import org.gridrl.irl.sampled.Airl;
import org.gridrl.irl.sampled.AirlConfig;
import org.gridrl.irl.sampled.Controller;
import org.gridrl.irl.sampled.ControllerPolicy;
import org.gridrl.irl.sampled.ExpertData;
import org.gridrl.irl.sampled.Gail;
import org.gridrl.irl.sampled.GailConfig;
import org.gridrl.irl.sampled.GuidedCostLearning;
import org.gridrl.irl.sampled.GuidedCostLearningConfig;
import org.gridrl.irl.sampled.LearnedReward;
import org.gridrl.irl.sampled.SampledIrlResult;
import org.gridrl.irl.sampled.Transitions;
import org.knowm.xchart.XYChart;

/**
 * {@code irl-transfer}: AIRL's headline result (Fu, Luo &amp; Levine 2018, §7.1, Table 1) — a
 * reward learned in one world, re-optimised in a world whose dynamics changed so that the
 * expert's old path no longer works. A reward that only imitates the old path fails there; a
 * reward that says what the task is (AIRL's state-only g, Theorem 5.1) still leads to the goal.
 *
 * <p><b>Grid</b> (exact evaluation). An 8×8 world with a barrier across row 3: in the training
 * world its gap is on the left (column 0), in the changed world on the right (column 7); the
 * true reward is the negative Manhattan distance to the goal (row 0, column 3) divided by 7,
 * r(s) ∈ [−10/7, 0], the tabular twin of PointMaze's −‖p − g‖; uniform start, γ 0.95, no slip,
 * nothing terminal. Every learner observes a cell as its one-hot row followed by its one-hot
 * column (16 numbers), the same in both worlds, so a reward learned in one world is defined on
 * every cell of the other (the new gap cell was a wall in training and is never seen). The
 * expert is the soft-optimal policy of the training world at τ_E = 0.1
 * ({@link IrlTransferConfig#expertTemperature()}; 0 gives irl-adversarial-grid's optimal
 * policy); 32 demonstrations of 20 steps as in {@code irl-adversarial-grid}. Each method's reward — AIRL's g(s), AIRL's g(s, a),
 * GAIL's −log(1 − D(s, a)), GCL's r_θ(s, a), MaxEnt's linear reward in the same 16 features
 * (known dynamics), and the true reward — is tabulated on the changed world's (s, a), scaled to
 * unit standard deviation, and re-optimised there by soft value iteration at τ = 0.05
 * ({@link IrlTransferConfig#temperature()}); its policy's normalised return (J − J_unif)/(J* −
 * J_unif) in the changed world under the true reward is the result
 * ({@code grid/transfer/METHOD}), beside the same in the training world
 * ({@code grid/train/METHOD}). {@code grid/transfer/expert-policy} is the old expert's policy
 * run unchanged in the changed world, cell by cell: what imitating the old path gives.
 *
 * <p><b>Maze</b> (PointMaze, a kinematic point). The expert is a hand-made controller
 * ({@link #controller}: a waypoint below the gap, up through it, then the goal) with Gaussian
 * action noise σ 0.2, 32 episodes of 100 steps with the gap on the left. AIRL (state-only and
 * state-action), GAIL and GCL learn there with PPO; then a fresh PPO policy (the same seed's
 * networks for every reward) is trained on each learned reward, and on the true reward, with the
 * gap on the right. The result is the true return of that policy's mean action over one episode
 * after the last iteration ({@code maze/transfer/METHOD}); {@code maze/imitation/METHOD} is the
 * learner's own policy's return with the gap on the left, and {@code maze/curve/METHOD} the
 * transfer's return after every iteration (the rows of {@code metrics.csv}, indexed by
 * iteration).
 *
 * <p>Seeds run in parallel on {@code threads} threads, each seed's computation on one thread and
 * seeded only by its seed; results are written in seed order, so the files do not depend on the
 * thread count.
 */
public final class IrlTransfer implements Experiment<IrlTransferConfig> {

  /** The parts, in run order. */
  public static final List<String> PARTS = List.of("grid", "maze");
  /** The grid's rewards, in table order: the learned ones, MaxEnt, then the true reward. */
  public static final List<String> GRID_METHODS = List.of("airl", "airl-sa", "gail", "gcl",
      "maxent", "true");
  /** The maze's rewards, in table order. */
  public static final List<String> MAZE_METHODS = List.of("airl", "airl-sa", "gail", "gcl",
      "true");
  /** The old expert's policy run unchanged in the changed grid (a reference row). */
  static final String EXPERT_POLICY = "expert-policy";

  /**
   * Fu et al. 2018, Table 1, shifting maze: the transferred policy's return, mean of 5 runs
   * (GAN-GCL state-action; its state-only variant is −41.8).
   */
  static final Map<String, Double> PAPER = Map.of("airl", -8.82, "airl-sa", -31.2, "gail", -29.9,
      "gcl", -40.2, "true", -8.45);

  /** The training grid: a barrier across row 3 with its gap on the left; goal at row 0. */
  static final String TRAIN_MAP = String.join("\n",
      "...G....",
      "........",
      "........",
      ".#######",
      "........",
      "........",
      "........",
      "........") + "\n";

  /** The changed grid: the barrier's gap moved to the right. */
  static final String CHANGED_MAP = String.join("\n",
      "...G....",
      "........",
      "........",
      "#######.",
      "........",
      "........",
      "........",
      "........") + "\n";

  /** The goal cell. */
  static final int GOAL_ROW = 0;
  static final int GOAL_COL = 3;
  /** Discount of both grids. */
  static final double GRID_GAMMA = 0.95;
  /** Divides the Manhattan distance in the true grid reward. */
  static final double DISTANCE_SCALE = 7;
  /** Side of the grid, and the observation length 2·SIDE. */
  static final int SIDE = 8;

  @Override
  public String name() {
    return "irl-transfer";
  }

  @Override
  public String description() {
    return "AIRL's transfer test: rewards learned with the old dynamics (grid barrier gap,"
        + " PointMaze gap on the left) re-optimised after the gap moves; AIRL g(s), g(s,a),"
        + " GAIL, GCL, MaxEnt and the true reward";
  }

  @Override
  public String reproduces() {
    return "Fu, Luo & Levine 2018 (AIRL), §7.1 and Table 1: a state-only reward learned"
        + " adversarially still works after the dynamics change, where imitation does not";
  }

  @Override
  public String resultsPage() {
    return "docs/results/irl-transfer.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run irl-transfer' (and --quick) on the 2-core machine with
    // nothing else running, 2026-12-06 04:49 UTC: 424.4 s full, 39.2 s --quick (earlier with
    // other jobs mostly idle, load 0.4-1.7: 371.9 s and 38.9 s; under a load of 5-9 the full
    // run took 916.7 s and wrote the same metrics.csv byte for byte)
    return Duration.ofSeconds(quick ? 39 : 424);
  }

  @Override
  public IrlTransferConfig defaultConfig() {
    return IrlTransferConfig.defaults();
  }

  @Override
  public IrlTransferConfig quickConfig() {
    return IrlTransferConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public IrlTransferConfig smokeConfig() {
    return IrlTransferConfig.quick().with(b -> b.numDemos(4).demoLength(6).numEnvs(2)
        .policyHidden(List.of(8)).gclIterations(2).gclEpisodes(1).adversarialIterations(2)
        .maxEntIterations(3).mazeDemoEpisodes(1).mazeStepsPerEnv(16).mazeHidden(List.of(8))
        .mazeIrlIterations(2).mazeGclIterations(2).mazeTransferIterations(3).threads(1)
        .seeds(List.of(1L)));
  }

  // ---------------------------------------------------------------------------------------
  // the grid

  /** One of the two grids with its true reward (uniform start). */
  record Grid(GridWorld world, TabularMdp mdp) {

    /** A state as its one-hot row followed by its one-hot column (2·8 numbers). */
    ObservationEncoder<Integer> encoder() {
      return (s, out, offset) -> {
        Arrays.fill(out, offset, offset + 2 * SIDE, 0.0);
        out[offset + world.rowOf(s)] = 1.0;
        out[offset + SIDE + world.colOf(s)] = 1.0;
      };
    }

    /** The same encoding as MaxEnt's state features. */
    StateFeatures features() {
      int n = mdp.numStates();
      double[] phi = new double[n * 2 * SIDE];
      ObservationEncoder<Integer> enc = encoder();
      for (int s = 0; s < n; s++) {
        enc.encode(s, phi, s * 2 * SIDE);
      }
      return StateFeatures.of(n, 2 * SIDE, phi);
    }
  }

  /** The training grid (gap left) or the changed one (gap right). */
  static Grid grid(boolean changed) {
    GridWorld g = GridWorld.parse(changed ? CHANGED_MAP : TRAIN_MAP,
        changed ? "irl-transfer-changed" : "irl-transfer-train", GridWorld.Options.defaults()
            .with(b -> b.gamma(GRID_GAMMA).goalTerminal(false)
                .rewardTiming(GridWorld.RewardTiming.IN_STATE)));
    int n = g.numStates();
    double[] r = new double[n];
    double[] uniform = new double[n];
    for (int s = 0; s < n; s++) {
      r[s] = -(Math.abs(g.rowOf(s) - GOAL_ROW) + Math.abs(g.colOf(s) - GOAL_COL))
          / DISTANCE_SCALE;
      uniform[s] = 1.0 / n;
    }
    return new Grid(g, g.mdp().withStateRewards(r).withInitialDistribution(uniform));
  }

  /**
   * A policy of one grid run in the other, cell by cell; a cell the source grid lacks (a wall
   * there) gets the uniform action distribution.
   */
  static TabularPolicy transplant(TabularPolicy pi, Grid from, Grid to) {
    int n = to.mdp().numStates();
    int numA = to.mdp().numActions();
    double[] out = new double[n * numA];
    for (int s = 0; s < n; s++) {
      int row = to.world().rowOf(s);
      int col = to.world().colOf(s);
      if (from.world().isWall(row, col)) {
        Arrays.fill(out, s * numA, (s + 1) * numA, 1.0 / numA);
      } else {
        pi.copyRow(from.world().stateAt(row, col), out, s * numA);
      }
    }
    return TabularPolicy.of(n, numA, out);
  }

  /**
   * The soft-optimal policy of a reward r(s, a) in a world: r scaled to unit standard deviation
   * over (s, a) (a constant reward is left as zeros), then soft value iteration at τ.
   *
   * @param world the dynamics, γ and d0. Not modified.
   * @param rewardSa r(s, a), S × A. Not modified.
   */
  static TabularPolicy reoptimise(TabularMdp world, double[] rewardSa, double temperature) {
    double mean = 0;
    for (double r : rewardSa) {
      mean += r;
    }
    mean /= rewardSa.length;
    double ss = 0;
    for (double r : rewardSa) {
      ss += (r - mean) * (r - mean);
    }
    double std = Math.sqrt(ss / rewardSa.length);
    double[] z = new double[rewardSa.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = std > 0 ? (rewardSa[i] - mean) / std : 0;
    }
    return SoftValueIteration.solve(world.withRewards(z),
        SoftViConfig.defaults().withTemperature(temperature)).policy();
  }

  /** The metrics column of a part, quantity and method: {@code grid/transfer/airl}. */
  static String column(String part, String quantity, String method) {
    return part + "/" + quantity + "/" + method;
  }

  /** The final-metric columns of a config, part by part. */
  static List<String> columns(IrlTransferConfig config) {
    List<String> columns = new ArrayList<>();
    if (config.parts().contains("grid")) {
      for (String q : List.of("train", "transfer")) {
        for (String m : GRID_METHODS) {
          columns.add(column("grid", q, m));
        }
      }
      columns.add(column("grid", "transfer", EXPERT_POLICY));
    }
    if (config.parts().contains("maze")) {
      for (String m : MAZE_METHODS) {
        if (!m.equals("true")) {
          columns.add(column("maze", "imitation", m));
        }
      }
      for (String m : MAZE_METHODS) {
        columns.add(column("maze", "transfer", m));
      }
    }
    return columns;
  }

  /** The per-iteration columns (the maze's transfer curves). */
  static List<String> curveColumns(IrlTransferConfig config) {
    List<String> columns = new ArrayList<>();
    if (config.parts().contains("maze")) {
      for (String m : MAZE_METHODS) {
        columns.add(column("maze", "curve", m));
      }
    }
    return columns;
  }

  /**
   * One grid seed: demonstrations in the training grid, every method's reward, each re-optimised
   * in both grids and judged there by exact policy evaluation.
   */
  static Map<String, Double> runGrid(IrlTransferConfig config, long seed) {
    Grid train = grid(false);
    Grid changed = grid(true);
    Solution optimalTrain = ValueIteration.solve(train.mdp());
    Solution optimalChanged = ValueIteration.solve(changed.mdp());
    TabularPolicy expert = expert(train.mdp(), optimalTrain, config.expertTemperature());
    Demonstrations demos = Demonstrations.sample(train.mdp(), expert, config.numDemos(),
        config.demoLength(), seed);
    Transitions data = Transitions.fromDemonstrations(demos, train.mdp(), train.encoder(),
        2 * SIDE);
    Map<String, Double> row = new LinkedHashMap<>();
    Map<String, Double> transfer = new LinkedHashMap<>();
    for (String method : GRID_METHODS) {
      double[] rTrain;
      double[] rChanged;
      switch (method) {
        case "true" -> {
          rTrain = train.mdp().rewards();
          rChanged = changed.mdp().rewards();
        }
        case "maxent" -> {
          IrlResult<?> fit = MaxEntIrl.train(IrlProblem.of(train.mdp(), train.features(), demos,
              config.demoLength(), IrlProblem.Start.INIT), MaxEntIrlConfig.defaults().with(b -> b
              .l2(0.01).learningRate(0.1).maxIterations(config.maxEntIterations())));
          rTrain = lift(train.features().linear(fit.weights(), null), train.mdp().numActions());
          rChanged = lift(changed.features().linear(fit.weights(), null),
              changed.mdp().numActions());
        }
        default -> {
          LearnedReward r = fitGrid(method, config, train, data, seed).reward();
          rTrain = r.stateActionRewards(train.mdp(), train.encoder());
          rChanged = r.stateActionRewards(changed.mdp(), changed.encoder());
        }
      }
      row.put(column("grid", "train", method), PolicyTables.normalisedReturn(train.mdp(),
          optimalTrain, reoptimise(train.mdp(), rTrain, config.temperature())));
      transfer.put(column("grid", "transfer", method), PolicyTables.normalisedReturn(
          changed.mdp(), optimalChanged, reoptimise(changed.mdp(), rChanged,
              config.temperature())));
    }
    row.putAll(transfer);
    row.put(column("grid", "transfer", EXPERT_POLICY), PolicyTables.normalisedReturn(
        changed.mdp(), optimalChanged, transplant(expert, train, changed)));
    return row;
  }

  /**
   * The grid expert: the optimal policy (τ_E = 0) or the soft-optimal one at τ_E.
   *
   * @param optimal {@code ValueIteration.solve(mdp)}
   */
  static TabularPolicy expert(TabularMdp mdp, Solution optimal, double expertTemperature) {
    return expertTemperature == 0 ? optimal.policy() : SoftValueIteration.solve(mdp,
        SoftViConfig.defaults().withTemperature(expertTemperature)).policy();
  }

  /** A state reward as r(s, a) = r(s) for every action. */
  static double[] lift(double[] r, int numActions) {
    double[] out = new double[r.length * numActions];
    for (int s = 0; s < r.length; s++) {
      Arrays.fill(out, s * numActions, (s + 1) * numActions, r[s]);
    }
    return out;
  }

  /** Trains one sample-based method on the training grid. */
  static SampledIrlResult<?> fitGrid(String method, IrlTransferConfig config, Grid grid,
      Transitions expert, long seed) {
    List<Env<Integer, Integer>> envs = new ArrayList<>();
    for (int i = 0; i < config.numEnvs(); i++) {
      envs.add(new TimeLimit<>(new TabularEnv(grid.mdp()), config.demoLength()));
    }
    Sampler<Integer, Integer> sampler = new Sampler<>(envs, grid.encoder(), 2 * SIDE);
    PpoConfig ppo = AirlConfig.defaults().ppo().withHidden(config.policyHidden());
    return switch (method) {
      case "gcl" -> GuidedCostLearning.train(sampler, expert, GuidedCostLearningConfig.defaults()
          .with(b -> b.iterations(config.gclIterations()).episodesPerIteration(
              config.gclEpisodes()).lcrWeight(config.gclLcrWeight()).seed(seed).ppo(
              GuidedCostLearningConfig.defaultPpo().withHidden(config.policyHidden()))), null);
      case "gail" -> Gail.train(sampler, expert, GailConfig.defaults().with(b -> b
          .iterations(config.adversarialIterations()).seed(seed).ppo(ppo)), null);
      case "airl", "airl-sa" -> Airl.train(sampler, expert, AirlConfig.defaults().with(b -> b
          .iterations(config.adversarialIterations()).seed(seed).ppo(ppo).rewardInputs(
              method.equals("airl") ? LearnedReward.Inputs.STATE
                  : LearnedReward.Inputs.STATE_ACTION)), null);
      default -> throw new IllegalArgumentException("unknown method '" + method + "'");
    };
  }

  // ---------------------------------------------------------------------------------------
  // the maze

  /**
   * The hand-made expert for a layout: below the barrier's top face (plus 0.02), head for a lane
   * under the gap (x = 0.05 with the gap on the left, 0.5 on the right) at height 0.2, and once
   * in the lane (within 0.06 of it) straight up to 0.45; above the barrier, head for the goal.
   * The action is the remaining displacement over one step's reach, clipped to [−1, 1]. It reads
   * the scaled observation of {@link ScaledMaze}.
   */
  static Controller controller(PointMaze.Layout layout) {
    double lane = layout == PointMaze.Layout.GAP_LEFT ? 0.05 : 0.5;
    return (obs, off, out, outOff) -> {
      double[] p = ScaledMaze.unscale(obs, off);
      double x = p[0];
      double y = p[1];
      double tx;
      double ty;
      if (y < PointMaze.BARRIER_HIGH + 0.02) {
        tx = lane;
        ty = Math.abs(x - lane) < 0.06 ? 0.45 : 0.2;
      } else {
        tx = PointMaze.GOAL.x();
        ty = PointMaze.GOAL.y();
      }
      out[outOff] = Math.max(-1, Math.min(1, (tx - x) / PointMaze.STEP_SIZE));
      out[outOff + 1] = Math.max(-1, Math.min(1, (ty - y) / PointMaze.STEP_SIZE));
    };
  }

  /** The true return of the controller's mean action over one episode. */
  static double controllerReturn(PointMaze.Layout layout) {
    Controller c = controller(layout);
    ScaledMaze env = new ScaledMaze(new PointMaze(layout));
    double[] obs = env.reset(0);
    double[] a = new double[2];
    double ret = 0;
    for (int t = 0; t < PointMaze.HORIZON; t++) {
      c.mean(obs, 0, a, 0);
      Step<double[]> s = env.step(a);
      ret += s.reward();
      obs = s.observation();
    }
    return ret;
  }

  /** The true return of a Gaussian policy's mean action over one episode (the env clips it). */
  static double meanActionReturn(Policy policy, PointMaze.Layout layout) {
    ScaledMaze env = new ScaledMaze(new PointMaze(layout));
    double[] obs = env.reset(0);
    DMatrixRMaj o = new DMatrixRMaj(1, obs.length);
    Tape tape = new Tape();
    double ret = 0;
    for (int t = 0; t < PointMaze.HORIZON; t++) {
      System.arraycopy(obs, 0, o.data, 0, obs.length);
      tape.reset();
      Tensor mu = policy.network().forward(tape, tape.constant(o));
      Step<double[]> s = env.step(mu.value().data.clone());
      ret += s.reward();
      obs = s.observation();
    }
    return ret;
  }

  static Sampler<double[], double[]> mazeSampler(PointMaze.Layout layout, int numEnvs) {
    List<ScaledMaze> envs = new ArrayList<>();
    for (int i = 0; i < numEnvs; i++) {
      envs.add(new ScaledMaze(new PointMaze(layout)));
    }
    return Sampler.vector(envs);
  }

  /**
   * PointMaze observed as its position mapped affinely onto [−1, 1]², o = (p − 0.25) / 0.3 (the
   * arena [−0.05, 0.55]² of the point's centre): what every maze learner, policy and reward sees.
   * Raw positions span 0.6, on which a tanh network starts out almost linear; the reward, the
   * dynamics and the actions are PointMaze's.
   */
  static final class ScaledMaze implements Env<double[], double[]> {
    static final double CENTRE = 0.5 * (PointMaze.ARENA_LOW + PointMaze.ARENA_HIGH);
    static final double HALF_WIDTH = 0.5 * (PointMaze.ARENA_HIGH - PointMaze.ARENA_LOW);
    private static final Box SPACE = Box.uniform(2, -1, 1);
    private final PointMaze maze;

    ScaledMaze(PointMaze maze) {
      this.maze = maze;
    }

    static double[] scale(double[] p) {
      return new double[] {(p[0] - CENTRE) / HALF_WIDTH, (p[1] - CENTRE) / HALF_WIDTH};
    }

    static double[] unscale(double[] o, int offset) {
      return new double[] {CENTRE + HALF_WIDTH * o[offset], CENTRE + HALF_WIDTH * o[offset + 1]};
    }

    @Override
    public Box observationSpace() {
      return SPACE;
    }

    @Override
    public Box actionSpace() {
      return maze.actionSpace();
    }

    @Override
    public double[] reset(long seed) {
      return scale(maze.reset(seed));
    }

    @Override
    public Step<double[]> step(double[] action) {
      Step<double[]> s = maze.step(action);
      return new Step<>(scale(s.observation()), s.reward(), s.terminated(), s.truncated());
    }
  }

  /** PPO on PointMaze: the config's steps, networks and step size; CleanRL's defaults else. */
  static PpoConfig mazePpo(IrlTransferConfig config) {
    return PpoConfig.defaults().with(b -> b.stepsPerEnv(config.mazeStepsPerEnv())
        .hidden(config.mazeHidden()).learningRate(config.mazeLearningRate()));
  }

  /** What one maze seed gives: its final numbers and each reward's transfer curve. */
  record MazeResult(Map<String, Double> row, Map<String, double[]> curves) {
  }

  /** One maze seed: expert data with the gap on the left, each learner, each transfer. */
  static MazeResult runMaze(IrlTransferConfig config, long seed) {
    Sampler<double[], double[]> left = mazeSampler(PointMaze.Layout.GAP_LEFT, config.numEnvs());
    double std = config.mazeExpertStd();
    Transitions demos = ExpertData.sample(left, ControllerPolicy.gaussian(
        controller(PointMaze.Layout.GAP_LEFT), 2, 2, new double[] {std, std}),
        config.mazeDemoEpisodes(), seed);
    PpoConfig ppo = mazePpo(config);
    Map<String, Double> imitation = new LinkedHashMap<>();
    Map<String, Double> transfer = new LinkedHashMap<>();
    Map<String, double[]> curves = new LinkedHashMap<>();
    for (String method : MAZE_METHODS) {
      LearnedReward reward = null;
      if (!method.equals("true")) {
        Sampler<double[], double[]> s = mazeSampler(PointMaze.Layout.GAP_LEFT, config.numEnvs());
        SampledIrlResult<?> fit = switch (method) {
          case "gcl" -> GuidedCostLearning.train(s, demos, GuidedCostLearningConfig.defaults()
              .with(b -> b.iterations(config.mazeGclIterations())
                  .episodesPerIteration(config.mazeGclEpisodes())
                  .lcrWeight(config.gclLcrWeight()).seed(seed).ppo(ppo.withIterations(1))), null);
          case "gail" -> Gail.train(s, demos, GailConfig.defaults().with(b -> b
              .iterations(config.mazeIrlIterations()).seed(seed).ppo(ppo)), null);
          default -> Airl.train(s, demos, AirlConfig.defaults().with(b -> b
              .iterations(config.mazeIrlIterations()).seed(seed).ppo(ppo).rewardInputs(
                  method.equals("airl") ? LearnedReward.Inputs.STATE
                      : LearnedReward.Inputs.STATE_ACTION)), null);
        };
        reward = fit.reward();
        imitation.put(column("maze", "imitation", method),
            meanActionReturn(fit.policy(), PointMaze.Layout.GAP_LEFT));
      }
      double[] curve = transferPpo(config, reward, seed);
      curves.put(method, curve);
      transfer.put(column("maze", "transfer", method), curve[curve.length - 1]);
    }
    Map<String, Double> row = new LinkedHashMap<>(imitation);
    row.putAll(transfer);
    return new MazeResult(row, curves);
  }

  /**
   * PPO with the gap on the right on a learned reward r(o, a) (the true reward when null):
   * each iteration collects N·T steps, replaces their rewards by r and updates; after each
   * update, the true return of the mean action over one episode. The networks and the sampler
   * come from the seed alone, so every reward starts from the same policy.
   *
   * @return the return after each iteration
   */
  static double[] transferPpo(IrlTransferConfig config, LearnedReward reward, long seed) {
    Sampler<double[], double[]> right = mazeSampler(PointMaze.Layout.GAP_RIGHT,
        config.numEnvs());
    PpoConfig pc = mazePpo(config).with(b -> b.iterations(config.mazeTransferIterations())
        .seed(seed));
    Policy policy = Networks.defaultPolicy(right, pc.hidden(), pc.initLogStd(), seed);
    Module value = Networks.defaultValue(right, pc.hidden(), seed);
    right.reseed(new Rng(seed).fork(2).nextLong());
    Ppo ppo = new Ppo(policy, value, pc);
    int n = config.numEnvs() * pc.stepsPerEnv();
    double[] rewards = new double[n];
    double[] curve = new double[pc.iterations()];
    for (int it = 1; it <= pc.iterations(); it++) {
      Batch batch = right.collect(policy, pc.stepsPerEnv());
      if (reward != null) {
        reward.rewards(batch.observations(), batch.actions(), batch.nextObservations(), n,
            rewards);
        batch = new Batch(batch.observationDim(), batch.actionDim(), batch.observations(),
            batch.actions(), batch.actionIndices(), rewards, batch.logProbs(),
            batch.nextObservations(), batch.terminated(), batch.truncated(), batch.last(),
            batch.tasks(), batch.episodeReturns(), batch.episodeLengths());
      }
      ppo.update(batch, it);
      curve[it - 1] = meanActionReturn(policy, PointMaze.Layout.GAP_RIGHT);
    }
    return curve;
  }

  // ---------------------------------------------------------------------------------------
  // the run

  /** One seed's final numbers and (maze) transfer curves. */
  record SeedResult(long seed, Map<String, Double> row, Map<String, double[]> curves) {
  }

  /** Runs one seed over the config's parts (pure: depends only on the config and the seed). */
  static SeedResult runSeed(IrlTransferConfig config, long seed) {
    Map<String, Double> row = new LinkedHashMap<>();
    Map<String, double[]> curves = new LinkedHashMap<>();
    if (config.parts().contains("grid")) {
      row.putAll(runGrid(config, seed));
    }
    if (config.parts().contains("maze")) {
      MazeResult m = runMaze(config, seed);
      row.putAll(m.row());
      curves.putAll(m.curves());
    }
    return new SeedResult(seed, row, curves);
  }

  @Override
  public void run(IrlTransferConfig config, RunContext ctx) throws Exception {
    List<String> declared = new ArrayList<>(curveColumns(config));
    declared.addAll(columns(config));
    ctx.metrics().declare(declared.toArray(new String[0]));
    ctx.note("protocol", "grid: expert = " + (config.expertTemperature() == 0
        ? "optimal policy" : "soft-optimal policy (tau_E " + config.expertTemperature() + ")")
        + " of the training grid (gap left); "
        + config.numDemos() + " demos of " + config.demoLength() + " steps; each reward scaled"
        + " to unit std over (s, a) and re-optimised by soft VI at tau " + config.temperature()
        + "; normalised return (J - J_unif)/(J* - J_unif) by exact policy evaluation. maze:"
        + " expert = hand-made controller with Gaussian noise sigma " + config.mazeExpertStd()
        + ", " + config.numEnvs() * config.mazeDemoEpisodes() + " episodes with the gap on the"
        + " left; transfer = PPO on the learned reward with the gap on the right, true return of"
        + " the mean action over one episode after the last iteration");
    if (config.parts().contains("maze")) {
      ctx.note("maze_controller_return", Map.of("gap_left",
          controllerReturn(PointMaze.Layout.GAP_LEFT), "gap_right",
          controllerReturn(PointMaze.Layout.GAP_RIGHT)));
    }
    ctx.out().println(name() + ": parts " + config.parts() + ", seeds " + config.seeds()
        + " on " + config.threads() + " threads");
    List<SeedResult> results = new ArrayList<>();
    try (SeedPool pool = new SeedPool(config.threads(), config.seeds().size());
        Progress progress = ctx.progress("seeds", config.seeds().size())) {
      List<Future<SeedResult>> futures = new ArrayList<>();
      for (long seed : config.seeds()) {
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed); // finished by a resumed run
        futures.add(kept.isEmpty() ? pool.submit(() -> runSeed(config, seed))
            : CompletableFuture.completedFuture(new SeedResult(seed,
                kept.get().finalMetrics(), Map.of())));
      }
      for (Future<SeedResult> f : futures) {
        SeedResult r = SeedPool.result(f);
        if (ctx.kept(r.seed()).isEmpty()) {
          writeRows(ctx, r);
          ctx.seedComplete(r.seed(), r.row());
        }
        results.add(r);
        progress.step();
      }
    }
    for (Map.Entry<String, XYChart> chart : charts(config, results, ctx.metrics()).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
    }
    for (TextTable t : tables(config, results)) {
      t.print(ctx.out(), "");
      ctx.out().println();
    }
  }

  /**
   * A seed's rows of metrics.csv: one per transfer iteration with each reward's curve, the last
   * also holding the final numbers (one row, iteration 1, when only the grid runs).
   */
  static void writeRows(RunContext ctx, SeedResult r) {
    int k = 0;
    for (double[] c : r.curves().values()) {
      k = Math.max(k, c.length);
    }
    for (int it = 1; it < k; it++) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> c : r.curves().entrySet()) {
        values.put(column("maze", "curve", c.getKey()), c.getValue()[it - 1]);
      }
      ctx.row(r.seed(), it, values);
    }
    Map<String, Double> last = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> c : r.curves().entrySet()) {
      last.put(column("maze", "curve", c.getKey()), c.getValue()[k - 1]);
    }
    last.putAll(r.row());
    ctx.row(r.seed(), Math.max(k, 1), last);
  }

  /**
   * The charts: {@code transfer_grid.png}, each reward's normalised return in the training grid
   * (x = 0) and in the changed grid (x = 1), mean over seeds (the table has the spread), so a
   * reward that does not transfer is a line that falls; {@code transfer_maze.png}, the true
   * return of PPO's mean action with the gap on the right after each PPO iteration for each
   * reward (mean ± std over seeds),
   * with the mirrored controller's return as the level to reach.
   *
   * @param metrics the run's metrics.csv, every seed's rows written (the maze curves). Not
   *     modified.
   */
  static Map<String, XYChart> charts(IrlTransferConfig config, List<SeedResult> results,
      MetricsCsv metrics) {
    Map<String, XYChart> charts = new LinkedHashMap<>();
    if (config.parts().contains("grid")) {
      List<Plots.Curve> curves = new ArrayList<>();
      List<String> methods = new ArrayList<>(GRID_METHODS);
      methods.add(EXPERT_POLICY);
      for (String m : methods) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (SeedResult r : results) {
          double before = m.equals(EXPERT_POLICY) ? 1.0
              : r.row().get(column("grid", "train", m));
          xs.add(new double[] {0, 1});
          ys.add(new double[] {before, r.row().get(column("grid", "transfer", m))});
        }
        curves.add(new Plots.Curve(m, xs, ys));
      }
      charts.put("transfer_grid.png", Plots.learningCurveChart("grid: normalised return of each"
          + " reward re-optimised (soft VI, tau " + config.temperature() + ")",
          "world: 0 = training (gap left), 1 = changed (gap right)",
          "(J - J_unif) / (J* - J_unif), mean over seeds", curves, Plots.Band.NONE, false,
          false));
    }
    if (config.parts().contains("maze")) {
      List<Plots.Curve> curves = new ArrayList<>();
      double maxX = 0;
      for (String m : MAZE_METHODS) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (MetricsCsv.Series s : metrics.series(column("maze", "curve", m)).values()) {
          xs.add(s.x());
          ys.add(s.y());
          maxX = Math.max(maxX, s.x()[s.size() - 1]);
        }
        if (!xs.isEmpty()) {
          curves.add(new Plots.Curve(m, xs, ys));
        }
      }
      double level = controllerReturn(PointMaze.Layout.GAP_RIGHT);
      curves.add(Plots.Curve.single("controller through the new gap",
          new double[] {0, maxX}, new double[] {level, level}));
      charts.put("transfer_maze.png", Plots.learningCurveChart("PointMaze, gap moved to the"
          + " right: PPO on each learned reward", "PPO iteration (" + config.numEnvs() + " x "
          + config.mazeStepsPerEnv() + " steps each), gap on the right",
          "true return of the mean action (100 steps)", curves, Plots.Band.STD, false, false));
    }
    return charts;
  }

  /** The printed tables: the grid's normalised returns, the maze's returns beside the paper's. */
  static List<TextTable> tables(IrlTransferConfig config, List<SeedResult> results) {
    List<TextTable> tables = new ArrayList<>();
    if (config.parts().contains("grid")) {
      TextTable t = new TextTable("grid reward", "training world", "changed world");
      for (String m : GRID_METHODS) {
        t.row(m, meanStd(results, column("grid", "train", m)),
            meanStd(results, column("grid", "transfer", m)));
      }
      t.row(EXPERT_POLICY, "1.000", meanStd(results, column("grid", "transfer",
          EXPERT_POLICY)));
      tables.add(t);
    }
    if (config.parts().contains("maze")) {
      TextTable t = new TextTable("maze reward", "imitation (gap left)",
          "transfer (gap right)", "Fu et al. 2018");
      for (String m : MAZE_METHODS) {
        t.row(m, m.equals("true") ? "-" : meanStd(results, column("maze", "imitation", m)),
            meanStd(results, column("maze", "transfer", m)),
            String.format(Locale.ROOT, "%.2f", PAPER.get(m)));
      }
      tables.add(t);
    }
    return tables;
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
