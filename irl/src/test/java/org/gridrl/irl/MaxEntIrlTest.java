package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaxEntIrlTest extends IrlTestBase {

  private static IrlProblem problem(long seed) {
    TabularMdp mdp = randomMdp(seed, 8, 3, 3, 0.8, 0);
    StateFeatures phi = randomFeatures(seed + 1, 8, 3);
    TabularPolicy expert = SoftValueIteration.solve(
        mdp.withStateRewards(phi.linear(new double[] {1.5, -1, 0.5}, null))).policy();
    return IrlProblem.of(mdp, phi, Demonstrations.sample(mdp, expert, 200, 6, seed), 6,
        IrlProblem.Start.INIT);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void adamWithL2_convergesToTheRegularisedStationaryPoint(long seed) {
    IrlProblem p = problem(seed);
    double lambda = 0.5;
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(p, MaxEntIrlConfig.defaults().withL2(lambda)
        .withMaxIterations(5000).withGradientTolerance(1e-7));
    assertThat(r.converged()).isTrue();
    // at the optimum E[μ] − μ_D = −λw
    MaxEntObjective obj = new MaxEntObjective(p, MaxEntObjective.Horizon.FINITE,
        SoftViConfig.defaults());
    double[] gradR = new double[8];
    obj.evaluate(p.features().linear(r.weights(), null), gradR);
    double[] gap = IrlProblem.transposeTimes(p.features(), gradR, new double[3]);
    for (int i = 0; i < 3; i++) {
      assertThat(gap[i]).isCloseTo(-lambda * r.weights()[i], within(1e-6));
    }
    assertClose(p.features().linear(r.weights(), null), r.stateReward(), TIGHT);
  }

  @Test
  void listener_receivesNamespacedMetricsEveryIteration_andHistoryMatches() {
    MetricsRecorder rec = new MetricsRecorder();
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(problem(4),
        MaxEntIrlConfig.defaults().withMaxIterations(25), rec);
    assertThat(r.iterations()).isEqualTo(25);
    assertThat(r.converged()).isFalse();
    assertThat(rec.rows()).hasSize(25);
    assertThat(rec.rows().get(0).values().keySet()).containsExactly(Metrics.DUAL,
        Metrics.LOG_LIKELIHOOD, Metrics.FEATURE_GAP, Metrics.GRADIENT_NORM);
    assertThat(rec.series(Metrics.LOG_LIKELIHOOD)).containsExactly(
        r.history().series(Metrics.LOG_LIKELIHOOD));
    double[] dual = r.history().series(Metrics.DUAL);
    assertThat(dual[24]).isLessThan(dual[0]);
    // at w = 0 every policy is uniform: ℓ = −log 3 · (1/N) Σ_n Σ_t γ^t = −log 3 · Σ_s D̂(s)
    double mass = 0;
    for (double d : problem(4).empiricalVisitation()) {
      mass += d;
    }
    assertThat(r.history().series(Metrics.LOG_LIKELIHOOD)[0]).isCloseTo(-Math.log(3) * mass,
        within(1e-12));
  }

  @Test
  void exponentiatedGradient_decreasesTheDual() {
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(problem(5), MaxEntIrlConfig.defaults().with(
        b -> b.optimizer(MaxEntIrlConfig.Optimizer.EXPONENTIATED_GRADIENT).learningRate(0.05)
            .maxIterations(200)));
    double[] dual = r.history().series(Metrics.DUAL);
    assertThat(dual[dual.length - 1]).isLessThan(dual[0] - 0.01);
    double[] gn = r.history().series(Metrics.GRADIENT_NORM);
    assertThat(gn[gn.length - 1]).isLessThan(0.1 * gn[0]);
  }

  @Test
  void sameInputs_giveBitIdenticalWeights() {
    MaxEntIrlConfig c = MaxEntIrlConfig.defaults().withMaxIterations(40);
    IrlResult<MaxEntIrlConfig> a = MaxEntIrl.train(problem(6), c);
    IrlResult<MaxEntIrlConfig> b = MaxEntIrl.train(problem(6), c);
    assertThat(b.weights()).containsExactly(a.weights());
  }

  @Test
  void config_rejectsNonsenseNamingTheValue() {
    MaxEntIrlConfig d = MaxEntIrlConfig.defaults();
    assertThatThrownBy(() -> d.withLearningRate(Double.NaN))
        .hasMessage("learningRate must be finite and > 0, got NaN");
    assertThatThrownBy(() -> d.withL2(-1)).hasMessage("l2 must be finite and >= 0, got -1.0");
    assertThatThrownBy(() -> d.withMaxIterations(0))
        .hasMessage("maxIterations must be >= 1, got 0");
    assertThatThrownBy(() -> d.withGradientTolerance(0))
        .hasMessage("gradientTolerance must be > 0, got 0.0");
    assertThatThrownBy(() -> d.withPlanning(d.planning().withTemperature(-2)))
        .hasMessage("temperature must be finite and > 0, got -2.0");
  }

  @Test
  void problem_rejectsHorizonShorterThanDemos() {
    TabularMdp mdp = randomMdp(1, 4, 2, 2, 0.9, 0);
    Demonstrations d = Demonstrations.sample(mdp, TabularPolicy.uniform(4, 2), 2, 5, 1);
    assertThatThrownBy(() -> IrlProblem.of(mdp, randomFeatures(1, 4, 2), d, 4,
        IrlProblem.Start.INIT))
        .hasMessage("horizon 4 is shorter than the longest demonstration (5 steps)");
  }
}
