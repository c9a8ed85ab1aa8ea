package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.GradientCombination;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.core.util.TrainingListener;
import org.junit.jupiter.api.Test;

/**
 * PPO's per-task gradient path ({@link Ppo#Ppo(Policy, Module, PpoConfig,
 * GradientCombination)}): with one task it is plain PPO bit for bit; with a plain sum its
 * direction is the gradient of the mean of the per-task losses; after warm-up it allocates
 * nothing but the update's stats.
 */
class PerTaskPpoTest extends TestBase {

  /** d = Σ_k g_k, the plain sum (multitask's Sum without its checks). */
  static final GradientCombination SUM = (g, numTasks, dim, out) -> {
    System.arraycopy(g[0], 0, out, 0, dim);
    for (int k = 1; k < numTasks; k++) {
      for (int j = 0; j < dim; j++) {
        out[j] += g[k][j];
      }
    }
  };

  static PpoConfig config(int stepsPerEnv, int minibatch, int epochs, double maxGradNorm,
      long seed) {
    PpoConfig c = PpoConfig.defaults();
    return new PpoConfig(6, stepsPerEnv, c.gamma(), c.lambda(), c.clipRatio(), c.valueClip(),
        true, epochs, minibatch, 3e-3, c.entropyCoef(), c.valueCoef(), maxGradNorm,
        List.of(8), 0.0, seed);
  }

  static double[] flatParams(Module m) {
    List<Double> xs = new ArrayList<>();
    for (Parameter p : m.parameters()) {
      for (double x : p.value().data) {
        xs.add(x);
      }
    }
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void perTaskPath_oneTask_isPlainPpoBitForBit() {
    PpoConfig config = config(40, 16, 3, 0.5, 11L);
    PgResult[] results = new PgResult[2];
    for (int run = 0; run < 2; run++) {
      Sampler<Integer, Integer> sampler = Sampler.oneHot(
          List.of(new OnPolicyAllocationTest.PreallocatedChain()),
          OnPolicyAllocationTest.PreallocatedChain.STATES);
      Policy policy = Networks.defaultPolicy(sampler, config.hidden(), 0.0, config.seed());
      Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
      results[run] = Ppo.train(sampler, policy, value, config, run == 0 ? null : SUM,
          TrainingListener.NONE);
    }
    assertThat(flatParams(results[1].policy())).isEqualTo(flatParams(results[0].policy()));
    assertThat(flatParams(results[1].value())).isEqualTo(flatParams(results[0].value()));
    for (String key : Ppo.METRICS) {
      assertThat(results[1].history().series(key)).as(key)
          .isEqualTo(results[0].history().series(key));
    }
  }

  @Test
  void sumCombination_isGradientOfMeanOfTaskLosses() {
    // one epoch, one minibatch holding the whole batch: task k's slice is all of its rows
    PpoConfig config = config(30, 1000, 1, Double.POSITIVE_INFINITY, 5L);
    Sampler<Integer, Integer> sampler = Sampler.oneHot(
        List.of(new OnPolicyAllocationTest.PreallocatedChain(),
            new OnPolicyAllocationTest.PreallocatedChain()),
        OnPolicyAllocationTest.PreallocatedChain.STATES);
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), 0.0, config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    sampler.reseed(9);
    Batch batch = sampler.collect(policy, config.stepsPerEnv());
    // expected: (1/2) Σ_k ∇L_k, each L_k recorded on its own tape over task k's rows
    double[][][] perTask = taskGradients(policy, value, batch, config, 2);
    double[][] expected = new double[2][];
    for (int part = 0; part < 2; part++) {
      expected[part] = new double[perTask[0][part].length];
      for (int k = 0; k < 2; k++) {
        for (int j = 0; j < expected[part].length; j++) {
          expected[part][j] += 0.5 * perTask[k][part][j];
        }
      }
    }
    List<double[]> seen = new ArrayList<>();
    GradientCombination spy = (g, numTasks, dim, out) -> {
      assertThat(numTasks).isEqualTo(2);
      SUM.combine(g, numTasks, dim, out);
      double[] dir = new double[dim];
      for (int j = 0; j < dim; j++) {
        dir[j] = out[j] / numTasks;
      }
      seen.add(dir);
    };
    new Ppo(policy, value, config, spy).update(batch, 1);
    assertThat(seen).hasSize(2);
    assertClose(expected[0], seen.get(0), TIGHT);
    assertClose(expected[1], seen.get(1), TIGHT);
  }

