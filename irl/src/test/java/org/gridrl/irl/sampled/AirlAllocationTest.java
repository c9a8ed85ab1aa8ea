package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After warm-up, the gradient steps of an AIRL iteration allocate nothing: the bytes of a
 * discriminator update, of a PPO update and of a whole iteration after collection
 * ({@link Airl.Iteration#run}) are the same with 1 and with 3 epochs, i.e. with 3× the gradient
 * steps. What each call does allocate is small and fixed: an update returns its statistics (a
 * record of a few dozen bytes); {@code run} adds the batch with AIRL's rewards (a view sharing
 * the sampler's arrays) and a few dozen bytes inside {@code Policy.evaluate} per log π pass
 * (measured on this JVM before PPO's statistics gained their two gradient-conflict fields,
 * which add 16 B to the PPO update: 48 B, 56 B and 240 B on the grid, 304 B on PointNavigation). The
 * sampler's collection is not covered: it builds a new {@code Batch} and a {@code Step} per
 * environment step, as core's Sampler documents. Measured with the thread's allocation counter
 * as in core's {@code OnPolicyAllocationTest}.
 */
class AirlAllocationTest extends IrlTestBase {

  /** The bytes per call of {run, discriminator update, PPO update}, fewest of 3 windows. */
  private static double[] bytesPerCall(boolean grid, int epochs) {
    TabularMdp mdp = AdversarialFixtures.grid();
    Sampler<?, ?> sampler = grid ? AdversarialFixtures.gridSampler(mdp, 4)
        : AdversarialFixtures.pointSampler(4);
    Transitions demos = grid ? AdversarialFixtures.gridDemos(mdp, 10, 1)
        : AdversarialFixtures.pointDemos(10, 0.02, 1);
    // 96 policy rows: 3 discriminator steps and 3 PPO steps per epoch
    PpoConfig ppo = AirlConfig.defaults().ppo().with(b -> b.stepsPerEnv(24)
        .hidden(List.of(8, 8)).epochs(epochs).minibatchSize(32));
    DiscriminatorConfig dc = DiscriminatorConfig.defaults().with(b -> b.hidden(List.of(8, 8))
        .epochs(epochs).minibatchSize(32));
    Airl.Iteration step = new Airl.Iteration(sampler, demos, AirlConfig.defaults()
        .with(b -> b.ppo(ppo).discriminator(dc)));
    Batch batch = step.collect();
    for (int k = 0; k < 120; k++) {
      step.run(batch, 1, TrainingListener.NONE);
      step.discriminatorUpdate(1);
      step.policyUpdate(1);
    }
    long[] windows = new long[3];
    return new double[] {
        AllocationMeter.fewestBytesPerCall(() -> step.run(batch, 1, TrainingListener.NONE), 20,
            windows),
        AllocationMeter.fewestBytesPerCall(() -> step.discriminatorUpdate(1), 20, windows),
        AllocationMeter.fewestBytesPerCall(() -> step.policyUpdate(1), 20, windows)};
  }

  @ParameterizedTest(name = "grid = {0}")
  @ValueSource(booleans = {true, false})
  void gradientSteps_afterWarmUp_allocateNothing(boolean grid) {
    assumeTrue(AllocationMeter.supported());
    double[] one = bytesPerCall(grid, 1);
    double[] three = bytesPerCall(grid, 3);
    assertThat(three).as("bytes per call of run, discriminator, PPO with 3 epochs vs 1")
        .containsExactly(one);
    assertThat(one[1]).as("a discriminator update").isLessThanOrEqualTo(64);
    // UpdateStats.PpoClip: a header, seven doubles and an int, 72 B (80 B without compressed
    // class pointers)
    assertThat(one[2]).as("a PPO update").isLessThanOrEqualTo(80);
    assertThat(one[0]).as("an iteration after collection").isLessThanOrEqualTo(512);
  }
}
