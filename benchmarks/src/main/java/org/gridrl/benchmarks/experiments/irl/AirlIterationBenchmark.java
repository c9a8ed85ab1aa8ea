package org.gridrl.benchmarks.experiments.irl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.UpdateStats;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.sampled.Airl;
import org.gridrl.irl.sampled.AirlConfig;
import org.gridrl.irl.sampled.Controller;
import org.gridrl.irl.sampled.ControllerPolicy;
import org.gridrl.irl.sampled.DiscriminatorConfig;
import org.gridrl.irl.sampled.ExpertData;
import org.gridrl.irl.sampled.LearnedReward;
import org.gridrl.irl.sampled.Transitions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One AIRL iteration (issue 12's speed item) and its two parts, the workload that
 * {@code gridrl bench airl} times side by side: a discriminator epoch over 4,096 policy
 * transitions (8 environments × 512 steps) against as many expert rows, and a PPO update on the
 * same 4,096 steps, g, h, π and V all MLPs 64-64 (tanh). The iteration is {@link Airl.Iteration}
 * — what {@code Airl.train} runs per iteration — and the parts are its own
 * {@link Airl.Iteration#discriminatorUpdate} and {@link Airl.Iteration#policyUpdate} on the last
 * iteration's data. Run:
 * {@code java -cp benchmarks/target/gridrl.jar org.openjdk.jmh.Main AirlIterationBenchmark -t 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AirlIterationBenchmark {

  /** Which world: the 8×8 grid of irl-adversarial-grid, or PointNavigation. */
  @Param({"grid", "point"})
  public String world;

  private Workload work;

  /** 8 × 512 steps, MLPs 64-64, one discriminator epoch, seed 1; one iteration run. */
  @Setup
  public void setUp() {
    work = new Workload(world, 8, 512, List.of(64, 64), 1, 1);
  }

  /** Steps 2–5 of an iteration on a fixed batch (collection excluded). */
  @Benchmark
  public double iteration() {
    return work.iteration();
  }

  /** The discriminator's update alone. */
  @Benchmark
  public double discriminator() {
    return work.discriminator();
  }

  /** The PPO update alone. */
  @Benchmark
  public double ppo() {
    return work.ppo();
  }

  /**
   * An AIRL run's data and state, ready to time: the world's sampler, 32 expert episodes, an
   * {@link Airl.Iteration} with {@code AirlConfig.defaults()} but for the sizes given, one
   * collected batch and one iteration already run on it (so the parts have their data).
   * Every call trains the networks in place, so successive calls see (slightly) different
   * weights; the work per call does not depend on them.
   */
  public static final class Workload {

    /** The worlds, in the order {@code gridrl bench airl --world} lists them. */
    public static final List<String> WORLDS = List.of("grid", "point");

    /** Expert episodes (as in irl-adversarial-grid: 32 demonstrations). */
    public static final int EXPERT_EPISODES = 32;
    /** Steps per episode on the grid (irl-adversarial-grid's demonstration length). */
    public static final int GRID_EPISODE = 20;
    /** PointNavigation's fixed goal. */
    public static final double GOAL_X = 0.4;
    public static final double GOAL_Y = -0.3;
    /** The point expert's action noise σ per coordinate. */
    public static final double POINT_EXPERT_STD = 0.03;

    private final String world;
    private final Airl.Iteration step;
    private final Batch batch;
    private final int expertRows;
    private long iteration;

    /**
     * Builds the world, the expert data and the networks, collects one batch and runs one
     * iteration on it.
     *
     * @param world {@code grid} (the 8×8 map of irl-adversarial-grid, one-hot observations of
     *     its 57 free cells, 4 moves, episodes cut at 20 steps, demonstrations of the value
     *     iteration expert) or {@code point} (PointNavigation with the goal (0.4, −0.3), a
     *     Gaussian policy over 2-D velocities, episodes cut at 100 steps or at the goal,
     *     demonstrations of the controller a = clip(g − p, ±0.1) + N(0, 0.03²))
     * @param envs environments sampled in lock step, ≥ 1
     * @param stepsPerEnv steps per environment and batch, ≥ 1 (batch = envs · stepsPerEnv)
     * @param hidden hidden layers of π, V, g and h
     * @param discriminatorEpochs passes of the discriminator over the policy rows, ≥ 1
     * @param seed the world's demonstrations, the networks and the sampler
     */
    public Workload(String world, int envs, int stepsPerEnv, List<Integer> hidden,
        int discriminatorEpochs, long seed) {
      Check.argument(WORLDS.contains(world), "world must be one of %s, got '%s'", WORLDS,
          world);
      Check.positive("envs", envs);
      this.world = world;
      PpoConfig ppo = AirlConfig.defaults().ppo().withStepsPerEnv(stepsPerEnv).withHidden(hidden);
      DiscriminatorConfig dc = DiscriminatorConfig.defaults().withHidden(hidden)
          .withEpochs(discriminatorEpochs);
      AirlConfig config = AirlConfig.defaults().with(b -> b.iterations(1).ppo(ppo)
          .discriminator(dc).rewardInputs(LearnedReward.Inputs.STATE).seed(seed));
      Sampler<?, ?> sampler;
      Transitions expert;
      if (world.equals("grid")) {
        IrlAdversarial.World w = IrlAdversarial.world("grid", seed);
        TabularMdp mdp = w.mdp();
        Demonstrations demos = Demonstrations.sample(mdp, ValueIteration.solve(mdp).policy(),
            EXPERT_EPISODES, GRID_EPISODE, seed);
        expert = Transitions.fromDemonstrations(demos, mdp, w.encoder(), w.observationDim());
        List<Env<Integer, Integer>> list = new ArrayList<>();
        for (int i = 0; i < envs; i++) {
          list.add(new TimeLimit<>(new TabularEnv(mdp), GRID_EPISODE));
        }
        sampler = new Sampler<>(list, w.encoder(), w.observationDim());
      } else {
        List<Env<double[], double[]>> list = new ArrayList<>();
        for (int i = 0; i < envs; i++) {
          list.add(PointNavigation.withGoal(GOAL_X, GOAL_Y));
        }
        Sampler<double[], double[]> points = Sampler.vector(list);
        Controller toGoal = (o, at, out, to) -> {
          out[to] = clip(GOAL_X - o[at]);
          out[to + 1] = clip(GOAL_Y - o[at + 1]);
        };
        expert = ExpertData.sample(Sampler.vector(List.of(PointNavigation.withGoal(GOAL_X,
            GOAL_Y))), ControllerPolicy.gaussian(toGoal, 2, 2,
            new double[] {POINT_EXPERT_STD, POINT_EXPERT_STD}), EXPERT_EPISODES, seed);
        sampler = points;
      }
      this.expertRows = expert.numTriples();
      this.step = new Airl.Iteration(sampler, expert, config);
      this.batch = step.collect();
      step.run(batch, ++iteration, TrainingListener.NONE);
    }

    private static double clip(double v) {
      return Math.max(-PointNavigation.MAX_SPEED, Math.min(PointNavigation.MAX_SPEED, v));
    }

    /** The world's name. */
    public String world() {
      return world;
    }

    /** Policy steps per batch (N·T). */
    public int steps() {
      return batch.size();
    }

    /** Expert rows with a successor, the discriminator's expert class. */
    public int expertRows() {
      return expertRows;
    }

    /**
     * Steps 2–5 of an AIRL iteration on the batch collected at construction: log π on the
     * expert and policy rows, the discriminator's update, r = f − log π, the PPO update.
     *
     * @return PPO's mean policy loss, to keep the work alive
     */
    public double iteration() {
      return policyLoss(step.run(batch, ++iteration, TrainingListener.NONE));
    }

    /**
     * A whole iteration of {@code Airl.train}: a new batch from the current policy, then
     * steps 2–5 on it.
     */
    public double iterationWithCollection() {
      return policyLoss(step.run(step.collect(), ++iteration, TrainingListener.NONE));
    }

    /** Step 1 alone: a batch from the current policy; returns its size. */
    public double collect() {
      return step.collect().size();
    }

    /** Step 3 alone: the discriminator's update; returns its loss. */
    public double discriminator() {
      return step.discriminatorUpdate(++iteration);
    }

    /** Step 5 alone: the PPO update on the last iteration's batch and rewards. */
    public double ppo() {
      return policyLoss(step.policyUpdate(++iteration));
    }

    private static double policyLoss(UpdateStats u) {
      return ((UpdateStats.PpoClip) u).policyLoss();
    }
  }
}
