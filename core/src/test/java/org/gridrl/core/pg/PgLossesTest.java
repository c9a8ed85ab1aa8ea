package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.TanhGaussian;
import org.gridrl.core.env.Box;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgLossesTest extends TestBase {

  private static DMatrixRMaj column(double... x) {
    return new DMatrixRMaj(x.length, 1, true, x);
  }

  @Test
  void ppoClip_handCase_ratiosInsideAndOutsideTheClipRange() {
    // ρ = [1.1, 1.5, 0.5, 0.5, 1.5], Â = [2, 1, 1, −1, −1], ε = 0.2
    // min(ρÂ, clip(ρ)Â) = [2.2, 1.2 (clipped), 0.5, −0.8 (clipped), −1.5]; mean 0.32
    double[] ratio = {1.1, 1.5, 0.5, 0.5, 1.5};
    double[] old = {-1, -0.3, -2, -0.7, -1.2};
    double[] lp = new double[5];
    for (int i = 0; i < 5; i++) {
      lp[i] = old[i] + Math.log(ratio[i]);
    }
    Tape tape = new Tape();
    Tensor logProb = tape.parameter(column(lp));
    Tensor loss = PgLosses.ppoClip(tape, logProb, tape.constant(column(old)),
        tape.constant(column(2, 1, 1, -1, -1)), 0.2);
    assertClose(-0.32, loss.item(), 1e-12);
    // ∂L/∂log π_i = −ρ_i Â_i / 5 where the unclipped term is the minimum, 0 where clipped
    double[] g = tape.grad(loss, logProb, false).value().data;
    assertClose(new double[] {-1.1 * 2 / 5, 0, -0.5 / 5, 0, 1.5 / 5}, g, 1e-12);
  }

  @Test
  void clippedValue_handCase_takesTheLargerError() {
    // V = [1, 3], V_old = [2, 2], R = [0, 0], ε = 0.5:
    // row 0: (1)² = 1 vs (1.5)² = 2.25 → 2.25; row 1: 9 vs (2.5)² = 6.25 → 9; ½·mean = 2.8125
    Tape tape = new Tape();
    Tensor v = tape.parameter(column(1, 3));
    Tensor loss = PgLosses.clippedValue(tape, v, tape.constant(column(2, 2)),
        tape.constant(column(0, 0)), 0.5);
    assertClose(2.8125, loss.item(), 1e-12);
    // row 0's max is the clipped term, whose V − V_old = −1 is clipped: no gradient;
    // row 1: ∂/∂V ½·(1/2)(V − R)² = V/2 = 1.5
    assertClose(new double[] {0, 1.5}, tape.grad(loss, v, false).value().data, 1e-12);
    Tensor mse = PgLosses.valueMse(tape, tape.constant(column(1, 3)),
        tape.constant(column(0, 0)));
    assertClose(2.5, mse.item(), 1e-12);
  }

  @Test
  void scoreFunction_value_isMinusMeanOfLogProbTimesAdvantage() {
    Tape tape = new Tape();
    Tensor loss = PgLosses.scoreFunction(tape, tape.constant(column(-1, -2)),
        tape.constant(column(3, -1)));
    assertClose(-(-3 + 2) / 2.0, loss.item(), 1e-12);
  }

  private static List<DMatrixRMaj> values(List<Parameter> ps) {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (Parameter p : ps) {
      out.add(p.value());
    }
    return out;
  }

  private static DMatrixRMaj randomMatrix(Random rand, int m, int n) {
    DMatrixRMaj x = new DMatrixRMaj(m, n);
    for (int i = 0; i < m * n; i++) {
      x.data[i] = rand.nextGaussian();
    }
    return x;
  }

  @Test
  void categoricalPolicyLosses_parameterGradients_matchFiniteDifferences() {
    Random rand = new Random(21);
    CategoricalPolicy pi = CategoricalPolicy.mlp(3, new int[] {4}, 3, new Rng(2));
    // larger output weights than the 0.01 init so the policy is far from uniform
    for (DMatrixRMaj w : values(pi.parameters())) {
      for (int i = 0; i < w.data.length; i++) {
        w.data[i] = 0.7 * rand.nextGaussian();
      }
    }
    DMatrixRMaj obs = randomMatrix(rand, 5, 3);
    int[] actions = {0, 2, 1, 1, 0};
    DMatrixRMaj adv = randomMatrix(rand, 5, 1);
    // old log-probs: the current ones shifted so ratios are 1.05 (inside) or 1.6 (outside)
    Tape t0 = new Tape();
    double[] now = pi.evaluate(t0, t0.constant(obs), pi.bind(t0), null, actions).logProb()
        .value().data.clone();
    double[] old = new double[5];
    for (int i = 0; i < 5; i++) {
      old[i] = now[i] - Math.log(i % 2 == 0 ? 1.05 : 1.6);
    }
    GradCheck.Loss f = (tape, in) -> {
      Policy.Evaluation ev = pi.evaluate(tape, tape.constant(obs), in, null, actions);
      Tensor a = tape.constant(adv);
      Tensor l = tape.add(PgLosses.scoreFunction(tape, ev.logProb(), a),
          PgLosses.ppoClip(tape, ev.logProb(), tape.constant(column(old)), a, 0.2));
      return tape.sub(l, tape.mul(tape.mean(ev.entropy()), 0.01));
    };
    GradCheck.Report r = GradCheck.firstOrder(f, values(pi.parameters()), 1e-6);
    assertThat(r.within(1e-7)).as(r.describe()).isTrue();
  }

  @Test
  void gaussianPolicyLosses_parameterGradients_matchFiniteDifferences() {
    Random rand = new Random(22);
    GaussianPolicy pi = GaussianPolicy.mlp(2, new int[] {3}, 2, -0.3, new Rng(4));
    for (DMatrixRMaj w : values(pi.parameters())) {
      for (int i = 0; i < w.data.length; i++) {
        w.data[i] += 0.5 * rand.nextGaussian();
      }
    }
    DMatrixRMaj obs = randomMatrix(rand, 4, 2);
    DMatrixRMaj actions = randomMatrix(rand, 4, 2);
    DMatrixRMaj adv = randomMatrix(rand, 4, 1);
    GradCheck.Loss f = (tape, in) -> {
      Policy.Evaluation ev = pi.evaluate(tape, tape.constant(obs), in, actions, null);
      return tape.sub(PgLosses.scoreFunction(tape, ev.logProb(), tape.constant(adv)),
          tape.mul(tape.mean(ev.entropy()), 0.01));
    };
    GradCheck.Report r = GradCheck.firstOrder(f, values(pi.parameters()), 1e-6);
    assertThat(r.within(1e-7)).as(r.describe()).isTrue();
  }

  @Test
  void valueLosses_gradientsThroughAnMlp_matchFiniteDifferences() {
    Random rand = new Random(23);
    var v = Networks.value(3, List.of(4), new Rng(5));
    DMatrixRMaj obs = randomMatrix(rand, 6, 3);
    DMatrixRMaj targets = randomMatrix(rand, 6, 1);
    DMatrixRMaj old = randomMatrix(rand, 6, 1);
    GradCheck.Loss f = (tape, in) -> {
      Tensor pred = v.forward(tape, tape.constant(obs), in);
      return tape.add(PgLosses.valueMse(tape, pred, tape.constant(targets)),
          PgLosses.clippedValue(tape, pred, tape.constant(old), tape.constant(targets), 0.3));
    };
    GradCheck.Report r = GradCheck.firstOrder(f, values(v.parameters()), 1e-6);
    assertThat(r.within(1e-6)).as(r.describe()).isTrue();
  }

  // ------------------------------------------------------------------ SAC

  @Test
  void softTarget_handCase() {
    DMatrixRMaj r = column(1.0, -0.5, 2.0);
    DMatrixRMaj d = column(0, 0, 1);
    DMatrixRMaj q1 = column(3.0, -1.0, 7.0);
    DMatrixRMaj q2 = column(2.0, 4.0, 9.0);
    DMatrixRMaj logPi = column(-1.0, 0.5, 3.0);
    DMatrixRMaj y = new DMatrixRMaj(1, 1);
    PgLosses.softTarget(r, d, q1, q2, logPi, 0.9, 0.2, y);
    // row 0: 1 + 0.9 (min(3, 2) − 0.2·(−1)) = 1 + 0.9·2.2 = 2.98
    // row 1: −0.5 + 0.9 (−1 − 0.2·0.5) = −0.5 − 0.99 = −1.49
    // row 2: terminated, 2
    assertClose(new double[] {2.98, -1.49, 2.0}, y.data, TIGHT);
    assertThat(y.numRows).isEqualTo(3);
  }

  /**
   * The actor loss by hand: mean(α log π − min(Q₁, Q₂)) = mean(0.5·[−1, 0.2] − [1, −2]) = 0.3,
   * and its gradient: α/m in log π, 1/m·(−1) in the selected critic, 0 in the other.
   */
  @Test
  void sacActor_handCase_valueAndSubgradientOfTheMinimum() {
    Tape tape = new Tape();
    Tensor logPi = tape.parameter(column(-1, 0.2));
    Tensor q1 = tape.parameter(column(1, 3));
    Tensor q2 = tape.parameter(column(2, -2));
    DMatrixRMaj mask = new DMatrixRMaj(1, 1);
    Tensor loss = PgLosses.sacActor(tape, logPi, q1, q2, 0.5, mask);
    // rows: 0.5·(−1) − min(1, 2) = −1.5; 0.5·0.2 − min(3, −2) = 2.1; mean 0.3
    assertClose(0.3, loss.item(), TIGHT);
    assertClose(new double[] {1, 0}, mask.data, 0);
    List<Tensor> g = tape.grad(loss, List.of(logPi, q1, q2), false);
    assertClose(new double[] {0.25, 0.25}, g.get(0).value().data, TIGHT);
    assertClose(new double[] {-0.5, 0}, g.get(1).value().data, TIGHT);
    assertClose(new double[] {0, -0.5}, g.get(2).value().data, TIGHT);
  }

  @Test
  void sacTemperature_handCase_andItsGradient() {
    // log α = ln 0.5, mean log π = −0.3, H̄ = −2: J = −ln 0.5 · (−2.3) = 2.3 ln 0.5
    assertClose(2.3 * Math.log(0.5), PgLosses.sacTemperature(Math.log(0.5), -0.3, -2), TIGHT);
    // ∂J/∂log α = 2.3 > 0: entropy 0.3 above the target −2, α falls
    assertClose(2.3, PgLosses.sacTemperatureGradient(-0.3, -2), TIGHT);
    double h = 1e-6;
    double fd = (PgLosses.sacTemperature(0.1 + h, -0.3, -2)
        - PgLosses.sacTemperature(0.1 - h, -0.3, -2)) / (2 * h);
    assertClose(fd, PgLosses.sacTemperatureGradient(-0.3, -2), 1e-8);
  }

  /** SAC's actor loss L_π(θ) of a tanh-Gaussian actor against two fixed critics. */
  static Tensor sacActorLoss(Tape tape, TanhGaussianPolicy policy, List<Tensor> actorParams,
      Mlp q1, Mlp q2, DMatrixRMaj obs, DMatrixRMaj eps, double alpha) {
    Tensor o = tape.constant(obs);
    List<Tensor> c1 = TanhGaussianPolicy.constants(tape, q1, new ArrayList<>());
    List<Tensor> c2 = TanhGaussianPolicy.constants(tape, q2, new ArrayList<>());
    TanhGaussian.Sample s = policy.distribution(tape, o, actorParams, null).rsample(eps);
    Tensor sa = tape.concat(o, s.action(), 1);
    return PgLosses.sacActor(tape, s.logProb(), q1.forward(tape, sa, c1, 0),
        q2.forward(tape, sa, c2, 0), alpha, null);
  }

  /** ∂L_π/∂θ_actor from the tape against central differences, critics held fixed. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void sacActor_gradientThroughTheActor_matchesFiniteDifferences(int seed) {
    Rng rng = new Rng(seed);
    // tanh hidden units keep the loss smooth (ReLU kinks would spoil finite differences)
    Mlp actor = new Mlp(new int[] {3, 5, 4}, Activation.TANH, Init.xavierUniform(), rng);
    TanhGaussianPolicy policy = new TanhGaussianPolicy(actor, -5, 2, Box.uniform(2, -1, 1));
    Mlp q1 = new Mlp(new int[] {5, 6, 1}, Activation.TANH, Init.xavierUniform(), rng);
    Mlp q2 = new Mlp(new int[] {5, 6, 1}, Activation.TANH, Init.xavierUniform(), rng);
    Random r = new Random(seed);
    DMatrixRMaj obs = randomMatrix(r, 4, 3);
    DMatrixRMaj eps = randomMatrix(r, 4, 2);
    GradCheck.Loss f = (tape, x) -> sacActorLoss(tape, policy, x, q1, q2, obs, eps, 0.3);
    GradCheck.Report report = GradCheck.firstOrder(f, actor.parameterValues(), 1e-6);
    assertThat(report.within(1e-6)).as(report.describe()).isTrue();
  }

  /** The actor loss value against an independent plain-Java forward of all three networks. */
  @Test
  void sacActor_valueMatchesDirectComputation() {
    Rng rng = new Rng(7);
    Mlp actor = new Mlp(new int[] {2, 4, 2}, Activation.TANH, Init.xavierUniform(), rng);
    TanhGaussianPolicy policy = new TanhGaussianPolicy(actor, -5, 2, Box.uniform(1, -1, 1));
    Mlp q1 = new Mlp(new int[] {3, 4, 1}, Activation.TANH, Init.xavierUniform(), rng);
    Mlp q2 = new Mlp(new int[] {3, 4, 1}, Activation.TANH, Init.xavierUniform(), rng);
    DMatrixRMaj obs = new DMatrixRMaj(new double[][] {{0.1, -0.4}, {0.7, 0.2}, {-1.0, 0.5}});
    DMatrixRMaj eps = new DMatrixRMaj(new double[][] {{0.3}, {-1.2}, {0.8}});
    double alpha = 0.5;
    Tape tape = new Tape();
    double loss = sacActorLoss(tape, policy, actor.bind(tape), q1, q2, obs, eps, alpha).item();
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      double[] s = {obs.get(i, 0), obs.get(i, 1)};
      double[] out = forward(actor, s);
      double mu = out[0];
      double logStd = -5 + 3.5 * (Math.tanh(out[1]) + 1);
      double u = mu + Math.exp(logStd) * eps.get(i, 0);
      double a = Math.tanh(u);
      double logPi = -0.5 * eps.get(i, 0) * eps.get(i, 0) - logStd - 0.5 * Math.log(2 * Math.PI)
          - Math.log(1 - a * a);
      double[] sa = {s[0], s[1], a};
      double minQ = Math.min(forward(q1, sa)[0], forward(q2, sa)[0]);
      expected += (alpha * logPi - minQ) / 3;
    }
    assertThat(loss).isCloseTo(expected, within(1e-10));
  }

  /** A plain-Java forward of a tanh MLP (independent of the tape). */
  static double[] forward(Mlp net, double[] x) {
    double[] h = x;
    List<Parameter> ps = net.parameters();
    for (int l = 0; l < ps.size() / 2; l++) {
      DMatrixRMaj w = ps.get(2 * l).value();
      DMatrixRMaj b = ps.get(2 * l + 1).value();
      double[] next = new double[w.numCols];
      for (int j = 0; j < w.numCols; j++) {
        double acc = b.get(0, j);
        for (int i = 0; i < w.numRows; i++) {
          acc += h[i] * w.get(i, j);
        }
        next[j] = l + 1 < ps.size() / 2 ? Math.tanh(acc) : acc;
      }
      h = next;
    }
    return h;
  }
}
