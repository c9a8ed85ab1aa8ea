package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.MetricsRecorder;
import org.junit.jupiter.api.Test;

/** Seeded golden outcomes: the algorithms learn near-optimal policies on tiny MDPs. */
class OnPolicyGoldenTest extends TestBase {

  /** One decision: arm 0 pays 0.2, arm 1 pays 1, then the episode ends. */
  static TabularMdp bandit(double bestReward) {
    TabularMdpBuilder b = TabularMdp.builder(2, 2).gamma(0.9);
    b.transition(0, 0, 1, 1.0).transition(0, 1, 1, 1.0);
    b.reward(0, 0, 0.2).reward(0, 1, bestReward);
    b.terminal(1);
    return b.initialDistribution(new double[] {1, 0}).build();
  }

  /**
   * Chain 0..n−1: "right" moves on with probability 0.9 (else stays), "left" moves back; each
   * step costs 0.1 and reaching n−1 (terminal) pays 1.
   */
  static TabularMdp chain(int n) {
    TabularMdpBuilder b = TabularMdp.builder(n, 2).gamma(0.9);
    for (int s = 0; s < n - 1; s++) {
      b.transition(s, 0, Math.max(0, s - 1), 1.0);
      b.transition(s, 1, s + 1, 0.9).transition(s, 1, s, 0.1);
      b.reward(s, 0, -0.1);
      b.reward(s, 1, -0.1 + (s + 1 == n - 1 ? 0.9 : 0));
    }
    b.terminal(n - 1);
    double[] d0 = new double[n];
    d0[0] = 1;
    return b.initialDistribution(d0).build();
  }

  static Sampler<Integer, Integer> sampler(TabularMdp mdp, int envs, int limit) {
    List<Env<Integer, Integer>> list = new ArrayList<>();
    for (int i = 0; i < envs; i++) {
      list.add(new TimeLimit<>(new TabularEnv(mdp), limit));
    }
    return Sampler.oneHot(list, mdp.numStates());
  }

  static TabularPolicy tabular(Policy policy, int numStates) {
    DMatrixRMaj eye = new DMatrixRMaj(numStates, numStates);
    for (int i = 0; i < numStates; i++) {
      eye.set(i, i, 1);
    }
    DMatrixRMaj p = ((CategoricalPolicy) policy).probabilities(new Tape(), eye, null);
    return TabularPolicy.of(numStates, p.numCols, p.data);
  }

  /** J(π) / J* from the start state, both exact. */
  static double ratioToOptimal(TabularMdp mdp, Policy policy) {
    double j = PolicyEvaluation.evaluate(mdp, tabular(policy, mdp.numStates()))[0];
    double jStar = ValueIteration.solve(mdp).v()[0];
    return j / jStar;
  }

  static PpoConfig smallPpo(long seed) {
    return new PpoConfig(40, 16, 0.9, 0.95, 0.2, 0.2, true, 4, 32, 1e-2, 0.0, 0.5, 0.5,
        List.of(16), 0.0, seed);
  }

  @Test
  void ppo_twoArmedBandit_choosesTheBetterArm() {
    TabularMdp mdp = bandit(1.0);
    MetricsRecorder rec = new MetricsRecorder();
    PgResult r = Ppo.train(sampler(mdp, 4, 5), smallPpo(7), rec);
    double pBest = tabular(r.policy(), 2).probability(0, 1);
    assertThat(pBest).isGreaterThan(0.95);
    assertThat(r.environmentSteps()).isEqualTo(40 * 4 * 16);
    double[] ret = rec.series("charts/episodic_return");
    assertThat(ret[ret.length - 1]).isGreaterThan(0.95);
    assertThat(rec.series("ppo/approx_kl")).hasSize(40);
    for (double kl : rec.series("ppo/approx_kl")) {
      assertThat(kl).isGreaterThanOrEqualTo(0); // (ρ − 1) − log ρ ≥ 0 for every ρ
    }
    for (double cf : rec.series("ppo/clip_fraction")) {
      assertThat(cf).isBetween(0.0, 1.0);
    }
  }

