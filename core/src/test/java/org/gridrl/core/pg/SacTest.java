package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.nn.Module;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.TrainingListener;
import org.junit.jupiter.api.Test;

/** SAC's training loop, result and provenance; its losses are pinned in {@link PgLossesTest}. */
class SacTest extends TestBase {

  static SacConfig small(long seed) {
    return SacConfig.defaults().with(b -> b.totalSteps(3000).learningStarts(300).batchSize(64)
        .hiddenWidth(32).hiddenLayers(2).gamma(0.9).seed(seed));
  }

  static SacConfig golden() {
    return small(1).with(b -> b.totalSteps(2000).learningStarts(300).initialAlpha(0.1)
        .autotune(true));
  }

  /**
   * Golden: on the 1-D task "move the point to 0" ({@link PointToZero}), 2 000 steps of SAC
   * (seed 1, α from 0.1) give a deterministic policy that closes at least 95% of the gap between
   * standing still (return −16|x_0|) and the optimum, from each of five starts, and within 0.15
   * of the optimal return (−1.2 from |x_0| = 0.9); the temperature has fallen.
   */
  @Test
  void golden_solvesPointToZero() {
    MetricsRecorder rec = new MetricsRecorder();
    PgResult r = Sac.train(new PointToZero(), golden(), rec);
    TanhGaussianPolicy policy = (TanhGaussianPolicy) r.policy();
    for (double x0 : new double[] {-0.9, -0.5, -0.2, 0.3, 0.7}) {
      double ret = new Sac.Evaluation(new PointToZero(x0), 1, 0, PointToZero.HORIZON)
          .episodeReturn(policy);
      double opt = PointToZero.optimalReturn(x0);
      double still = -PointToZero.HORIZON * Math.abs(x0);
      assertThat(ret).as("return from x0 = %s", x0).isGreaterThan(opt - 0.15);
      assertThat((ret - still) / (opt - still)).as("fraction from x0 = %s", x0)
          .isGreaterThan(0.95);
    }
    // α is reported at step 2000, the last: the final temperature
    assertThat(r.history().last(Metrics.ALPHA)).isLessThan(0.05);
    assertThat(r.history().series(Metrics.Q1_LOSS)).hasSize(17);
    assertThat(r.history().series(Metrics.EPISODIC_RETURN))
        .hasSize(2000 / PointToZero.HORIZON);
    assertThat(r.lastEpisodicReturn())
        .isEqualTo(r.history().last(Metrics.EPISODIC_RETURN));
    // the listener saw what the history holds
    assertThat(rec.series(Metrics.Q1_LOSS)).containsExactly(r.history().series(Metrics.Q1_LOSS));
  }

  @Test
  void train_returnsTheResult_withTheBudgetAndProvenance() {
    SacConfig c = small(5).with(b -> b.totalSteps(350).learningStarts(300));
    PgResult r = Sac.train(new PointToZero(), c, TrainingListener.NONE);
    assertThat(r.iterations()).isEqualTo(350);
    assertThat(r.environmentSteps()).isEqualTo(350);
    assertThat(r.converged()).isTrue();
    assertThat(r.config()).isEqualTo(c);
    assertThat(r.seed()).isEqualTo(5);
    assertThat(r.provenance().algorithm()).isEqualTo("sac");
    assertThat(r.critics()).hasSize(2);
    // 350 steps of 16-step episodes: 21 ended, the last at step 336
    assertThat(r.history().series(Metrics.EPISODIC_RETURN)).hasSize(21);
    // updates from step 301, reported at 100-step multiples: step 400 is not reached
    assertThat(r.history().series(Metrics.Q1_LOSS)).isEmpty();
  }

  /**
   * Retraining from a result's provenance (its config, the same environment) gives the same
   * final parameters of policy and critics and the same history, bit for bit.
   */
  @Test
  void resultRebuiltFromItsProvenance_isIdentical() {
    PgResult first = Sac.train(new PointToZero(), small(3).withTotalSteps(700),
        TrainingListener.NONE);
    PgResult again = Sac.train(new PointToZero(), (SacConfig) first.provenance().config(),
        TrainingListener.NONE);
    assertSameParameters(first.policy(), again.policy());
    for (int k = 0; k < 2; k++) {
      assertSameParameters(first.critics().get(k), again.critics().get(k));
    }
    assertSameHistory(first.history(), again.history());
    assertThat(again.lastEpisodicReturn()).isEqualTo(first.lastEpisodicReturn());
  }

  static void assertSameParameters(Module a, Module b) {
    assertThat(b.parameters()).hasSameSizeAs(a.parameters());
    for (int k = 0; k < a.parameters().size(); k++) {
      assertThat(b.parameterValues().get(k).data)
          .containsExactly(a.parameterValues().get(k).data);
    }
  }

