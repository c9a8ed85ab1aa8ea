package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class SamplerTest extends TestBase {

  /**
   * A deterministic chain 0 → 1 → … → n−1 (terminal) under action 1 ("right", reward 1 per
   * step); action 0 stays put with reward 0. Starts in 0.
   */
  static TabularMdp chain(int n, double gamma) {
    TabularMdpBuilder b = TabularMdp.builder(n, 2).gamma(gamma);
    for (int s = 0; s < n - 1; s++) {
      b.transition(s, 0, s, 1.0);
      b.transition(s, 1, s + 1, 1.0);
      b.reward(s, 1, 1.0);
    }
    b.terminal(n - 1);
    double[] d0 = new double[n];
    d0[0] = 1;
    return b.initialDistribution(d0).build();
  }

  private static Sampler<Integer, Integer> sampler(TabularMdp mdp, int envs, int limit) {
    List<Env<Integer, Integer>> list = new ArrayList<>();
    for (int i = 0; i < envs; i++) {
      list.add(new TimeLimit<>(new TabularEnv(mdp), limit));
    }
    return Sampler.oneHot(list, mdp.numStates());
  }

  /** A policy that always goes right (logit +20 on action 1). */
  private static CategoricalPolicy alwaysRight(int numStates) {
    CategoricalPolicy pi = CategoricalPolicy.mlp(numStates, new int[] {}, 2, new Rng(0));
    pi.parameters().get(0).value().zero();
    pi.parameters().get(1).value().set(0, 1, 20.0);
    return pi;
  }

  @Test
  void collectEpisodes_terminatedEpisode_isFlaggedTerminatedNotTruncated() {
    TabularMdp mdp = chain(4, 0.9);
    Sampler<Integer, Integer> s = sampler(mdp, 2, 10);
    Batch b = s.collectEpisodes(alwaysRight(4), 1);
    // each env: 0 → 1 → 2 → 3 (terminal): 3 steps
    assertThat(b.size()).isEqualTo(6);
    assertThat(b.terminated()).containsExactly(false, false, true, false, false, true);
    assertThat(b.truncated()).containsExactly(false, false, false, false, false, false);
    assertThat(b.last()).containsExactly(false, false, true, false, false, true);
    assertThat(b.tasks()).containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(b.actionIndices()).containsExactly(1, 1, 1, 1, 1, 1);
    assertThat(b.episodeReturns()).containsExactly(3.0, 3.0);
    assertThat(b.episodeLengths()).containsExactly(3, 3);
    // observations one-hot: s_t = t; s'_t = t + 1
    assertThat(b.observations()[1 * 4 + 1]).isEqualTo(1.0);
    assertThat(b.nextObservations()[2 * 4 + 3]).isEqualTo(1.0);
    assertThat(b.logProbs()[0]).isCloseTo(-Math.log1p(Math.exp(-20)),
        org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void collectEpisodes_timeLimit_isFlaggedTruncatedAndBootstrapped() {
    TabularMdp mdp = chain(10, 0.5);
    Sampler<Integer, Integer> s = sampler(mdp, 1, 2);
    Batch b = s.collectEpisodes(alwaysRight(10), 1);
    assertThat(b.size()).isEqualTo(2);
    assertThat(b.terminated()).containsExactly(false, false);
    assertThat(b.truncated()).containsExactly(false, true);
    // G_1 = 1 + .5·V(s'_1) with V(s') = 4 → 3; G_0 = 1 + .5·3 = 2.5
    double[] g = Returns.rewardToGo(b, new double[] {0, 4}, 0.5, null);
    assertClose(new double[] {2.5, 3}, g, TIGHT);
  }

  @Test
  void collect_continuesEpisodesAcrossCalls_andMarksRolloutCuts() {
    TabularMdp mdp = chain(4, 0.9);
    Sampler<Integer, Integer> s = sampler(mdp, 2, 100);
    CategoricalPolicy pi = alwaysRight(4);
    Batch b1 = s.collect(pi, 2);
    // env-major layout: env 0 steps 0..1, env 1 steps 0..1; the second step is a cut
    assertThat(b1.last()).containsExactly(false, true, false, true);
    assertThat(b1.terminated()).containsExactly(false, false, false, false);
    assertThat(b1.episodeReturns()).isEmpty();
    Batch b2 = s.collect(pi, 2);
    // continues from state 2: 2 → 3 terminates, then a new episode starts at 0
    assertThat(b2.observations()[2]).isEqualTo(1.0);
    assertThat(b2.terminated()).containsExactly(true, false, true, false);
    assertThat(b2.last()).containsExactly(true, true, true, true);
    assertThat(b2.observations()[4]).isEqualTo(1.0); // step 1 of env 0 is state 0 again
    assertThat(b2.episodeReturns()).containsExactly(3.0, 3.0);
    assertThat(b2.numSegments()).isEqualTo(4);
    Trajectory tr = b2.trajectory(0);
    assertThat(tr.length()).isEqualTo(1);
    assertThat(tr.terminated()).isTrue();
  }

  @Test
  void sameSeed_sameBatch_bitForBit_otherSeed_differs() {
    TabularMdp mdp = chain(6, 0.9);
    CategoricalPolicy pi = CategoricalPolicy.mlp(6, new int[] {8}, 2, new Rng(3));
    Sampler<Integer, Integer> a = sampler(mdp, 3, 7);
    Sampler<Integer, Integer> b = sampler(mdp, 3, 7);
    a.reseed(42);
    b.reseed(42);
    Batch x = a.collect(pi, 20);
    Batch y = b.collect(pi, 20);
    assertThat(y.actions()).containsExactly(x.actions());
    assertThat(y.observations()).containsExactly(x.observations());
    assertThat(y.logProbs()).containsExactly(x.logProbs());
    assertThat(y.truncated()).containsExactly(x.truncated());
    b.reseed(43);
    Batch z = b.collect(pi, 20);
    assertThat(z.actions()).isNotEqualTo(x.actions());
  }

  @Test
  void batchOf_trajectories_roundTrips() {
    Trajectory t1 = new Trajectory(new double[] {1, 0, 0, 1}, new double[] {1, 0},
        new double[] {0.5, 1.5}, new double[] {-0.1, -0.2}, new double[] {0, 1, 1, 0}, true,
        false, 0);
    Trajectory t2 = new Trajectory(new double[] {0, 1}, new double[] {1}, new double[] {2},
        new double[] {-0.3}, new double[] {1, 0}, false, true, 1);
    Batch b = Batch.of(List.of(t1, t2), true);
    assertThat(b.size()).isEqualTo(3);
    assertThat(b.terminated()).containsExactly(false, true, false);
    assertThat(b.truncated()).containsExactly(false, false, true);
    assertThat(b.episodeReturns()).containsExactly(2.0, 2.0);
    assertThat(b.actionIndices()).containsExactly(1, 0, 1);
    assertThat(b.trajectory(1).rewards()).containsExactly(2.0);
    assertThat(b.trajectory(0).observations()).containsExactly(t1.observations());
  }
}