  @Test
  void ppo_chainMdp_reachesNinetyFivePercentOfOptimal() {
    TabularMdp mdp = chain(6);
    PpoConfig c = new PpoConfig(60, 32, 0.9, 0.95, 0.2, 0.0, true, 4, 64, 1e-2, 0.0, 0.5, 0.5,
        List.of(16), 0.0, 3);
    PgResult r = Ppo.train(sampler(mdp, 4, 50), c, TrainingListener0.NONE);
    assertThat(ratioToOptimal(mdp, r.policy())).isGreaterThan(0.95);
  }

  @Test
  void a2c_chainMdp_reachesNinetyFivePercentOfOptimal() {
    TabularMdp mdp = chain(6);
    A2cConfig c = new A2cConfig(400, 8, 0.9, 1.0, 1e-2, 0.0, 0.5, 0.5, true, List.of(16),
        0.0, 3);
    PgResult r = A2c.train(sampler(mdp, 4, 50), c, TrainingListener0.NONE);
    assertThat(ratioToOptimal(mdp, r.policy())).isGreaterThan(0.95);
  }

  @Test
  void reinforce_chainMdp_reachesNinetyFivePercentOfOptimal() {
    TabularMdp mdp = chain(6);
    ReinforceConfig c = new ReinforceConfig(200, 2, 0.9, true, true, 1e-2, 0.0, 0.5, 0.5,
        List.of(16), 0.0, 3);
    PgResult r = Reinforce.train(sampler(mdp, 4, 50), c, TrainingListener0.NONE);
    assertThat(ratioToOptimal(mdp, r.policy())).isGreaterThan(0.95);
  }

  @Test
  void ppo_sameSeed_sameParameters_bitForBit() {
    TabularMdp mdp = chain(5);
    PpoConfig c = smallPpo(11).withIterations(5);
    PgResult a = Ppo.train(sampler(mdp, 2, 20), c, TrainingListener0.NONE);
    PgResult b = Ppo.train(sampler(mdp, 2, 20), c, TrainingListener0.NONE);
    PgResult other = Ppo.train(sampler(mdp, 2, 20), c.withSeed(12), TrainingListener0.NONE);
    for (int i = 0; i < a.policy().parameters().size(); i++) {
      assertThat(b.policy().parameters().get(i).value().data)
          .containsExactly(a.policy().parameters().get(i).value().data);
    }
    assertThat(other.policy().parameters().get(0).value().data)
        .isNotEqualTo(a.policy().parameters().get(0).value().data);
  }

  /**
   * Retraining from a result's provenance (its config; fresh environments built the same way)
   * gives the same final policy and value parameters and the same history, bit for bit.
   */
  @Test
  void resultsRebuiltFromTheirProvenance_areIdentical() {
    TabularMdp mdp = chain(5);
    PgResult ppo = Ppo.train(sampler(mdp, 2, 20), smallPpo(11).withIterations(4),
        TrainingListener0.NONE);
    assertRebuilds(ppo, Ppo.train(sampler(mdp, 2, 20), (PpoConfig) ppo.provenance().config(),
        TrainingListener0.NONE));
    PgResult a2c = A2c.train(sampler(mdp, 2, 20), A2cConfig.defaults().with(b -> b
        .iterations(20).hidden(List.of(8)).seed(4)), TrainingListener0.NONE);
    assertRebuilds(a2c, A2c.train(sampler(mdp, 2, 20), (A2cConfig) a2c.provenance().config(),
        TrainingListener0.NONE));
    PgResult reinforce = Reinforce.train(sampler(mdp, 2, 20), ReinforceConfig.defaults()
        .with(b -> b.iterations(5).hidden(List.of(8)).seed(5)), TrainingListener0.NONE);
    assertRebuilds(reinforce, Reinforce.train(sampler(mdp, 2, 20),
        (ReinforceConfig) reinforce.provenance().config(), TrainingListener0.NONE));
  }

  private static void assertRebuilds(PgResult first, PgResult again) {
    assertThat(again.config()).isEqualTo(first.config());
    assertThat(again.provenance().algorithm()).isEqualTo(first.provenance().algorithm());
    SacTest.assertSameParameters(first.policy(), again.policy());
    SacTest.assertSameParameters(first.value(), again.value());
    SacTest.assertSameHistory(first.history(), again.history());
    assertThat(again.environmentSteps()).isEqualTo(first.environmentSteps());
    assertThat(first.history().size()).isEqualTo(first.iterations());
    assertThat(first.converged()).isTrue();
  }

