package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.ValueIteration;
import org.junit.jupiter.api.Test;

/** {@link DivideAndConquer}: its penalised reward, the global policy on two contexts, seeding. */
class DivideAndConquerTest {

  static final int S = 5;

  /**
   * A 5-state line with actions left, right, stay; a move succeeds with probability 0.9, else
   * stays; reward 1 in the goal state 2 (every action), γ 0.9; the episode starts in
   * {@code start}. The two contexts, start 0 and start 4, need opposite moves on their sides.
   */
  static TabularMdp line(int start) {
    TabularMdpBuilder b = TabularMdp.builder(S, 3).gamma(0.9);
    for (int s = 0; s < S; s++) {
      for (int a = 0; a < 3; a++) {
        int next = a == 0 ? Math.max(0, s - 1) : a == 1 ? Math.min(S - 1, s + 1) : s;
        if (next == s) {
          b.transition(s, a, s, 1.0);
        } else {
          b.transition(s, a, next, 0.9);
          b.transition(s, a, s, 0.1);
        }
        b.reward(s, a, s == 2 ? 1.0 : 0.0);
      }
    }
    double[] d0 = new double[S];
    d0[start] = 1;
    b.initialDistribution(d0);
    return b.build();
  }

  /** (J(π) − J(uniform)) / (J* − J(uniform)), J = d0·V, exact by core.planning. */
  static double normalisedReturn(TabularMdp mdp, TabularPolicy pi) {
    double[] d0 = mdp.initialDistribution();
    double j = dot(d0, PolicyEvaluation.evaluate(mdp, pi));
    double uniform = dot(d0, PolicyEvaluation.evaluate(mdp, TabularPolicy.uniform(S, 3)));
    double best = ValueIteration.solve(mdp).expectedValue(d0);
    return (j - uniform) / (best - uniform);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static TabularPolicy tabular(DMatrixRMaj probs) {
    return TabularPolicy.of(probs.numRows, probs.numCols, probs.data.clone());
  }

  @Test
  void penalisedRewards_handBatch_matchFormulaEntryByEntry() {
    Batch b = DistralTest.handBatch();
    double[][] others = {{-0.5, -1.0, -0.2}, {-2.0, -0.1, -0.7}};
    double[] r = DivideAndConquer.penalisedRewards(b, others, 0.3, new double[3]);
    // r − α Σ_j (log π_old − log π_j); log π_old = (−0.1, −2.0, −0.7), r = (1, −0.5, 2)
    DistralTabularTest.assertClose(new double[] {
        1.0 - 0.3 * ((-0.1 + 0.5) + (-0.1 + 2.0)),
        -0.5 - 0.3 * ((-2.0 + 1.0) + (-2.0 + 0.1)),
        2.0 - 0.3 * ((-0.7 + 0.2) + (-0.7 + 0.7))}, r, 1e-15);
    assertThat(r[0]).isEqualTo(1.0 - 0.3 * 2.3, org.assertj.core.api.Assertions.within(1e-15));
  }

  static DivideAndConquerConfig config(long seed, int local, int global) {
    PpoConfig ppo = PpoConfig.defaults().with(b -> b.iterations(local).stepsPerEnv(128)
        .gamma(0.9).lambda(0.95).entropyCoef(0.0).hidden(List.of()).learningRate(0.05)
        .normalizeAdvantages(true).minibatchSize(64).epochs(4).seed(seed));
    return DivideAndConquerConfig.defaults().with(b -> b.alpha(0.05).ppo(ppo).distillEvery(5)
        .distillSteps(50).distillLearningRate(0.05).globalIterations(global));
  }

  /**
   * Two contexts of one 5-state line (start in 0 or in 4): the global policy, which sees no
   * context id, is near-optimal on both, by exact policy evaluation. Normalised returns measured
   * on seeds 1, 2, 3: after 30 local iterations alone 0.9879 to 0.9913; after 20 more global
   * PPO iterations 0.9953 to 0.9991; the bounds leave a margin of ten times the spread.
   */
  @Test
  void twoContexts_globalPolicyNearOptimalOnBoth() {
    List<TabularMdp> mdps = List.of(line(0), line(4));
    DivideAndConquerResult distilled = DivideAndConquer.train(DistralTest.envs(mdps, 20),
        config(1, 30, 0));
    DivideAndConquerResult r = DivideAndConquer.train(DistralTest.envs(mdps, 20),
        config(1, 30, 20));
    for (int i = 0; i < 2; i++) {
      assertThat(normalisedReturn(mdps.get(i), tabular(DistralTest.table(distilled.policy(i),
          S)))).as("distilled, context %s", i).isGreaterThan(0.95);
      assertThat(normalisedReturn(mdps.get(i), tabular(DistralTest.table(r.policy(i), S))))
          .as("after global PPO, context %s", i).isGreaterThan(0.97);
    }
    // distilled at iterations 5, 10, ..., 30; 30 local + 20 global rows
    assertThat(r.history().series(DivideAndConquerMetrics.DISTILL_KL)).hasSize(6);
    assertThat(r.history().size()).isEqualTo(50);
    assertThat(r.policy(0)).isSameAs(r.global());
    assertThat(r.numTasks()).isEqualTo(2);
  }

  @Test
  void resetLocals_localsEqualGlobalAfterLastDistillation() {
    List<TabularMdp> mdps = List.of(line(0), line(4));
    DivideAndConquerResult r = DivideAndConquer.train(DistralTest.envs(mdps, 20),
        config(2, 10, 0).withResetLocals(true));
    double[] g = DistralTest.table(r.global(), S).data;
    assertThat(DistralTest.table(r.local(0), S).data).containsExactly(g);
    assertThat(DistralTest.table(r.local(1), S).data).containsExactly(g);
  }

  @Test
  void sameSeed_sameHistoryAndWeights() {
    List<TabularMdp> mdps = List.of(line(0), line(4));
    DivideAndConquerResult a = DivideAndConquer.train(DistralTest.envs(mdps, 20),
        config(3, 10, 5));
    DivideAndConquerResult b = DivideAndConquer.train(DistralTest.envs(mdps, 20),
        config(3, 10, 5));
    for (String key : DivideAndConquerMetrics.ALL) {
      assertThat(b.history().series(key)).as(key).containsExactly(a.history().series(key));
    }
    assertThat(DistralTest.table(b.global(), S).data)
        .containsExactly(DistralTest.table(a.global(), S).data);
    assertThat(b.provenance()).isEqualTo(a.provenance());
  }

  @Test
  void config_rejectsBadValues() {
    DivideAndConquerConfig d = DivideAndConquerConfig.defaults();
    assertThatThrownBy(() -> d.withDistillEvery(0))
        .hasMessage("distillEvery must be >= 1, got 0");
    assertThatThrownBy(() -> d.withAlpha(-1)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> d.withGlobalIterations(-1)).hasMessageContaining("globalIterations");
  }
}
