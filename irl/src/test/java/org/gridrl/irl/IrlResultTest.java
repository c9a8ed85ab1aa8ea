package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every IRL method's result carries its provenance, and training again from
 * {@code provenance().config()} on the same problem gives the same numbers bit for bit: weights,
 * reward, policy, iterations, the stopping quantity and every recorded metric.
 */
class IrlResultTest extends IrlTestBase {

  /** Stochastic dynamics with a terminal state, demonstrations from a soft-optimal expert. */
  private static IrlProblem problem() {
    TabularMdp mdp = randomMdp(11, 7, 3, 3, 0.85, 1);
    StateFeatures phi = randomFeatures(12, 7, 3);
    TabularPolicy expert = SoftValueIteration.solve(
        mdp.withStateRewards(phi.linear(new double[] {1, -0.5, 0.8}, null))).policy();
    return IrlProblem.of(mdp, phi, Demonstrations.sample(mdp, expert, 40, 6, 13), 6,
        IrlProblem.Start.INIT);
  }

  /** Trains the method a config belongs to: the dispatch a caller holding a provenance needs. */
  private static IrlResult<?> train(IrlProblem problem, Record config) {
    if (config instanceof MaxEntIrlConfig c) {
      return MaxEntIrl.train(problem, c);
    } else if (config instanceof DeepMaxEntIrlConfig c) {
      return DeepMaxEntIrl.train(problem, c).result();
    } else if (config instanceof MaxMarginConfig c) {
      return MaxMarginIrl.train(problem, c);
    }
    throw new IllegalArgumentException("not an IRL config: " + config);
  }

