package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayBufferTest extends TestBase {

  /** Transition k: s = (k, −k), a = (10k), r = 0.5k, s' = (k + 1, −k − 1), terminated iff k % 3 == 0. */
  private static void addTransition(ReplayBuffer buf, int k) {
    buf.add(new double[] {k, -k}, new double[] {10 * k}, 0.5 * k,
        new double[] {k + 1, -k - 1}, k % 3 == 0);
  }

  @Test
  void ring_keepsTheNewestCapacityTransitionsInOrder() {
    ReplayBuffer buf = new ReplayBuffer(4, 2, 1);
    for (int k = 0; k < 10; k++) {
      addTransition(buf, k);
    }
    assertThat(buf.size()).isEqualTo(4);
    assertThat(buf.added()).isEqualTo(10);
    double[] s = new double[2];
    double[] a = new double[1];
    double[] s2 = new double[2];
    boolean[] d = new boolean[1];
    for (int i = 0; i < 4; i++) {
      int k = 6 + i;
      double r = buf.get(i, s, a, s2, d);
      assertClose(new double[] {k, -k}, s, 0.0);
      assertClose(new double[] {10 * k}, a, 0.0);
      assertClose(new double[] {k + 1, -k - 1}, s2, 0.0);
      assertThat(r).isEqualTo(0.5 * k);
      assertThat(d[0]).isEqualTo(k % 3 == 0);
    }
  }

  @Test
  void sample_rowsAreConsistentTransitions_andSameSeedSameBatch() {
    ReplayBuffer buf = new ReplayBuffer(50, 2, 1);
    for (int k = 0; k < 30; k++) {
      addTransition(buf, k);
    }
    ReplayBuffer.Minibatch m1 = new ReplayBuffer.Minibatch(64, 2, 1);
    ReplayBuffer.Minibatch m2 = new ReplayBuffer.Minibatch(64, 2, 1);
    buf.sample(new Rng(5), m1);
    buf.sample(new Rng(5), m2);
    assertClose(m1.observations.data, m2.observations.data, 0.0);
    for (int row = 0; row < 64; row++) {
      int k = (int) m1.observations.get(row, 0);
      assertThat(m1.indices[row]).isEqualTo(k); // not yet wrapped: index = k
      assertThat(m1.observations.get(row, 1)).isEqualTo(-k);
      assertThat(m1.actions.get(row, 0)).isEqualTo(10 * k);
      assertThat(m1.rewards.get(row, 0)).isEqualTo(0.5 * k);
      assertThat(m1.nextObservations.get(row, 0)).isEqualTo(k + 1);
      assertThat(m1.terminated.get(row, 0)).isEqualTo(k % 3 == 0 ? 1.0 : 0.0);
    }
  }

  /** Uniformity: over 200 000 draws from 10 slots, each count is within 4 standard deviations of 20 000. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void sample_isUniformOverHeldTransitions(long seed) {
    ReplayBuffer buf = new ReplayBuffer(10, 2, 1);
    for (int k = 0; k < 13; k++) {
      addTransition(buf, k); // wrapped: holds 3..12
    }
    ReplayBuffer.Minibatch m = new ReplayBuffer.Minibatch(1000, 2, 1);
    Rng rng = new Rng(seed);
    int[] counts = new int[13];
    for (int rep = 0; rep < 200; rep++) {
      buf.sample(rng, m);
      for (int row = 0; row < 1000; row++) {
        counts[(int) m.observations.get(row, 0)]++;
      }
    }
    double sd = Math.sqrt(200_000 * 0.1 * 0.9);
    for (int k = 0; k < 3; k++) {
      assertThat(counts[k]).isZero();
    }
    for (int k = 3; k < 13; k++) {
      assertThat((double) counts[k]).isBetween(20_000 - 4 * sd, 20_000 + 4 * sd);
    }
  }

  @Test
  void sample_allocatesNothing() {
    ReplayBuffer buf = new ReplayBuffer(100, 3, 2);
    for (int k = 0; k < 100; k++) {
      buf.add(new double[] {k, k, k}, new double[] {k, k}, k, new double[] {k, k, k}, false);
    }
    ReplayBuffer.Minibatch m = new ReplayBuffer.Minibatch(256, 3, 2);
    Rng rng = new Rng(1);
    for (int i = 0; i < 2000; i++) {
      buf.sample(rng, m); // warm up the JIT
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(AllocationMeter.supported());
    long before = AllocationMeter.threadBytes();
    for (int i = 0; i < 1000; i++) {
      buf.sample(rng, m);
    }
    long bytes = AllocationMeter.threadBytes() - before;
    assertThat(bytes).isLessThan(1000); // i.e. nothing per sample (a few bytes of noise)
  }

  @Test
  void validation_namesTheProblem() {
    assertThatThrownBy(() -> new ReplayBuffer(0, 2, 1)).hasMessageContaining("capacity")
        .hasMessageContaining("0");
    ReplayBuffer buf = new ReplayBuffer(3, 2, 1);
    assertThatThrownBy(() -> buf.sample(new Rng(1), new ReplayBuffer.Minibatch(2, 2, 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> buf.add(new double[3], new double[1], 0, new double[2], false))
        .hasMessageContaining("length 2");
    addTransition(buf, 1);
    assertThatThrownBy(() -> buf.sample(new Rng(1), new ReplayBuffer.Minibatch(2, 3, 1)))
        .hasMessageContaining("obsDim 3");
    buf.clear();
    assertThat(buf.size()).isZero();
  }
}