  /**
   * The conflict diagnostics of a per-task update with one step: the cosine of the two tasks'
   * policy gradients, each from its own tape ({@link #taskGradients}), matches the update's
   * {@code gradientCosine} to 1e-12, and the conflict fraction is 1 exactly when it is negative;
   * plain PPO reports NaN for both.
   */
  @Test
  void perTaskUpdate_reportsCosineOfTheTwoTasksPolicyGradients() {
    PpoConfig config = config(30, 1000, 1, Double.POSITIVE_INFINITY, 5L);
    Sampler<Integer, Integer> sampler = Sampler.oneHot(
        List.of(new OnPolicyAllocationTest.PreallocatedChain(),
            new OnPolicyAllocationTest.PreallocatedChain()),
        OnPolicyAllocationTest.PreallocatedChain.STATES);
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), 0.0, config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    sampler.reseed(9);
    Batch batch = sampler.collect(policy, config.stepsPerEnv());
    double[][][] g = taskGradients(policy, value, batch, config, 2);
    double dot = 0;
    double n0 = 0;
    double n1 = 0;
    for (int j = 0; j < g[0][0].length; j++) {
      dot += g[0][0][j] * g[1][0][j];
      n0 += g[0][0][j] * g[0][0][j];
      n1 += g[1][0][j] * g[1][0][j];
    }
    double cosine = dot / Math.sqrt(n0 * n1);
    assertThat(n0 * n1).isPositive();
    UpdateStats.PpoClip plain = new Ppo(Networks.defaultPolicy(sampler, config.hidden(), 0.0,
        config.seed()), Networks.defaultValue(sampler, config.hidden(), config.seed()), config)
        .update(batch, 1);
    UpdateStats.PpoClip stats = new Ppo(policy, value, config, SUM).update(batch, 1);
    assertThat(stats.gradientSteps()).isEqualTo(1);
    assertThat(stats.gradientCosine()).isCloseTo(cosine, org.assertj.core.data.Offset.offset(
        1e-12));
    assertThat(stats.conflictFraction()).isEqualTo(cosine < 0 ? 1.0 : 0.0);
    assertThat(plain.gradientCosine()).isNaN();
    assertThat(plain.conflictFraction()).isNaN();
  }

  /**
   * ∇L_k for each task k, each loss recorded on its own tape over task k's rows of the whole
   * batch (one epoch, one minibatch: the per-task path's slices): [k][0] the policy's gradient,
   * [k][1] the value's, flattened in parameter order.
   */
  static double[][][] taskGradients(Policy policy, Module value, Batch batch, PpoConfig config,
      int numTasks) {
    int n = batch.size();
    int d = batch.observationDim();
    double[] v = predict(value, batch.observations(), n, d);
    double[] vNext = predict(value, batch.nextObservations(), n, d);
    double[] adv = Gae.advantages(batch, v, vNext, config.gamma(), config.lambda(),
        new double[n]);
    double[] targets = Gae.valueTargets(adv, v, new double[n]);
    int np = policy.parameters().size();
    double[][][] result = new double[numTasks][][];
    for (int task = 0; task < numTasks; task++) {
      final int k = task;
      double[][] expected = {new double[flatParams(policy).length],
          new double[flatParams(value).length]};
      result[k] = expected;
      int[] rows = java.util.stream.IntStream.range(0, n).filter(t -> batch.tasks()[t] == k)
          .toArray();
      int m = rows.length;
      DMatrixRMaj x = new DMatrixRMaj(m, d);
      DMatrixRMaj a = new DMatrixRMaj(m, 1);
      DMatrixRMaj oldLogp = new DMatrixRMaj(m, 1);
      DMatrixRMaj oldV = new DMatrixRMaj(m, 1);
      DMatrixRMaj y = new DMatrixRMaj(m, 1);
      int[] actions = new int[m];
      for (int i = 0; i < m; i++) {
        int t = rows[i];
        System.arraycopy(batch.observations(), t * d, x.data, i * d, d);
        a.data[i] = adv[t];
        oldLogp.data[i] = batch.logProbs()[t];
        oldV.data[i] = v[t];
        y.data[i] = targets[t];
        actions[i] = batch.actionIndices()[t];
      }
      Gae.normalize(a.data, 0, m);
      Tape tape = new Tape();
      List<Tensor> pp = policy.bind(tape);
      List<Tensor> vp = value.bind(tape);
      Tensor xs = tape.constant(x);
      Policy.Evaluation ev = policy.evaluate(tape, xs, pp, null, actions);
      Tensor loss = tape.sub(tape.add(
          PgLosses.ppoClip(tape, ev.logProb(), tape.constant(oldLogp), tape.constant(a),
              config.clipRatio()),
          tape.mul(PgLosses.clippedValue(tape, value.forward(tape, xs, vp, 0),
              tape.constant(oldV), tape.constant(y), config.valueClip()), config.valueCoef())),
          tape.mul(tape.mean(ev.entropy()), config.entropyCoef()));
      List<Tensor> all = new ArrayList<>(pp);
      all.addAll(vp);
      List<Tensor> g = tape.grad(loss, all, false);
      int off = 0;
      for (int i = 0; i < np; i++) {
        for (double gi : g.get(i).value().data) {
          expected[0][off++] = gi;
        }
      }
      off = 0;
      for (int i = np; i < g.size(); i++) {
        for (double gi : g.get(i).value().data) {
          expected[1][off++] = gi;
        }
      }
    }
    return result;
  }

  private static double[] predict(Module value, double[] obs, int n, int d) {
    Tape tape = new Tape();
    DMatrixRMaj x = new DMatrixRMaj(n, d);
    System.arraycopy(obs, 0, x.data, 0, n * d);
    return value.forward(tape, tape.constant(x)).value().data.clone();
  }

  @Test
  void ppoUpdate_perTaskPath_afterWarmUp_allocatesOnlyItsStats() {
    assumeTrue(AllocationMeter.supported());
    Sampler<Integer, Integer> sampler = Sampler.oneHot(
        List.of(new OnPolicyAllocationTest.PreallocatedChain(),
            new OnPolicyAllocationTest.PreallocatedChain(),
            new OnPolicyAllocationTest.PreallocatedChain()),
        OnPolicyAllocationTest.PreallocatedChain.STATES);
    // 3 × 32 steps in minibatches of 32, 4 epochs: 12 gradient steps of 3 task passes each
    PpoConfig config = config(32, 32, 4, 0.5, 3L);
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), 0.0, config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    sampler.reseed(5);
    Batch batch = sampler.collect(policy, config.stepsPerEnv());
    Ppo ppo = new Ppo(policy, value, config, SUM);
    long[] it = {0};
    Runnable update = () -> ppo.update(batch, ++it[0]);
    for (int k = 0; k < 400; k++) {
      update.run();
    }
    long[] windows = new long[3];
    double perUpdate = AllocationMeter.fewestBytesPerCall(update, 50, windows);
    assertThat(perUpdate)
        .as("bytes per per-task PPO update (windows of 50 updates: %d, %d, %d)",
            windows[0], windows[1], windows[2])
        .isLessThanOrEqualTo(OnPolicyAllocationTest.UPDATE_STATS_BYTES);
  }
}
