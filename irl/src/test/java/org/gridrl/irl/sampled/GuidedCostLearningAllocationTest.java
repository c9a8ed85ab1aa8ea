package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.optim.GradClip;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

/**
 * GCL's cost update, the loop that runs K times an iteration (the IOC loss with its weights and
 * both regularisers, the vector-Jacobian product through r_θ, the finiteness check of the
 * gradient and the Adam step), allocates nothing after warm-up; measured with the thread's
 * allocation counter as in {@code DeepMaxEntIrlAllocationTest}.
 */
class GuidedCostLearningAllocationTest extends IrlTestBase {

  @Test
  void rewardStep_afterWarmUp_allocatesNothing() {
    assumeTrue(AllocationMeter.supported());

    int n = 120;
    int[] starts = new int[12];
    for (int j = 0; j < starts.length; j++) {
      starts[j] = 10 * j;
    }
    DMatrixRMaj inputs = DMatrixRMaj.wrap(n, 6, randomVector(rand, n * 6, 1.0));
    double[] logQbar = randomVector(rand, starts.length, 1.0);
    Mlp net = new Mlp(new int[] {6, 16, 16, 1}, Activation.TANH, Init.xavierUniform(),
        new Rng(3));
    List<DMatrixRMaj> theta = net.parameterValues();
    Adam adam = new Adam(theta, Adam.Config.defaults().withLearningRate(1e-4));
    List<DMatrixRMaj> grads = new ArrayList<>();
    for (DMatrixRMaj p : theta) {
      grads.add(new DMatrixRMaj(p.numRows, p.numCols));
    }
    GuidedCostLearningObjective objective = new GuidedCostLearningObjective(net, 0.1, 0.1);
    double[] sink = new double[1];
    Runnable step = () -> {
      objective.evaluate(inputs, starts, starts.length, 4, logQbar, grads);
      sink[0] += GradClip.globalNorm(grads);
      adam.step(grads);
    };
    for (int k = 0; k < 3_000; k++) {
      step.run();
    }
    int calls = 300;
    long[] bytes = new long[3];
    assertThat(AllocationMeter.fewestBytesPerCall(step, calls, bytes))
        .as("bytes per step (windows of %d: %d, %d, %d bytes)", calls, bytes[0], bytes[1],
            bytes[2])
        .isZero();
    assertThat(Double.isFinite(sink[0])).isTrue();
  }
}