  @Test
  void result_carriesConfigSeedHistoryAndProvenance() {
    PpoConfig c = smallPpo(7).withIterations(3);
    MetricsRecorder rec = new MetricsRecorder();
    PgResult r = Ppo.train(sampler(bandit(1.0), 2, 5), c, rec);
    assertThat(r.config()).isEqualTo(c);
    assertThat(r.seed()).isEqualTo(7);
    assertThat(r.provenance().algorithm()).isEqualTo("ppo");
    assertThat(r.provenance().config()).isEqualTo(c);
    assertThat(r.provenance().platform().java()).isEqualTo(System.getProperty("java.version"));
    assertThat(r.iterations()).isEqualTo(3);
    assertThat(r.critics()).containsExactly(r.value());
    assertThat(r.history().series(Metrics.APPROX_KL))
        .containsExactly(rec.series(Metrics.APPROX_KL));
    assertThat(r.history().series(Metrics.STEPS)).containsExactly(2 * 16, 4 * 16, 6 * 16);
    assertThat(r.lastEpisodicReturn()).isEqualTo(r.history().last(Metrics.EPISODIC_RETURN));
  }

  @Test
  void hugeReward_overflowsTheLoss_stopsWithAnErrorNamingIterationAndQuantity() {
    TabularMdp mdp = bandit(1e308);
    assertThatThrownBy(() -> Ppo.train(sampler(mdp, 2, 5), smallPpo(1),
        TrainingListener0.NONE))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageMatching("PPO iteration 1: (loss/\\w+|gradient of .*) is .*");
  }

  @Test
  void config_rejectsNonsense_namingTheValue() {
    assertThatThrownBy(() -> new PpoConfig(10, 16, 0.9, 0.95, -0.2, 0.0, true, 4, 32, 1e-2,
        0.0, 0.5, 0.5, List.of(16), 0.0, 0))
        .hasMessage("clipRatio must be > 0, got -0.2");
    assertThatThrownBy(() -> new A2cConfig(10, 8, 1.5, 1.0, 1e-2, 0.0, 0.5, 0.5, true,
        List.of(16), 0.0, 3)).hasMessage("gamma must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> new ReinforceConfig(10, 2, 0.9, true, true, Double.NaN, 0.0, 0.5,
        0.5, List.of(16), 0.0, 3)).hasMessage("learningRate must be finite and > 0, got NaN");
    assertThatThrownBy(() -> A2cConfig.defaults().withMaxGradNorm(0))
        .hasMessage("maxGradNorm must be > 0 (+Infinity = no clipping), got 0.0");
    assertThatThrownBy(() -> ReinforceConfig.defaults().withHidden(List.of(4, 0)))
        .hasMessage("hidden layer sizes must be >= 1, got [4, 0]");
    assertThatThrownBy(() -> PpoConfig.defaults().withHidden(Arrays.asList(4, null)))
        .hasMessage("hidden layer sizes must be >= 1, got [4, null]");
    assertThatThrownBy(() -> A2cConfig.defaults().withHidden(null))
        .hasMessage("hidden must not be null (use [] for no hidden layer)");
    // the builders go through the same checks, and equality is by value (hidden included)
    assertThat(A2cConfig.defaults().withSeed(3)).isEqualTo(A2cConfig.defaults().withSeed(3));
    assertThat(ReinforceConfigBuilder.builder(ReinforceConfig.defaults()).hidden(List.of(64))
        .build()).isEqualTo(ReinforceConfig.defaults());
    // hidden is an immutable copy: the caller's list can change, the config's cannot
    List<Integer> widths = new ArrayList<>(List.of(64));
    PpoConfig ppo = PpoConfig.defaults().withHidden(widths);
    widths.set(0, 8);
    assertThat(ppo).isEqualTo(PpoConfig.defaults()).hasSameHashCodeAs(PpoConfig.defaults());
    assertThat(ppo.toString()).contains("hidden=[64]");
    assertThatThrownBy(() -> ppo.hidden().add(32))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /** Shorthand for the no-op listener. */
  private static final class TrainingListener0 {
    static final org.gridrl.core.util.TrainingListener NONE =
        org.gridrl.core.util.TrainingListener.NONE;
  }
}
