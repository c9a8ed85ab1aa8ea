package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

/** The shared base class Transitions: from a batch, from tabular demonstrations, prefixes. */
class TransitionsTest extends IrlTestBase {

  /** A 4-state chain 0 → 1 → 2 → 3 under action 1, self-loop under action 0; 3 terminal. */
  static TabularMdp chain() {
    var b = TabularMdp.builder(4, 2).gamma(0.9).initialDistribution(new double[] {1, 0, 0, 0});
    for (int s = 0; s < 4; s++) {
      b.transition(s, 0, s, 1.0);
      b.transition(s, 1, Math.min(s + 1, 3), 1.0);
    }
    return b.terminal(3).build();
  }

  static double[] oneHot(int n, int... states) {
    double[] x = new double[n * states.length];
    for (int i = 0; i < states.length; i++) {
      x[i * n + states[i]] = 1;
    }
    return x;
  }

  @Test
  void ofBatch_keepsTrajectories_terminatedFlags_andEverySuccessor() {
    // two segments: rows 0..2 end terminated, rows 3..4 end truncated (a time limit)
    double[] obs = {0, 1, 2, 10, 11};
    double[] next = {1, 2, 3, 11, 12};
    double[] act = {1, 0, 1, 0, 0};
    int[] idx = {1, 0, 1, 0, 0};
    boolean[] terminated = {false, false, true, false, false};
    boolean[] truncated = {false, false, false, false, true};
    boolean[] last = {false, false, true, false, true};
    Batch batch = new Batch(1, 1, obs, act, idx, new double[5], new double[5], next, terminated,
        truncated, last, new int[5], new double[] {1, 2}, new int[] {3, 2});

    Transitions tr = Transitions.of(batch, 2);

    assertThat(tr.numTrajectories()).isEqualTo(2);
    assertThat(tr.start(0)).isZero();
    assertThat(tr.start(1)).isEqualTo(3);
    assertThat(tr.start(2)).isEqualTo(5);
    assertThat(tr.length(0)).isEqualTo(3);
    assertThat(tr.length(1)).isEqualTo(2);
    assertThat(tr.terminated()).containsExactly(false, false, true, false, false);
    assertThat(tr.hasNext()).containsExactly(true, true, true, true, true);
    assertThat(tr.numTriples()).isEqualTo(5);
    assertThat(tr.observations()).containsExactly(obs);
    assertThat(tr.nextObservations()).containsExactly(next);
    assertThat(tr.actionIndices()).containsExactly(idx);
    assertThat(tr.discrete()).isTrue();
    assertThat(tr.numActions()).isEqualTo(2);
    // copied in: changing the batch's arrays afterwards changes nothing
    obs[0] = 99;
    assertThat(tr.observations()[0]).isZero();
  }

  @Test
  void ofBatch_numActionsMustMatchTheBatchKind() {
    Batch continuous = new Batch(1, 1, new double[] {0}, new double[] {0.5}, null,
        new double[1], new double[1], new double[] {1}, new boolean[1], new boolean[1],
        new boolean[] {true}, new int[1], new double[0], new int[0]);
    assertThat(Transitions.of(continuous, 0).discrete()).isFalse();
    assertThatThrownBy(() -> Transitions.of(continuous, 3))
        .hasMessage("numActions must be > 0 exactly for a discrete batch, got 3");
  }

  @Test
  void fromDemonstrations_terminalLastStep_isDroppedAndTheStepBeforeItIsTerminated() {
    // trajectory 0 reaches terminal 3: its terminal step (action without effect) is dropped
    Demonstrations demos = Demonstrations.of(4, 2, new int[][] {{0, 1, 2, 3}},
        new int[][] {{1, 1, 1, 0}});
    Transitions tr = Transitions.fromDemonstrations(demos, chain(),
        ObservationEncoder.oneHot(4), 4);
    assertThat(tr.size()).isEqualTo(3);
    assertThat(tr.observations()).containsExactly(oneHot(4, 0, 1, 2));
    assertThat(tr.nextObservations()).containsExactly(oneHot(4, 1, 2, 3));
    assertThat(tr.actionIndices()).containsExactly(1, 1, 1);
    assertThat(tr.hasNext()).containsExactly(true, true, true);
    assertThat(tr.terminated()).containsExactly(false, false, true);
  }

