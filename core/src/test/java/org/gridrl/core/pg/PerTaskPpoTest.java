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
    int n = batch.size();
    int d = batch.observationDim();
    double[] v = predict(value, batch.observations(), n, d);
    double[] vNext = predict(value, batch.nextObservations(), n, d);
    double[] adv = Gae.advantages(batch, v, vNext, config.gamma(), config.lambda(),
        new double[n]);
    double[] targets = Gae.valueTargets(adv, v, new double[n]);
    int np = policy.parameters().size();
    double[][] expected = {new double[flatParams(policy).length],
        new double[flatParams(value).length]};
    for (int task = 0; task < 2; task++) {
      final int k = task;
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
          expected[0][off++] += 0.5 * gi;
        }
      }
      off = 0;
      for (int i = np; i < g.size(); i++) {
        for (double gi : g.get(i).value().data) {
          expected[1][off++] += 0.5 * gi;
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
