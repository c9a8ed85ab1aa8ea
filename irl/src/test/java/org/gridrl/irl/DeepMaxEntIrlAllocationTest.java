package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

/**
 * The network's part of a deep MaxEnt iteration (the forward pass r = f_θ(x), the
 * vector-Jacobian product J_θᵀ ∂g/∂r and the Adam step) allocates nothing after warm-up;
 * measured with the thread's allocation counter as in core's {@code SacAllocationTest}. The
 * objective (soft VI and the visitation, which return new arrays by design) is left out: the
 * pass is fed a fixed ∂g/∂r.
 */
class DeepMaxEntIrlAllocationTest extends IrlTestBase {

  @Test
  void networkPass_afterWarmUp_allocatesNothingPerIteration() {
    assumeTrue(AllocationMeter.supported());

    int numStates = 25;
    StateFeatures phi = randomFeatures(7, numStates, 4);
    DMatrixRMaj x = DeepMaxEntIrl.standardised(phi, new double[4], new double[] {1, 1, 1, 1});
    Mlp net = new Mlp(new int[] {4, 16, 16, 1}, Activation.RELU, Init.xavierUniform(),
        new Rng(3));
    List<DMatrixRMaj> theta = net.parameterValues();
    Adam adam = new Adam(theta, Adam.Config.defaults().withLearningRate(1e-3));
    List<DMatrixRMaj> grads = new ArrayList<>();
    for (DMatrixRMaj p : theta) {
      grads.add(new DMatrixRMaj(p.numRows, p.numCols));
    }
    double[] reward = new double[numStates];
    double[] gradR = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      gradR[s] = (s % 5 - 2) * 0.01; // a fixed stand-in for D − D̂
    }
    DeepMaxEntIrl.NetworkPass pass = new DeepMaxEntIrl.NetworkPass(net, x);
    Runnable iteration = () -> {
      pass.forward(reward);
      pass.backward(gradR, grads);
      adam.step(grads);
    };
    for (int k = 0; k < 3_000; k++) {
      iteration.run();
    }
    // The smallest of three windows, as in SacAllocationTest: C2 now and then charges the
    // thread a one-off ~170 bytes, which that ignores, while any allocation per iteration
    // shows in every window.
    int calls = 300;
    long[] bytes = new long[3];
    assertThat(AllocationMeter.fewestBytesPerCall(iteration, calls, bytes))
        .as("bytes per iteration (windows of %d: %d, %d, %d bytes)", calls, bytes[0], bytes[1],
            bytes[2])
        .isZero();
  }
}
