package org.gridrl.meta.rl2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.bandit.BernoulliBandit;
import org.gridrl.envs.mdp.RandomMdp;
import org.gridrl.meta.baselines.BanditTrials;
import org.junit.jupiter.api.Test;

/**
 * The trained network as a baseline-shaped policy feeds the GRU exactly the inputs RL² trains on:
 * replaying a trial that {@link Rl2#sample} drew, the adapter's hidden state after every step
 * equals, bit for bit, the GRU unrolled over the sampler's own inputs x_t (so the previous action,
 * reward and the done flag at episode boundaries are encoded as in training).
 */
class Rl2TrialPoliciesTest {

  /** h_1..h_T of the network unrolled from h_0 = 0 over trial 0 of the batch's inputs. */
  private static double[][] unroll(Rl2Network net, Rl2.TrialBatch batch) {
    Tape tape = new Tape();
    List<Tensor> params = new ArrayList<>();
    DMatrixRMaj h = new DMatrixRMaj(1, net.hidden());
    DMatrixRMaj x = new DMatrixRMaj(1, batch.inputDim());
    double[][] out = new double[batch.length()][];
    for (int t = 0; t < batch.length(); t++) {
      System.arraycopy(batch.inputs()[t], 0, x.data, 0, batch.inputDim());
      tape.reset();
      net.bind(tape, params);
      Tensor next = net.step(tape, tape.constant(x), tape.constant(h), params);
      System.arraycopy(next.value().data, 0, h.data, 0, h.data.length);
      out[t] = h.data.clone();
    }
    return out;
  }

  @Test
  void mdpAdapter_replayingASampledTrial_hasTheTrainingHiddenStates_bitForBit() {
    int s = 4;
    int a = 3;
    int horizon = 3;
    Rl2Tasks<Integer> tasks = Rl2Tasks.mdps(RandomMdp.Spec.rl2(s, a, horizon), 3);
    Rl2Network net = new Rl2Network(s, a, 6, new Rng(5));
    Rng r = new Rng(9);
    Rl2.TrialBatch batch = Rl2.sample(net, tasks, 1, r.fork(0), r.fork(1), r.fork(2));
    double[][] expected = unroll(net, batch);

    Rl2TrialPolicies.MdpAdapter adapter =
        (Rl2TrialPolicies.MdpAdapter) Rl2TrialPolicies.mdp(net);
    adapter.startTrial(s, a, horizon, new Rng(0));
    for (int t = 0; t < batch.length(); t++) {
      if (t % horizon == 0) {
        adapter.startEpisode();
      }
      int state = argmax(Arrays.copyOfRange(batch.inputs()[t], 0, s));
      adapter.act(state, t % horizon);
      assertThat(adapter.policy().hiddenState()).as("h at step %d", t)
          .containsExactly(expected[t]);
      // the sampled action and reward, not the adapter's draw: the replay follows the batch
      adapter.observe(state, batch.actions()[t][0], batch.rewards()[t], 0);
    }
  }

  @Test
  void banditAdapter_replayingASampledTrial_hasTheTrainingHiddenStates_bitForBit() {
    Rl2Tasks<Integer> tasks = Rl2Tasks.bandits(3, 6);
    Rl2Network net = new Rl2Network(1, 3, 5, new Rng(2));
    Rng r = new Rng(4);
    Rl2.TrialBatch batch = Rl2.sample(net, tasks, 1, r.fork(0), r.fork(1), r.fork(2));
    double[][] expected = unroll(net, batch);

    Rl2TrialPolicies.BanditAdapter adapter =
        (Rl2TrialPolicies.BanditAdapter) Rl2TrialPolicies.bandit(net);
    adapter.reset(3, new Rng(0));
    for (int t = 0; t < batch.length(); t++) {
      adapter.choose();
      assertThat(adapter.policy().hiddenState()).as("h at pull %d", t)
          .containsExactly(expected[t]);
      adapter.observe(batch.actions()[t][0], batch.rewards()[t]);
    }
  }

  @Test
  void adapters_runInTheBaselinesTrialLoops_deterministically_andRejectOtherShapes() {
    Rl2Network net = new Rl2Network(1, 4, 5, new Rng(2));
    BanditTrials.Outcome one = BanditTrials.run(Rl2TrialPolicies.bandit(net),
        BernoulliBandit.tasks(4, 7), 20, 11);
    BanditTrials.Outcome two = BanditTrials.run(Rl2TrialPolicies.bandit(net),
        BernoulliBandit.tasks(4, 7), 20, 11);
    assertThat(one.totalReward()).containsExactly(two.totalReward());
    assertThatThrownBy(() -> BanditTrials.run(Rl2TrialPolicies.bandit(net),
        BernoulliBandit.tasks(5, 7), 1, 1)).hasMessageContaining("trained on 4 arms");
    assertThatThrownBy(() -> Rl2TrialPolicies.bandit(new Rl2Network(3, 4, 5, new Rng(1))))
        .hasMessageContaining("1 observation entry");
    assertThatThrownBy(() -> Rl2TrialPolicies.mdp(new Rl2Network(3, 4, 5, new Rng(1)))
        .startTrial(10, 4, 10, new Rng(1))).hasMessageContaining("trained on 3 states");
  }

  private static int argmax(double[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[best]) {
        best = i;
      }
    }
    return best;
  }
}