  /** Same iterations and scalars in the same order (wall times differ). */
  static void assertSameHistory(MetricsHistory a, MetricsHistory b) {
    assertThat(b.size()).isEqualTo(a.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.rows().get(i).iteration()).isEqualTo(a.rows().get(i).iteration());
      assertThat(new ArrayList<>(b.rows().get(i).values().entrySet()))
          .isEqualTo(new ArrayList<>(a.rows().get(i).values().entrySet()));
    }
  }

  /**
   * An evaluation reports {@value Metrics#EVAL_RETURN} after every {@code every} steps and after
   * the last; the last is the final policy's return; it leaves training's numbers unchanged.
   */
  @Test
  void evaluation_everyAndAtTheEnd_withoutChangingTraining() {
    SacConfig c = small(2).withTotalSteps(450);
    Sac.Evaluation eval = new Sac.Evaluation(new PointToZero(0.6), 200, 0, PointToZero.HORIZON);
    PgResult with = Sac.train(new PointToZero(), c, eval, TrainingListener.NONE);
    PgResult without = Sac.train(new PointToZero(), c, TrainingListener.NONE);
    List<Long> at = new ArrayList<>();
    for (var row : with.history().rows()) {
      if (row.values().containsKey(Metrics.EVAL_RETURN)) {
        at.add(row.iteration());
      }
    }
    assertThat(at).containsExactly(200L, 400L, 450L);
    assertThat(with.history().last(Metrics.EVAL_RETURN))
        .isEqualTo(eval.episodeReturn((TanhGaussianPolicy) with.policy()));
    assertSameParameters(without.policy(), with.policy());
    assertThat(without.history().series(Metrics.Q1_LOSS))
        .containsExactly(with.history().series(Metrics.Q1_LOSS));
  }

  @Test
  void sameSeed_sameWeights_and_chunkedRunEqualsOneCall() {
    Sac a = new Sac(new PointToZero(), small(3));
    Sac b = new Sac(new PointToZero(), small(3));
    a.run(400, TrainingListener.NONE);
    b.run(150, TrainingListener.NONE);
    b.run(250, TrainingListener.NONE);
    assertSameParameters(a.policy(), b.policy());
    assertThat(a.alpha()).isEqualTo(b.alpha());
    Sac c = new Sac(new PointToZero(), small(4));
    c.run(400, TrainingListener.NONE);
    assertThat(c.alpha()).isNotEqualTo(a.alpha());
    // the static train is the same run
    PgResult r = Sac.train(new PointToZero(), small(3).withTotalSteps(400),
        TrainingListener.NONE);
    assertSameParameters(a.policy(), r.policy());
    assertThat(a.steps()).isEqualTo(400);
    assertThat(a.buffer().size()).isEqualTo(400);
  }

  @Test
  void nanReward_stopsWithArithmeticExceptionNamingIterationAndQuantity() {
    PointToZero env = new PointToZero();
    env.rewardOverride = Double.NaN;
    assertThatThrownBy(() -> Sac.train(env, small(1), TrainingListener.NONE))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("SAC: loss/q1 is NaN at iteration 301 (environment step)");
  }

  @Test
  void targetsStartAsCopies_andTrackTheCriticsByPolyak() {
    Sac sac = new Sac(new PointToZero(), small(2));
    assertSameParameters(sac.q1(), sac.q1Target());
    List<double[]> before = new ArrayList<>();
    for (DMatrixRMaj m : sac.q1Target().parameterValues()) {
      before.add(m.data.clone());
    }
    sac.run(301, TrainingListener.NONE); // exactly one update
    // after one update: θ_targ = (1 − ρ)θ_0 + ρθ_1
    double rho = sac.config().polyak();
    for (int k = 0; k < before.size(); k++) {
      double[] online = sac.q1().parameterValues().get(k).data;
      double[] expected = new double[online.length];
      for (int i = 0; i < online.length; i++) {
        expected[i] = (1 - rho) * before.get(k)[i] + rho * online[i];
      }
      assertClose(expected, sac.q1Target().parameterValues().get(k).data, 1e-15);
    }
  }

  @Test
  void config_rejectsNonsenseWithTheValue() {
    SacConfig d = SacConfig.defaults();
    assertThatThrownBy(() -> d.withGamma(1.5)).hasMessage("gamma must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> d.withLearningStarts(0))
        .hasMessage("learningStarts must be >= 1, got 0");
    assertThatThrownBy(() -> d.withPolicyLearningRate(Double.NaN))
        .hasMessage("policyLearningRate must be finite and > 0, got NaN");
    assertThatThrownBy(() -> d.withBatchSize(0)).hasMessage("batchSize must be >= 1, got 0");
    assertThatThrownBy(() -> d.withPolyak(0)).hasMessage("polyak must be in (0, 1], got 0.0");
    assertThatThrownBy(() -> d.withBufferCapacity(10))
        .hasMessage("bufferCapacity must be >= batchSize (256), got 10");
    assertThatThrownBy(() -> d.withLogStdMax(-6))
        .hasMessage("logStdMax must be finite and > logStdMin (-5.0), got -6.0");
    assertThat(d.withPolyak(0.01).polyak()).isEqualTo(0.01);
    assertThat(SacConfigBuilder.builder(d).seed(9).build()).isEqualTo(d.withSeed(9));
  }
}
