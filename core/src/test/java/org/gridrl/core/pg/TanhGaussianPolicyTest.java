package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.Box;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

/** SAC's policy as a {@link Policy} in the environment's units. */
class TanhGaussianPolicyTest extends TestBase {

  /** The box [−0.1, 0.1] × [1, 3]: c = (0, 2), h = (0.1, 1). */
  static final Box BOX = new Box(new double[] {-0.1, 1}, new double[] {0.1, 3});

  static TanhGaussianPolicy policy(long seed) {
    Mlp actor = new Mlp(new int[] {3, 5, 4}, Activation.TANH, Init.xavierUniform(),
        new Rng(seed));
    return new TanhGaussianPolicy(actor, -5, 2, BOX);
  }

  static DMatrixRMaj observations(Random r, int m) {
    DMatrixRMaj obs = new DMatrixRMaj(m, 3);
    for (int i = 0; i < obs.data.length; i++) {
      obs.data[i] = r.nextGaussian();
    }
    return obs;
  }

  /**
   * The deterministic action is c + h ⊙ tanh(μ(s)), μ the actor's first d outputs (computed
   * here with a plain forward).
   */
  @Test
  void deterministicAction_isTheBoxMapOfTanhMu() {
    TanhGaussianPolicy pi = policy(1);
    double[] s = {0.3, -0.7, 1.1};
    double[] mu = PgLossesTest.forward(pi.network(), s);
    double[] x = pi.deterministicAction(s);
    assertThat(x[0]).isCloseTo(0.1 * Math.tanh(mu[0]), within(1e-15));
    assertThat(x[1]).isCloseTo(2 + Math.tanh(mu[1]), within(1e-15));
    double[] unit = new double[2];
    pi.deterministicUnit(s, unit);
    assertClose(new double[] {Math.tanh(mu[0]), Math.tanh(mu[1])}, unit, 1e-15);
  }

  /**
   * act draws x in the box with log π(x|s) = log π_unit(a|s) − Σ log h; evaluate at those x
   * gives the same log-probability (through atanh) and −log π as the entropy estimate.
   */
  @Test
  void act_thenEvaluate_agreeOnTheLogProbabilityInEnvironmentUnits() {
    TanhGaussianPolicy pi = policy(2);
    DMatrixRMaj obs = observations(new Random(3), 6);
    Tape tape = new Tape();
    DMatrixRMaj actions = new DMatrixRMaj(1, 1);
    double[] logProb = new double[6];
    pi.act(tape, obs, new Rng(4), actions, logProb);
    assertThat(actions.numRows).isEqualTo(6);
    for (int i = 0; i < 6; i++) {
      assertThat(Math.abs(actions.get(i, 0))).isLessThan(0.1);
      assertThat(actions.get(i, 1)).isBetween(1.0, 3.0);
    }
    tape.reset();
    Policy.Evaluation ev = pi.evaluate(tape, tape.constant(obs), pi.bind(tape), actions, null);
    double[] lp = ev.logProb().value().data;
    double[] h = ev.entropy().value().data;
    for (int i = 0; i < 6; i++) {
      assertThat(lp[i]).as("row %s", i).isCloseTo(logProb[i], within(1e-8));
      assertThat(h[i]).isEqualTo(-lp[i]);
    }
    // the unit-box density of TanhGaussian.logProb, shifted by −Σ log h = −log 0.1 − log 1
    Tape t = new Tape();
    var dist = pi.distribution(t, t.constant(obs), pi.bind(t), null);
    DMatrixRMaj mu = dist.mu().value();
    DMatrixRMaj logStd = dist.logStd().value();
    for (int i = 0; i < 6; i++) {
      double[] a = {actions.get(i, 0) / 0.1, actions.get(i, 1) - 2};
      double unit = org.gridrl.core.dist.TanhGaussian.logProb(a,
          new double[] {mu.get(i, 0), mu.get(i, 1)},
          new double[] {logStd.get(i, 0), logStd.get(i, 1)});
      assertThat(lp[i]).isCloseTo(unit - Math.log(0.1), within(1e-8));
    }
  }

  /** ∂ Σ log π(x_i|s_i) / ∂θ from the tape against central differences. */
  @Test
  void evaluate_gradientInTheActorParameters_matchesFiniteDifferences() {
    TanhGaussianPolicy pi = policy(5);
    Random r = new Random(6);
    DMatrixRMaj obs = observations(r, 4);
    DMatrixRMaj actions = new DMatrixRMaj(4, 2);
    for (int i = 0; i < 4; i++) {
      actions.set(i, 0, 0.09 * (2 * r.nextDouble() - 1));
      actions.set(i, 1, 2 + 0.9 * (2 * r.nextDouble() - 1));
    }
    GradCheck.Loss f = (tape, in) -> tape.sum(pi.evaluate(tape, tape.constant(obs), in,
        actions, null).logProb());
    GradCheck.Report report = GradCheck.firstOrder(f, new ArrayList<>(
        pi.network().parameterValues()), 1e-6);
    assertThat(report.within(1e-6)).as(report.describe()).isTrue();
  }

  @Test
  void construction_rejectsAnUnboundedBoxOrAWrongActor() {
    Mlp actor = new Mlp(new int[] {3, 4}, Activation.TANH, Init.xavierUniform(), new Rng(1));
    assertThatThrownBy(() -> new TanhGaussianPolicy(actor, -5, 2,
        Box.uniform(2, Double.NEGATIVE_INFINITY, 1)))
        .hasMessage("SAC needs a bounded action space, dimension 0 is [-Infinity, 1.0]");
    assertThatThrownBy(() -> new TanhGaussianPolicy(actor, -5, 2, Box.uniform(1, -1, 1)))
        .hasMessage("the actor must have 2·1 outputs (μ and log σ), got 4");
    assertThat(new TanhGaussianPolicy(actor, -5, 2, BOX).parameters())
        .isEqualTo(List.copyOf(actor.parameters()));
  }
}
