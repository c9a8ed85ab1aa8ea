package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.PolicyDistillation;
import org.gridrl.core.pg.PpoConfig;
import org.junit.jupiter.api.Test;

/** Neural {@link Distral}: its reward, its fixed point against {@link DistralTabular}, seeding. */
class DistralTest {

  static List<Env<double[], Integer>> envs(List<TabularMdp> mdps, int horizon) {
    List<Env<double[], Integer>> out = new ArrayList<>();
    for (TabularMdp m : mdps) {
      out.add(new TimeLimit<>(new OneHotTabularEnv(m), horizon));
    }
    return out;
  }

  /** π(·|s) of a policy on one-hot states, S × A. */
  static DMatrixRMaj table(Policy pi, int numStates) {
    DMatrixRMaj x = new DMatrixRMaj(numStates, numStates);
    for (int s = 0; s < numStates; s++) {
      x.set(s, s, 1);
    }
    return PolicyDistillation.probabilities(pi, x, new Tape(), new ArrayList<>(),
        new DMatrixRMaj(1, 1));
  }

  /** max_s ½ Σ_a |p(a|s) − q(a|s)|. */
  static double maxTv(TabularPolicy p, DMatrixRMaj q) {
    double worst = 0;
    for (int s = 0; s < p.numStates(); s++) {
      double tv = 0;
      for (int a = 0; a < p.numActions(); a++) {
        tv += 0.5 * Math.abs(p.probability(s, a) - q.get(s, a));
      }
      worst = Math.max(worst, tv);
    }
    return worst;
  }

  /** A batch of three steps in one segment: rewards, log π_old and actions by hand. */
  static Batch handBatch() {
    return new Batch(2, 1, new double[] {1, 0, 0, 1, 1, 0}, new double[] {0, 1, 1},
        new int[] {0, 1, 1}, new double[] {1.0, -0.5, 2.0}, new double[] {-0.1, -2.0, -0.7},
        new double[] {0, 1, 1, 0, 0, 1}, new boolean[] {false, false, true},
        new boolean[3], new boolean[] {false, false, true}, new int[3], new double[0],
        new int[0]);
  }

  @Test
  void regularisedRewards_handBatch_matchFormulaEntryByEntry() {
    double[] logPrior = {-0.3, -1.2, -0.05};
    double[] r = Distral.regularisedRewards(handBatch(), logPrior, 0.4, 2.0, new double[3]);
    // r + (α/β) log π0 − (1/β) log π_old, α/β = 0.2, 1/β = 0.5
    DistralTabularTest.assertClose(new double[] {1.0 + 0.2 * -0.3 - 0.5 * -0.1,
        -0.5 + 0.2 * -1.2 - 0.5 * -2.0, 2.0 + 0.2 * -0.05 - 0.5 * -0.7}, r, 1e-15);
    assertThat(r[0]).isEqualTo(0.99, within(1e-15));
  }

  static DistralPgConfig matchedConfig(DistralConfig tab, long seed) {
    // advantages not normalised: with per-minibatch normalisation task 0's π(·|s=0) settled 0.045
    // (TV) off the soft optimum on seeds 1-3, without it 0.002 to 0.036
    PpoConfig ppo = PpoConfig.defaults().with(b -> b.iterations(300).stepsPerEnv(256)
        .gamma(0.9).lambda(0.95).entropyCoef(0).hidden(List.of()).learningRate(0.02)
        .normalizeAdvantages(false).minibatchSize(64).epochs(4).seed(seed));
    return DistralPgConfig.defaults().with(b -> b.alpha(tab.alpha()).beta(tab.beta()).ppo(ppo)
        .distillSteps(5).distillLearningRate(0.01));
  }

  /**
   * On DistralTabularTest's two 3-state tasks (γ 0.9, α 0.5, β 5), with free logits per state
   * and a 20-step time limit, neural Distral's π0 and π_i come within 0.08 (max over states of
   * the total variation) of DistralTabular's fixed point. Measured on seeds 1, 2, 3: π0 0.032,
   * 0.029, 0.035; π_1 0.036, 0.017, 0.002; π_2 0.002, 0.004, 0.001. π0 differs also by
   * weighting: the neural π0 mixes the π_i by sampled visits under the time limit, the tabular
   * one by discounted occupancies from d0.
   */
  @Test
  void twoTabularTasks_approachDistralTabularFixedPoint() {
    List<TabularMdp> mdps = DistralTabularTest.twoTasks();
    DistralConfig tab = DistralConfig.defaults();
    DistralResult exact = DistralTabular.train(mdps, tab);
    DistralPgResult r = Distral.train(envs(mdps, 20), matchedConfig(tab, 1));
    assertThat(maxTv(exact.prior(), table(r.prior(), 3))).isLessThan(0.08);
    for (int i = 0; i < 2; i++) {
      assertThat(maxTv(exact.policies().get(i), table(r.policy(i), 3))).as("task %s", i)
          .isLessThan(0.08);
    }
    assertThat(r.numTasks()).isEqualTo(2);
    assertThat(r.history().size()).isEqualTo(300);
    assertThat(r.provenance().algorithm()).isEqualTo(Distral.ALGORITHM);
  }

  @Test
  void sameSeed_sameHistoryAndWeights() {
    List<TabularMdp> mdps = DistralTabularTest.twoTasks();
    DistralPgConfig cfg = matchedConfig(DistralConfig.defaults(), 4).with(b -> b.ppo(
        b.ppo().withIterations(15)));
    DistralPgResult a = Distral.train(envs(mdps, 20), cfg);
    DistralPgResult b = Distral.train(envs(mdps, 20), cfg);
    for (String key : DistralPgMetrics.ALL) {
      assertThat(b.history().series(key)).as(key).containsExactly(a.history().series(key));
    }
    assertThat(table(b.prior(), 3).data).containsExactly(table(a.prior(), 3).data);
    assertThat(table(b.policy(1), 3).data).containsExactly(table(a.policy(1), 3).data);
  }

  @Test
  void config_rejectsEntropyBonusAndBadValues() {
    DistralPgConfig d = DistralPgConfig.defaults();
    assertThatThrownBy(() -> d.withPpo(PpoConfig.defaults()))
        .hasMessage("ppo.entropyCoef must be 0 (the entropy is in Distral's reward), got 0.01");
    assertThatThrownBy(() -> d.withAlpha(1.5)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> d.withDistillSteps(0)).hasMessage("distillSteps must be >= 1, got 0");
  }
}
