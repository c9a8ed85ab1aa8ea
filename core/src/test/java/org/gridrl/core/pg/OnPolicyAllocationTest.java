package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.nn.Module;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * The update phase of PPO and A2C (value predictions, GAE, minibatch gathering, and per
 * gradient step the losses, the backward pass, the checks, the clipping and the Adam step)
 * allocates nothing after warm-up but the one {@link UpdateStats} record it returns; measured
 * with the thread's allocation counter, as in {@link SacAllocationTest}, on batches collected
 * once from environments that themselves allocate nothing.
 */
class OnPolicyAllocationTest extends TestBase {

  /**
   * Bytes of the one {@link UpdateStats} an update returns: a header and seven doubles and an
   * int (PPO's, the largest), 72 bytes with compressed class pointers, 80 without.
   */
  static final long UPDATE_STATS_BYTES = 80;

  /**
   * A chain 0..7 with actions left (0) and right (1); state 7 is terminal and pays 1, every
   * other step pays 0, and an episode is truncated after {@link #HORIZON} steps. It allocates
   * nothing per call: states are small {@code Integer}s (from the cache) and the 8 × 3
   * {@link Step} records (running, terminated, truncated for each next state) are made once.
   */
  static final class PreallocatedChain implements Env<Integer, Integer> {

    static final int STATES = 8;
    static final int HORIZON = 12;

    private final Discrete observations = new Discrete(STATES);
    private final Discrete actions = new Discrete(2);
    private final Step<Integer>[][] steps;
    private int s;
    private int t;

    @SuppressWarnings("unchecked")
    PreallocatedChain() {
      steps = new Step[STATES][3];
      for (int k = 0; k < STATES; k++) {
        double r = k == STATES - 1 ? 1.0 : 0.0;
        steps[k][0] = new Step<>(k, r, false, false);
        steps[k][1] = new Step<>(k, r, true, false);
        steps[k][2] = new Step<>(k, r, false, true);
      }
    }

    @Override
    public Discrete observationSpace() {
      return observations;
    }

    @Override
    public Discrete actionSpace() {
      return actions;
    }

    @Override
    public Integer reset(long seed) {
      s = (int) ((seed >>> 11) % 3); // start in 0, 1 or 2, from the seed alone
      t = 0;
      return s;
    }

    @Override
    public Step<Integer> step(Integer action) {
      s = action == 1 ? Math.min(STATES - 1, s + 1) : Math.max(0, s - 1);
      t++;
      if (s == STATES - 1) {
        return steps[s][1];
      }
      return steps[s][t >= HORIZON ? 2 : 0];
    }
  }

  @Test
  void ppoUpdate_afterWarmUp_allocatesOnlyItsStats() {
    assumeTrue(AllocationMeter.supported());
    PreallocatedChain alone = new PreallocatedChain();
    alone.reset(1);
    long before = AllocationMeter.threadBytes();
    for (int k = 0; k < 2_000; k++) {
      if (alone.step(k % 3 == 0 ? 0 : 1).done()) {
        alone.reset(k);
      }
    }
    assertThat(AllocationMeter.threadBytes() - before).as("the stub environment").isZero();

    Sampler<Integer, Integer> sampler = Sampler.oneHot(
        List.of(new PreallocatedChain(), new PreallocatedChain()), PreallocatedChain.STATES);
    // 2 × 48 steps in minibatches of 32, 4 epochs: 12 gradient steps per update, with a last
    // minibatch of 32 and clipped values, so any allocation per step shows 12 times
    PpoConfig c = PpoConfig.defaults();
    PpoConfig config = new PpoConfig(1, 48, c.gamma(), c.lambda(), c.clipRatio(), c.valueClip(),
        true, 4, 32, c.learningRate(), c.entropyCoef(), c.valueCoef(), c.maxGradNorm(),
        List.of(16), 0.0, 3L);
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), 0.0, config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    sampler.reseed(5);
    Batch batch = sampler.collect(policy, config.stepsPerEnv());
    Ppo ppo = new Ppo(policy, value, config);
    long[] it = {0};
    Runnable update = () -> ppo.update(batch, ++it[0]);
    for (int k = 0; k < 400; k++) {
      update.run();
    }
    long[] windows = new long[3];
    double perUpdate = AllocationMeter.fewestBytesPerCall(update, 50, windows);
    assertThat(perUpdate)
        .as("bytes per PPO update of 12 gradient steps (windows of 50 updates: %d, %d, %d)",
            windows[0], windows[1], windows[2])
        .isLessThanOrEqualTo(UPDATE_STATS_BYTES);
  }

  @Test
  void a2cUpdate_gaussianPolicy_afterWarmUp_allocatesOnlyItsStats() {
    assumeTrue(AllocationMeter.supported());
    Sampler<double[], double[]> sampler = Sampler.vector(List.of(
        new SacAllocationTest.PreallocatedPoint(), new SacAllocationTest.PreallocatedPoint()));
    A2cConfig c = A2cConfig.defaults();
    A2cConfig config = new A2cConfig(1, 20, c.gamma(), 0.95, c.learningRate(), c.entropyCoef(),
        c.valueCoef(), c.maxGradNorm(), true, List.of(16), -0.5, 4L);
    Policy policy = Networks.policy(sampler, config.hidden(), config.initLogStd(),
        new Rng(config.seed()).fork(0));
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    sampler.reseed(6);
    Batch batch = sampler.collect(policy, config.stepsPerEnv());
    A2c a2c = new A2c(policy, value, config);
    long[] it = {0};
    Runnable update = () -> a2c.update(batch, ++it[0]);
    for (int k = 0; k < 2_000; k++) {
      update.run();
    }
    long[] windows = new long[3];
    double perUpdate = AllocationMeter.fewestBytesPerCall(update, 200, windows);
    assertThat(perUpdate)
        .as("bytes per A2C update (windows of 200 updates: %d, %d, %d)", windows[0],
            windows[1], windows[2])
        .isLessThanOrEqualTo(UPDATE_STATS_BYTES);
  }
}
