package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

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
    var v = Networks.value(3, new int[] {4}, new Rng(5));
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
}
