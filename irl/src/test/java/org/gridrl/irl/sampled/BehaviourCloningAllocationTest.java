package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An epoch of behaviour cloning (shuffle, minibatch Adam steps, the NLL over all rows)
 * allocates nothing after warm-up, for the categorical and the Gaussian policy; measured with
 * the thread's allocation counter as in core's {@code SacAllocationTest}.
 */
class BehaviourCloningAllocationTest extends IrlTestBase {

  @ParameterizedTest(name = "discrete = {0}")
  @ValueSource(booleans = {true, false})
  void epoch_afterWarmUp_allocatesNothing(boolean discrete) {
    assumeTrue(AllocationMeter.supported());
    Transitions data;
    if (discrete) {
      data = ExpertData.sample(randomMdp(3, 6, 3, 2, 0.9, 0), TabularPolicy.uniform(6, 3), 20,
          10, 1);
    } else {
      Sampler<double[], double[]> sampler = Sampler.vector(List.of(
          new TimeLimit<>(PointNavigation.withGoal(0.3, -0.2), 10)));
      data = ExpertData.sample(sampler, ControllerPolicy.gaussian(
          Controller.linear(2, 2, new double[] {-0.5, 0, 0, -0.5}, new double[] {0.1, -0.1}),
          2, 2, new double[] {0.05, 0.05}), 20, 1);
    }
    // 200 rows in minibatches of 64: three full ones and a last one of 8
    BehaviourCloningConfig config = BehaviourCloningConfig.defaults()
        .with(b -> b.hidden(List.of(16, 16)).minibatchSize(64));
    BehaviourCloning.Learner learner = new BehaviourCloning.Learner(
        BehaviourCloning.initialPolicy(data, config), data, config);
    int[] epoch = {0};
    Runnable iteration = () -> {
      epoch[0]++;
      learner.epoch(epoch[0]);
      learner.measure(epoch[0]);
    };
    for (int k = 0; k < 2_000; k++) {
      iteration.run();
    }
    // the smallest of three windows: a one-off JIT charge shows in one window, any allocation
    // per epoch in all three
    int calls = 100;
    long[] bytes = new long[3];
    assertThat(AllocationMeter.fewestBytesPerCall(iteration, calls, bytes))
        .as("bytes per epoch (windows of %d: %d, %d, %d bytes)", calls, bytes[0], bytes[1],
            bytes[2])
        .isZero();
    assertThat(learner.nll).isFinite();
  }
}
