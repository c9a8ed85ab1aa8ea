package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class GradientVectorTest extends CombinerTestBase {

  /** Task A's inputs (4 × 2); task B sees the same inputs. */
  private static final DMatrixRMaj X = new DMatrixRMaj(4, 2, true,
      1, 0, 0, 1, -1, 0.5, 0.5, -1);
  /** Task A's targets y = x1; task B's are −x1: the tasks pull the shared net apart. */
  private static final DMatrixRMaj Y_A = new DMatrixRMaj(4, 1, true, 1, 0, -1, 0.5);
  private static final DMatrixRMaj Y_B = new DMatrixRMaj(4, 1, true, -1, 0, 1, -0.5);

  @Test
  void flattenThenUnflatten_roundTripsExactly() {
    List<DMatrixRMaj> parts = List.of(new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6),
        new DMatrixRMaj(1, 2, true, 7, 8));
    assertThat(GradientVector.size(parts)).isEqualTo(8);
    double[] flat = GradientVector.flatten(parts, new double[9]);
    assertThat(flat).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 0);
    List<DMatrixRMaj> back = List.of(new DMatrixRMaj(2, 3), new DMatrixRMaj(1, 2));
    GradientVector.unflatten(flat, back);
    assertThat(back.get(0).data).containsExactly(parts.get(0).data);
    assertThat(back.get(1).data).containsExactly(parts.get(1).data);
  }

  @Test
  void twoTasksOnOneMlp_sumEqualsOneBackwardPassOfTheSummedLoss() {
    Mlp net = new Mlp(new int[] {2, 8, 1}, Activation.TANH, Init.xavierUniform(), new Rng(3));
    int dim = GradientVector.size(net.parameterValues());
    double[][] g = perTaskGradients(net, dim);
    double[] summed = new double[dim];
    new Sum().combine(g, 2, dim, summed);

    Tape tape = new Tape();
    List<Tensor> p = net.bind(tape);
    Tensor loss = tape.add(mse(tape, net, p, Y_A), mse(tape, net, p, Y_B));
    double[] reference = GradientVector.flattenTensors(tape.grad(loss, p, false),
        new double[dim]);
    assertClose(reference, summed, 1e-12);
  }

  @Test
  void twoTasksOnOneMlp_pcGradThenAdam_takesAdamsFirstStepAlongTheCombinedGradient() {
    Mlp net = new Mlp(new int[] {2, 8, 1}, Activation.TANH, Init.xavierUniform(), new Rng(3));
    List<DMatrixRMaj> theta = net.parameterValues();
    int dim = GradientVector.size(theta);
    double[][] g = perTaskGradients(net, dim);
    // The tasks conflict at initialisation (that is what PCGrad is for).
    assertThat(dot(g[0], g[1])).isNegative();

    double[] d = new double[dim];
    new PcGrad(11).combine(g, 2, dim, d);
    // Two conflicting tasks: g_A' = g_A − (g_A·g_B/‖g_B‖²)·g_B and d·g_A = ‖g_A'‖² (g_B' ⊥ g_A).
    double ab = dot(g[0], g[1]);
    double[] gaProjected = new double[dim];
    double[] gbProjected = new double[dim];
    for (int j = 0; j < dim; j++) {
      gaProjected[j] = g[0][j] - ab / dot(g[1], g[1]) * g[1][j];
      gbProjected[j] = g[1][j] - ab / dot(g[0], g[0]) * g[0][j];
    }
    double[] expected = new double[dim];
    for (int j = 0; j < dim; j++) {
      expected[j] = gaProjected[j] + gbProjected[j];
    }
    assertClose(expected, d, 1e-12);
    assertThat(dot(d, g[0])).isCloseTo(dot(gaProjected, gaProjected), within(1e-12));
    assertThat(dot(d, g[1])).isCloseTo(dot(gbProjected, gbProjected), within(1e-12));

    // Into Adam: its first step moves every parameter by −η·d_j/(|d_j| + ε).
    double[] before = GradientVector.flatten(theta, new double[dim]);
    List<DMatrixRMaj> grads = new ArrayList<>();
    for (DMatrixRMaj m : theta) {
      grads.add(new DMatrixRMaj(m.numRows, m.numCols));
    }
    GradientVector.unflatten(d, grads);
    Adam.Config config = Adam.Config.defaults().withLearningRate(1e-2);
    new Adam(theta, config).step(grads);
    double[] after = GradientVector.flatten(theta, new double[dim]);
    for (int j = 0; j < dim; j++) {
      double step = -1e-2 * d[j] / (Math.abs(d[j]) + config.epsilon());
      assertThat(after[j] - before[j]).as("parameter %d", j).isCloseTo(step, within(1e-15));
    }
  }

  /** One backward pass per task, each over that task's own batch, flattened into rows. */
  private static double[][] perTaskGradients(Mlp net, int dim) {
    double[][] g = new double[2][dim];
    Tape tape = new Tape();
    List<Tensor> p = new ArrayList<>();
    List<Tensor> grads = new ArrayList<>();
    DMatrixRMaj[] targets = {Y_A, Y_B};
    for (int k = 0; k < 2; k++) {
      tape.reset();
      net.bind(tape, p);
      tape.grad(mse(tape, net, p, targets[k]), p, false, grads);
      GradientVector.flattenTensors(grads, g[k]);
    }
    return g;
  }

  /** mean over the batch of (f(x) − y)². */
  private static Tensor mse(Tape tape, Mlp net, List<Tensor> p, DMatrixRMaj y) {
    Tensor out = net.forward(tape, tape.constant(X), p);
    return tape.mean(tape.square(tape.sub(out, tape.constant(y))));
  }
}