  static Stream<Arguments> configs() {
    MaxEntIrlConfig maxEnt = MaxEntIrlConfig.defaults().with(b -> b.l2(0.05).maxIterations(30));
    DeepMaxEntIrlConfig deep = DeepMaxEntIrlConfig.defaults().with(b -> b.hidden(List.of(8))
        .maxIterations(15).seed(7));
    return Stream.of(
        Arguments.of("maxent", 0L, maxEnt),
        Arguments.of("maxent", 0L, maxEnt.with(b -> b.horizon(MaxEntObjective.Horizon.STATIONARY)
            .planning(maxEnt.planning().with(p -> p.temperature(0.7)
                .method(SoftViMethod.ANDERSON).tolerance(1e-9))))),
        Arguments.of("deep-maxent", 7L, deep),
        Arguments.of("deep-maxent", 9L, deep.with(b -> b.seed(9)
            .horizon(MaxEntObjective.Horizon.DISCOUNTED))),
        Arguments.of("max-margin-projection", 0L,
            MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION).withMaxIterations(20)),
        Arguments.of("max-margin-structured", 0L,
            MaxMarginConfig.defaults(MaxMarginConfig.Method.STRUCTURED).withMaxIterations(20)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("configs")
  void retrainFromProvenance_givesIdenticalNumbers(String algorithm, long seed, Record config) {
    IrlProblem p = problem();
    IrlResult<?> first = train(p, config);
    Provenance prov = first.provenance();
    assertThat(prov.algorithm()).isEqualTo(algorithm);
    assertThat(first.algorithm()).isEqualTo(algorithm);
    assertThat(prov.config()).isSameAs(config);
    assertThat(first.config()).isSameAs(config);
    assertThat(first.seed()).isEqualTo(seed);
    assertThat(prov.platform().java()).isEqualTo(System.getProperty("java.version"));

    IrlResult<?> again = train(p, prov.config());
    assertThat(again.provenance()).isEqualTo(prov);
    if (first.weights() == null) {
      assertThat(again.weights()).isNull();
    } else {
      assertThat(again.weights()).containsExactly(first.weights());
    }
    assertThat(again.stateReward()).containsExactly(first.stateReward());
    assertThat(again.policy().toArray()).containsExactly(first.policy().toArray());
    assertThat(again.iterations()).isEqualTo(first.iterations());
    assertThat(again.converged()).isEqualTo(first.converged());
    assertThat(again.finalMetric()).isEqualTo(first.finalMetric());
    assertThat(again.history().size()).isEqualTo(first.history().size())
        .isEqualTo(first.iterations());
    for (int i = 0; i < first.history().size(); i++) {
      assertThat(again.history().rows().get(i).values())
          .isEqualTo(first.history().rows().get(i).values());
    }
  }

  @Test
  void history_isWhatTheListenerSaw_andTheFinalMetricIsItsLastStoppingQuantity() {
    IrlProblem p = problem();
    MetricsRecorder rec = new MetricsRecorder();
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(p, MaxEntIrlConfig.defaults()
        .withMaxIterations(12), rec);
    assertThat(r.history().rows()).hasSize(12);
    for (int i = 0; i < 12; i++) {
      assertThat(r.history().rows().get(i).values()).isEqualTo(rec.rows().get(i).values());
      assertThat(r.history().rows().get(i).iteration()).isEqualTo(i + 1);
    }
    assertThat(r.finalMetric()).isEqualTo(r.history().last(Metrics.GRADIENT_NORM));
    assertThat(r.converged()).isFalse();

    IrlResult<MaxMarginConfig> m = MaxMarginIrl.train(p,
        MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION).withMaxIterations(5));
    assertThat(m.finalMetric()).isEqualTo(m.history().last(Metrics.MARGIN));
  }

  @Test
  void maxEntAtItsDefaults_stopsAtTheCapUnconverged_andDescribeEndSaysSo() {
    IrlProblem p = problem();
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(p, MaxEntIrlConfig.defaults());
    assertThat(r.converged()).isFalse();
    assertThat(r.stoppedAtCap()).isTrue();
    assertThat(r.iterations()).isEqualTo(200);
    assertThat(r.describeEnd()).isEqualTo("stopped at its cap of 200 iterations unconverged,"
        + " gradient norm 8.6e-06 >= 1e-06");
    // more iterations (and some L2) reach the tolerance
    IrlResult<MaxEntIrlConfig> c = MaxEntIrl.train(p, MaxEntIrlConfig.defaults().withL2(1)
        .withMaxIterations(2000));
    assertThat(c.converged()).isTrue();
    assertThat(c.stoppedAtCap()).isFalse();
    assertThat(c.describeEnd()).isEqualTo("converged after 228 iterations, gradient norm"
        + " 7.8e-07 < 1e-06");
    IrlResult<DeepMaxEntIrlConfig> d = DeepMaxEntIrl.train(p, DeepMaxEntIrlConfig.defaults()
        .withMaxIterations(5)).result();
    assertThat(d.stoppedAtCap()).isTrue();
    assertThat(d.describeEnd()).isEqualTo("stopped at its cap of 5 iterations unconverged,"
        + " gradient norm 8.3e-01 >= 1e-06");
  }

  @Test
  void maxMargin_describeEnd_namesItsStoppingQuantity_atTheCapAndAtConvergence() {
    IrlProblem p = problem();
    IrlResult<MaxMarginConfig> s = MaxMarginIrl.train(p,
        MaxMarginConfig.defaults(MaxMarginConfig.Method.STRUCTURED));
    // the subgradient method's steps shrink as α/√i: its norm stays far above 1e-6
    assertThat(s.stoppedAtCap()).isTrue();
    assertThat(s.describeEnd()).isEqualTo("stopped at its cap of 100 iterations unconverged,"
        + " subgradient norm 1.3e+00 > 1e-06");
    assertThat(s.history().series(Metrics.GRADIENT_NORM)).hasSize(100);
    IrlResult<MaxMarginConfig> one = MaxMarginIrl.train(p,
        MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION).withMaxIterations(1));
    assertThat(one.describeEnd()).isEqualTo("stopped at its cap of 1 iteration unconverged,"
        + " margin 5.6e-01 > 1e-06");
    IrlResult<MaxMarginConfig> proj = MaxMarginIrl.train(p,
        MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION));
    assertThat(proj.converged()).isTrue();
    assertThat(proj.describeEnd()).isEqualTo("converged after 49 iterations, margin 7.6e-07"
        + " <= 1e-06");
  }

  @Test
  void projection_thatCannotGetCloser_stopsEarlyUnconverged_notAtTheCap() {
    // one state, two actions that both stay: every policy has the same μ = Σ_{t<8} γ^t (to the
    // bit), while the 5-step demonstrations have less, so the first projection step adds nothing
    TabularMdp mdp = TabularMdp.builder(1, 2).gamma(0.8).transition(0, 0, 0, 1)
        .transition(0, 1, 0, 1).build();
    StateFeatures one = StateFeatures.of(1, 1, new double[] {1}, List.of("one"));
    Demonstrations demos = Demonstrations.sample(mdp, TabularPolicy.uniform(1, 2), 4, 5, 32);
    IrlResult<MaxMarginConfig> r = MaxMarginIrl.train(IrlProblem.of(mdp, one, demos, 8,
        IrlProblem.Start.INIT), MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION));
    assertThat(r.converged()).isFalse();
    assertThat(r.stoppedAtCap()).isFalse();
    assertThat(r.iterations()).isEqualTo(1);
    // margin Σ_{t<8} 0.8^t − Σ_{t<5} 0.8^t = 0.8^5 (1 − 0.8^3) / 0.2 = 0.79954...
    assertThat(r.finalMetric()).isCloseTo(Math.pow(0.8, 5) * (1 - Math.pow(0.8, 3)) / 0.2,
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(r.describeEnd()).isEqualTo("stopped after 1 of 100 iterations unconverged (the"
        + " new policy adds nothing, so the projection cannot get closer), margin 8e-01"
        + " > 1e-06");
  }

  @Test
  void result_refusesAProvenanceOfAnotherConfig() {
    MaxEntIrlConfig c = MaxEntIrlConfig.defaults();
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(problem(), c.withMaxIterations(2));
    assertThatThrownBy(() -> new IrlResult<>(r.weights(), r.stateReward(), r.policy(),
        r.iterations(), r.converged(), r.finalMetric(), c, r.history(), r.provenance()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("provenance.config must be the result's config");
  }
}
