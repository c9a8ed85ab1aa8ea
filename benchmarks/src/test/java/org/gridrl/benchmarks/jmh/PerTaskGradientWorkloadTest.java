package org.gridrl.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Module;
import org.gridrl.core.optim.GradientCombination;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Gae;
import org.gridrl.core.pg.PgLosses;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.multitask.Sum;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's paths compute what they claim, at a small size (T = 3 tasks, 5 states, π and
 * V 8 → 4 → 4 → ·, 6 rows per task, Â not normalised so the one-pass loss over all rows is the
 * mean of the task losses): the per-task path's T policy and value gradients are each task's
 * ∇L_k recorded on its own tape over its rows, and with the plain sum its direction (1/T)Σ_k g_k
 * is the one-pass gradient of the loss over the whole minibatch, to 1e-12.
 */
class PerTaskGradientWorkloadTest {

  private static final double TIGHT = 1e-12;

  @Test
  void perTaskSum_isOnePassGradientOfMeanTaskLoss_andRowsAreTaskGradients() {
    int tasks = 3;
    PerTaskGradientBenchmark.Workload work = new PerTaskGradientBenchmark.Workload(tasks, 5,
        List.of(4, 4), 6, false, 7L);
    Batch batch = work.batch();
    assertThat(batch.observationDim()).isEqualTo(8);
    assertThat(batch.size()).isEqualTo(18);
    Policy policy = work.policy();
    Module value = work.value();
    int[] all = IntStream.range(0, batch.size()).toArray();
    double[][] onePass = gradient(policy, value, batch, work.config(), all);
    List<double[]> directions = new ArrayList<>();
    List<double[][]> rows = new ArrayList<>();
    Sum sum = new Sum();
    GradientCombination spy = (g, numTasks, dim, out) -> {
      assertThat(numTasks).isEqualTo(tasks);
      double[][] copy = new double[numTasks][];
      for (int k = 0; k < numTasks; k++) {
        copy[k] = java.util.Arrays.copyOf(g[k], dim);
      }
      rows.add(copy);
      sum.combine(g, numTasks, dim, out);
      double[] d = new double[dim];
      for (int j = 0; j < dim; j++) {
        d[j] = out[j] / numTasks;
      }
      directions.add(d);
    };
    work.learner(spy).update(batch, 1);
    assertThat(directions).hasSize(2); // the policy's, then the value's
    for (int part = 0; part < 2; part++) {
      assertClose(onePass[part], directions.get(part));
    }
    for (int k = 0; k < tasks; k++) {
      final int task = k;
      double[][] expected = gradient(policy, value, batch, work.config(),
          IntStream.range(0, batch.size()).filter(t -> batch.tasks()[t] == task).toArray());
      assertClose(expected[0], rows.get(0)[k]);
      assertClose(expected[1], rows.get(1)[k]);
    }
  }

  private static void assertClose(double[] expected, double[] actual) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int j = 0; j < expected.length; j++) {
      assertThat(actual[j]).as("entry " + j).isCloseTo(expected[j], within(TIGHT));
    }
  }

  /**
   * ∇ of PPO's loss L = L_clip + c_V L_V − c_H H̄ with means over the given rows (Â from GAE over
   * the whole batch, not normalised), recorded on its own tape: [0] the policy's gradient, [1]
   * the value's, flattened in parameter order.
   */
  private static double[][] gradient(Policy policy, Module value, Batch batch, PpoConfig config,
      int[] rows) {
    int n = batch.size();
    int d = batch.observationDim();
    double[] v = predict(value, batch.observations(), n, d);
    double[] vNext = predict(value, batch.nextObservations(), n, d);
    double[] adv = Gae.advantages(batch, v, vNext, config.gamma(), config.lambda(),
        new double[n]);
    double[] targets = Gae.valueTargets(adv, v, new double[n]);
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
    List<Tensor> params = new ArrayList<>(pp);
    params.addAll(vp);
    List<Tensor> g = tape.grad(loss, params, false);
    return new double[][] {flatten(g.subList(0, pp.size())),
        flatten(g.subList(pp.size(), g.size()))};
  }

  private static double[] flatten(List<Tensor> g) {
    return g.stream().flatMapToDouble(t -> java.util.Arrays.stream(t.value().data)).toArray();
  }

  private static double[] predict(Module value, double[] obs, int n, int d) {
    Tape tape = new Tape();
    DMatrixRMaj x = new DMatrixRMaj(n, d);
    System.arraycopy(obs, 0, x.data, 0, n * d);
    return value.forward(tape, tape.constant(x)).value().data.clone();
  }
}
