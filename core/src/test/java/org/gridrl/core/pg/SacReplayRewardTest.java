package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.core.util.TrainingListener;
import org.junit.jupiter.api.Test;

/**
 * SAC's seam for rewards computed at replay ({@link ReplayReward}): what it is handed, when,
 * that its rewards are the ones the update reads, and that it costs no random number and no
 * allocation of SAC's own.
 */
class SacReplayRewardTest extends TestBase {

  /**
   * A relabelling that recomputes {@link PointToZero}'s own reward −|x'| from s' gives the run
   * without a relabelling, bit for bit (weights, α and history): the seam draws no random
   * number, and the update reads exactly the rewards it writes.
   */
  @Test
  void relabellingWithTheEnvironmentsReward_isTheRunWithoutIt() {
    SacConfig c = SacTest.small(3).withTotalSteps(500);
    ReplayReward sameAsStored = (batch, policy, step) -> {
      for (int k = 0; k < batch.size(); k++) {
        batch.rewards.data[k] = -Math.abs(batch.nextObservations.data[k]);
      }
    };
    List<Object> plain = run(new Sac(new PointToZero(), c));
    List<Object> relabelled = run(new Sac(new PointToZero(), c, sameAsStored));
    assertThat(relabelled).isEqualTo(plain);
    // and a reward that differs from the stored one changes the run: the update reads it
    List<Object> shifted = run(new Sac(new PointToZero(), c, (batch, policy, step) -> {
      for (int k = 0; k < batch.size(); k++) {
        batch.rewards.data[k] = 1 - Math.abs(batch.nextObservations.data[k]);
      }
    }));
    assertThat(shifted.get(0)).isNotEqualTo(plain.get(0));
  }

  /** The final actor weights, α, and the history's rows as (iteration, values). */
  private static List<Object> run(Sac sac) {
    List<Object> rows = new ArrayList<>();
    sac.run(sac.config().totalSteps(), new TrainingListener() {
      @Override
      public void onScalar(long iteration, String name, double value) {
        rows.add(iteration + " " + name + " " + value);
      }
    });
    List<Object> weights = new ArrayList<>();
    sac.policy().parameterValues().forEach(m -> weights.add(
        java.util.Arrays.toString(m.data)));
    return List.of(weights, sac.alpha(), rows);
  }

  /**
   * Called once per update, at environment steps learningStarts + 1 … totalSteps, with the
   * policy being trained and the minibatch just drawn: each row is the buffer's transition at
   * the row's index, with the stored reward still in place (the environment's −|x'|), and SAC's
   * rewards are not touched in the buffer by the relabelling.
   */
  @Test
  void relabel_seesEachDrawnMinibatchOnce_withTheStoredRowsAndAfterTheWarmUp() {
    SacConfig c = SacTest.small(2).with(b -> b.totalSteps(340).learningStarts(300)
        .batchSize(8));
    List<Long> steps = new ArrayList<>();
    Sac[] holder = new Sac[1];
    double[] s = new double[1];
    double[] a = new double[1];
    double[] s2 = new double[1];
    boolean[] d = new boolean[1];
    holder[0] = new Sac(new PointToZero(), c, (batch, policy, step) -> {
      steps.add(step);
      assertThat(policy).isSameAs(holder[0].policy());
      ReplayBuffer buffer = holder[0].buffer();
      assertThat(buffer.size()).isEqualTo((int) step);
      for (int k = 0; k < batch.size(); k++) {
        // no wrap yet: buffer index = insertion order = get's index
        double r = buffer.get(batch.indices[k], s, a, s2, d);
        assertThat(batch.observations.data[k]).isEqualTo(s[0]);
        assertThat(batch.actions.data[k]).isEqualTo(a[0]);
        assertThat(batch.nextObservations.data[k]).isEqualTo(s2[0]);
        assertThat(batch.rewards.data[k]).isEqualTo(r).isEqualTo(-Math.abs(s2[0]));
        batch.rewards.data[k] = 7.0;
      }
    });
    holder[0].run(c.totalSteps(), TrainingListener.NONE);
    List<Long> expected = new ArrayList<>();
    for (long t = 301; t <= 340; t++) {
      expected.add(t);
    }
    assertThat(steps).isEqualTo(expected);
    // the buffer still holds the environment's rewards
    for (int i = 0; i < holder[0].buffer().size(); i++) {
      assertThat(holder[0].buffer().get(i, s, a, s2, d)).isEqualTo(-Math.abs(s2[0]));
    }
  }

  /**
   * With a relabelling that allocates nothing, a SAC step still allocates nothing
   * ({@link SacAllocationTest}'s environment and windows).
   */
  @Test
  void withAnAllocationFreeRelabelling_aStepAllocatesNothing() {
    assumeTrue(AllocationMeter.supported());
    Sac sac = new Sac(new SacAllocationTest.PreallocatedPoint(), SacConfig.defaults().with(b -> b
        .totalSteps(100_000).learningStarts(100).batchSize(16).hiddenWidth(16).hiddenLayers(2)
        .seed(7)), (batch, policy, step) -> {
          for (int k = 0; k < batch.size(); k++) {
            batch.rewards.data[k] = -Math.abs(batch.nextObservations.data[k]);
          }
        });
    sac.run(2_000, TrainingListener.NONE);
    int steps = 300;
    long[] bytes = new long[3];
    double perStep = AllocationMeter.fewestBytesPerCall(() -> sac.run(steps,
        TrainingListener.NONE), 1, bytes) / steps;
    assertThat(perStep)
        .as("bytes per step (windows of %d steps: %d, %d, %d bytes)", steps, bytes[0], bytes[1],
            bytes[2])
        .isZero();
  }
}
