package org.gridrl.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.GradientCombination;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;
import org.gridrl.multitask.PcGrad;
import org.gridrl.multitask.Sum;
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
 * Issue 13's speed item, the workload {@code gridrl bench pcgrad} times side by side: one PPO
 * minibatch step on T tasks × m rows ({@link Ppo#update} with one epoch and the whole batch as
 * its one minibatch: value predictions, GAE, then the step), by (a) the plain one-pass step
 * on the summed loss (no combination) and (b) core.pg's per-task path, T forward/backward passes
 * over each task's rows and PCGrad (Yu et al. 2020) on the T policy gradients and on the T
 * value gradients ({@link PcGrad}); (c) the per-task path with the plain {@link Sum}, which
 * separates the cost of the T passes from PCGrad's. The default sizes: T = 50, a 200-state
 * world, observations e_s ⊕ e_k (250 inputs), π an MLP 250 → 32 → 32 → 4 (tanh; 9,220
 * parameters) and V 250 → 32 → 32 → 1 (9,121), 32 rows per task (1,600 per step). Run:
 * {@code java -cp benchmarks/target/gridrl.jar org.openjdk.jmh.Main PerTaskGradientBenchmark
 * -t 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PerTaskGradientBenchmark {

  @Param({"50"})
  int tasks;

  Workload work;

  @Setup
  public void setup() {
    work = new Workload(tasks, Workload.STATES, List.of(32, 32), Workload.ROWS, true, 1L);
  }

  /** The plain one-pass step. */
  @Benchmark
  public double summed() {
    return work.summed();
  }

  /** The per-task path with PCGrad. */
  @Benchmark
  public double pcgrad() {
    return work.pcgrad();
  }

  /** The per-task path with the plain sum. */
  @Benchmark
  public double perTaskSum() {
    return work.perTaskSum();
  }

  /**
   * The batch and the three learners, each over its own copy of the same initial networks (the
   * same seed builds them). The batch: task k's m rows are states drawn uniformly, observation
   * e_s ⊕ e_k, actions and log π_old drawn from the initial policy, rewards uniform in [0, 1),
   * next states uniform, each task's rows one segment cut (truncated) at its end. Every call
   * trains its learner in place with a learning rate of 1e-5, so successive calls see slightly
   * different weights; the work per call does not depend on them.
   */
  public static final class Workload {

    /** The default number of states. */
    public static final int STATES = 200;
    /** The default rows per task and step. */
    public static final int ROWS = 32;
    /** Actions of the world. */
    public static final int ACTIONS = 4;

    private final int numTasks;
    private final int observationDim;
    private final Batch batch;
    private final PpoConfig config;
    private final Ppo summed;
    private final Ppo pcgrad;
    private final Ppo perTaskSum;
    private long iteration;

    /**
     * Builds the batch and the learners.
     *
     * @param tasks T ≥ 1
     * @param states states of the world, ≥ 1
     * @param hidden the hidden layers of π and V
     * @param rows rows per task, ≥ 2
     * @param normalizeAdvantages PPO's per-minibatch (per-task on the per-task path) Â
     *     normalisation; the benchmark's setting is true
     * @param seed the networks, the batch and PCGrad's order
     */
    public Workload(int tasks, int states, List<Integer> hidden, int rows,
        boolean normalizeAdvantages, long seed) {
      Check.positive("tasks", tasks);
      Check.positive("states", states);
      Check.argument(rows >= 2, "rows must be >= 2, got %s", rows);
      this.numTasks = tasks;
      this.observationDim = states + tasks;
      PpoConfig d = PpoConfig.defaults();
      this.config = new PpoConfig(1, rows, d.gamma(), d.lambda(), d.clipRatio(), d.valueClip(),
          normalizeAdvantages, 1, tasks * rows, 1e-5, d.entropyCoef(), d.valueCoef(),
          d.maxGradNorm(), hidden, 0.0, seed);
      this.batch = batch(tasks, states, rows, policy(), new Rng(seed).fork(1));
      this.summed = new Ppo(policy(), value(), config);
      this.pcgrad = new Ppo(policy(), value(), config, new PcGrad(new Rng(seed).fork(2)
          .nextLong()));
      this.perTaskSum = new Ppo(policy(), value(), config, new Sum());
    }

    /** A new copy of the initial policy, (S + T) → hidden → 4 (tanh), from the seed. */
    public Policy policy() {
      return CategoricalPolicy.mlp(observationDim, config.hidden().stream().mapToInt(i -> i)
          .toArray(), ACTIONS, new Rng(config.seed()).fork(3));
    }

    /** A new copy of the initial value network, (S + T) → hidden → 1 (tanh), from the seed. */
    public Module value() {
      return Networks.value(observationDim, config.hidden(), new Rng(config.seed()).fork(4));
    }

    /** The batch every call updates on. */
    public Batch batch() {
      return batch;
    }

    /** The PPO settings (one epoch, one minibatch of T·m rows). */
    public PpoConfig config() {
      return config;
    }

    /** T. */
    public int numTasks() {
      return numTasks;
    }

    /** Parameters of a network. */
    public static int parameterCount(Module m) {
      int n = 0;
      for (Parameter p : m.parameters()) {
        n += p.value().getNumElements();
      }
      return n;
    }

    /** (a) One update of the plain learner; returns its policy loss. */
    public double summed() {
      return summed.update(batch, ++iteration).policyLoss();
    }

    /** (b) One update of the per-task learner with PCGrad; returns its policy loss. */
    public double pcgrad() {
      return pcgrad.update(batch, ++iteration).policyLoss();
    }

    /** (c) One update of the per-task learner with the plain sum; returns its policy loss. */
    public double perTaskSum() {
      return perTaskSum.update(batch, ++iteration).policyLoss();
    }

    /** A learner over fresh copies of the initial networks with the given combination. */
    public Ppo learner(GradientCombination combination) {
      return new Ppo(policy(), value(), config, combination);
    }

    private static Batch batch(int tasks, int states, int rows, Policy policy, Rng rng) {
      int obsDim = states + tasks;
      int n = tasks * rows;
      double[] obs = new double[n * obsDim];
      double[] next = new double[n * obsDim];
      double[] rewards = new double[n];
      boolean[] terminated = new boolean[n];
      boolean[] truncated = new boolean[n];
      boolean[] last = new boolean[n];
      int[] taskOf = new int[n];
      for (int k = 0; k < tasks; k++) {
        for (int i = 0; i < rows; i++) {
          int t = k * rows + i;
          obs[t * obsDim + rng.nextInt(states)] = 1;
          obs[t * obsDim + states + k] = 1;
          next[t * obsDim + rng.nextInt(states)] = 1;
          next[t * obsDim + states + k] = 1;
          rewards[t] = rng.nextDouble();
          taskOf[t] = k;
        }
        truncated[k * rows + rows - 1] = true;
        last[k * rows + rows - 1] = true;
      }
      DMatrixRMaj x = new DMatrixRMaj(n, obsDim);
      System.arraycopy(obs, 0, x.data, 0, obs.length);
      DMatrixRMaj actions = new DMatrixRMaj(n, 1);
      double[] logProbs = new double[n];
      Tape tape = new Tape();
      policy.act(tape, x, rng, actions, logProbs);
      int[] actionIndices = new int[n];
      for (int t = 0; t < n; t++) {
        actionIndices[t] = (int) actions.data[t];
      }
      return new Batch(obsDim, 1, obs, actions.data, actionIndices, rewards, logProbs, next,
          terminated, truncated, last, taskOf, new double[0], new int[0]);
    }
  }
}
