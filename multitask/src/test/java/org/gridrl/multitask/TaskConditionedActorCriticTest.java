package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.GradientCombination;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.multitask.TaskConditionedConfig.Combiner;
import org.gridrl.multitask.TaskConditionedConfig.Mode;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskConditionedActorCritic} and PPO's per-task path on two conflicting corridor tasks
 * ({@link Corridor}): equality with independent runs when nothing is shared, PCGrad's
 * projection on the steps, determinism, and returns against core.planning's exact values.
 */
class TaskConditionedActorCriticTest {

  static PpoConfig ppo(int iterations, int stepsPerEnv, int minibatch, double learningRate,
      long seed) {
    PpoConfig c = PpoConfig.defaults();
    return new PpoConfig(iterations, stepsPerEnv, Corridor.GAMMA, 0.95, 0.2, 0.2, true, 4,
        minibatch, learningRate, 0.01, 0.5, 0.5, List.of(16), 0.0, seed);
  }

  /**
   * The check. Shared-with-id PPO on the two tasks, with an actor and a critic whose
   * parameters split by task ({@link BlockNetworks}: task k's rows see only block k), takes
   * exactly the steps of two independent plain-PPO runs, one per task, from the same initial
   * blocks on the same experience: after every update each block equals its independent twin,
   * bit for bit. Why it must: the per-task path takes one pass per task over that task's rows,
   * so block k's gradient is ∇L_k on the same rows with the same ops, and the other task's
   * gradient is exactly 0 on it; Adam acts per coordinate with the same step count; the clip is
   * off (a global norm would couple the blocks). Three choices make bit equality possible:
   * (1) one step per task per iteration and minibatches of 2, so each minibatch holds exactly
   * one row of each task whatever the shuffle (with more rows the shared run's shuffle orders a
   * task's rows differently from the independent run's, and a mean summed in another order
   * differs in the last bits); (2) advantages not normalised (one row would normalise to 0);
   * (3) the combination 2·Σ_k g_k, which Ppo scales by 1/T = 1/2: the summed task losses
   * (with the module's Sum, the mean of the losses, block k would get g_k/2, and Adam's ε makes
   * that step differ from g_k's in the 8th digit). Scaling by 2 and by 1/2 is exact.
   */
  @Test
  void sharedWithId_parametersSplitByTask_equalsTwoIndependentPpoRuns_bitForBit() {
    PpoConfig c = ppo(1, 1, 2, 1e-2, 7L);
    PpoConfig config = new PpoConfig(1, 1, c.gamma(), c.lambda(), c.clipRatio(), c.valueClip(),
        false, 4, 2, c.learningRate(), c.entropyCoef(), c.valueCoef(), Double.POSITIVE_INFINITY,
        c.hidden(), 0.0, 7L);
    splitNetworkAgainstIndependentRuns(config, config, 60, 0.0);
  }

  /**
   * The same check with 16 steps per task and each update's minibatch the whole batch (so each
   * task's slice is all of its rows, and per-slice normalisation of Â is the independent run's
   * whole-batch normalisation): here the two runs sum a task's rows in different orders (their
   * shuffles differ), so the parameters agree to rounding, 1e-12 after 10 updates of 2 epochs.
   */
  @Test
  void sharedWithId_parametersSplitByTask_manyRowsPerTask_matchIndependentRunsToRounding() {
    PpoConfig c = ppo(1, 16, 32, 1e-2, 8L);
    PpoConfig shared = new PpoConfig(1, 16, c.gamma(), c.lambda(), c.clipRatio(),
        c.valueClip(), true, 2, 32, c.learningRate(), c.entropyCoef(), c.valueCoef(),
        Double.POSITIVE_INFINITY, c.hidden(), 0.0, 8L);
    splitNetworkAgainstIndependentRuns(shared, shared.withMinibatchSize(16), 10, 1e-12);
  }