  @Test
  void fromDemonstrations_horizonCutLastStep_keepsItsPairWithoutSuccessor() {
    // trajectory 0 is cut by the horizon in state 2; trajectory 1 is one step long
    Demonstrations demos = Demonstrations.of(4, 2, new int[][] {{0, 0, 1, 2}, {1}},
        new int[][] {{0, 1, 1, 0}, {1}});
    Transitions tr = Transitions.fromDemonstrations(demos, chain(),
        ObservationEncoder.oneHot(4), 4);
    assertThat(tr.numTrajectories()).isEqualTo(2);
    assertThat(tr.length(0)).isEqualTo(4);
    assertThat(tr.length(1)).isEqualTo(1);
    assertThat(tr.observations()).containsExactly(oneHot(4, 0, 0, 1, 2, 1));
    assertThat(tr.actionIndices()).containsExactly(0, 1, 1, 0, 1);
    assertThat(tr.hasNext()).containsExactly(true, true, true, false, false);
    assertThat(tr.terminated()).containsExactly(false, false, false, false, false);
    double[] expectedNext = new double[20];
    System.arraycopy(oneHot(4, 0, 1, 2), 0, expectedNext, 0, 12); // rows 3, 4: zeros
    assertThat(tr.nextObservations()).containsExactly(expectedNext);
    assertThat(tr.numTriples()).isEqualTo(3);
  }

  @Test
  void fromDemonstrations_featureEncoder_writesEachStatesFeatures() {
    ObservationEncoder<Integer> features = (s, out, off) -> {
      out[off] = s;
      out[off + 1] = s * s;
    };
    Demonstrations demos = Demonstrations.of(4, 2, new int[][] {{1, 2}}, new int[][] {{1, 0}});
    Transitions tr = Transitions.fromDemonstrations(demos, chain(), features, 2);
    assertThat(tr.observations()).containsExactly(1, 1, 2, 4);
    assertThat(tr.nextObservations()).containsExactly(2, 4, 0, 0);
  }

  @Test
  void first_isThePrefixOfTrajectories_andNests() {
    TabularMdp mdp = randomMdp(4, 6, 3, 2, 0.9, 1);
    mdp = mdp.withInitialDistribution(startsOffTerminals(mdp));
    Transitions all = ExpertData.sample(mdp, TabularPolicy.uniform(6, 3), 10, 7, 5);
    for (int k = 1; k <= 10; k++) {
      Transitions p = all.first(k);
      int n = all.start(k);
      assertThat(p.numTrajectories()).isEqualTo(k);
      assertThat(p.size()).isEqualTo(n);
      assertThat(p.observations()).containsExactly(Arrays.copyOf(all.observations(), n * 6));
      assertThat(p.nextObservations())
          .containsExactly(Arrays.copyOf(all.nextObservations(), n * 6));
      assertThat(p.actionIndices()).containsExactly(Arrays.copyOf(all.actionIndices(), n));
      assertThat(p.terminated()).containsExactly(Arrays.copyOf(all.terminated(), n));
      if (k > 1) {
        Transitions q = all.first(k).first(k - 1);
        assertThat(q.observations()).containsExactly(all.first(k - 1).observations());
      }
    }
    assertThatThrownBy(() -> all.first(11)).hasMessage("count must be in [1, 10], got 11");
  }

  /** d0 with the terminal states' mass removed (the sampler cannot start in one). */
  static double[] startsOffTerminals(TabularMdp mdp) {
    double[] d0 = mdp.initialDistribution().clone();
    double sum = 0;
    for (int s = 0; s < d0.length; s++) {
      d0[s] = mdp.isTerminal(s) ? 0 : d0[s];
      sum += d0[s];
    }
    for (int s = 0; s < d0.length; s++) {
      d0[s] /= sum;
    }
    return d0;
  }

  @Test
  void of_rejectsATerminatedRowWithoutSuccessor_andBadStarts() {
    assertThatThrownBy(() -> Transitions.of(1, 1, 2, new double[] {0, 1}, new double[] {0, 1},
        new double[2], new boolean[] {true, false}, new boolean[] {false, true}, new int[] {0}))
        .hasMessage("row 1 is terminated but has no successor");
    assertThatThrownBy(() -> Transitions.of(1, 1, 2, new double[] {0, 1}, new double[] {0, 1},
        new double[2], new boolean[2], new boolean[2], new int[] {0, 2}))
        .hasMessage("starts must increase strictly and stay below N = 2, got starts[1] = 2");
    assertThatThrownBy(() -> Transitions.of(1, 1, 2, new double[] {0, 1}, new double[] {0, 2},
        new double[2], new boolean[2], new boolean[2], new int[] {0}))
        .hasMessage("action of row 1 must be an index in [0, 2), got 2.0");
  }
}