  /**
   * Runs shared-with-id PPO on block networks beside two independent PPO runs on the same
   * experience (collected by the independent policies) and compares every block with its twin
   * after every update, within {@code tol} (0: bit for bit).
   */
  private static void splitNetworkAgainstIndependentRuns(PpoConfig sharedConfig,
      PpoConfig soloConfig, int iterations, double tol) {
    int d = Corridor.STATES;
    List<Mlp> policyBlocks = new ArrayList<>();
    List<Mlp> valueBlocks = new ArrayList<>();
    List<Policy> soloPolicies = new ArrayList<>();
    List<Module> soloValues = new ArrayList<>();
    List<Ppo> solo = new ArrayList<>();
    List<Sampler<double[], Integer>> samplers = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      // twins: the same seed builds the shared block and the independent network
      policyBlocks.add((Mlp) CategoricalPolicy.mlp(d, new int[] {8}, 2, new Rng(100 + k))
          .network());
      valueBlocks.add(Networks.value(d, List.of(8), new Rng(200 + k)));
      soloPolicies.add(CategoricalPolicy.mlp(d, new int[] {8}, 2, new Rng(100 + k)));
      soloValues.add(Networks.value(d, List.of(8), new Rng(200 + k)));
      solo.add(new Ppo(soloPolicies.get(k), soloValues.get(k), soloConfig));
      Sampler<double[], Integer> s = Sampler.vector(List.of(Corridor.envs().get(k)));
      s.reseed(31 + k);
      samplers.add(s);
    }
    Policy sharedPolicy = new BlockNetworks.CategoricalBlocks(policyBlocks, d, 2);
    Module sharedValue = new BlockNetworks.Value(valueBlocks, d);
    Sum sum = new Sum();
    GradientCombination summedLosses = (g, numTasks, dim, out) -> {
      sum.combine(g, numTasks, dim, out);
      for (int j = 0; j < dim; j++) {
        out[j] *= numTasks;
      }
    };
    Ppo shared = new Ppo(sharedPolicy, sharedValue, sharedConfig, summedLosses);
    double[] initial = flat(soloPolicies.get(0));
    for (int it = 1; it <= iterations; it++) {
      Batch[] perTask = new Batch[2];
      for (int k = 0; k < 2; k++) {
        perTask[k] = samplers.get(k).collect(soloPolicies.get(k), soloConfig.stepsPerEnv());
      }
      shared.update(join(perTask), it);
      for (int k = 0; k < 2; k++) {
        solo.get(k).update(perTask[k], it);
        assertParameters(flat(soloPolicies.get(k)), flat(policyBlocks.get(k)), tol,
            "policy block " + k + ", iteration " + it);
        assertParameters(flat(soloValues.get(k)), flat(valueBlocks.get(k)), tol,
            "value block " + k + ", iteration " + it);
      }
    }
    assertThat(flat(soloPolicies.get(0))).as("training moved the parameters")
        .isNotEqualTo(initial);
  }

  private static void assertParameters(double[] expected, double[] actual, double tol,
      String what) {
    if (tol == 0) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else {
      assertThat(actual).as(what).containsExactly(expected,
          org.assertj.core.api.Assertions.within(tol));
    }
  }

  /**
   * The tasks' batches as one batch, task after task (segments stay contiguous), with [s, e_k]
   * observations and task k on task k's rows.
   */
  static Batch join(Batch[] parts) {
    int t = parts.length;
    int d = parts[0].observationDim();
    int w = d + t;
    int n = 0;
    for (Batch b : parts) {
      n += b.size();
    }
    double[] obs = new double[n * w];
    double[] next = new double[n * w];
    double[] act = new double[n];
    int[] idx = new int[n];
    double[] rew = new double[n];
    double[] logp = new double[n];
    boolean[] term = new boolean[n];
    boolean[] trunc = new boolean[n];
    boolean[] last = new boolean[n];
    int[] tasks = new int[n];
    double[] row = new double[w];
    int r = 0;
    for (int k = 0; k < t; k++) {
      Batch b = parts[k];
      for (int i = 0; i < b.size(); i++, r++) {
        OneHotTask.append(java.util.Arrays.copyOfRange(b.observations(), i * d, i * d + d), k, t,
            row);
        System.arraycopy(row, 0, obs, r * w, w);
        OneHotTask.append(java.util.Arrays.copyOfRange(b.nextObservations(), i * d, i * d + d),
            k, t, row);
        System.arraycopy(row, 0, next, r * w, w);
        act[r] = b.actions()[i];
        idx[r] = b.actionIndices()[i];
        rew[r] = b.rewards()[i];
        logp[r] = b.logProbs()[i];
        term[r] = b.terminated()[i];
        trunc[r] = b.truncated()[i];
        last[r] = b.last()[i];
        tasks[r] = k;
      }
    }
    return new Batch(w, 1, obs, act, idx, rew, logp, next, term, trunc, last, tasks,
        new double[0], new int[0]);
  }

  static double[] flat(Module m) {
    List<Parameter> ps = m.parameters();
    int n = ps.stream().mapToInt(p -> p.value().getNumElements()).sum();
    double[] out = new double[n];
    int off = 0;
    for (Parameter p : ps) {
      double[] x = p.value().data;
      int len = p.value().getNumElements();
      System.arraycopy(x, 0, out, off, len);
      off += len;
    }
    return out;
  }

  /**
   * PCGrad on the corridor's opposite tasks: on every step the combined direction d has
   * d·g_k ≥ 0 for each task's gradient (for two tasks d·g_0 = ‖g_0‖² − (g_0·g_1)²/‖g_1‖² ≥ 0 when
   * they conflict), checked on both the actor's and the critic's combination; and the tasks do
   * conflict on some steps, so the projection is exercised.
   */
  @Test
  void pcGradPath_conflictingTasks_directionNeverOpposesATaskGradient() {
    PpoConfig config = ppo(6, 32, 32, 1e-2, 3L);
    List<Env<double[], Integer>> envs = new ArrayList<>();
    List<Env<double[], Integer>> base = Corridor.envs();
    for (int k = 0; k < 2; k++) {
      envs.add(new OneHotTask<>(base.get(k), k, 2));
    }
    Sampler<double[], Integer> sampler = Sampler.vector(envs);
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), 0.0, config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    PcGrad pcGrad = new PcGrad(5L);
    int[] conflicts = {0};
    int[] calls = {0};
    GradientCombination checked = (g, numTasks, dim, out) -> {
      pcGrad.combine(g, numTasks, dim, out);
      calls[0]++;
      if (numTasks == 2 && dot(g[0], g[1], dim) < 0) {
        conflicts[0]++;
      }
      for (int k = 0; k < numTasks; k++) {
        double scale = Math.sqrt(dot(out, out, dim) * dot(g[k], g[k], dim));
        assertThat(dot(out, g[k], dim)).as("d·g_%d", k).isGreaterThanOrEqualTo(-1e-12 * scale);
      }
    };
    Ppo.train(sampler, policy, value, config, checked, TrainingListener.NONE);
    assertThat(calls[0]).isEqualTo(2 * 6 * 4 * 2);
    assertThat(conflicts[0]).as("steps whose task gradients conflict").isPositive();
  }

  static double dot(double[] a, double[] b, int n) {
    double s = 0;
    for (int j = 0; j < n; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  @Test
  void train_sameSeedTwice_identicalHistory() {
    TaskConditionedConfig config = new TaskConditionedConfig(ppo(5, 32, 32, 1e-2, 9L),
        Mode.SHARED_WITH_ID, Combiner.PCGRAD);
    TaskConditionedResult a = TaskConditionedActorCritic.train(Corridor.envs(), config,
        TrainingListener.NONE);
    TaskConditionedResult b = TaskConditionedActorCritic.train(Corridor.envs(), config,
        TrainingListener.NONE);
    assertSameHistory(a.history(), b.history(), 2);
    assertThat(flat(b.policies().get(0))).isEqualTo(flat(a.policies().get(0)));
    assertThat(b.provenance().config()).isEqualTo(config);
  }

  /** With one task the per-task path (Sum) and plain PPO (NONE) give the same numbers. */
  @Test
  void train_oneTask_sumEqualsPlainPpo_bitForBit() {
    List<Env<double[], Integer>> one = List.of(Corridor.envs().get(1));
    TaskConditionedResult plain = TaskConditionedActorCritic.train(one,
        new TaskConditionedConfig(ppo(4, 32, 16, 1e-2, 4L), Mode.SHARED_WITH_ID, Combiner.NONE),
        TrainingListener.NONE);
    TaskConditionedResult perTask = TaskConditionedActorCritic.train(Corridor.envs().subList(1,
        2), new TaskConditionedConfig(ppo(4, 32, 16, 1e-2, 4L), Mode.SHARED_WITH_ID,
        Combiner.SUM), TrainingListener.NONE);
    assertSameHistory(plain.history(), perTask.history(), 1);
    assertThat(flat(perTask.policies().get(0))).isEqualTo(flat(plain.policies().get(0)));
    assertThat(flat(perTask.values().get(0))).isEqualTo(flat(plain.values().get(0)));
  }

  /**
   * The conflict diagnostics on the corridor, whose tasks want opposite actions in every shared
   * state: without the id (one policy, the same inputs for both tasks) the two policy gradients
   * point against each other at initialisation: over the first iteration's 16 steps (2 × 32
   * rows in minibatches of 16, 4 epochs) the mean cosine is negative and the one pair conflicts
   * on 15 of them (seeded; conflict fraction 15/16); with the plain one-pass step there is no
   * per-task gradient and the keys are absent.
   */
  @Test
  void conflictingTasks_sharedWithoutId_negativeGradientCosineAtInit() {
    PpoConfig c = ppo(1, 32, 16, 1e-2, 3L);
    TaskConditionedResult perTask = TaskConditionedActorCritic.train(Corridor.envs(),
        new TaskConditionedConfig(c, Mode.SHARED_NO_ID, Combiner.SUM), TrainingListener.NONE);
    double[] cosine = perTask.history().series(TaskConditionedMetrics.GRADIENT_COSINE);
    assertThat(cosine).hasSize(1);
    assertThat(cosine[0]).isNegative();
    assertThat(perTask.history().series(TaskConditionedMetrics.CONFLICT_FRACTION))
        .containsExactly(15.0 / 16);
    TaskConditionedResult plain = TaskConditionedActorCritic.train(Corridor.envs(),
        new TaskConditionedConfig(c, Mode.SHARED_NO_ID, Combiner.NONE), TrainingListener.NONE);
    assertThat(plain.history().series(TaskConditionedMetrics.GRADIENT_COSINE)).isEmpty();
    assertThat(plain.history().series(TaskConditionedMetrics.CONFLICT_FRACTION)).isEmpty();
  }

  static void assertSameHistory(MetricsHistory a, MetricsHistory b, int numTasks) {
    for (String key : TaskConditionedMetrics.keys(numTasks)) {
      assertThat(b.series(key)).as(key).isEqualTo(a.series(key));
    }
  }

  /**
   * The lecture's story on two tasks whose optimal actions are opposite in every shared state,
   * measured with core.planning: J_k(π) = V^π_k(start) exactly, J*_k = 0.9. With the id, one
   * network fits both tasks: normalised return (J − J_unif)/(J* − J_unif) ≥ 0.99 on each. Without
   * it, one policy serves both, and since the tasks share dynamics and start, (J_0(π) + J_1(π))/2
   * is the return of π in the corridor paying 1/2 at either end, at most that MDP's optimum
   * (hard VI: 0.45) — the with-id policy's mean beats that bound.
   */
  @Test
  void sharedWithId_fitsBothTasks_noIdCannotBeatTheSinglePolicyBound() {
    PpoConfig ppo = ppo(40, 64, 64, 2e-2, 1L);
    TaskConditionedResult withId = TaskConditionedActorCritic.train(Corridor.envs(),
        new TaskConditionedConfig(ppo, Mode.SHARED_WITH_ID, Combiner.SUM),
        TrainingListener.NONE);
    TaskConditionedResult noId = TaskConditionedActorCritic.train(Corridor.envs(),
        new TaskConditionedConfig(ppo, Mode.SHARED_NO_ID, Combiner.SUM), TrainingListener.NONE);
    double bound = ValueIteration.solve(Corridor.withGoalRewards(0.5, 0.5))
        .v()[Corridor.START];
    assertThat(bound).isCloseTo(0.45, org.assertj.core.api.Assertions.within(1e-9));
    double meanWithId = 0;
    double meanNoId = 0;
    for (int k = 0; k < 2; k++) {
      TabularMdp task = Corridor.task(k);
      double best = ValueIteration.solve(task).v()[Corridor.START];
      double unif = Corridor.value(task, TabularPolicy.uniform(Corridor.STATES, 2));
      double j = Corridor.value(task, Corridor.table(withId.policy(k)));
      // seed 1 gives 0.99996 on both tasks (J = 0.89998 and 0.89998, J_unif = 0.37815)
      assertThat((j - unif) / (best - unif)).as("normalised return of task %d with id", k)
          .isGreaterThanOrEqualTo(0.99);
      meanWithId += j / 2;
      meanNoId += Corridor.value(task, Corridor.table(noId.policy(k))) / 2;
    }
    // seed 1: J_0 = 0.6379, J_1 = 0.2600, mean 0.4490 against the bound 0.45
    assertThat(meanNoId).isLessThanOrEqualTo(bound + 1e-12);
    assertThat(meanWithId).isGreaterThan(bound);
    assertThat(withId.environmentSteps()).isEqualTo(40L * 64 * 2);
    assertThat(noId.environmentSteps()).isEqualTo(40L * 64 * 2);
  }

  /** Independent per-task PPO: the same per-task budget, and each task's policy fits it. */
  @Test
  void independent_sameBudgetPerTask_eachFitsItsTask() {
    PpoConfig ppo = ppo(40, 64, 64, 2e-2, 1L);
    TaskConditionedResult r = TaskConditionedActorCritic.train(Corridor.envs(),
        new TaskConditionedConfig(ppo, Mode.INDEPENDENT, Combiner.NONE), TrainingListener.NONE);
    assertThat(r.policies()).hasSize(2);
    assertThat(r.environmentSteps()).isEqualTo(40L * 64 * 2);
    for (int k = 0; k < 2; k++) {
      TabularMdp task = Corridor.task(k);
      double unif = Corridor.value(task, TabularPolicy.uniform(Corridor.STATES, 2));
      double j = Corridor.value(task, Corridor.table(r.policy(k)));
      assertThat((j - unif) / (0.9 - unif)).as("task %d", k).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void config_independentWithCombiner_rejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TaskConditionedConfig(
        PpoConfig.defaults(), Mode.INDEPENDENT, Combiner.PCGRAD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PCGRAD");
  }
}
